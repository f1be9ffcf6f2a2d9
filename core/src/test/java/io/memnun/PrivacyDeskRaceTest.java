package io.memnun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import io.memnun.spi.FeedbackRedaction;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryPrivacyStore;
import io.memnun.testing.ForwardingPrivacyStore;
import io.memnun.testing.MutableClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Anonymisations that meet a command landing in between, and redactions that are no anonymisation. */
class PrivacyDeskRaceTest {
    private static final TenantId HOTEL = TenantId.of("bogazici-otel");
    private static final String NOTE = "Misafir 0532 123 45 67 numarasından aradı";
    private final MutableClock clock = MutableClock.at("2026-03-16T07:00:00Z");
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).build();

    /** A privacy store whose first look at a feedback's holds lets a member of staff add a note first. */
    private final class NoteWhileCheckingHolds extends ForwardingPrivacyStore {
        private boolean noted;

        NoteWhileCheckingHolds() {
            super(new InMemoryPrivacyStore());
        }

        @Override
        public synchronized List<LegalHold> holds(TenantId tenant, FeedbackId feedback) {
            if (!noted) {
                noted = true;
                desk.addNote(tenant, feedback, Actor.staff("ayse"), NOTE);
            }
            return super.holds(tenant, feedback);
        }
    }

    @Test
    void aNoteAddedBetweenTheErasuresListAndItsAnonymisationIsBlankedToo() {
        Feedback f = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima çalışmıyor")
                .customer(Customer.builder().email("guest@example.com").build()).build());
        PrivacyDesk privacy = PrivacyDesk.builder(desk, new NoteWhileCheckingHolds())
                .accessLogKey(io.memnun.tck.Fixtures.accessLogKey()).build();

        privacy.erase(HOTEL, PersonKey.email("guest@example.com"), Actor.staff("kvkk"));

        List<FeedbackEvent> history = store.history(HOTEL, f.id());
        assertThat(history).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED, EventType.NOTE_ADDED, EventType.ANONYMISED);
        assertThat(history.get(1).note()).isEqualTo(Anonymisation.PLACEHOLDER);
        assertThat(Anonymisation.isAnonymised(store.find(HOTEL, f.id()).orElseThrow())).isTrue();
        assertThat(HistoryVerifier.of(store).verify(HOTEL, f.id()).intact()).isTrue();
    }

    @Test
    void aRedactionRecordedByAnythingButAnAnonymisationIsRefusedAndChangesNothing() {
        Feedback received = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima çalışmıyor").build());
        Feedback f = desk.addNote(HOTEL, received.id(), Actor.staff("ayse"), "Müdür misafire kaba davrandı");
        List<FeedbackEvent> before = store.history(HOTEL, f.id());
        Anonymisation.Result r = Anonymisation.anonymise(f, before, Actor.staff("ayse"), "x", clock.instant());
        FeedbackEvent recorded = new FeedbackEvent(f.id(), r.feedback().version(), EventType.NOTE_ADDED, Actor.staff("ayse"), clock.instant(),
                null, f.status(), f.status(), Map.of());
        FeedbackEvent rewritten = before.get(1).withText("Misafir memnun ayrıldı", Map.of());

        assertThatThrownBy(() -> new FeedbackRedaction(r.feedback(), f.version(), List.of(rewritten), recorded))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ANONYMISED");
        // recorded as an anonymisation, the rewrite must still only blank
        assertThatThrownBy(() -> store.redact(new FeedbackRedaction(r.feedback(), f.version(), List.of(rewritten), r.recorded())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");

        assertThat(store.history(HOTEL, f.id())).isEqualTo(before);
        assertThat(store.find(HOTEL, f.id()).orElseThrow()).isEqualTo(f);
        assertThat(HistoryVerifier.of(store).verify(HOTEL, f.id()).intact()).isTrue();
    }

    @Test
    void aRedactionPlannedOnAHistoryThatChangedSinceIsAConflictSoTheEventNeverMisstatesTheChain() {
        Feedback received = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima çalışmıyor").build());
        Feedback f = desk.addNote(HOTEL, received.id(), Actor.staff("ayse"), NOTE);
        List<io.memnun.feedback.SealedEvent> planned = store.sealedHistory(HOTEL, f.id());
        FeedbackRedaction redaction = FeedbackRedaction.of(Anonymisation.anonymiseSealed(f, planned, Actor.staff("kvkk"), "erasure-request",
                clock.instant()));
        assertThat(redaction.recorded().details()).containsEntry("resealedFrom", "2").doesNotContainKey("chainBrokenAt");
        // the receipt's actor changed in the database after the plan was made
        io.memnun.feedback.SealedEvent first = planned.get(0);
        FeedbackEvent e = first.event();
        List<io.memnun.feedback.SealedEvent> changed = List.of(new io.memnun.feedback.SealedEvent(new FeedbackEvent(e.feedbackId(), 1, e.type(),
                Actor.staff("mallory"), e.at(), e.note(), e.from(), e.to(), e.details()), first.digests(), first.hash()), planned.get(1));

        assertThat(redaction.reseal(planned).resealedFrom()).isEqualTo(2);
        assertThatThrownBy(() -> redaction.reseal(changed)).isInstanceOf(io.memnun.error.VersionConflictException.class)
                .hasMessageContaining("history changed since the anonymisation was planned");
    }

    @Test
    void aRedactionPlannedOnAnIntactChainWithNothingToSealAnewIsCheckedToo() {
        Feedback f = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima çalışmıyor")
                .customer(Customer.builder().email("guest@example.com").build()).build());
        List<io.memnun.feedback.SealedEvent> planned = store.sealedHistory(HOTEL, f.id());
        Anonymisation.Result plan = Anonymisation.anonymiseSealed(f, planned, Actor.staff("kvkk"), "erasure-request", clock.instant());
        assertThat(plan.rewritten()).isEmpty();
        assertThat(plan.recorded().details()).containsEntry("chain", "intact").doesNotContainKeys("resealedFrom", "chainBrokenAt");
        io.memnun.feedback.SealedEvent s = planned.get(0);
        FeedbackEvent e = s.event();
        List<io.memnun.feedback.SealedEvent> changed = List.of(new io.memnun.feedback.SealedEvent(new FeedbackEvent(e.feedbackId(), 1, e.type(),
                Actor.staff("mallory"), e.at(), e.note(), e.from(), e.to(), e.details()), s.digests(), s.hash()));

        assertThatThrownBy(() -> FeedbackRedaction.of(plan).reseal(changed)).isInstanceOf(io.memnun.error.VersionConflictException.class)
                .hasMessageContaining("chain intact");
    }
}
