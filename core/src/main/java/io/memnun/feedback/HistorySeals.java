package io.memnun.feedback;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checking a stored history against its seals ({@link HistoryChain}), and sealing it anew when anonymisation rewrites
 * its text. Pure functions over the events as a store returned them ({@link SealedEvent}).
 */
public final class HistorySeals {
    private HistorySeals() {}

    /**
     * Where a sealed history breaks.
     *
     * @param version the first event (by version) that does not verify
     * @param reason what is wrong with it
     */
    public record Break(long version, String reason) {
        public Break {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * What a store writes when anonymisation rewrites a sealed history.
     *
     * @param writes the events whose stored row changes, in version order, each with its text (the rewritten text for a
     *     rewritten event, else as stored), its digests and its chain hash as they are to be stored
     * @param resealedFrom the first version sealed anew, {@code null} when nothing is (nothing to rewrite, or a broken
     *     chain)
     * @param broken where the stored chain breaks, {@code null} when it verifies: then no event is sealed anew, so that
     *     a change made behind the store's back stays evident, and the rewritten events only get the digests of their
     *     new text
     */
    public record Reseal(List<SealedEvent> writes, @Nullable Long resealedFrom, @Nullable Break broken) {
        public Reseal {
            writes = List.copyOf(writes);
        }
    }

    /**
     * The first break of {@code history} (ordered by version), {@code null} when every event is there, sealed, and
     * verifies. A text may be blank (null, empty or {@link Anonymisation#PLACEHOLDER}) where its digest is of other
     * text only before a later {@link EventType#ANONYMISED} event: how histories anonymised before their events were
     * sealed anew look.
     */
    public static @Nullable Break firstBreak(List<SealedEvent> history) {
        long anonymisedAt = lastAnonymisation(history);
        byte[] previous = HistoryChain.genesis();
        long expected = 1;
        for (SealedEvent s : history) {
            FeedbackEvent e = s.event();
            String problem = null;
            if (e.version() != expected) {
                problem = "expected version " + expected + " but found " + e.version();
            } else if (s.digests() == null || s.hash() == null) {
                problem = "the event was never sealed";
            } else {
                problem = textProblem(e, s.digests(), e.version() < anonymisedAt);
                if (problem == null) {
                    byte[] hash = HistoryChain.link(previous, HistoryChain.contentDigest(e, s.digests()));
                    if (!HistoryChain.hex(hash).equals(s.hash())) {
                        problem = "the stored hash does not match the event's content and the previous hash";
                    } else {
                        previous = hash;
                    }
                }
            }
            if (problem != null) {
                return new Break(e.version(), problem);
            }
            expected++;
        }
        return null;
    }

    /**
     * The writes that replace the text of the {@code rewritten} events (by version) in {@code stored} (a feedback's
     * whole sealed history, ordered by version) and leave no digest of the text replaced.
     *
     * <p>When the stored chain verifies, every event from the first rewritten one on is sealed anew (and from an
     * earlier one whose digests are of text blanked by an earlier anonymisation, if any): the events before keep
     * their seals. When it does not, nothing is sealed anew: re-sealing would make a change made behind the store's
     * back look intact. The rewritten events then get the digests of their new text with their stored chain hash, so
     * the chain stays broken where it was and breaks at them too. A rewritten version that is not stored is skipped.
     */
    public static Reseal afterRewrite(List<SealedEvent> stored, List<FeedbackEvent> rewritten) {
        Objects.requireNonNull(stored, "stored");
        Map<Long, FeedbackEvent> texts = new HashMap<>();
        rewritten.forEach(e -> texts.put(e.version(), e));
        Break broken = firstBreak(stored);
        if (broken == null) {
            broken = blankedByHand(stored);
        }
        List<SealedEvent> writes = new ArrayList<>();
        if (broken != null) {
            for (SealedEvent s : stored) {
                FeedbackEvent text = texts.get(s.event().version());
                if (text != null) {
                    FeedbackEvent now = s.event().withText(text.note(), text.details());
                    writes.add(new SealedEvent(now, s.digests() == null ? null : TextDigests.of(now), s.hash()));
                }
            }
            return new Reseal(writes, null, broken);
        }
        int from = -1;
        for (int i = 0; i < stored.size() && from < 0; i++) {
            SealedEvent s = stored.get(i);
            if (texts.containsKey(s.event().version()) || !s.digests().equals(TextDigests.of(s.event()))) {
                from = i;
            }
        }
        if (from < 0) {
            return new Reseal(List.of(), null, null);
        }
        // the chain verifies, so the events are versions 1..n, all sealed
        byte[] previous = from == 0 ? HistoryChain.genesis() : HistoryChain.bytes(stored.get(from - 1).hash());
        for (SealedEvent s : stored.subList(from, stored.size())) {
            FeedbackEvent text = texts.get(s.event().version());
            FeedbackEvent now = text == null ? s.event() : s.event().withText(text.note(), text.details());
            SealedEvent sealed = HistoryChain.seal(now, previous);
            writes.add(sealed);
            previous = HistoryChain.bytes(sealed.hash());
        }
        return new Reseal(writes, stored.get(from).event().version(), null);
    }

    /**
     * In a history that verifies, the first text accepted as blanked by an earlier anonymisation although it is not
     * what anonymisation writes ({@link Anonymisation#PLACEHOLDER}): null or empty where the digest says otherwise.
     * Anonymisation never wrote such a text, so it was changed by hand; sealing it anew would hide that.
     */
    private static @Nullable Break blankedByHand(List<SealedEvent> history) {
        for (SealedEvent s : history) {
            FeedbackEvent e = s.event();
            TextDigests d = s.digests();
            if (d == null) {
                continue;
            }
            if (blankedByHand(e.note(), d.note())) {
                return new Break(e.version(), "note is blank but not as an anonymisation blanks it");
            }
            for (Map.Entry<String, String> digest : d.details().entrySet()) {
                if (blankedByHand(e.details().get(digest.getKey()), digest.getValue())) {
                    return new Break(e.version(), "detail " + digest.getKey() + " is blank but not as an anonymisation blanks it");
                }
            }
        }
        return null;
    }

    private static boolean blankedByHand(@Nullable String text, @Nullable String digest) {
        return digest != null && (text == null || text.isEmpty()) && !HistoryChain.textDigest(text == null ? "" : text).equals(digest);
    }

    private static long lastAnonymisation(List<SealedEvent> history) {
        long at = 0;
        for (SealedEvent s : history) {
            if (s.event().type() == EventType.ANONYMISED) {
                at = Math.max(at, s.event().version());
            }
        }
        return at;
    }

    /** Whether the event's text matches its digests; {@code null} when it does. */
    private static @Nullable String textProblem(FeedbackEvent e, TextDigests d, boolean blankAllowed) {
        String note = textProblem("note", e.note(), d.note(), blankAllowed);
        if (note != null) {
            return note;
        }
        for (String key : e.details().keySet()) {
            if (!d.details().containsKey(key)) {
                return "detail " + key + " was added after the event was written";
            }
        }
        for (Map.Entry<String, String> digest : d.details().entrySet()) {
            String p = textProblem("detail " + digest.getKey(), e.details().get(digest.getKey()), digest.getValue(), blankAllowed);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static @Nullable String textProblem(String field, @Nullable String text, @Nullable String digest, boolean blankAllowed) {
        if (digest == null) {
            return text == null ? null : field + " was added after the event was written";
        }
        if (text == null || text.isEmpty() || text.equals(Anonymisation.PLACEHOLDER)) {
            if (text != null && HistoryChain.textDigest(text).equals(digest)) {
                return null;
            }
            return blankAllowed ? null : field + " is blank but no later " + EventType.ANONYMISED + " event records its anonymisation";
        }
        return HistoryChain.textDigest(text).equals(digest) ? null : field + " does not match its digest (changed after it was written)";
    }
}
