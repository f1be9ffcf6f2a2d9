package io.memnun.storage.jdbc;

import io.memnun.feedback.FeedbackQuery;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.OutboxStore;
import io.memnun.spi.ReferenceSequence;
import io.memnun.spi.SealedHistory;
import io.memnun.spi.TransactionalOutbox;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The feedback store on a database, which also issues reference numbers from a sequence table (so
 * {@code FeedbackDesk.builder().store(store)} needs nothing else). Get one from {@link JdbcStorage#feedbackStore()}.
 *
 * <p>It writes a change's notifications to its {@link #outbox() outbox} in the same transaction as the feedback and
 * its events: all of them or none.
 *
 * <p>It seals every history event into the feedback's hash chain ({@link SealedHistory}), for
 * {@code io.memnun.HistoryVerifier}.
 *
 * <p>Besides the SPI it counts feedback per department, subject, status and so on in the database, for reports
 * and dashboards that must not load every row.
 */
public interface JdbcFeedbackStore extends FeedbackStore, ReferenceSequence, TransactionalOutbox, SealedHistory {

    /** The outbox this store writes its changes' notifications to; the same as {@link JdbcStorage#outboxStore()}. */
    @Override
    OutboxStore outbox();

    /** What {@link #countBy} groups by. */
    enum GroupBy {
        STATUS,
        KIND,
        PRIORITY,
        CHANNEL,
        TYPE,
        LOCATION,
        SUBJECT,
        DEPARTMENT,
        ASSIGNEE
    }

    /**
     * One group of {@link #countBy}.
     *
     * @param key the group's value (an id or an enum name), {@code null} for feedback without one
     * @param count how many feedback the group holds
     */
    record GroupCount(@Nullable String key, long count) {}

    /**
     * Counts the feedback matching {@code query}'s criteria (its cursor and limit are ignored) per value of
     * {@code groupBy}, as one {@code GROUP BY} in the database. Groups come ordered by key, the group without a
     * value last.
     */
    List<GroupCount> countBy(FeedbackQuery query, GroupBy groupBy);
}
