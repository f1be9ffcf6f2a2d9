package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.TenantId;
import io.memnun.spi.FeedbackStore;
import io.memnun.tck.TenantIsolationContract;

/** The tenant isolation contract on a database, with the store's own counts ({@code countBy}) checked as well. */
abstract class JdbcTenantIsolationTests extends TenantIsolationContract {

    abstract JdbcStorage storage();

    @Override
    protected FeedbackStore createStore() {
        return storage().feedbackStore();
    }

    @Override
    protected void assertCounts(TenantId tenant, int expected) {
        JdbcFeedbackStore s = storage().feedbackStore();
        for (JdbcFeedbackStore.GroupBy g : JdbcFeedbackStore.GroupBy.values()) {
            long total = c(s.countBy(FeedbackQuery.builder(tenant).build(), g)).stream()
                    .mapToLong(JdbcFeedbackStore.GroupCount::count).sum();
            assertThat(total).as("countBy %s", g).isEqualTo(expected);
        }
    }
}
