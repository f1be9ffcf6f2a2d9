package io.memnun.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How a sealed history is checked and sealed anew after anonymisation rewrites its text: a chain that verifies is
 * sealed anew from the first rewritten event, one that does not never is (so a change made behind the store's back
 * stays evident), and no digest of replaced text survives either way.
 */
class HistorySealsTest {
    private static final FeedbackId ID = FeedbackId.of(UUID.fromString("0190f3a2-7b1c-7d4e-8f00-123456789abc"));
    private static final String PHONE_NOTE = "Şükrü Bey aradı, 0532 123 45 67";
    private static final String PLACEHOLDER = Anonymisation.PLACEHOLDER;

    /** Five events: receipt, take, a note with a phone number, a reassignment, a resolution. */
    private static List<FeedbackEvent> events() {
        Instant t = Instant.parse("2026-05-04T10:00:00Z");
        return List.of(
                new FeedbackEvent(ID, 1, EventType.RECEIVED, Actor.SYSTEM, t, null, null, Status.NEW, Map.of("kind", "COMPLAINT")),
                new FeedbackEvent(ID, 2, EventType.TAKEN, Actor.staff("ayse"), t.plusSeconds(60), null, Status.NEW, Status.IN_PROGRESS,
                        Map.of("assignee", "ayse")),
                new FeedbackEvent(ID, 3, EventType.NOTE_ADDED, Actor.staff("ayse"), t.plusSeconds(120), PHONE_NOTE, Status.IN_PROGRESS,
                        Status.IN_PROGRESS, Map.of()),
                new FeedbackEvent(ID, 4, EventType.ASSIGNED, Actor.staff("ayse"), t.plusSeconds(180), null, Status.IN_PROGRESS,
                        Status.IN_PROGRESS, Map.of("assignee", "mehmet")),
                new FeedbackEvent(ID, 5, EventType.RESOLVED, Actor.staff("mehmet"), t.plusSeconds(240), "Oda değişti", Status.IN_PROGRESS,
                        Status.RESOLVED, Map.of()));
    }

    private static List<SealedEvent> sealed(List<FeedbackEvent> events) {
        List<SealedEvent> out = new ArrayList<>();
        byte[] previous = HistoryChain.genesis();
        for (FeedbackEvent e : events) {
            SealedEvent s = HistoryChain.seal(e, previous);
            out.add(s);
            previous = HistoryChain.bytes(s.hash());
        }
        return out;
    }

    private static FeedbackEvent blanked(FeedbackEvent e) {
        return e.withText(PLACEHOLDER, e.details());
    }

