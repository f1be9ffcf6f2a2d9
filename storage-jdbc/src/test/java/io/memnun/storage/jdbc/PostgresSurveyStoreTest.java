package io.memnun.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.spi.SurveyStore;
import io.memnun.tck.SurveyStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The survey store contract on a real PostgreSQL, started once for the test JVM. */
class PostgresSurveyStoreTest extends SurveyStoreContract {
    private static HikariDataSource ds;
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(10);
        storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    @Override
    protected SurveyStore createStore() {
        return storage.surveyStore();
    }
}
