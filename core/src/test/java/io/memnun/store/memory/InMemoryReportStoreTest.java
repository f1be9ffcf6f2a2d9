package io.memnun.store.memory;

import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.tck.ReportStoreContract;

class InMemoryReportStoreTest extends ReportStoreContract {
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();

    @Override
    protected FeedbackStore feedbackStore() {
        return store;
    }

    @Override
    protected ReportStore reportStore() {
        return store;
    }
}
