package io.memnun.store.memory;

import io.memnun.spi.SurveyStore;
import io.memnun.tck.SurveyStoreContract;

class InMemorySurveyStoreTest extends SurveyStoreContract {
    @Override
    protected SurveyStore createStore() {
        return new InMemorySurveyStore();
    }
}
