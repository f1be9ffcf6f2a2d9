package io.memnun.spi;

import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.SealedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One anonymisation for a {@link FeedbackStore}: the feedback's new state, earlier events rewritten in place (same
 * versions, their notes and details blanked) and the event that records it. Unlike a {@link FeedbackChange}, it
 * rewrites history: the only write that does.
 *
 * <p>A store that seals its history ({@link SealedHistory}) seals the rewritten events anew ({@link #resealed}), and
 * with them every later one: the digests of the removed text go with the text, so that nobody holding the database
 * can confirm a guess of what an anonymised note said by hashing the guess. The recorded event names the head the
 * chain had before ({@code previousHead} in its details, when the desk knew it), which links a head recorded
 * elsewhere earlier to the chain as it is now.
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
     * The events of {@code stored} (a feedback's whole sealed history, in version order) from the first rewritten one
     * on, each with its rewritten text if it was rewritten ({@link #rewrite}), sealed anew after the stored hash of the event before. Empty when nothing is rewritten, and
     * when the event before was never sealed (written before the store sealed events): there is no chain to continue.
     */
    public List<SealedEvent> resealed(List<SealedEvent> stored) {
        Objects.requireNonNull(stored, "stored");
        if (rewritten.isEmpty()) {
            return List.of();
        }
        Map<Long, FeedbackEvent> texts = new HashMap<>();
        long first = Long.MAX_VALUE;
        for (FeedbackEvent e : rewritten) {
            texts.put(e.version(), e);
            first = Math.min(first, e.version());
        }
        int from = (int) first - 1;
        if (from >= stored.size()) {
            throw new IllegalArgumentException("the stored history has no version " + first);
        }
        String before = from == 0 ? null : stored.get(from - 1).hash();
        if (from > 0 && before == null) {
            return List.of();
        }
        byte[] previous = before == null ? HistoryChain.genesis() : HistoryChain.bytes(before);
        List<SealedEvent> out = new ArrayList<>(stored.size() - from);
        for (SealedEvent s : stored.subList(from, stored.size())) {
            FeedbackEvent old = s.event();
            FeedbackEvent text = texts.get(old.version());
            FeedbackEvent now = text == null ? old : rewrite(old, text);
            SealedEvent sealed = HistoryChain.seal(now, previous);
            out.add(sealed);
            previous = HistoryChain.bytes(sealed.hash());
        }
        return out;
    }

    /**
     * {@code stored} with the note and details of {@code text}, its rewritten version: only the text changes; type,
     * actor, time and statuses are the history's shape and stay.
     */
    public static FeedbackEvent rewrite(FeedbackEvent stored, FeedbackEvent text) {
        return new FeedbackEvent(stored.feedbackId(), stored.version(), stored.type(), stored.actor(), stored.at(), text.note(),
                stored.from(), stored.to(), text.details());
    }

    public static FeedbackRedaction of(Anonymisation.Result result) {
        return new FeedbackRedaction(result.feedback(), result.feedback().version() - 1, result.rewritten(), result.recorded());
    }
}
