package io.memnun.store.memory;

import io.memnun.spi.RuleSetStore;
import io.memnun.tck.RuleSetStoreContract;

class InMemoryRuleSetStoreTest extends RuleSetStoreContract {
    @Override
    protected RuleSetStore createStore() {
        return new InMemoryRuleSetStore();
    }
}
