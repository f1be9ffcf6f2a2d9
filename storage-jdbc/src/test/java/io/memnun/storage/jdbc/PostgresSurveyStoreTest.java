package io.memnun.storage.jdbc;

import io.memnun.spi.SurveyStore;
import io.memnun.tck.SurveyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The survey store contract on a real PostgreSQL, started once for the test JVM. */
class PostgresSurveyStoreTest extends SurveyStoreContract {
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(10);

    @Override
    protected SurveyStore createStore() {
        return db.storage().surveyStore();
    }
}
