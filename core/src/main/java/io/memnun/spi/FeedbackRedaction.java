package io.memnun.spi;

import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.HistorySeals;
import io.memnun.feedback.SealedEvent;
import java.util.List;
import java.util.Objects;

/**
 * One anonymisation for a {@link FeedbackStore}: the feedback's new state, earlier events rewritten in place (same
 * versions, their notes and details blanked) and the event that records it. Unlike a {@link FeedbackChange}, it
 * rewrites history: the only write that does.
 *
 * <p>A store that seals its history ({@link SealedHistory}) writes the rewritten events' digests of their new text,
 * and seals them and every later event anew when the stored chain verifies ({@link #reseal}): the digests of the
 * removed text go with the text, so that nobody holding the database can confirm a guess of what an anonymised note
 * said by hashing the guess. A chain that does not verify is not sealed anew, so that a change made behind the
 * store's back stays evident.
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

    /**
     * What a store that keeps seals writes besides the feedback and the recorded event, given the feedback's whole
     * sealed history as stored ({@link HistorySeals#afterRewrite}): the rewritten events' text and new digests, and
     * the events sealed anew when the stored chain verifies.
     */
    public HistorySeals.Reseal reseal(List<SealedEvent> stored) {
        return HistorySeals.afterRewrite(stored, rewritten);
    }

    public static FeedbackRedaction of(Anonymisation.Result result) {
        return new FeedbackRedaction(result.feedback(), result.feedback().version() - 1, result.rewritten(), result.recorded());
    }
}
