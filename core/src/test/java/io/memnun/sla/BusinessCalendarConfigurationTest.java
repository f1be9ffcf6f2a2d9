package io.memnun.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessCalendarConfigurationTest {
    private static final ZoneId ISTANBUL = Calendars.ISTANBUL;

    @Test
    void refuses_overlapping_intervals() {
        assertThatThrownBy(() -> BusinessCalendar.builder("x", ISTANBUL).hours(DayOfWeek.MONDAY, "09:00-12:30", "12:00-18:00"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("overlap")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("hours.MONDAY");
    }

    @Test
    void refuses_intervals_out_of_order() {
        assertThatThrownBy(() -> BusinessCalendar.builder("x", ISTANBUL).weekdays("13:30-18:00", "09:00-12:30"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("in order");
    }

    @Test
    void refuses_empty_and_backwards_intervals() {
        assertThatThrownBy(() -> BusinessCalendar.builder("x", ISTANBUL).hours(DayOfWeek.MONDAY, "09:00-09:00"))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("hours.MONDAY");
        assertThatThrownBy(() -> WorkingInterval.of(LocalTime.of(18, 0), LocalTime.of(9, 0)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("not after its start");
    }

    @Test
    void refuses_text_that_is_not_an_interval() {
        assertThatThrownBy(() -> BusinessCalendar.builder("x", ISTANBUL).hours(DayOfWeek.MONDAY, "nine to five"))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("hours.MONDAY");
        assertThatThrownBy(() -> WorkingInterval.parse("09:00-25:00"))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void refuses_a_blank_name_and_a_missing_zone() {
        assertThatThrownBy(() -> BusinessCalendar.builder(" ", ISTANBUL))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("calendar.name");
        assertThatThrownBy(() -> BusinessCalendar.builder("x", null))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("calendar.zone");
    }

    @Test
    void refuses_an_extra_working_day_without_hours() {
        assertThatThrownBy(() -> BusinessCalendar.builder("x", ISTANBUL).openOn(LocalDate.of(2025, 5, 3), List.of()))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("openOn.2025-05-03");
    }

    @Test
    void accepts_24_00_as_the_end_of_the_day_and_touching_intervals() {
        BusinessCalendar calendar = BusinessCalendar.builder("late", ISTANBUL)
                .hours(DayOfWeek.FRIDAY, "09:00-18:00", "18:00-24:00")
                .build();

        assertThat(calendar.weeklyHours(DayOfWeek.FRIDAY)).extracting(WorkingInterval::toString)
                .containsExactly("09:00-18:00", "18:00-24:00");
        assertThat(calendar.weeklyHours(DayOfWeek.FRIDAY).get(1).endsAtMidnight()).isTrue();
        Instant fridayEvening = Calendars.at(calendar, "2025-03-07T23:00");
        assertThat(calendar.plus(fridayEvening, Duration.ofHours(1))).isEqualTo(Calendars.at(calendar, "2025-03-08T00:00"));
    }

    @Test
    void refuses_a_negative_duration_and_instants_out_of_range() {
        Instant start = Calendars.at(Calendars.OFFICE, "2025-03-10T09:00");

        assertThatThrownBy(() -> Calendars.OFFICE.plus(start, Duration.ofHours(-1)))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("workingTime");
        assertThatThrownBy(() -> Calendars.OFFICE.plusWorkingDays(start, -1))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("days");
        assertThatThrownBy(() -> Calendars.OFFICE.isOpen(Instant.MAX))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("instant");
    }

    @Test
    void a_calendar_without_any_working_time_fails_instead_of_looping() {
        BusinessCalendar closed = BusinessCalendar.builder("closed", ISTANBUL).build();
        Instant start = Calendars.at(closed, "2025-03-10T09:00");

        assertThatThrownBy(() -> closed.plus(start, Duration.ofHours(1)))
                .isInstanceOf(NoWorkingTimeException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> closed.nextOpening(start)).isInstanceOf(NoWorkingTimeException.class);
        assertThatThrownBy(() -> closed.plusWorkingDays(start, 1)).isInstanceOf(NoWorkingTimeException.class);
    }

    @Test
    void a_calendar_open_on_listed_dates_only_runs_out_after_the_last() {
        BusinessCalendar event = BusinessCalendar.builder("fair", ISTANBUL)
                .openOn(List.of(LocalDate.of(2025, 9, 12), LocalDate.of(2025, 9, 13)), "10:00-16:00")
                .build();
        Instant start = Calendars.at(event, "2025-03-10T09:00");

        assertThat(event.plus(start, Duration.ofHours(8))).isEqualTo(Calendars.at(event, "2025-09-13T12:00"));
        assertThatThrownBy(() -> event.plus(start, Duration.ofHours(13)))
                .isInstanceOf(NoWorkingTimeException.class)
                .satisfies(e -> assertThat(((NoWorkingTimeException) e).calendar()).isEqualTo("fair"));
    }

    @Test
    void a_calendar_with_some_working_time_but_too_little_says_how_much_it_found_against_what_was_needed() {
        BusinessCalendar event = BusinessCalendar.builder("fair", ISTANBUL)
                .openOn(List.of(LocalDate.of(2025, 9, 12), LocalDate.of(2025, 9, 13)), "10:00-16:00")
                .build();
        Instant start = Calendars.at(event, "2025-09-12T13:00");

        assertThatThrownBy(() -> event.plus(start, Duration.ofHours(13).plusMinutes(30)))
                .isInstanceOfSatisfying(NoWorkingTimeException.class, e -> {
                    assertThat(e.calendar()).isEqualTo("fair");
                    assertThat(e.from()).isEqualTo(start);
                    assertThat(e.needed()).contains(Duration.ofMinutes(13 * 60 + 30));
                    assertThat(e.found()).contains(Duration.ofHours(9));
                    assertThat(e.getMessage()).isEqualTo("calendar 'fair' has 9h00m of working time after " + start
                            + ", less than the 13h30m needed (no weekly opening hours and no extra working day after 2025)");
                });
        assertThatThrownBy(() -> event.plusWorkingDays(start, 3))
                .isInstanceOf(NoWorkingTimeException.class)
                .hasMessage("calendar 'fair' has 1 working day after " + start
                        + ", fewer than the 3 needed (no weekly opening hours and no extra working day after 2025)");
        // with nothing at all left, that is what it says
        Instant after = Calendars.at(event, "2025-09-14T09:00");
        assertThatThrownBy(() -> event.plus(after, Duration.ofHours(1)))
                .isInstanceOfSatisfying(NoWorkingTimeException.class, e -> {
                    assertThat(e.found()).contains(Duration.ZERO);
                    assertThat(e.getMessage()).isEqualTo("calendar 'fair' has no working time after " + after
                            + ", and 1h00m was needed (no weekly opening hours and no extra working day after 2025)");
                });
        assertThatThrownBy(() -> event.nextOpening(after))
                .isInstanceOfSatisfying(NoWorkingTimeException.class, e -> {
                    assertThat(e.needed()).isEmpty();
                    assertThat(e.getMessage()).isEqualTo("calendar 'fair' has no working time after " + after
                            + " (no weekly opening hours and no extra working day after 2025)");
                });
    }

    @Test
    void listed_working_days_years_apart_are_found() {
        BusinessCalendar census = BusinessCalendar.builder("census", ISTANBUL)
                .openOn(LocalDate.of(2025, 10, 20), "09:00-17:00")
                .openOn(LocalDate.of(2035, 10, 22), "09:00-17:00")
                .build();

        assertThat(census.plus(Calendars.at(census, "2025-10-20T16:00"), Duration.ofHours(2)))
                .isEqualTo(Calendars.at(census, "2035-10-22T10:00"));
        assertThat(census.plusWorkingDays(Calendars.at(census, "2025-10-20T16:00"), 1))
                .isEqualTo(Calendars.at(census, "2035-10-22T16:00"));
    }

    @Test
    void a_holiday_provider_that_closes_every_day_fails_instead_of_looping() {
        BusinessCalendar calendar = BusinessCalendar.builder("always-closed", ISTANBUL)
                .weekdays("09:00-18:00")
                .holidays(date -> java.util.Optional.of(Holiday.fullDay(date, "Tatil", "Holiday")))
                .build();

        assertThatThrownBy(() -> calendar.plus(Calendars.at(calendar, "2025-03-10T09:00"), Duration.ofHours(1)))
                .isInstanceOf(NoWorkingTimeException.class)
                .hasMessageContaining("5 years");
    }

    @Test
    void per_date_exceptions_override_weekly_hours_and_holidays() {
        BusinessCalendar calendar = BusinessCalendar.builder("plant", ISTANBUL)
                .weekdays("09:00-18:00")
                .holidays(TurkishHolidays.provider())
                .openOn(LocalDate.of(2025, 3, 8), "10:00-14:00") // a working Saturday
                .openOn(LocalDate.of(2025, 5, 19), "09:00-12:00") // open on a national holiday
                .closedOn(LocalDate.of(2025, 3, 10)) // a bridge day
                .build();

        assertThat(calendar.hoursOn(LocalDate.of(2025, 3, 8))).containsExactly(WorkingInterval.of("10:00", "14:00"));
        assertThat(calendar.hoursOn(LocalDate.of(2025, 5, 19))).containsExactly(WorkingInterval.of("09:00", "12:00"));
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 3, 10))).isFalse();
        // Friday 17:00 + 6 h: 1 h Friday, 4 h on the working Saturday, Monday closed, 1 h Tuesday
        assertThat(calendar.plus(Calendars.at(calendar, "2025-03-07T17:00"), Duration.ofHours(6)))
                .isEqualTo(Calendars.at(calendar, "2025-03-11T10:00"));
    }

    @Test
    void a_provider_answering_for_the_wrong_date_is_reported() {
        BusinessCalendar calendar = BusinessCalendar.builder("broken", ISTANBUL)
                .weekdays("09:00-18:00")
                .holidays(date -> java.util.Optional.of(Holiday.fullDay(date.plusDays(1), "Yanlış", "Wrong")))
                .build();

        assertThatThrownBy(() -> calendar.isOpen(Calendars.at(calendar, "2025-03-10T10:00")))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("holidays");
    }
}
