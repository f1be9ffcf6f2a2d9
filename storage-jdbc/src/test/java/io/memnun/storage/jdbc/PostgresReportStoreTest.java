package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.tck.ReportStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The report contract as SQL aggregates on a real PostgreSQL. */
class PostgresReportStoreTest extends ReportStoreContract {
    private final HikariDataSource ds = TestDatabases.postgresSchema(4);
    private final JdbcStorage storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();

    @AfterAll
    void close() {
        ds.close();
    }

    @Override
    protected FeedbackStore feedbackStore() {
        return storage.feedbackStore();
    }

    @Override
    protected ReportStore reportStore() {
        return storage.reportStore();
    }
}
