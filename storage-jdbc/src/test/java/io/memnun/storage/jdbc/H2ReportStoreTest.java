package io.memnun.storage.jdbc;

import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.tck.ReportStoreContract;

/** The report contract as SQL aggregates on an in-memory H2 database. */
class H2ReportStoreTest extends ReportStoreContract {
    private final JdbcStorage storage = JdbcStorage.builder().dataSource(TestDatabases.h2()).tablePrefix("rep_").migrateOnStart(true).build();

    @Override
    protected FeedbackStore feedbackStore() {
        return storage.feedbackStore();
    }

    @Override
    protected ReportStore reportStore() {
        return storage.reportStore();
    }
}
