package io.memnun.storage.jdbc;

import io.memnun.spi.SurveyStore;
import io.memnun.tck.SurveyStoreContract;
import org.junit.jupiter.api.BeforeAll;

/** The survey store contract on an in-memory H2 database, with a table prefix other than the default. */
class H2SurveyStoreTest extends SurveyStoreContract {
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        // every contract test works in tenants of its own, so one database serves them all
        storage = JdbcStorage.builder().dataSource(TestDatabases.h2()).tablePrefix("pms_memnun_").migrateOnStart(true).build();
    }

    @Override
    protected SurveyStore createStore() {
        return storage.surveyStore();
    }
}
