package io.memnun;

import static io.memnun.SlaClocksTest.HOTEL;
import static io.memnun.SlaClocksTest.ISTANBUL;
import static io.memnun.SlaClocksTest.OFFICE;
import static io.memnun.SlaClocksTest.istanbul;
import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Channel;
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
import io.memnun.sla.SlaEngine;
import io.memnun.sla.SlaPolicy;
import io.memnun.sla.SlaTarget;
import io.memnun.store.memory.InMemoryCatalogStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
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

        Feedback received = desk.receive(intake(annex));

        SlaClock acknowledgement = received.slaClock(SlaKind.ACKNOWLEDGEMENT).orElseThrow();
        assertThat(acknowledgement.calendar()).isEqualTo("office");
        assertThat(acknowledgement.dueAt()).isEqualTo(istanbul("2025-03-10T14:30"));
    }

    private static Intake intake(LocationId location) {
        return Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FACE_TO_FACE, "Gürültü").location(location).build();
    }
}
