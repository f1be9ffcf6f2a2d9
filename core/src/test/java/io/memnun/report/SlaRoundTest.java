package io.memnun.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.TenantId;
import io.memnun.sla.SlaPolicy;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaRoundTest {
    private static final TenantId HOTEL = TenantId.of("hotel");

    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    // one instant for every step: the events' times cannot tell which change stopped a clock
    private final FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(new MutableClock(Instant.parse("2026-03-02T08:00:00Z")))
            .sla(SlaPolicy.defaults()).build();

    @Test
    void eachRoundEndsInTheOneChangeThatStopsIt() {
        Feedback received = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.PHONE, "Oda soğuk").build());
        Feedback taken = desk.take(HOTEL, received.id(), Actor.staff("reception"));
        Feedback resolved = desk.resolve(HOTEL, received.id(), Actor.staff("reception"), "Isıtıcı verildi");
        Feedback closed = desk.accept(HOTEL, received.id(), null);

        assertThat(SlaRound.endedBetween(List.of(), received)).isEmpty();
        assertThat(SlaRound.endedBetween(received.slaClocks(), taken)).extracting(SlaRound::kind).containsExactly(SlaKind.ACKNOWLEDGEMENT);
        assertThat(SlaRound.endedBetween(taken.slaClocks(), resolved)).extracting(SlaRound::kind)
                .containsExactlyInAnyOrder(SlaKind.FIRST_RESPONSE, SlaKind.RESOLUTION);
        assertThat(SlaRound.endedBetween(resolved.slaClocks(), closed)).isEmpty();
    }

    @Test
    void completedInAlsoHoldsARoundAnEarlierChangeStoppedAtTheSameInstant() {
        Feedback received = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.PHONE, "Oda soğuk").build());
        Feedback taken = desk.take(HOTEL, received.id(), Actor.staff("reception"));
        Feedback cancelled = desk.cancel(HOTEL, received.id(), Actor.staff("reception"), "duplicate");
        List<FeedbackEvent> history = store.history(HOTEL, received.id());
        List<FeedbackEvent> cancellation = List.of(history.get(history.size() - 1));

        // the take stopped the acknowledgement clock; the cancellation stops the others as cancelled, which no report counts
        assertThat(SlaRound.completedIn(cancelled, cancellation)).extracting(SlaRound::kind).containsExactly(SlaKind.ACKNOWLEDGEMENT);
        assertThat(SlaRound.endedBetween(taken.slaClocks(), cancelled)).isEmpty();
    }
}
