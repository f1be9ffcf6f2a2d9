package io.memnun.spi;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.notify.Notification;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One unit of work for a {@link FeedbackStore}: the feedback's new state, the history events that lead to it,
 * and the notifications those events cause. A store writes all of it or none of it; the notifications go to the
 * store's {@link TransactionalOutbox#outbox() outbox}.
 *
 * @param feedback the new state
 * @param expectedVersion the version the change was based on; {@code 0} for a new feedback
 * @param events the new history events, in order, the last one carrying {@code feedback.version()}
 * @param outbox the notifications to write to the outbox in the same transaction; empty without notifications
 * @param unchanged another feedback of the tenant the change was decided on, which must still be at that version when
 *     the change is written (checked in the same transaction, the other row locked until it ends); {@code null} when
 *     the change depends on no other feedback. A merge names its original: the duplicate is linked only to the
 *     original as it was checked, not to one redirected or merged meanwhile.
 */
public record FeedbackChange(Feedback feedback, long expectedVersion, List<FeedbackEvent> events, List<Notification> outbox,
        @Nullable Unchanged unchanged) {
    /** Another feedback and the version it must still have. */
    public record Unchanged(FeedbackId id, long version) {
        public Unchanged {
            Objects.requireNonNull(id, "id");
            if (version < 1) {
                throw new IllegalArgumentException("version must be positive");
            }
        }
    }

    public FeedbackChange {
        Objects.requireNonNull(feedback, "feedback");
        if (unchanged != null && unchanged.id().equals(feedback.id())) {
            throw new IllegalArgumentException("a change cannot depend on its own feedback staying unchanged");
        }
        events = List.copyOf(events);
        outbox = List.copyOf(outbox);
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion must not be negative");
        }
        if (events.isEmpty() || events.get(events.size() - 1).version() != feedback.version()) {
            throw new IllegalArgumentException("the last event must carry the feedback's new version " + feedback.version());
        }
        for (FeedbackEvent e : events) {
            if (!e.feedbackId().equals(feedback.id())) {
                throw new IllegalArgumentException("event of another feedback: " + e.feedbackId());
            }
        }
        for (Notification n : outbox) {
            if (!n.feedbackId().equals(java.util.Optional.of(feedback.id())) || !n.tenant().equals(feedback.tenant())) {
                throw new IllegalArgumentException("notification about another owner: " + n.owner());
            }
        }
    }

    /** A change that depends on no other feedback. */
    public FeedbackChange(Feedback feedback, long expectedVersion, List<FeedbackEvent> events, List<Notification> outbox) {
        this(feedback, expectedVersion, events, outbox, null);
    }

    /** A change without notifications. */
    public FeedbackChange(Feedback feedback, long expectedVersion, List<FeedbackEvent> events) {
        this(feedback, expectedVersion, events, List.of());
    }

    /** A new feedback and its receipt event. */
    public static FeedbackChange create(Feedback feedback, FeedbackEvent received) {
        return new FeedbackChange(feedback, 0, List.of(received));
    }

    /** A change of an existing feedback based on {@code expectedVersion}. */
    public static FeedbackChange update(Feedback feedback, long expectedVersion, FeedbackEvent event) {
        return new FeedbackChange(feedback, expectedVersion, List.of(event));
    }

    /** This change with its events replaced (same versions) and {@code notifications} for the outbox. */
    public FeedbackChange withOutbox(List<FeedbackEvent> newEvents, List<Notification> notifications) {
        return new FeedbackChange(feedback, expectedVersion, newEvents, notifications, unchanged);
    }

    /** This change, written only while {@code other} is still at {@code version}; see {@link #unchanged()}. */
    public FeedbackChange requiring(FeedbackId other, long version) {
        return new FeedbackChange(feedback, expectedVersion, events, outbox, new Unchanged(other, version));
    }

    public boolean isCreate() {
        return expectedVersion == 0;
    }
}
