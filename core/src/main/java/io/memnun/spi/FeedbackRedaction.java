package io.memnun.spi;

import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.HistorySeals;
import io.memnun.feedback.SealedEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One anonymisation for a {@link FeedbackStore}: the feedback's new state, earlier events rewritten in place (same
 * versions, their notes and details blanked) and the event that records it. Unlike a {@link FeedbackChange}, it
 * rewrites history: the only write that does.
 *
 * <p>A store that seals its history ({@link SealedHistory}) writes the rewritten events' digests of their new text,
 * and seals them and every later event anew up to the stored chain's first break ({@link #reseal}): the digests of
 * the removed text, and the chain hashes computed over them, go with the text, so that nobody holding the database
 * can confirm a guess of what an anonymised note said by hashing the guess. From a break on the chain hashes are
 * cleared instead, so that a change made behind the store's back stays evident where it was.
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
        if (recorded.type() != EventType.ANONYMISED || !recorded.feedbackId().equals(feedback.id())) {
            throw new IllegalArgumentException("a redaction is recorded by an " + EventType.ANONYMISED + " event of the same feedback, not "
                    + recorded.type());
        }
        for (FeedbackEvent e : rewritten) {
            if (!e.feedbackId().equals(feedback.id()) || e.version() > expectedVersion) {
                throw new IllegalArgumentException("a rewritten event must be an earlier event of the same feedback: " + e.version());
            }
        }
    }

    /**
     * What a store that keeps seals writes besides the feedback and the recorded event, given the feedback's whole
     * sealed history as stored at {@link #expectedVersion} ({@link HistorySeals#afterRewrite}): the rewritten events'
     * text with the digests of it, and from the first of them on the chain hashes computed anew up to the stored
     * chain's first break and cleared from it.
     *
     * @throws IllegalArgumentException if a rewritten event does more than blank its text
     * @throws VersionConflictException if the recorded event says otherwise how the chain is sealed (its
     *     {@code chain}, {@code resealedFrom} and {@code chainBrokenAt}, as {@link Anonymisation#anonymiseSealed}
     *     planned them): the history changed since; nothing is to be written
     */
    public HistorySeals.Reseal reseal(List<SealedEvent> stored) {
        HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, rewritten, expectedVersion);
        Map<String, String> said = recorded.details();
        String differing = HistorySeals.recordsChain(said) ? HistorySeals.differingChainDetail(said, r) : null;
        if (differing != null) {
            // planned on a history read earlier, which changed since (behind the store's back): the event would misstate it
            throw new VersionConflictException(feedback.id().toString(), expectedVersion, expectedVersion,
                    "its history changed since the anonymisation was planned: it records " + differing + " " + said.get(differing)
                            + ", the stored chain gives " + r.details().get(differing));
        }
        return r;
    }

    public static FeedbackRedaction of(Anonymisation.Result result) {
        return new FeedbackRedaction(result.feedback(), result.feedback().version() - 1, result.rewritten(), result.recorded());
    }
}
