package io.memnun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SlaCheckpoint;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.TenantId;
import io.memnun.sla.BusinessCalendar;
import io.memnun.sla.CalendarRegistry;
import io.memnun.sla.EscalationLevel;
import io.memnun.sla.Recipient;
import io.memnun.sla.SlaPolicy;
import io.memnun.sla.SlaTarget;
import io.memnun.sla.TurkishHolidays;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Response-time clocks follow the lifecycle, counted in business hours, and every change is in the history. */
class SlaClocksTest {
    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    static final BusinessCalendar OFFICE = BusinessCalendar.builder("office", ISTANBUL)
            .weekdays("09:00-18:00")
            .holidays(TurkishHolidays.provider())
            .build();

    /** NORMAL: acknowledge in 6 working hours, answer in 1 working day, resolve in 3; URGENT tighter. */
    static final SlaPolicy POLICY = SlaPolicy.builder(CalendarRegistry.of(OFFICE))
            .target(Priority.NORMAL, SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(6), "office"))
            .target(Priority.NORMAL, SlaTarget.of(SlaKind.FIRST_RESPONSE, Duration.ofHours(9), "office"))
            .target(Priority.NORMAL, SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(27), "office"))
            .target(Priority.URGENT, SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(2), "office"))
            .target(Priority.URGENT, SlaTarget.of(SlaKind.FIRST_RESPONSE, Duration.ofHours(4), "office"))
            .target(Priority.URGENT, SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(9), "office"))
            .warnAt(75)
            .escalation(EscalationLevel.of(1, 75, Recipient.ASSIGNEE), EscalationLevel.of(2, 100, Recipient.DEPARTMENT_HEAD),
                    EscalationLevel.of(3, 150, Recipient.role("quality-manager")))
            .build();

    static final TenantId HOTEL = TenantId.of("otel");
    static final Actor AYSE = Actor.staff("ayse");

    static Instant istanbul(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ISTANBUL).toInstant();
    }

    final MutableClock clock = new MutableClock(istanbul("2025-03-07T17:30")); // a Friday
    final FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).sla(POLICY).build();

    Feedback receive(Priority priority) {
        return desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "Faturada hata var").priority(priority).build());
    }

    static SlaClock clockOf(Feedback f, SlaKind kind) {
        return f.slaClock(kind).orElseThrow();
    }

    @Test
    void receiptStartsEveryTargetCountedInBusinessHoursAndTheHistorySaysWhenEachIsDue() {
        Feedback f = receive(Priority.NORMAL);

        // Friday 17:30 + 6 working hours = Monday 14:30 (30 minutes on Friday, 5.5 hours on Monday)
        assertThat(clockOf(f, SlaKind.ACKNOWLEDGEMENT).dueAt()).isEqualTo(istanbul("2025-03-10T14:30"));
        assertThat(clockOf(f, SlaKind.FIRST_RESPONSE).dueAt()).isEqualTo(istanbul("2025-03-10T17:30"));
        assertThat(clockOf(f, SlaKind.RESOLUTION).dueAt()).isEqualTo(istanbul("2025-03-12T17:30"));
        assertThat(f.slaClocks()).allMatch(SlaClock::isRunning);
        // the first checkpoint is the 75% warning of the acknowledgement: 4.5 working hours, Monday 13:00
        assertThat(f.nextSlaCheckAt()).contains(istanbul("2025-03-10T13:00"));

        FeedbackEvent received = desk.history(HOTEL, f.id()).get(0);
        assertThat(received.details()).containsEntry("sla.ACKNOWLEDGEMENT.due", istanbul("2025-03-10T14:30").toString())
                .containsEntry("sla.RESOLUTION.due", istanbul("2025-03-12T17:30").toString());
    }

    @Test
    void takingMeetsTheAcknowledgementAndRecordsTheWorkingTimeUsed() {
        Feedback f = receive(Priority.NORMAL);
        clock.set(istanbul("2025-03-10T10:00"));

        Feedback taken = desk.take(HOTEL, f.id(), AYSE);

        SlaClock ack = clockOf(taken, SlaKind.ACKNOWLEDGEMENT);
        assertThat(ack.state()).isEqualTo(SlaClock.State.MET);
        assertThat(ack.usedBeforeRun()).isEqualTo(Duration.ofMinutes(90));
        assertThat(ack.stoppedAt()).isEqualTo(istanbul("2025-03-10T10:00"));
        assertThat(clockOf(taken, SlaKind.RESOLUTION).isRunning()).isTrue();
        assertThat(last(taken).details()).containsEntry("sla.ACKNOWLEDGEMENT", "met, 1h30m of 6h00m working time used");
    }

    @Test
    void acknowledgingAfterTheTargetIsRecordedAsMissed() {
        Feedback f = receive(Priority.NORMAL);
        clock.set(istanbul("2025-03-10T15:00"));

        Feedback acked = desk.acknowledge(HOTEL, f.id(), AYSE, "Called the guest");

        assertThat(clockOf(acked, SlaKind.ACKNOWLEDGEMENT).state()).isEqualTo(SlaClock.State.MISSED);
        assertThat(clockOf(acked, SlaKind.ACKNOWLEDGEMENT).usedBeforeRun()).isEqualTo(Duration.ofMinutes(6 * 60 + 30));
    }

    @Test
    void awaitingTheCustomerPausesTheResolutionClockAndTheAnswerResumesItWithTheTimeThatWasLeft() {
        Feedback f = receive(Priority.NORMAL);
        clock.set(istanbul("2025-03-10T10:00"));
        desk.take(HOTEL, f.id(), AYSE);
        clock.set(istanbul("2025-03-10T12:00"));
        Feedback waiting = desk.awaitCustomer(HOTEL, f.id(), AYSE, "Hangi tarihte konakladınız?");

        SlaClock paused = clockOf(waiting, SlaKind.RESOLUTION);
        assertThat(paused.state()).isEqualTo(SlaClock.State.PAUSED);
        assertThat(paused.usedBeforeRun()).isEqualTo(Duration.ofMinutes(30 + 3 * 60)); // Friday 30 min, Monday 09-12
        assertThat(clockOf(waiting, SlaKind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.MET);
        assertThat(waiting.nextSlaCheckAt()).isEmpty();
        assertThat(last(waiting).details()).containsEntry("sla.RESOLUTION", "paused, 3h30m of 27h00m used");

        // two days later the guest answers: 27 - 3.5 = 23.5 working hours are left from Wednesday 10:00
        clock.set(istanbul("2025-03-12T10:00"));
        Feedback resumed = desk.customerResponded(HOTEL, f.id(), "12 Şubat");

        SlaClock running = clockOf(resumed, SlaKind.RESOLUTION);
        assertThat(running.isRunning()).isTrue();
        assertThat(running.dueAt()).isEqualTo(istanbul("2025-03-14T15:30")); // Wed 8h + Thu 9h + Fri 6.5h
        assertThat(running.usedBeforeRun()).isEqualTo(Duration.ofMinutes(210));
        assertThat(last(resumed).details()).containsEntry("sla.RESOLUTION", "resumed, due " + istanbul("2025-03-14T15:30"));
    }

    @Test
    void aPriorityChangeRecomputesRunningClocksKeepingTheWorkingTimeUsed() {
        Feedback f = receive(Priority.NORMAL);
        clock.set(istanbul("2025-03-10T10:00"));
        desk.take(HOTEL, f.id(), AYSE);

        Feedback urgent = desk.changePriority(HOTEL, f.id(), AYSE, Priority.URGENT, "VIP misafir");

        // 1.5 working hours used of the new 9: 7.5 left from Monday 10:00 is Monday 17:30
        SlaClock resolution = clockOf(urgent, SlaKind.RESOLUTION);
        assertThat(resolution.target()).isEqualTo(Duration.ofHours(9));
        assertThat(resolution.dueAt()).isEqualTo(istanbul("2025-03-10T17:30"));
        assertThat(resolution.startedAt()).isEqualTo(f.receivedAt());
        assertThat(clockOf(urgent, SlaKind.ACKNOWLEDGEMENT).state()).isEqualTo(SlaClock.State.MET);
        assertThat(last(urgent).details()).containsKey("sla.RESOLUTION");
    }

    @Test
    void theDecisionMeetsTheResolutionAndPlannedCompletionAndARejectionStartsANewResolutionClock() {
        Feedback f = receive(Priority.NORMAL);
        clock.set(istanbul("2025-03-10T10:00"));
        desk.take(HOTEL, f.id(), AYSE);
        Feedback planned = desk.plan(HOTEL, f.id(), AYSE, istanbul("2025-03-11T12:00"), "Parça bekleniyor");
        assertThat(clockOf(planned, SlaKind.PLANNED_COMPLETION).dueAt()).isEqualTo(istanbul("2025-03-11T12:00"));
        assertThat(clockOf(planned, SlaKind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.MET);

        clock.set(istanbul("2025-03-11T11:00"));
        desk.take(HOTEL, f.id(), AYSE);
        Feedback resolved = desk.resolve(HOTEL, f.id(), AYSE, "Fatura düzeltildi");
        assertThat(clockOf(resolved, SlaKind.RESOLUTION).state()).isEqualTo(SlaClock.State.MET);
        assertThat(clockOf(resolved, SlaKind.PLANNED_COMPLETION).state()).isEqualTo(SlaClock.State.MET);
        assertThat(resolved.nextSlaCheckAt()).isEmpty();

        clock.set(istanbul("2025-03-11T14:00"));
        Feedback rejected = desk.reject(HOTEL, f.id(), "Hâlâ yanlış");
        SlaClock again = clockOf(rejected, SlaKind.RESOLUTION);
        assertThat(again.isRunning()).isTrue();
        assertThat(again.startedAt()).isEqualTo(istanbul("2025-03-11T14:00"));
        assertThat(again.dueAt()).isEqualTo(OFFICE.plus(istanbul("2025-03-11T14:00"), Duration.ofHours(27)));
    }

    @Test
    void cancellingStopsWhatStillRuns() {
        Feedback f = receive(Priority.NORMAL);
        Feedback cancelled = desk.cancel(HOTEL, f.id(), AYSE, "Mükerrer");
        assertThat(cancelled.slaClocks()).extracting(SlaClock::state).containsOnly(SlaClock.State.CANCELLED);
        assertThat(cancelled.nextSlaCheckAt()).isEmpty();
    }

    /** POLICY's NORMAL acknowledgement and first response on the office calendar, with this resolution and no ladder. */
    private static SlaPolicy.Builder normalTargets(Duration resolution) {
        return SlaPolicy.builder(CalendarRegistry.of(OFFICE))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(6), "office"))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.FIRST_RESPONSE, Duration.ofHours(9), "office"))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.RESOLUTION, resolution, "office"));
    }

    @Test
    void afterAPolicyChangeTheClocksAreRecomputedOnceKeepingTheTimeUsed() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk before = FeedbackDesk.builder().store(store).clock(clock).sla(POLICY).build();
        Feedback f = before.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "x").build());
        clock.set(istanbul("2025-03-10T10:00"));
        SlaPolicy tighter = normalTargets(Duration.ofHours(18)).build();
        FeedbackDesk after = FeedbackDesk.builder().store(store).clock(clock).sla(tighter).build();

        Feedback recomputed = after.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"));

        // 1.5 working hours used (Friday 30 min, Monday 09-10): 16.5 left from Monday 10:00 is Tuesday 17:30
        assertThat(clockOf(recomputed, SlaKind.RESOLUTION).target()).isEqualTo(Duration.ofHours(18));
        assertThat(clockOf(recomputed, SlaKind.RESOLUTION).dueAt()).isEqualTo(istanbul("2025-03-11T17:30"));
        // the acknowledgement keeps its target and so its due time, but not the escalation ladder the new policy dropped
        assertThat(clockOf(recomputed, SlaKind.ACKNOWLEDGEMENT).dueAt()).isEqualTo(clockOf(f, SlaKind.ACKNOWLEDGEMENT).dueAt());
        assertThat(clockOf(recomputed, SlaKind.ACKNOWLEDGEMENT).checkpoints()).extracting(SlaCheckpoint::type)
                .doesNotContain(SlaCheckpoint.Type.ESCALATION);
        List<FeedbackEvent> history = after.history(HOTEL, f.id());
        assertThat(history).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED, EventType.SLA_RECOMPUTED);
        assertThat(history.get(1).details()).containsKey("sla.RESOLUTION");

        assertThat(after.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"))).isEqualTo(recomputed);
        assertThat(after.history(HOTEL, f.id())).hasSize(2);
    }

    @Test
    void aRecomputeToALongerTargetAfterTheBreachFiresTheBreachAgainAtTheNewDeadline() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk before = FeedbackDesk.builder().store(store).clock(clock).sla(normalTargets(Duration.ofHours(27)).build()).build();
        Feedback f = before.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "x").build());
        // due Wednesday 17:30; by Thursday 10:00 its warning and breach have fired
        clock.set(istanbul("2025-03-13T10:00"));
        before.slaMonitor().tick(clock.instant());
        assertThat(resolutionEvents(store, f, EventType.SLA_BREACHED)).isEqualTo(1);
        FeedbackDesk after = FeedbackDesk.builder().store(store).clock(clock).sla(normalTargets(Duration.ofHours(36)).build()).build();

        Feedback recomputed = after.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"));

        // 28.5 working hours used of 36: the warning at 27 stays behind and fired, the breach moves to Thursday 17:30
        SlaClock resolution = clockOf(recomputed, SlaKind.RESOLUTION);
        assertThat(resolution.dueAt()).isEqualTo(istanbul("2025-03-13T17:30"));
        assertThat(resolution.checkpoints()).extracting(SlaCheckpoint::type, SlaCheckpoint::fired)
                .containsExactly(tuple(SlaCheckpoint.Type.WARNING, true), tuple(SlaCheckpoint.Type.BREACH, false));
        after.slaMonitor().tick(istanbul("2025-03-13T17:00"));
        assertThat(resolutionEvents(store, f, EventType.SLA_BREACHED)).isEqualTo(1);
        after.slaMonitor().tick(istanbul("2025-03-13T17:30"));
        assertThat(resolutionEvents(store, f, EventType.SLA_BREACHED)).isEqualTo(2);
        assertThat(resolutionEvents(store, f, EventType.SLA_WARNING)).isEqualTo(1);
    }

    @Test
    void aRecomputeToAShorterTargetAlreadyUsedUpIsDueWhenItWasReached() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk before = FeedbackDesk.builder().store(store).clock(clock).sla(normalTargets(Duration.ofHours(27)).build()).build();
        Feedback running = before.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "x").build());
        Feedback paused = before.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "y").build());
        clock.set(istanbul("2025-03-10T10:00"));
        before.take(HOTEL, paused.id(), AYSE);
        before.awaitCustomer(HOTEL, paused.id(), AYSE, "Oda numaranız?");
        clock.set(istanbul("2025-03-11T15:00"));
        before.customerResponded(HOTEL, paused.id(), "1204");
        clock.set(istanbul("2025-03-12T12:00"));
        FeedbackDesk after = FeedbackDesk.builder().store(store).clock(clock).sla(normalTargets(Duration.ofHours(4)).build()).build();

        // never paused: 4 working hours from Friday 17:30 were used up Monday 12:30
        SlaClock straight = clockOf(after.recomputeSla(HOTEL, running.id(), Actor.system("policy-update")), SlaKind.RESOLUTION);
        assertThat(straight.dueAt()).isEqualTo(istanbul("2025-03-10T12:30"));
        // 1.5 hours before the pause, the other 2.5 from Tuesday 15:00: used up Tuesday 17:30, not now
        SlaClock resumed = clockOf(after.recomputeSla(HOTEL, paused.id(), Actor.system("policy-update")), SlaKind.RESOLUTION);
        assertThat(resumed.dueAt()).isEqualTo(istanbul("2025-03-11T17:30"));
        assertThat(resumed.usedBeforeRun()).isEqualTo(Duration.ofMinutes(90 + 180 + 180));

        // met or missed is judged on the time used, as before
        assertThat(clockOf(after.resolve(HOTEL, paused.id(), AYSE, "Oda değişti"), SlaKind.RESOLUTION).state())
                .isEqualTo(SlaClock.State.MISSED);
    }

    @Test
    void aRecomputeStartsTheResolutionClockANewPolicyAddsCountedAsAReceiptWouldHave() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        SlaPolicy noResolution = SlaPolicy.builder(CalendarRegistry.of(OFFICE))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.FIRST_RESPONSE, Duration.ofHours(9), "office"))
                .build();
        FeedbackDesk before = FeedbackDesk.builder().store(store).clock(clock).sla(noResolution).build();
        Feedback taken = before.receive(Intake.builder(HOTEL, FeedbackKind.REQUEST, Channel.FAX, "a").build());
        Feedback waiting = before.receive(Intake.builder(HOTEL, FeedbackKind.REQUEST, Channel.FAX, "b").build());
        Feedback rejected = before.receive(Intake.builder(HOTEL, FeedbackKind.REQUEST, Channel.FAX, "c").build());
        Feedback resolved = before.receive(Intake.builder(HOTEL, FeedbackKind.REQUEST, Channel.FAX, "d").build());
        clock.set(istanbul("2025-03-10T10:00"));
        for (Feedback f : List.of(taken, waiting, rejected, resolved)) {
            before.take(HOTEL, f.id(), AYSE);
        }
        before.awaitCustomer(HOTEL, waiting.id(), AYSE, "Oda numaranız?");
        clock.set(istanbul("2025-03-10T11:00"));
        before.resolve(HOTEL, rejected.id(), AYSE, "Oda değişti");
        before.resolve(HOTEL, resolved.id(), AYSE, "Oda değişti");
        clock.set(istanbul("2025-03-10T12:00"));
        before.reject(HOTEL, rejected.id(), "Hâlâ gürültülü");
        clock.set(istanbul("2025-03-11T15:00"));
        FeedbackDesk after = FeedbackDesk.builder().store(store).clock(clock).sla(normalTargets(Duration.ofHours(27)).build()).build();

        // from receipt, as a receipt under the new policy would have counted it: due when 27 hours from Friday 17:30 are used
        Feedback recomputed = after.recomputeSla(HOTEL, taken.id(), Actor.system("policy-update"));
        SlaClock resolution = clockOf(recomputed, SlaKind.RESOLUTION);
        assertThat(resolution.state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(resolution.startedAt()).isEqualTo(taken.receivedAt());
        assertThat(resolution.usedBeforeRun()).isEqualTo(Duration.ofMinutes(30 + 9 * 60 + 6 * 60));
        assertThat(resolution.dueAt()).isEqualTo(istanbul("2025-03-12T17:30")).isEqualTo(OFFICE.plus(taken.receivedAt(), Duration.ofHours(27)));
        assertThat(resolution.checkpoints()).extracting(SlaCheckpoint::fired).containsOnly(false);
        assertThat(after.history(HOTEL, taken.id()).get(after.history(HOTEL, taken.id()).size() - 1).details()).containsKey("sla.RESOLUTION");
        // acknowledgement and first response are not started for a step the feedback may already have passed
        assertThat(recomputed.slaClock(SlaKind.ACKNOWLEDGEMENT)).isEmpty();

        // awaiting the customer: started paused, the working time since receipt counted as used (the waiting included)
        SlaClock paused = clockOf(after.recomputeSla(HOTEL, waiting.id(), Actor.system("policy-update")), SlaKind.RESOLUTION);
        assertThat(paused.state()).isEqualTo(SlaClock.State.PAUSED);
        assertThat(paused.usedBeforeRun()).isEqualTo(Duration.ofMinutes(30 + 9 * 60 + 6 * 60));

        // a rejected decision: from the rejection, as the rejection would have started it
        SlaClock again = clockOf(after.recomputeSla(HOTEL, rejected.id(), Actor.system("policy-update")), SlaKind.RESOLUTION);
        assertThat(again.startedAt()).isEqualTo(istanbul("2025-03-10T12:00"));
        assertThat(again.dueAt()).isEqualTo(istanbul("2025-03-13T12:00"));

        // a decision that reached the customer is past the resolution step
        assertThat(after.recomputeSla(HOTEL, resolved.id(), Actor.system("policy-update")).slaClock(SlaKind.RESOLUTION)).isEmpty();
    }

    @Test
    void aPriorityChangeToAPriorityWithAResolutionTargetStartsItsClock() {
        SlaPolicy urgentOnly = SlaPolicy.builder(CalendarRegistry.of(OFFICE))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.FIRST_RESPONSE, Duration.ofHours(9), "office"))
                .target(Priority.URGENT, SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(9), "office"))
                .build();
        FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).sla(urgentOnly).build();
        Feedback f = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "x").build());
        assertThat(f.slaClock(SlaKind.RESOLUTION)).isEmpty();
        clock.set(istanbul("2025-03-10T10:00"));

        Feedback urgent = desk.changePriority(HOTEL, f.id(), AYSE, Priority.URGENT, "VIP misafir");

        // 1.5 of its 9 working hours used since receipt: due Monday 17:30, as if it had been urgent from the start
        SlaClock resolution = clockOf(urgent, SlaKind.RESOLUTION);
        assertThat(resolution.startedAt()).isEqualTo(f.receivedAt());
        assertThat(resolution.dueAt()).isEqualTo(istanbul("2025-03-10T17:30"));
    }

    private static long resolutionEvents(InMemoryFeedbackStore store, Feedback f, EventType type) {
        return store.history(HOTEL, f.id()).stream()
                .filter(e -> e.type() == type && "RESOLUTION".equals(e.details().get("sla")))
                .count();
    }

    @Test
    void aPolicyChangeOfWarningsOrEscalationLadderAloneIsAppliedByARecomputeOnce() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk before = FeedbackDesk.builder().store(store).clock(clock).sla(POLICY).build();
        Feedback f = before.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "x").build());
        clock.set(istanbul("2025-03-10T10:00"));
        SlaPolicy sameTargetsNoLadder = normalTargets(Duration.ofHours(27)).warnAt(50).build();
        FeedbackDesk after = FeedbackDesk.builder().store(store).clock(clock).sla(sameTargetsNoLadder).build();

        Feedback recomputed = after.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"));

        for (SlaKind kind : List.of(SlaKind.ACKNOWLEDGEMENT, SlaKind.FIRST_RESPONSE, SlaKind.RESOLUTION)) {
            SlaClock c = clockOf(recomputed, kind);
            assertThat(c.dueAt()).as(kind.name()).isEqualTo(clockOf(f, kind).dueAt());
            assertThat(c.checkpoints()).as(kind.name()).extracting(SlaCheckpoint::type, SlaCheckpoint::percent)
                    .containsExactly(tuple(SlaCheckpoint.Type.WARNING, 50), tuple(SlaCheckpoint.Type.BREACH, 100));
        }
        // the acknowledgement is due Monday 14:30 after 6 working hours: its 50% warning is 3 hours in, Monday 11:30
        assertThat(clockOf(recomputed, SlaKind.ACKNOWLEDGEMENT).checkpoints().get(0).at()).isEqualTo(istanbul("2025-03-10T11:30"));
        assertThat(after.history(HOTEL, f.id())).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED, EventType.SLA_RECOMPUTED);

        assertThat(after.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"))).isEqualTo(recomputed);
        assertThat(after.history(HOTEL, f.id())).hasSize(2);
    }

    @Test
    void afterAPolicyRenamesItsCalendarOpenFeedbackCanStillBeHandledAndRecomputed() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk before = FeedbackDesk.builder().store(store).clock(clock).sla(POLICY).build();
        Feedback first = before.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "x").build());
        Feedback second = before.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "y").build());
        clock.set(istanbul("2025-03-10T10:00"));
        BusinessCalendar headOffice = BusinessCalendar.builder("head-office", ISTANBUL).weekdays("09:00-18:00")
                .holidays(TurkishHolidays.provider()).build();
        SlaPolicy renamed = SlaPolicy.builder(CalendarRegistry.of(headOffice))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(6), "head-office"))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(27), "head-office"))
                .build();
        FeedbackDesk after = FeedbackDesk.builder().store(store).clock(clock).sla(renamed).build();

        // a step before the recompute: counted on the calendar the policy now gives the kind, the same hours here
        Feedback taken = after.take(HOTEL, first.id(), AYSE);
        assertThat(clockOf(taken, SlaKind.ACKNOWLEDGEMENT).state()).isEqualTo(SlaClock.State.MET);
        assertThat(clockOf(taken, SlaKind.ACKNOWLEDGEMENT).usedBeforeRun()).isEqualTo(Duration.ofMinutes(90));
        // the first response has no target any more and no calendar to count on: it is judged by its due time
        Feedback waiting = after.awaitCustomer(HOTEL, first.id(), AYSE, "Oda numaranız?");
        assertThat(clockOf(waiting, SlaKind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.MET);
        clock.set(istanbul("2025-03-10T11:00"));
        Feedback resumed = after.customerResponded(HOTEL, first.id(), "1204");
        assertThat(clockOf(resumed, SlaKind.RESOLUTION).calendar()).isEqualTo("head-office");
        // 1.5 of 27 working hours used; the other 25.5 from Monday 11:00: Monday 7, Tuesday 9, Wednesday 9, Thursday 0.5
        assertThat(clockOf(resumed, SlaKind.RESOLUTION).dueAt()).isEqualTo(istanbul("2025-03-13T09:30"));

        Feedback recomputed = after.recomputeSla(HOTEL, second.id(), Actor.system("policy-update"));
        assertThat(clockOf(recomputed, SlaKind.RESOLUTION).calendar()).isEqualTo("head-office");
        assertThat(clockOf(recomputed, SlaKind.RESOLUTION).usedBeforeRun()).isEqualTo(Duration.ofMinutes(30 + 120)); // to Monday 11:00
        assertThat(clockOf(recomputed, SlaKind.FIRST_RESPONSE).state()).isEqualTo(SlaClock.State.CANCELLED);
    }

    @Test
    void withoutAPolicyFeedbackHasNoClocks() {
        FeedbackDesk plain = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
        Feedback f = plain.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "x").build());
        assertThat(f.slaClocks()).isEmpty();
        assertThat(plain.take(HOTEL, f.id(), AYSE).slaClocks()).isEmpty();
    }

    private FeedbackEvent last(Feedback f) {
        List<FeedbackEvent> history = desk.history(HOTEL, f.id());
        assertThat(history.get(history.size() - 1).version()).isEqualTo(f.version());
        assertThat(history.get(history.size() - 1).type()).isNotEqualTo(EventType.RECEIVED);
        return history.get(history.size() - 1);
    }

    @Test
    void aTargetDueAtClosingTimeIsNotBreachedOvernightAndAResponseBeforeTheOpeningMeetsIt() {
        MutableClock clock = new MutableClock(istanbul("2025-03-10T09:00")); // a Monday
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).sla(POLICY).build();
        Feedback f = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "Faturada hata var").priority(Priority.NORMAL).build());
        SlaClock due = f.slaClock(SlaKind.FIRST_RESPONSE).orElseThrow();
        assertThat(due.dueAt()).isEqualTo(istanbul("2025-03-10T18:00"));
        assertThat(due.isBreached(istanbul("2025-03-10T20:00"))).isFalse();
        assertThat(due.isBreached(istanbul("2025-03-11T09:00:01"))).isTrue();

        clock.set(istanbul("2025-03-10T20:00"));
        desk.slaMonitor().tick(clock.instant());
        clock.set(istanbul("2025-03-11T08:30"));
        desk.take(HOTEL, f.id(), AYSE);
        f = desk.awaitCustomer(HOTEL, f.id(), AYSE, "Fatura numarası?");

        assertThat(f.slaClock(SlaKind.FIRST_RESPONSE).orElseThrow().state()).isEqualTo(SlaClock.State.MET);
        assertThat(store.history(HOTEL, f.id())).noneMatch(e -> e.type() == EventType.SLA_BREACHED && "FIRST_RESPONSE".equals(e.details().get("sla")))
                .noneMatch(e -> e.type() == EventType.SLA_ESCALATED && "FIRST_RESPONSE".equals(e.details().get("sla"))
                        && "2".equals(e.details().get("level")));
    }

    @Test
    void aTargetDueAtClosingTimeIsBreachedFromTheNextOpening() {
        MutableClock clock = new MutableClock(istanbul("2025-03-10T09:00"));
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).sla(POLICY).build();
        Feedback f = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "Faturada hata var").priority(Priority.NORMAL).build());

        clock.set(istanbul("2025-03-11T09:30"));
        desk.slaMonitor().tick(clock.instant());

        assertThat(store.history(HOTEL, f.id())).filteredOn(e -> e.type() == EventType.SLA_BREACHED)
                .anySatisfy(e -> assertThat(e.details()).containsEntry("sla", "FIRST_RESPONSE"));
    }

    @Test
    void oneFeedbackWhoseChangeCannotBeSavedDoesNotHoldUpTheOthersCheckpoints() {
        MutableClock clock = new MutableClock(istanbul("2025-03-07T17:30"));
        InMemoryFeedbackStore real = new InMemoryFeedbackStore();
        FeedbackDesk setup = FeedbackDesk.builder().store(real).clock(clock).sla(POLICY).build();
        Feedback poison = setup.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "Faturada hata var")
                .priority(Priority.NORMAL).build());
        clock.advance(Duration.ofMinutes(1));
        Feedback healthy = setup.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "Klima bozuk")
                .priority(Priority.NORMAL).build());
        FeedbackDesk node = FeedbackDesk.builder().store(new io.memnun.testing.ForwardingFeedbackStore(real) {
            @Override
            public void save(io.memnun.spi.FeedbackChange change) {
                if (change.feedback().id().equals(poison.id())) {
                    throw new io.memnun.error.StoreException("the database refuses " + poison.reference());
                }
                super.save(change);
            }
        }).referenceSequence(real).clock(clock).sla(POLICY).build();

        node.slaMonitor().tick(istanbul("2025-03-10T15:00"));

        assertThat(real.history(HOTEL, healthy.id())).extracting(FeedbackEvent::type).contains(EventType.SLA_WARNING, EventType.SLA_BREACHED);
        assertThat(real.history(HOTEL, poison.id())).extracting(FeedbackEvent::type).doesNotContain(EventType.SLA_WARNING);
    }
}
