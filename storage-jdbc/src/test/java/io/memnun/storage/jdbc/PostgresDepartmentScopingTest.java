package io.memnun.storage.jdbc;

import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.tck.DepartmentScopingContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDepartmentScopingTest extends DepartmentScopingContract {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(4);

    @Override
    protected FeedbackStore createStore() {
        return db.storage().feedbackStore();
    }

    @Override
    protected ReportStore reportStore() {
        return db.storage().reportStore();
    }
}
