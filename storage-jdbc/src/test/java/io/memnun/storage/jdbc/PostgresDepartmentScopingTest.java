package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.tck.DepartmentScopingContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresDepartmentScopingTest extends DepartmentScopingContract {
    private static HikariDataSource ds;
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(4);
        storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @AfterAll
    static void close() {
        ds.close();
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
