package io.memnun.feedback;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** No version expected: the history is checked as far as it goes. */
    private static final long ANY_LENGTH = -1;

    /**
     * Where a sealed history breaks.
     *
     * @param version the first event (by version) that does not verify: one that is missing when the history ends
     *     early or skips it
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
     *     rewritten event, else as stored), its digests and its chain hash as they are to be stored ({@code null}: cleared)
     * @param resealedFrom the first version sealed anew (its chain hash computed again), {@code null} when none is
     * @param broken where the stored chain breaks, {@code null} when it verifies
     */
    public record Reseal(List<SealedEvent> writes, @Nullable Long resealedFrom, @Nullable Break broken) {
        public Reseal {
            writes = List.copyOf(writes);
        }

        /**
         * What the {@link EventType#ANONYMISED} event records of this: {@code chain} ({@code intact} or
         * {@code broken}), and {@code resealedFrom} and {@code chainBrokenAt} where they apply.
         */
        public Map<String, String> details() {
            Map<String, String> details = new LinkedHashMap<>();
            details.put(CHAIN, broken == null ? "intact" : "broken");
            if (resealedFrom != null) {
                details.put(RESEALED_FROM, Long.toString(resealedFrom));
            }
            if (broken != null) {
                details.put(CHAIN_BROKEN_AT, Long.toString(broken.version()));
            }
            return details;
        }
    }

    /** The keys of {@link Reseal#details()}. */
    public static final String CHAIN = "chain";
    public static final String RESEALED_FROM = "resealedFrom";
    public static final String CHAIN_BROKEN_AT = "chainBrokenAt";
    private static final List<String> CHAIN_DETAILS = List.of(CHAIN, RESEALED_FROM, CHAIN_BROKEN_AT);

    /** True when an {@link EventType#ANONYMISED} event's details record how the chain was sealed ({@link Reseal#details()}). */
    public static boolean recordsChain(Map<String, String> details) {
        return CHAIN_DETAILS.stream().anyMatch(details::containsKey);
    }

    /** The first of {@link Reseal#details()}'s keys on which {@code recorded} differs from {@code r}; null if none. */
    public static @Nullable String differingChainDetail(Map<String, String> recorded, Reseal r) {
        Map<String, String> found = r.details();
        return CHAIN_DETAILS.stream().filter(k -> !Objects.equals(recorded.get(k), found.get(k))).findFirst().orElse(null);
    }

    /**
     * The first break of {@code history} (ordered by version), {@code null} when every event is there, sealed, and
     * verifies: its text matches its digests and its stored hash links it to the event before.
     */
    public static @Nullable Break firstBreak(List<SealedEvent> history) {
        return firstBreak(history, ANY_LENGTH);
    }

    /** Like {@link #firstBreak(List)}, for the history of a feedback at {@code version}: it must end at that version. */
    public static @Nullable Break firstBreak(List<SealedEvent> history, long version) {
        Found found = find(history, version, false);
        return found == null ? null : found.broken();
    }

    /** A break and the position in the history where it is (the history's size when events are missing at its end). */
    private record Found(int index, Break broken) {}

    /**
     * The writes that replace the text of the {@code rewritten} events (by version) in {@code stored} (the whole sealed
     * history of a feedback at {@code version}, ordered by version) and leave nothing stored that was computed from
     * the text replaced: no digest of it, and no chain hash, which is computed over the digests.
     *
     * <p>Every event from the first rewritten one on gets the digests of its text as it now is. Its chain hash is
     * computed anew while the stored chain verifies up to it, and cleared from the first break on: computing it anew
     * there would make a change made behind the store's back look intact, and keeping it would keep a value that
     * confirms a guess of the removed text. A chain that verifies is so sealed anew from the first rewritten event
     * to the end; a broken one still breaks at the same version. The events before the first rewritten one keep their
     * seals. A rewritten version that is not stored is skipped.
     *
     * @throws IllegalArgumentException if a rewritten event changes anything but blanking its note or detail values
     *     to {@link Anonymisation#PLACEHOLDER}; nothing is to be written then
     */
    public static Reseal afterRewrite(List<SealedEvent> stored, List<FeedbackEvent> rewritten, long version) {
        return reseal(stored, rewritten, version, false);
    }

    /**
     * For a history anonymised before the stores sealed anew themselves (schema 18's migration): texts blanked to
     * {@link Anonymisation#PLACEHOLDER} before a {@link EventType#ANONYMISED} event that records nothing of the chain
     * ({@code chain}, {@code resealedFrom}, {@code chainBrokenAt}) may keep the digests of the text before. Sealed as
     * {@link #afterRewrite} seals, from the first such event, with nothing to rewrite; anything else blanked counts as
     * a break.
     */
    public static Reseal afterLegacyAnonymisation(List<SealedEvent> stored, long version) {
        return reseal(stored, List.of(), version, true);
    }

    private static Reseal reseal(List<SealedEvent> stored, List<FeedbackEvent> rewritten, long version, boolean legacyBlanks) {
        Objects.requireNonNull(stored, "stored");
        Map<Long, SealedEvent> byVersion = new HashMap<>();
        stored.forEach(s -> byVersion.put(s.event().version(), s));
        Map<Long, FeedbackEvent> texts = new HashMap<>();
        for (FeedbackEvent e : rewritten) {
            SealedEvent s = byVersion.get(e.version());
            if (s != null) {
                onlyBlanks(s.event(), e);
                texts.put(e.version(), e);
            }
        }
        Found found = find(stored, version, legacyBlanks);
        Break broken = found == null ? null : found.broken();
        int from = -1;
        for (int i = 0; i < stored.size() && from < 0; i++) {
            SealedEvent s = stored.get(i);
            if (texts.containsKey(s.event().version()) || s.digests() != null && !s.digests().equals(TextDigests.of(s.event()))) {
                from = i;
            }
        }
        if (from < 0) {
            return new Reseal(List.of(), null, broken);
        }
        int breakAt = found == null ? stored.size() : found.index();
        // the events before the break verify, so the chain goes on from the stored hash of the one before
        byte[] previous = from == 0 ? HistoryChain.genesis() : from <= breakAt ? HistoryChain.bytes(stored.get(from - 1).hash()) : null;
        Long resealedFrom = null;
        List<SealedEvent> writes = new ArrayList<>();
        for (int i = from; i < stored.size(); i++) {
            SealedEvent s = stored.get(i);
            FeedbackEvent text = texts.get(s.event().version());
            FeedbackEvent now = text == null ? s.event() : s.event().withText(text.note(), text.details());
            if (s.digests() == null) {
                // no digests (never sealed, or lost them): a hash it still has was computed over the text before
                if (text != null || s.hash() != null) {
                    writes.add(new SealedEvent(now, null, null));
                }
                continue;
            }
            TextDigests digests = TextDigests.of(now);
            String hash = null;
            if (i < breakAt) {
                byte[] linked = HistoryChain.link(previous, HistoryChain.contentDigest(now, digests));
                hash = HistoryChain.hex(linked);
                previous = linked;
                if (resealedFrom == null) {
                    resealedFrom = now.version();
                }
            }
            writes.add(new SealedEvent(now, digests, hash));
        }
        return new Reseal(writes, resealedFrom, broken);
    }

    /** Refuses a rewrite of {@code stored} into {@code rewritten} that is not anonymisation's blanking of its text. */
    private static void onlyBlanks(FeedbackEvent stored, FeedbackEvent rewritten) {
        if (!stored.withText(rewritten.note(), rewritten.details()).equals(rewritten)) {
            throw new IllegalArgumentException("a rewritten event may change only its note and details: version " + rewritten.version());
        }
        if (!blankOf(rewritten.note(), stored.note())) {
            throw new IllegalArgumentException("a rewritten note must be the stored one or " + Anonymisation.PLACEHOLDER
                    + ": version " + rewritten.version());
        }
        if (!rewritten.details().keySet().equals(stored.details().keySet())) {
            throw new IllegalArgumentException("a rewritten event must keep the keys of its details: version " + rewritten.version());
        }
        for (Map.Entry<String, String> d : rewritten.details().entrySet()) {
            if (!blankOf(d.getValue(), stored.details().get(d.getKey()))) {
                throw new IllegalArgumentException("a rewritten detail must be the stored value or " + Anonymisation.PLACEHOLDER
                        + ": version " + rewritten.version() + ", detail " + d.getKey());
            }
        }
    }

    private static boolean blankOf(@Nullable String rewritten, @Nullable String stored) {
        return Objects.equals(rewritten, stored) || stored != null && Anonymisation.PLACEHOLDER.equals(rewritten);
    }

    private static @Nullable Found find(List<SealedEvent> history, long version, boolean legacyBlanks) {
        long legacyAnonymisedAt = legacyBlanks ? lastLegacyAnonymisation(history) : 0;
        byte[] previous = HistoryChain.genesis();
        long expected = 1;
        for (int i = 0; i < history.size(); i++) {
            SealedEvent s = history.get(i);
            FeedbackEvent e = s.event();
            String problem;
            if (e.version() != expected) {
                problem = "expected version " + expected + " but found " + e.version();
            } else if (version != ANY_LENGTH && e.version() > version) {
                problem = "an event after the feedback's version " + version;
            } else if (s.digests() == null || s.hash() == null) {
                problem = "the event was never sealed";
            } else {
                problem = textProblem(e, s.digests(), e.version() < legacyAnonymisedAt);
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
                return new Found(i, new Break(e.version(), problem));
            }
            expected++;
        }
        if (version != ANY_LENGTH && expected <= version) {
            return new Found(history.size(), new Break(expected, "missing: the history ends at version " + (expected - 1)
                    + " but the feedback is at version " + version));
        }
        return null;
    }

    /** The version of the last {@link EventType#ANONYMISED} event written before the stores sealed anew; 0 if none. */
    private static long lastLegacyAnonymisation(List<SealedEvent> history) {
        long at = 0;
        for (SealedEvent s : history) {
            FeedbackEvent e = s.event();
            if (e.type() == EventType.ANONYMISED && !recordsChain(e.details())) {
                at = Math.max(at, e.version());
            }
        }
        return at;
    }

    /** Whether the event's text matches its digests; {@code null} when it does. */
    private static @Nullable String textProblem(FeedbackEvent e, TextDigests d, boolean legacyBlankAllowed) {
        String note = textProblem("note", e.note(), d.note(), legacyBlankAllowed);
        if (note != null) {
            return note;
        }
        for (String key : e.details().keySet()) {
            if (!d.details().containsKey(key)) {
                return "detail " + key + " was added after the event was written";
            }
        }
        for (Map.Entry<String, String> digest : d.details().entrySet()) {
            String p = textProblem("detail " + digest.getKey(), e.details().get(digest.getKey()), digest.getValue(), legacyBlankAllowed);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static @Nullable String textProblem(String field, @Nullable String text, @Nullable String digest, boolean legacyBlankAllowed) {
        if (digest == null) {
            return text == null ? null : field + " was added after the event was written";
        }
        if (text == null) {
            return field + " was removed after the event was written";
        }
        if (HistoryChain.textDigest(text).equals(digest)) {
            return null;
        }
        if (text.equals(Anonymisation.PLACEHOLDER)) {
            return legacyBlankAllowed ? null : field + " is " + Anonymisation.PLACEHOLDER + " but its digest is of other text";
        }
        return field + " does not match its digest (changed after it was written)";
    }
}