    /** {@code stored} with the writes applied, as a store would keep it. */
    private static List<SealedEvent> applied(List<SealedEvent> stored, List<SealedEvent> writes) {
        List<SealedEvent> out = new ArrayList<>(stored);
        for (SealedEvent w : writes) {
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).event().version() == w.event().version()) {
                    out.set(i, w);
                }
            }
        }
        return out;
    }

    @Test
    void anIntactChainIsSealedAnewFromTheFirstRewrittenEventAndKeepsNoDigestOfTheReplacedText() {
        List<SealedEvent> stored = sealed(events());
        List<FeedbackEvent> rewritten = List.of(blanked(events().get(2)), blanked(events().get(4)));

        HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, rewritten);

        assertThat(r.broken()).isNull();
        assertThat(r.resealedFrom()).isEqualTo(3);
        assertThat(r.writes()).extracting(s -> s.event().version()).containsExactly(3L, 4L, 5L);
        // the reassignment in between keeps its text, with a new link
        assertThat(r.writes().get(1).event()).isEqualTo(events().get(3));
        assertThat(r.writes().get(1).hash()).isNotEqualTo(stored.get(3).hash());
        List<SealedEvent> after = applied(stored, r.writes());
        assertThat(HistorySeals.firstBreak(after)).isNull();
        assertThat(after.subList(0, 2)).isEqualTo(stored.subList(0, 2));
        assertThat(after.toString()).doesNotContain(HistoryChain.textDigest(PHONE_NOTE)).doesNotContain("0532");
        assertThat(stored.toString()).contains(HistoryChain.textDigest(PHONE_NOTE));
    }

    @Test
    void aChainChangedBehindTheStoresBackIsNotSealedAnewButLosesTheDigestsOfTheReplacedText() {
        List<SealedEvent> stored = new ArrayList<>(sealed(events()));
        // the actor of the reassignment changed in the database, after the rewritten note
        SealedEvent four = stored.get(3);
        FeedbackEvent e = four.event();
        stored.set(3, new SealedEvent(new FeedbackEvent(ID, 4, e.type(), Actor.staff("mallory"), e.at(), e.note(), e.from(), e.to(), e.details()),
                four.digests(), four.hash()));
        assertThat(HistorySeals.firstBreak(stored)).extracting(HistorySeals.Break::version).isEqualTo(4L);

        HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, List.of(blanked(events().get(2))));

        assertThat(r.resealedFrom()).isNull();
        assertThat(r.broken().version()).isEqualTo(4);
        // only the rewritten event: the digests of its new text, its stored link
        assertThat(r.writes()).hasSize(1);
        SealedEvent three = r.writes().get(0);
        assertThat(three.event().note()).isEqualTo(PLACEHOLDER);
        assertThat(three.digests()).isEqualTo(TextDigests.of(three.event()));
        assertThat(three.hash()).isEqualTo(stored.get(2).hash());
        // the chain stays broken, now from the rewritten event on
        assertThat(HistorySeals.firstBreak(applied(stored, r.writes())).version()).isEqualTo(3);
    }

    @Test
    void aMissingOrUnsealedEventIsABrokenChainAndEveryStoredRewrittenEventStillLosesItsDigests() {
        List<SealedEvent> all = sealed(events());
        List<SealedEvent> gap = new ArrayList<>(all);
        gap.remove(1);
        HistorySeals.Reseal r = HistorySeals.afterRewrite(gap, List.of(blanked(events().get(1)), blanked(events().get(2))));
        assertThat(r.broken().reason()).contains("expected version 2 but found 3");
        assertThat(r.writes()).extracting(s -> s.event().version()).containsExactly(3L);
        assertThat(r.writes().get(0).digests().note()).isEqualTo(HistoryChain.textDigest(PLACEHOLDER));

        List<SealedEvent> unsealed = new ArrayList<>(all);
        unsealed.set(1, new SealedEvent(all.get(1).event(), null, null));
        r = HistorySeals.afterRewrite(unsealed, List.of(blanked(events().get(2))));
        assertThat(r.broken().reason()).contains("never sealed");
        assertThat(r.writes()).singleElement().satisfies(s -> assertThat(s.digests().note()).isEqualTo(HistoryChain.textDigest(PLACEHOLDER)));
    }

    /** A history anonymised before the stores sealed anew: text blanked, digests of the text before kept. */
    private static List<SealedEvent> anonymisedTheOldWay(String blank) {
        List<FeedbackEvent> events = new ArrayList<>(events());
        FeedbackEvent mark = new FeedbackEvent(ID, 6, EventType.ANONYMISED, Actor.system("retention"), events.get(4).at().plusSeconds(60),
                null, Status.RESOLVED, Status.RESOLVED, Map.of("why", "retention"));
        events.add(mark);
        List<SealedEvent> stored = new ArrayList<>(sealed(events));
        SealedEvent three = stored.get(2);
        stored.set(2, new SealedEvent(three.event().withText(blank, Map.of()), three.digests(), three.hash()));
        return stored;
    }

    @Test
    void aHistoryAnonymisedTheOldWayIsSealedAnewFromItsFirstStaleDigestWithNothingToRewrite() {
        List<SealedEvent> stored = anonymisedTheOldWay(PLACEHOLDER);
        assertThat(HistorySeals.firstBreak(stored)).isNull();

        HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, List.of());

        assertThat(r.resealedFrom()).isEqualTo(3);
        List<SealedEvent> after = applied(stored, r.writes());
        assertThat(HistorySeals.firstBreak(after)).isNull();
        assertThat(after).allSatisfy(s -> assertThat(s.digests()).isEqualTo(TextDigests.of(s.event())));
        assertThat(HistorySeals.afterRewrite(after, List.of()).writes()).as("nothing stale is left").isEmpty();
    }

    @Test
    void aTextBlankedOtherwiseThanAnonymisationBlanksItIsNotSealedAnew() {
        for (String blank : new String[] {null, ""}) {
            List<SealedEvent> stored = anonymisedTheOldWay(blank);
            // the verifier accepts it (older anonymisations were taken to blank so), but sealing it anew would hide it
            assertThat(HistorySeals.firstBreak(stored)).as("blank %s", blank).isNull();

            HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, List.of());

            assertThat(r.resealedFrom()).isNull();
            assertThat(r.broken().version()).isEqualTo(3);
            assertThat(r.writes()).isEmpty();
        }
    }

    @Test
    void nothingToRewriteInAnIntactChainWritesNothing() {
        HistorySeals.Reseal r = HistorySeals.afterRewrite(sealed(events()), List.of());
        assertThat(r.writes()).isEmpty();
        assertThat(r.resealedFrom()).isNull();
        assertThat(r.broken()).isNull();
    }
}
