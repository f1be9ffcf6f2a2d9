package io.memnun;

import static io.memnun.SlaClocksTest.HOTEL;
import static io.memnun.SlaClocksTest.ISTANBUL;
import static io.memnun.SlaClocksTest.OFFICE;
import static io.memnun.SlaClocksTest.istanbul;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.SlaCheckpoint;
import io.memnun.feedback.Status;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Location;
import io.memnun.sla.BusinessCalendar;
import io.memnun.sla.CalendarRegistry;
import io.memnun.sla.EscalationLevel;
import io.memnun.sla.Recipient;
import io.memnun.sla.SlaEngine;
import io.memnun.sla.SlaPolicy;
import io.memnun.sla.SlaTarget;
import io.memnun.store.memory.InMemoryCatalogStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryTrackingTokenStore;
import io.memnun.tracking.TrackingSettings;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocationCalendarsTest {
    static final BusinessCalendar FRONT_DESK = BusinessCalendar.alwaysOpen("front-desk", ISTANBUL);
    static final SlaPolicy POLICY = SlaPolicy.builder(CalendarRegistry.of(OFFICE, FRONT_DESK))
            .target(Priority.NORMAL, SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(6), "office"))
            .build();

    @Test
    void aFeedbackCountsOnItsLocationsCalendarInheritedFromTheParentAndOthersOnThePolicys() {
        InMemoryCatalogStore catalogs = new InMemoryCatalogStore();
        LocationId hotel = LocationId.of("besiktas-hotel");
        LocationId lobby = LocationId.of("besiktas-lobby");
        LocationId headOffice = LocationId.of("head-office");
        catalogs.put(HOTEL,
                Location.of(hotel, LocalizedText.of("Beşiktaş Otel", "Besiktas Hotel"), "front-desk"),
                Location.of(lobby, hotel, LocalizedText.of("Lobi", "Lobby"), null),
                Location.of(headOffice, LocalizedText.of("Genel Müdürlük", "Head office"), null));
        MutableClock clock = new MutableClock(istanbul("2025-03-07T17:30")); // a Friday evening
        FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock)
                .sla(SlaEngine.of(POLICY, LocationCalendars.of(catalogs))).build();

        Feedback inLobby = desk.receive(intake(lobby));
        Feedback atHeadOffice = desk.receive(intake(headOffice));
        Feedback nowhere = desk.receive(intake(null));

        assertThat(inLobby.slaClock(SlaKind.ACKNOWLEDGEMENT).orElseThrow().calendar()).isEqualTo("front-desk");
        assertThat(inLobby.slaClock(SlaKind.ACKNOWLEDGEMENT).orElseThrow().dueAt()).isEqualTo(istanbul("2025-03-07T23:30"));
        assertThat(atHeadOffice.slaClock(SlaKind.ACKNOWLEDGEMENT).orElseThrow().dueAt()).isEqualTo(istanbul("2025-03-10T14:30"));
        assertThat(nowhere.slaClock(SlaKind.ACKNOWLEDGEMENT).orElseThrow().calendar()).isEqualTo("office");
    }

    @Test
    void aLocationNamingAnUnregisteredCalendarStillTakesTheComplaintOnThePolicysCalendar() {
        InMemoryCatalogStore catalogs = new InMemoryCatalogStore();
        LocationId annex = LocationId.of("annex");
        catalogs.put(HOTEL, Location.of(annex, LocalizedText.of("Ek bina", "Annex"), "annex-hours")); // never registered
        MutableClock clock = new MutableClock(istanbul("2025-03-07T17:30")); // a Friday evening
        FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock)
                .sla(SlaEngine.of(POLICY, LocationCalendars.of(catalogs))).build();

        Feedback[] received = new Feedback[1];
        String log = io.memnun.testing.CapturedLog.during(() -> {
            received[0] = desk.receive(intake(annex));
            // every step of every feedback there asks again: the operator is told once what to fix
            desk.receive(intake(annex));
            desk.take(HOTEL, received[0].reference(), io.memnun.feedback.Actor.staff("ayse"));
        });

        SlaClock acknowledgement = received[0].slaClock(SlaKind.ACKNOWLEDGEMENT).orElseThrow();
        assertThat(acknowledgement.calendar()).isEqualTo("office");
        assertThat(acknowledgement.dueAt()).isEqualTo(istanbul("2025-03-10T14:30"));
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("'annex-hours'"))).hasSize(1);
    }

    // ---------------------------------------------------------------- a calendar too sparse for a target

    /** A beach bar open on three days of June 2025 only: the host has not entered the rest of the season yet. */
    static final BusinessCalendar SEASON = season(LocalDate.of(2025, 6, 4));
    static final LocationId BEACH_BAR = LocationId.of("beach-bar");
    static final SlaPolicy SEASON_POLICY = seasonPolicy(SEASON);

    static BusinessCalendar season(LocalDate lastDay) {
        return BusinessCalendar.builder("beach-season", ISTANBUL)
                .openOn(LocalDate.of(2025, 6, 2).datesUntil(lastDay.plusDays(1)).toList(), "09:00-18:00")
                .build();
    }

    static SlaPolicy seasonPolicy(BusinessCalendar season) {
        return SlaPolicy.builder(CalendarRegistry.of(OFFICE, FRONT_DESK, season))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(6), "office"))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.FIRST_RESPONSE, Duration.ofHours(9), "office"))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(12), "office"))
                .target(Priority.LOW, SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(24), "office"))
                .warnAt(75)
                .escalation(EscalationLevel.of(1, 75, Recipient.ASSIGNEE), EscalationLevel.of(2, 100, Recipient.DEPARTMENT_HEAD),
                        EscalationLevel.of(3, 150, Recipient.role("quality-manager")))
                .build();
    }

    static InMemoryCatalogStore beachCatalog() {
        InMemoryCatalogStore catalogs = new InMemoryCatalogStore();
        catalogs.put(HOTEL, Location.of(BEACH_BAR, LocalizedText.of("Plaj Bar", "Beach Bar"), "beach-season"));
        return catalogs;
    }

    static FeedbackDesk seasonDesk(InMemoryFeedbackStore store, MutableClock clock, SlaPolicy policy) {
        return FeedbackDesk.builder().store(store).clock(clock).sla(SlaEngine.of(policy, LocationCalendars.of(beachCatalog()))).build();
    }

    @Test
    void aComplaintWhoseCalendarCannotCountATargetIsReceivedAndItsHistorySaysWhatWasNotCounted() {
        MutableClock clock = new MutableClock(istanbul("2025-06-04T10:00")); // the last day the calendar knows: 8 hours left
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = seasonDesk(store, clock, SEASON_POLICY);

        Feedback f = desk.receive(intake(BEACH_BAR));

        assertThat(store.find(HOTEL, f.id())).contains(f);
        // 6 hours fit: the acknowledgement is due at 16:00, but its escalation at 150% (9 hours) is never reached
        SlaClock ack = f.slaClock(SlaKind.ACKNOWLEDGEMENT).orElseThrow();
        assertThat(ack.calendar()).isEqualTo("beach-season");
        assertThat(ack.dueAt()).isEqualTo(istanbul("2025-06-04T16:00"));
        assertThat(ack.checkpoints()).extracting(SlaCheckpoint::type, SlaCheckpoint::level).containsExactly(
                tuple(SlaCheckpoint.Type.WARNING, 0), tuple(SlaCheckpoint.Type.ESCALATION, 1),
                tuple(SlaCheckpoint.Type.BREACH, 0), tuple(SlaCheckpoint.Type.ESCALATION, 2));
        // 9 and 12 hours do not fit in what is left: those clocks get no due time at all
        assertThat(f.slaClock(SlaKind.FIRST_RESPONSE)).isEmpty();
        assertThat(f.slaClock(SlaKind.RESOLUTION)).isEmpty();
        FeedbackEvent received = desk.history(HOTEL, f.id()).get(0);
        assertThat(received.details())
                .containsEntry("sla.ACKNOWLEDGEMENT.due", istanbul("2025-06-04T16:00").toString())
                .hasEntrySatisfying("sla.ACKNOWLEDGEMENT.notCounted", v -> assertThat(v).contains("escalation 3 at 150%", "beach-season"))
                .hasEntrySatisfying("sla.FIRST_RESPONSE", v -> assertThat(v).startsWith("not counted: ").contains("beach-season"))
                .containsEntry("sla.RESOLUTION", "not counted: calendar 'beach-season' has 8h00m of working time after 2025-06-04T07:00:00Z,"
                        + " less than the 12h00m target (no weekly opening hours and no extra working day after 2025)");

        // the monitor fires what can be counted and nothing else
        clock.set(istanbul("2025-06-05T10:00"));
        desk.slaMonitor().tick(clock.instant());
        assertThat(desk.history(HOTEL, f.id())).filteredOn(e -> e.type() == EventType.SLA_ESCALATED)
                .extracting(e -> e.details().get("level")).containsExactly("1", "2");
        assertThat(desk.history(HOTEL, f.id())).filteredOn(e -> e.type() == EventType.SLA_BREACHED).hasSize(1);
        Feedback fired = desk.get(HOTEL, f.id());
        assertThat(fired.nextSlaCheckAt()).isEmpty();
        // a recompute under the same policy finds nothing to change, and counts nothing new
        assertThat(desk.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"))).isEqualTo(fired);
        // and the feedback is handled as any other
        desk.take(HOTEL, f.id(), Actor.staff("ayse"));
        Feedback resolved = desk.resolve(HOTEL, f.id(), Actor.staff("ayse"), "Şemsiye değiştirildi");
        assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
        assertThat(resolved.slaClock(SlaKind.ACKNOWLEDGEMENT).orElseThrow().state()).isEqualTo(SlaClock.State.MISSED);
    }

    @Test
    void aClockThatCannotBeCountedAnyMoreIsStoppedAsNotCountedAndTheCustomersAnswersAreStillRecorded() {
        MutableClock clock = new MutableClock(istanbul("2025-06-03T10:00"));
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock)
                .sla(SlaEngine.of(SEASON_POLICY, LocationCalendars.of(beachCatalog())))
                .tracking(new InMemoryTrackingTokenStore(), TrackingSettings.builder().build()).build();
        Actor ayse = Actor.staff("ayse");
        FeedbackDesk.Receipt receipt = desk.receiveTracked(intake(BEACH_BAR));
        Feedback f = receipt.feedback();
        String code = receipt.token().orElseThrow().token();
        // 12 hours fit (8 today, 4 tomorrow): due Wednesday 13:00
        assertThat(f.slaClock(SlaKind.RESOLUTION).orElseThrow().dueAt()).isEqualTo(istanbul("2025-06-04T13:00"));
        assertThat(desk.tracking().view(HOTEL, "203.0.113.7", f.reference().toString(), code).estimatedResolutionAt())
                .isEqualTo(istanbul("2025-06-04T13:00"));
        clock.set(istanbul("2025-06-03T11:00"));
        desk.take(HOTEL, f.id(), ayse);
        clock.set(istanbul("2025-06-03T12:00"));
        desk.awaitCustomer(HOTEL, f.id(), ayse, "Hangi şezlong?");

        // the answer comes after the last working day the calendar knows: 10 hours are left and none to count them on
        clock.set(istanbul("2025-06-05T10:00"));
        Feedback answered = desk.customerResponded(HOTEL, f.id(), "12 numara");

        assertThat(answered.status()).isEqualTo(Status.IN_PROGRESS);
        SlaClock resolution = answered.slaClock(SlaKind.RESOLUTION).orElseThrow();
        assertThat(resolution.state()).isEqualTo(SlaClock.State.CANCELLED);
        assertThat(resolution.usedBeforeRun()).isEqualTo(Duration.ofHours(2));
        assertThat(last(desk, f).details()).hasEntrySatisfying("sla.RESOLUTION",
                v -> assertThat(v).startsWith("not counted: ").contains("beach-season"));
        // the customer is not shown a date that has passed as the estimate
        assertThat(desk.tracking().view(HOTEL, "203.0.113.7", f.reference().toString(), code).estimatedResolutionAt()).isNull();

        desk.slaMonitor().tick(clock.instant());
        desk.resolve(HOTEL, f.id(), ayse, "Şezlong değiştirildi");
        // the customer's rejection starts a new resolution clock, which cannot be counted either: it is still recorded
        Feedback rejected = desk.reject(HOTEL, f.id(), "Hâlâ kırık");
        assertThat(rejected.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(rejected.rejectionCount()).isEqualTo(1);
        assertThat(last(desk, f).details()).hasEntrySatisfying("sla.RESOLUTION", v -> assertThat(v).startsWith("not counted: "));
        assertThat(rejected.slaClock(SlaKind.RESOLUTION)).isEmpty();

        // the host enters the rest of the season: a recompute counts the resolution from the rejection
        FeedbackDesk extended = seasonDesk(store, clock, seasonPolicy(season(LocalDate.of(2025, 9, 30))));
        clock.set(istanbul("2025-06-05T11:00"));
        SlaClock restarted = extended.recomputeSla(HOTEL, f.id(), Actor.system("policy-update")).slaClock(SlaKind.RESOLUTION).orElseThrow();
        assertThat(restarted.startedAt()).isEqualTo(istanbul("2025-06-05T10:00"));
        assertThat(restarted.dueAt()).isEqualTo(istanbul("2025-06-06T13:00"));
        Feedback cancelled = extended.cancel(HOTEL, f.id(), ayse, "Misafir ayrıldı");
        assertThat(cancelled.slaClocks()).allMatch(c -> c.state().isStopped());
    }

    @Test
    void aPriorityChangeWhoseNewTargetCannotBeCountedStopsTheClockAsNotCounted() {
        MutableClock clock = new MutableClock(istanbul("2025-06-03T10:00"));
        FeedbackDesk desk = seasonDesk(new InMemoryFeedbackStore(), clock, SEASON_POLICY);
        Feedback f = desk.receive(intake(BEACH_BAR));
        clock.set(istanbul("2025-06-04T17:00")); // 16 working hours used, one left on the calendar

        Feedback lowered = desk.changePriority(HOTEL, f.id(), Actor.staff("ayse"), Priority.LOW, "bilgi amaçlı");

        SlaClock resolution = lowered.slaClock(SlaKind.RESOLUTION).orElseThrow();
        assertThat(resolution.state()).isEqualTo(SlaClock.State.CANCELLED);
        assertThat(resolution.usedBeforeRun()).isEqualTo(Duration.ofHours(16));
        assertThat(last(desk, f).details()).hasEntrySatisfying("sla.RESOLUTION",
                v -> assertThat(v).startsWith("not counted: ").contains("24h00m"));
    }

    @Test
    void onceTheHostExtendsTheCalendarARecomputeCountsWhatTheReceiptCouldNot() {
        MutableClock clock = new MutableClock(istanbul("2025-06-04T10:00"));
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        Feedback f = seasonDesk(store, clock, SEASON_POLICY).receive(intake(BEACH_BAR));
        assertThat(f.slaClock(SlaKind.RESOLUTION)).isEmpty();

        clock.set(istanbul("2025-06-04T12:00"));
        FeedbackDesk extended = seasonDesk(store, clock, seasonPolicy(season(LocalDate.of(2025, 9, 30))));
        Feedback recomputed = extended.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"));

        // counted from receipt as a receipt would have: 8 hours on Wednesday, 4 on Thursday
        SlaClock resolution = recomputed.slaClock(SlaKind.RESOLUTION).orElseThrow();
        assertThat(resolution.startedAt()).isEqualTo(istanbul("2025-06-04T10:00"));
        assertThat(resolution.dueAt()).isEqualTo(istanbul("2025-06-05T13:00"));
        assertThat(resolution.usedBeforeRun()).isEqualTo(Duration.ofHours(2));
        // and the acknowledgement's escalation at 150%, which the calendar now reaches, is back
        assertThat(recomputed.slaClock(SlaKind.ACKNOWLEDGEMENT).orElseThrow().checkpoints())
                .anyMatch(c -> c.type() == SlaCheckpoint.Type.ESCALATION && c.level() == 3
                        && c.at().equals(istanbul("2025-06-05T10:00")));
    }

    @Test
    void aRecomputeStartsAClockStoppedAsNotCountedAgainOnceItsCalendarCanCountTheRestKeepingTheTimeItUsed() {
        MutableClock clock = new MutableClock(istanbul("2025-06-03T10:00"));
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = seasonDesk(store, clock, SEASON_POLICY);
        Actor ayse = Actor.staff("ayse");
        Feedback f = desk.receive(intake(BEACH_BAR));
        clock.set(istanbul("2025-06-03T11:00"));
        desk.take(HOTEL, f.id(), ayse);
        clock.set(istanbul("2025-06-03T12:00"));
        desk.awaitCustomer(HOTEL, f.id(), ayse, "Hangi şezlong?");
        clock.set(istanbul("2025-06-05T10:00")); // after the last day the calendar knows: stopped with 2 hours used
        Feedback answered = desk.customerResponded(HOTEL, f.id(), "12 numara");
        assertThat(answered.slaClock(SlaKind.RESOLUTION).orElseThrow().state()).isEqualTo(SlaClock.State.CANCELLED);

        // under the same calendar there is still nothing to count it on: nothing changes
        clock.set(istanbul("2025-06-05T10:30"));
        assertThat(desk.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"))).isEqualTo(answered);

        // the host enters the rest of the season: the clock runs again from where it stopped, its time used kept and the
        // working hour since its stop counted, as a recompute counts the time of a resolution clock it starts
        clock.set(istanbul("2025-06-05T11:00"));
        FeedbackDesk extended = seasonDesk(store, clock, seasonPolicy(season(LocalDate.of(2025, 9, 30))));
        Feedback recomputed = extended.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"));

        SlaClock restarted = recomputed.slaClock(SlaKind.RESOLUTION).orElseThrow();
        assertThat(restarted.state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(restarted.startedAt()).isEqualTo(istanbul("2025-06-03T10:00"));
        assertThat(restarted.usedBeforeRun()).isEqualTo(Duration.ofHours(3));
        assertThat(restarted.runningSince()).isEqualTo(istanbul("2025-06-05T11:00"));
        assertThat(restarted.dueAt()).isEqualTo(istanbul("2025-06-06T11:00")); // 9 hours left: 7 today, 2 tomorrow
        assertThat(last(extended, f).type()).isEqualTo(EventType.SLA_RECOMPUTED);
        assertThat(last(extended, f).details()).hasEntrySatisfying("sla.RESOLUTION",
                v -> assertThat(v).startsWith("started by the recompute again").contains("3h00m of 12h00m used"));
        // and it is a round the reports count once it stops
        clock.set(istanbul("2025-06-05T12:00"));
        Feedback resolved = extended.resolve(HOTEL, f.id(), ayse, "Şezlong değiştirildi");
        assertThat(resolved.slaClock(SlaKind.RESOLUTION).orElseThrow()).satisfies(c -> {
            assertThat(c.state()).isEqualTo(SlaClock.State.MET);
            assertThat(c.usedBeforeRun()).isEqualTo(Duration.ofHours(4));
        });
    }

    @Test
    void aClockStartedAgainAfterItsTargetWasUsedUpIsDueWhenItWasUsedUpCountedOverTheWeekend() {
        MutableClock clock = new MutableClock(istanbul("2025-06-02T10:00")); // a Monday: 26 working hours left on the calendar
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = seasonDesk(store, clock, SEASON_POLICY);
        Actor ayse = Actor.staff("ayse");
        Intake low = Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FACE_TO_FACE, "Gürültü").location(BEACH_BAR)
                .priority(Priority.LOW).build();
        Feedback early = desk.receive(low);
        Feedback late = desk.receive(low);
        clock.set(istanbul("2025-06-02T11:00"));
        desk.take(HOTEL, early.id(), ayse);
        desk.take(HOTEL, late.id(), ayse);
        clock.set(istanbul("2025-06-02T12:00"));
        desk.awaitCustomer(HOTEL, early.id(), ayse, "Hangi şezlong?");
        desk.awaitCustomer(HOTEL, late.id(), ayse, "Hangi şezlong?");
        // answered after the last day the calendar knows: stopped with 2 of 24 hours used
        clock.set(istanbul("2025-06-05T10:00")); // a Thursday
        desk.customerResponded(HOTEL, early.id(), "12 numara");
        desk.customerResponded(HOTEL, late.id(), "12 numara");

        // the host enters the season, open on weekdays: 22 hours left from Thursday 10:00 are used up on Monday at 14:00
        // (8 on Thursday, 9 on Friday, none at the weekend, 5 on Monday), whether it recomputes before or after then
        SlaPolicy weekdays = seasonPolicy(BusinessCalendar.builder("beach-season", ISTANBUL).weekdays("09:00-18:00").build());
        FeedbackDesk extended = seasonDesk(store, clock, weekdays);
        clock.set(istanbul("2025-06-09T10:00"));
        SlaClock beforeDue = extended.recomputeSla(HOTEL, early.id(), Actor.system("policy-update")).slaClock(SlaKind.RESOLUTION).orElseThrow();
        assertThat(beforeDue.usedBeforeRun()).isEqualTo(Duration.ofHours(20));
        assertThat(beforeDue.dueAt()).isEqualTo(istanbul("2025-06-09T14:00"));

        clock.set(istanbul("2025-06-10T10:00"));
        SlaClock afterDue = extended.recomputeSla(HOTEL, late.id(), Actor.system("policy-update")).slaClock(SlaKind.RESOLUTION).orElseThrow();
        assertThat(afterDue.state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(afterDue.usedBeforeRun()).isEqualTo(Duration.ofHours(29));
        assertThat(afterDue.runningSince()).isEqualTo(istanbul("2025-06-10T10:00"));
        assertThat(afterDue.dueAt()).isEqualTo(istanbul("2025-06-09T14:00"));

        // its breach, due at once, fires once: not again after a recompute that changes nothing
        extended.slaMonitor().tick(clock.instant());
        clock.set(istanbul("2025-06-10T11:00"));
        extended.recomputeSla(HOTEL, late.id(), Actor.system("policy-update"));
        extended.slaMonitor().tick(clock.instant());
        assertThat(extended.history(HOTEL, late.id())).filteredOn(e -> e.type() == EventType.SLA_BREACHED).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("sla", "RESOLUTION"));
    }

    @Test
    void aClockAPriorityChangeStoppedAsNotCountedIsStartedAgainWithTheTargetItCouldNotCount() {
        MutableClock clock = new MutableClock(istanbul("2025-06-03T10:00"));
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = seasonDesk(store, clock, SEASON_POLICY);
        Feedback f = desk.receive(intake(BEACH_BAR));
        clock.set(istanbul("2025-06-04T17:00")); // 16 working hours used, one left on the calendar
        Feedback lowered = desk.changePriority(HOTEL, f.id(), Actor.staff("ayse"), Priority.LOW, "bilgi amaçlı");
        // the stopped clock keeps the target it could not count
        assertThat(lowered.slaClock(SlaKind.RESOLUTION).orElseThrow().target()).isEqualTo(Duration.ofHours(24));

        clock.set(istanbul("2025-06-05T10:00"));
        Feedback recomputed = seasonDesk(store, clock, seasonPolicy(season(LocalDate.of(2025, 9, 30))))
                .recomputeSla(HOTEL, f.id(), Actor.system("policy-update"));

        // 16 hours, and one on Wednesday evening and one on Thursday morning: 6 of 24 left
        SlaClock restarted = recomputed.slaClock(SlaKind.RESOLUTION).orElseThrow();
        assertThat(restarted.state()).isEqualTo(SlaClock.State.RUNNING);
        assertThat(restarted.target()).isEqualTo(Duration.ofHours(24));
        assertThat(restarted.usedBeforeRun()).isEqualTo(Duration.ofHours(18));
        assertThat(restarted.dueAt()).isEqualTo(istanbul("2025-06-05T16:00"));
    }

    @Test
    void aTargetThatCannotBeCountedIsWarnedOfWhenThatIsNewNotOnEveryLaterTouch() {
        MutableClock clock = new MutableClock(istanbul("2025-06-04T10:00"));
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = seasonDesk(store, clock, SEASON_POLICY);
        Actor ayse = Actor.staff("ayse");
        Feedback[] received = new Feedback[2];

        String atReceipt = stderrOf(() -> received[0] = desk.receive(intake(BEACH_BAR)));

        Feedback f = received[0];
        assertThat(warnings(atReceipt, f)).anyMatch(w -> w.contains("RESOLUTION of " + f.reference() + " not counted"))
                .anyMatch(w -> w.contains("FIRST_RESPONSE of " + f.reference() + " not counted"))
                .anyMatch(w -> w.contains("ACKNOWLEDGEMENT of " + f.reference() + " escalation 3 at 150% never falls due"));
        // recomputes, a redirect within the location and a priority change to a priority with the same targets leave the
        // targets as uncountable as they were: nothing new to warn of, nor to write in the history
        String touches = stderrOf(() -> {
            clock.set(istanbul("2025-06-04T11:00"));
            desk.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"));
            desk.redirect(HOTEL, f.id(), ayse, io.memnun.feedback.DepartmentId.of("bar"), null, "bar ekibi");
            clock.set(istanbul("2025-06-04T12:00"));
            desk.recomputeSla(HOTEL, f.id(), Actor.system("policy-update"));
        });
        assertThat(warnings(touches, f)).isEmpty();
        assertThat(desk.history(HOTEL, f.id())).filteredOn(e -> e.type() == EventType.REDIRECTED).singleElement()
                .satisfies(e -> assertThat(e.details()).doesNotContainKey("sla.RESOLUTION"));
        // a priority with another target is new: its target cannot be counted either, and that is said once
        String lowered = stderrOf(() -> desk.changePriority(HOTEL, f.id(), ayse, Priority.LOW, "bilgi amaçlı"));
        assertThat(warnings(lowered, f)).singleElement().satisfies(w -> assertThat(w).contains("RESOLUTION", "24h00m"));
        assertThat(last(desk, f).details()).hasEntrySatisfying("sla.RESOLUTION", v -> assertThat(v).startsWith("not counted: "));

        // a clock whose escalation at 150% is left out is resumed after the customer's answer: the same escalation is left
        // out, which was said when the clock started
        clock.set(istanbul("2025-06-03T10:00"));
        String second = stderrOf(() -> received[1] = desk.receive(intake(BEACH_BAR)));
        Feedback g = received[1];
        assertThat(warnings(second, g)).singleElement().satisfies(w -> assertThat(w).contains("RESOLUTION", "escalation 3 at 150%"));
        String resumed = stderrOf(() -> {
            clock.set(istanbul("2025-06-03T11:00"));
            desk.take(HOTEL, g.id(), ayse);
            clock.set(istanbul("2025-06-03T12:00"));
            desk.awaitCustomer(HOTEL, g.id(), ayse, "Hangi şezlong?");
            clock.set(istanbul("2025-06-03T13:00"));
            desk.customerResponded(HOTEL, g.id(), "12 numara");
        });
        assertThat(warnings(resumed, g)).isEmpty();
        assertThat(last(desk, g).details()).doesNotContainKey("sla.RESOLUTION.notCounted");
    }

    @Test
    void aManagementReviewShowsPerLocationTheTargetsItsCalendarCouldNotCount() {
        MutableClock clock = new MutableClock(istanbul("2025-06-04T10:00"));
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = seasonDesk(store, clock, SEASON_POLICY);
        Actor ayse = Actor.staff("ayse");
        Feedback f = desk.receive(intake(BEACH_BAR));
        clock.set(istanbul("2025-06-04T10:30"));
        desk.take(HOTEL, f.id(), ayse);
        clock.set(istanbul("2025-06-04T13:00"));
        desk.resolve(HOTEL, f.id(), ayse, "Şemsiye değiştirildi");
        Reports reports = Reports.builder(store).clock(clock).build();
        io.memnun.report.ReportFilter june = io.memnun.report.ReportFilter.of(HOTEL,
                io.memnun.report.ReportPeriod.month(java.time.YearMonth.of(2025, 6), ISTANBUL));

        io.memnun.report.ManagementReview review = reports.review(june);

        // beside the acknowledgement met, the first response and the resolution the calendar could not count
        assertThat(review.current().slaByTarget()).containsExactly(
                new io.memnun.report.SlaCompliance(SlaKind.ACKNOWLEDGEMENT, null, 1, 0, 0),
                new io.memnun.report.SlaCompliance(SlaKind.FIRST_RESPONSE, null, 0, 0, 1),
                new io.memnun.report.SlaCompliance(SlaKind.RESOLUTION, null, 0, 0, 1));
        assertThat(review.current().slaByLocation()).contains(
                new io.memnun.report.SlaCompliance(SlaKind.RESOLUTION, "beach-bar", 0, 0, 1));
        assertThat(review.suggestions()).filteredOn(s -> s.rule().equals("SLA_NOT_COUNTED")).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo("beach-bar");
            assertThat(s.text()).contains("beach-bar", "1 first response", "1 resolution", "calendar");
        });
        String html = io.memnun.report.ReviewHtml.render(review);
        assertThat(html).contains("Not counted", "SLA not counted: resolution", "beach-bar");
        assertThat(io.memnun.report.ReviewCsv.render(review)).contains("sla not counted by location,RESOLUTION,beach-bar,0,1\r\n",
                "sla not counted,RESOLUTION,,0,1\r\n");
        String json = io.memnun.report.json.ReportJson.review(review);
        assertThat(json).contains("\"slaByLocation\":[", "\"key\":\"beach-bar\",\"met\":0,\"missed\":0,\"notCounted\":1");
    }

    /** What {@code action} writes to the standard error stream, where the tests' logger writes. */
    static String stderrOf(Runnable action) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The lines of {@code log} that warn about {@code f}. */
    static List<String> warnings(String log, Feedback f) {
        return log.lines().filter(l -> l.contains("WARN") && l.contains(f.reference().toString())).toList();
    }

    private static FeedbackEvent last(FeedbackDesk desk, Feedback f) {
        List<FeedbackEvent> history = desk.history(HOTEL, f.id());
        return history.get(history.size() - 1);
    }

    private static Intake intake(LocationId location) {
        return Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FACE_TO_FACE, "Gürültü").location(location).build();
    }
}
