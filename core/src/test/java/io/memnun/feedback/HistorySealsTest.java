package io.memnun.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * How a sealed history is checked and sealed anew after anonymisation rewrites its text: a chain that verifies is
 * sealed anew from the first rewritten event; one that does not is sealed anew only up to its break and has its chain
 * hashes cleared from there (so a change made behind the store's back stays evident); and no digest of replaced text,
 * nor a chain hash computed over one, survives either way.
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

    /** Whether any stored hash confirms that event {@code index} of {@code history} held {@code guess} as its note. */
    private static boolean confirmsGuess(List<SealedEvent> history, int index, String guess) {
        if (history.get(index - 1).hash() == null) {
            return false;
        }
        FeedbackEvent guessed = history.get(index).event().withText(guess, events().get(index).details());
        byte[] hash = HistoryChain.link(HistoryChain.bytes(history.get(index - 1).hash()), HistoryChain.contentDigest(guessed, TextDigests.of(guessed)));
        for (int i = index; i < history.size(); i++) {
            if (HistoryChain.hex(hash).equals(history.get(i).hash())) {
                return true;
            }
            if (i + 1 < history.size()) {
                FeedbackEvent next = history.get(i + 1).event();
                // digests a row lost are computed again from its text, which is stored
                TextDigests digests = history.get(i + 1).digests();
                hash = HistoryChain.link(hash, HistoryChain.contentDigest(next, digests != null ? digests : TextDigests.of(next)));
            }
        }
        return false;
    }

    private static List<SealedEvent> withActor(List<SealedEvent> history, int version, String actor) {
        List<SealedEvent> out = new ArrayList<>(history);
        SealedEvent s = out.get(version - 1);
        FeedbackEvent e = s.event();
        out.set(version - 1, new SealedEvent(new FeedbackEvent(ID, version, e.type(), Actor.staff(actor), e.at(), e.note(), e.from(), e.to(),
                e.details()), s.digests(), s.hash()));
        return out;
    }

    @Test
    void anIntactChainIsSealedAnewFromTheFirstRewrittenEventAndKeepsNoDigestOfTheReplacedText() {
        List<SealedEvent> stored = sealed(events());
        List<FeedbackEvent> rewritten = List.of(blanked(events().get(2)), blanked(events().get(4)));

        HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, rewritten, 5);

        assertThat(r.broken()).isNull();
        assertThat(r.resealedFrom()).isEqualTo(3);
        assertThat(r.writes()).extracting(s -> s.event().version()).containsExactly(3L, 4L, 5L);
        // the reassignment in between keeps its text, with a new link
        assertThat(r.writes().get(1).event()).isEqualTo(events().get(3));
        assertThat(r.writes().get(1).hash()).isNotEqualTo(stored.get(3).hash());
        List<SealedEvent> after = applied(stored, r.writes());
        assertThat(HistorySeals.firstBreak(after, 5)).isNull();
        assertThat(after.subList(0, 2)).isEqualTo(stored.subList(0, 2));
        assertThat(after.toString()).doesNotContain(HistoryChain.textDigest(PHONE_NOTE)).doesNotContain("0532");
        assertThat(stored.toString()).contains(HistoryChain.textDigest(PHONE_NOTE));
        assertThat(confirmsGuess(stored, 2, PHONE_NOTE)).as("the check itself finds the guess in the stored chain").isTrue();
        assertThat(confirmsGuess(after, 2, PHONE_NOTE)).isFalse();
    }

    @Test
    void aChainChangedAfterTheRewrittenEventIsSealedAnewUpToTheChangeAndClearedFromItSoNoHashConfirmsAGuess() {
        // the actor of the reassignment changed in the database, after the rewritten note
        List<SealedEvent> stored = withActor(sealed(events()), 4, "mallory");
        assertThat(HistorySeals.firstBreak(stored)).extracting(HistorySeals.Break::version).isEqualTo(4L);
        assertThat(confirmsGuess(stored, 2, PHONE_NOTE)).isTrue();

        HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, List.of(blanked(events().get(2))), 5);

        assertThat(r.broken().version()).isEqualTo(4);
        assertThat(r.resealedFrom()).isEqualTo(3);
        assertThat(r.writes()).extracting(s -> s.event().version()).containsExactly(3L, 4L, 5L);
        assertThat(r.writes()).allSatisfy(s -> assertThat(s.digests()).isEqualTo(TextDigests.of(s.event())));
        // the rewritten note linked anew to the event before it, the events from the change on with no link
        assertThat(r.writes().get(0).hash()).isNotNull().isNotEqualTo(stored.get(2).hash());
        List<SealedEvent> after = applied(stored, r.writes());
        assertThat(after.get(3).hash()).isNull();
        assertThat(after.get(4).hash()).isNull();
        // the chain still breaks at the change, and verifies up to it
        assertThat(HistorySeals.firstBreak(after, 5)).satisfies(b -> {
            assertThat(b.version()).isEqualTo(4);
            assertThat(b.reason()).contains("never sealed");
        });
        assertThat(HistorySeals.firstBreak(after.subList(0, 3))).isNull();
        assertThat(after.toString()).doesNotContain(HistoryChain.textDigest(PHONE_NOTE));
        assertThat(confirmsGuess(after, 2, PHONE_NOTE)).isFalse();
    }

    @Test
    void aChainChangedBeforeTheRewrittenEventKeepsItsBreakAndClearsEveryHashComputedOverTheReplacedText() {
        List<SealedEvent> stored = withActor(sealed(events()), 2, "mallory");

        HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, List.of(blanked(events().get(2))), 5);

        assertThat(r.broken().version()).isEqualTo(2);
        assertThat(r.resealedFrom()).isNull();
        assertThat(r.writes()).extracting(s -> s.event().version()).containsExactly(3L, 4L, 5L);
        assertThat(r.writes()).extracting(SealedEvent::hash).containsOnlyNulls();
        List<SealedEvent> after = applied(stored, r.writes());
        assertThat(HistorySeals.firstBreak(after, 5)).satisfies(b -> {
            assertThat(b.version()).isEqualTo(2);
            assertThat(b.reason()).contains("stored hash does not match");
        });
        assertThat(after.get(1)).isEqualTo(stored.get(1));
        assertThat(after.get(2).digests()).isEqualTo(TextDigests.of(after.get(2).event()));
        assertThat(after.toString()).doesNotContain(HistoryChain.textDigest(PHONE_NOTE));
    }

    @Test
    void aMissingOrUnsealedEventIsABrokenChainAndEveryStoredEventFromTheRewrittenOnLosesWhatWasComputedFromItsText() {
        List<SealedEvent> all = sealed(events());
        List<SealedEvent> gap = new ArrayList<>(all);
        gap.remove(1);
        HistorySeals.Reseal r = HistorySeals.afterRewrite(gap, List.of(blanked(events().get(1)), blanked(events().get(2))), 5);
        assertThat(r.broken().reason()).contains("expected version 2 but found 3");
        assertThat(r.writes()).extracting(s -> s.event().version()).containsExactly(3L, 4L, 5L);
        assertThat(r.writes().get(0).digests().note()).isEqualTo(HistoryChain.textDigest(PLACEHOLDER));
        assertThat(r.writes()).extracting(SealedEvent::hash).containsOnlyNulls();

        List<SealedEvent> unsealed = new ArrayList<>(all);
        unsealed.set(1, new SealedEvent(all.get(1).event(), null, null));
        r = HistorySeals.afterRewrite(unsealed, List.of(blanked(events().get(2))), 5);
        assertThat(r.broken().reason()).contains("never sealed");
        assertThat(r.writes().get(0).digests().note()).isEqualTo(HistoryChain.textDigest(PLACEHOLDER));
        assertThat(applied(unsealed, r.writes()).toString()).doesNotContain(HistoryChain.textDigest(PHONE_NOTE));
    }

    @Test
    void aHistoryMissingItsLastEventsIsBrokenThereAndSealedAnewUpToIt() {
        List<SealedEvent> stored = sealed(events()).subList(0, 4);
        assertThat(HistorySeals.firstBreak(stored)).isNull();
        assertThat(HistorySeals.firstBreak(stored, 5)).satisfies(b -> {
            assertThat(b.version()).isEqualTo(5);
            assertThat(b.reason()).contains("ends at version 4 but the feedback is at version 5");
        });
        assertThat(HistorySeals.firstBreak(sealed(events()), 4).reason()).contains("after the feedback's version 4");

        HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, List.of(blanked(events().get(2))), 5);

        assertThat(r.broken().version()).isEqualTo(5);
        assertThat(r.resealedFrom()).isEqualTo(3);
        assertThat(HistorySeals.firstBreak(applied(stored, r.writes()), 4)).isNull();
        assertThat(HistorySeals.firstBreak(applied(stored, r.writes()), 5).version()).isEqualTo(5);
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
    void aHistoryAnonymisedTheOldWayIsBrokenForTheVerifierAndSealedAnewByTheMigrationFromItsFirstStaleDigest() {
        List<SealedEvent> stored = anonymisedTheOldWay(PLACEHOLDER);
        assertThat(HistorySeals.firstBreak(stored)).satisfies(b -> {
            assertThat(b.version()).isEqualTo(3);
            assertThat(b.reason()).contains("note is [anonymised] but its digest is of other text");
        });

        HistorySeals.Reseal r = HistorySeals.afterLegacyAnonymisation(stored, 6);

        assertThat(r.broken()).isNull();
        assertThat(r.resealedFrom()).isEqualTo(3);
        List<SealedEvent> after = applied(stored, r.writes());
        assertThat(HistorySeals.firstBreak(after, 6)).isNull();
        assertThat(after).allSatisfy(s -> assertThat(s.digests()).isEqualTo(TextDigests.of(s.event())));
        assertThat(HistorySeals.afterLegacyAnonymisation(after, 6).writes()).as("nothing stale is left").isEmpty();
    }

    @Test
    void aTextBlankedOtherwiseThanAnonymisationBlanksItIsABreakTheMigrationDoesNotHide() {
        for (String blank : new String[] {null, ""}) {
            List<SealedEvent> stored = anonymisedTheOldWay(blank);

            HistorySeals.Reseal r = HistorySeals.afterLegacyAnonymisation(stored, 6);

            assertThat(r.resealedFrom()).as("blank %s", blank).isNull();
            assertThat(r.broken().version()).isEqualTo(3);
            List<SealedEvent> after = applied(stored, r.writes());
            assertThat(HistorySeals.firstBreak(after, 6).version()).isEqualTo(3);
            assertThat(after.toString()).doesNotContain(HistoryChain.textDigest(PHONE_NOTE));
        }
    }

    /** Anonymised by the stores as they do now: sealed anew, and the anonymisation's event linked after. */
    private static List<SealedEvent> anonymisedAndSealedAnew() {
        List<SealedEvent> stored = sealed(events());
        HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, List.of(blanked(events().get(2)), blanked(events().get(4))), 5);
        List<SealedEvent> after = new ArrayList<>(applied(stored, r.writes()));
        FeedbackEvent mark = new FeedbackEvent(ID, 6, EventType.ANONYMISED, Actor.system("retention"), events().get(4).at().plusSeconds(60),
                null, Status.RESOLVED, Status.RESOLVED, Map.of("why", "retention", "resealedFrom", "3"));
        after.add(HistoryChain.seal(mark, HistoryChain.bytes(after.get(4).hash())));
        assertThat(HistorySeals.firstBreak(after, 6)).isNull();
        return after;
    }

    private static List<SealedEvent> withDetails(List<SealedEvent> history, int version, Map<String, String> details) {
        List<SealedEvent> out = new ArrayList<>(history);
        SealedEvent s = out.get(version - 1);
        out.set(version - 1, new SealedEvent(s.event().withText(s.event().note(), details), s.digests(), s.hash()));
        return out;
    }

    @Test
    void afterAnAnonymisationATextRemovedOrBlankedByHandIsABreakThatTheNextOneDoesNotSealAnew() {
        Map<String, String> placeholder = new LinkedHashMap<>();
        placeholder.put("assignee", PLACEHOLDER);
        for (Map<String, String> details : List.of(Map.<String, String>of(), Map.of("assignee", ""), placeholder)) {
            List<SealedEvent> tampered = withDetails(anonymisedAndSealedAnew(), 4, details);

            assertThat(HistorySeals.firstBreak(tampered, 6)).as("details %s", details).extracting(HistorySeals.Break::version).isEqualTo(4L);
            HistorySeals.Reseal r = HistorySeals.afterRewrite(tampered, List.of(), 6);
            assertThat(r.broken()).as("details %s", details).isNotNull();
            assertThat(HistorySeals.afterLegacyAnonymisation(tampered, 6).broken()).as("details %s", details).isNotNull();
        }
    }

    @Test
    void aRewriteThatDoesMoreThanBlankTextIsRefused() {
        List<SealedEvent> stored = sealed(events());
        FeedbackEvent note = events().get(2);
        FeedbackEvent assigned = events().get(3);
        FeedbackEvent otherActor = new FeedbackEvent(ID, 3, note.type(), Actor.staff("mallory"), note.at(), PLACEHOLDER, note.from(), note.to(),
                note.details());

        assertThatThrownBy(() -> HistorySeals.afterRewrite(stored, List.of(note.withText("Misafir memnun ayrıldı", Map.of())), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("note").hasMessageContaining("version 3");
        assertThatThrownBy(() -> HistorySeals.afterRewrite(stored, List.of(assigned.withText(null, Map.of("assignee", "ayse"))), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detail assignee");
        assertThatThrownBy(() -> HistorySeals.afterRewrite(stored, List.of(assigned.withText(null, Map.of())), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys");
        assertThatThrownBy(() -> HistorySeals.afterRewrite(stored, List.of(events().get(0).withText(PLACEHOLDER, events().get(0).details())), 5))
                .as("a note where there was none").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistorySeals.afterRewrite(stored, List.of(otherActor), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only its note and details");
    }

    @Test
    void nothingToRewriteInAnIntactChainWritesNothing() {
        HistorySeals.Reseal r = HistorySeals.afterRewrite(sealed(events()), List.of(), 5);
        assertThat(r.writes()).isEmpty();
        assertThat(r.resealedFrom()).isNull();
        assertThat(r.broken()).isNull();
    }

    @Test
    void anEventThatLostItsDigestsLosesTheHashComputedOverTheReplacedTextToo() {
        List<SealedEvent> stored = new ArrayList<>(sealed(events()));
        SealedEvent four = stored.get(3);
        stored.set(3, new SealedEvent(four.event(), null, four.hash()));
        assertThat(confirmsGuess(stored, 2, PHONE_NOTE)).isTrue();

        HistorySeals.Reseal r = HistorySeals.afterRewrite(stored, List.of(blanked(events().get(2))), 5);

        List<SealedEvent> after = applied(stored, r.writes());
        assertThat(after.get(3).hash()).isNull();
        assertThat(after.get(4).hash()).isNull();
        assertThat(confirmsGuess(after, 2, PHONE_NOTE)).isFalse();
        assertThat(HistorySeals.firstBreak(after, 5).version()).isEqualTo(4);
    }
}
