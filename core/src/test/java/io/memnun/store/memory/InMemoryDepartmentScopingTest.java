package io.memnun.store.memory;

import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.tck.DepartmentScopingContract;

class InMemoryDepartmentScopingTest extends DepartmentScopingContract {
    private static final InMemoryFeedbackStore STORE = new InMemoryFeedbackStore();

    @Override
    protected FeedbackStore createStore() {
        return STORE;
    }

    @Override
    protected ReportStore reportStore() {
        return STORE;
    }
}
