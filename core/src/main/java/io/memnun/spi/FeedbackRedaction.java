package io.memnun.spi;

import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import java.util.List;
import java.util.Objects;

/**
 * One anonymisation for a {@link FeedbackStore}: the feedback's new state, earlier events rewritten in place (same
 * versions, their notes and details blanked) and the event that records it. Unlike a {@link FeedbackChange}, it
 * rewrites history: the only write that does.
 *
 * @param feedback the new state
 * @param expectedVersion the version it was based on: {@code feedback.version() - 1}
 * @param rewritten earlier events with new notes and details; every other column of theirs stays
 * @param recorded the {@link io.memnun.feedback.EventType#ANONYMISED} event, carrying {@code feedback.version()}
 */
public record FeedbackRedaction(Feedback feedback, long expectedVersion, List<FeedbackEvent> rewritten, FeedbackEvent recorded) {
    public FeedbackRedaction {
        Objects.requireNonNull(feedback, "feedback");
        rewritten = List.copyOf(rewritten);
        Objects.requireNonNull(recorded, "recorded");
        if (expectedVersion != feedback.version() - 1 || recorded.version() != feedback.version()) {
            throw new IllegalArgumentException("the recorded event must carry the feedback's new version, one after expectedVersion");
        }
        for (FeedbackEvent e : rewritten) {
            if (!e.feedbackId().equals(feedback.id()) || e.version() > expectedVersion) {
                throw new IllegalArgumentException("a rewritten event must be an earlier event of the same feedback: " + e.version());
            }
        }
    }

    public static FeedbackRedaction of(Anonymisation.Result result) {
        return new FeedbackRedaction(result.feedback(), result.feedback().version() - 1, result.rewritten(), result.recorded());
    }
}
