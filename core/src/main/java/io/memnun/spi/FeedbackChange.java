package io.memnun.spi;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import java.util.List;
import java.util.Objects;

/**
 * One unit of work for a {@link FeedbackStore}: the feedback's new state and the history events that lead to
 * it. A store writes all of it or none of it.
 *
 * @param feedback the new state
 * @param expectedVersion the version the change was based on; {@code 0} for a new feedback
 * @param events the new history events, in order, the last one carrying {@code feedback.version()}
 */
public record FeedbackChange(Feedback feedback, long expectedVersion, List<FeedbackEvent> events) {
    public FeedbackChange {
        Objects.requireNonNull(feedback, "feedback");
        events = List.copyOf(events);
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
    }

    /** A new feedback and its receipt event. */
    public static FeedbackChange create(Feedback feedback, FeedbackEvent received) {
        return new FeedbackChange(feedback, 0, List.of(received));
    }

    /** A change of an existing feedback based on {@code expectedVersion}. */
    public static FeedbackChange update(Feedback feedback, long expectedVersion, FeedbackEvent event) {
        return new FeedbackChange(feedback, expectedVersion, List.of(event));
    }

    public boolean isCreate() {
        return expectedVersion == 0;
    }
}
