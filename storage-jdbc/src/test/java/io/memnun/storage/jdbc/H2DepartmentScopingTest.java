package io.memnun.storage.jdbc;

import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.tck.DepartmentScopingContract;
import org.junit.jupiter.api.BeforeAll;

class H2DepartmentScopingTest extends DepartmentScopingContract {
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        storage = JdbcStorage.builder().dataSource(TestDatabases.h2()).migrateOnStart(true).build();
    }

    @Override
    protected FeedbackStore createStore() {
        return storage.feedbackStore();
    }

    @Override
    protected ReportStore reportStore() {
        return storage.reportStore();
    }
}
