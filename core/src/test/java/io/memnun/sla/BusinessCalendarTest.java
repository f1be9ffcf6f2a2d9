package io.memnun.sla;

import static io.memnun.sla.Calendars.BERLIN_24X7;
import static io.memnun.sla.Calendars.BERLIN_OFFICE;
import static io.memnun.sla.Calendars.BERLIN_SUNDAY_NIGHT;
import static io.memnun.sla.Calendars.ISTANBUL_24X7;
import static io.memnun.sla.Calendars.OFFICE;
import static io.memnun.sla.Calendars.SPLIT_DAY;
import static io.memnun.sla.Calendars.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BusinessCalendarTest {

    record Example(String story, BusinessCalendar calendar, String start, Duration workingTime, String due) {
        @Override
        public String toString() {
            return story;
        }
    }

    static Stream<Example> workedExamples() {
        return Stream.of(
                new Example("Friday 17:30 + 6 h: half an hour on Friday, the rest on Monday",
                        OFFICE, "2025-03-07T17:30", Duration.ofHours(6), "2025-03-10T14:30"),
                new Example("received on Saturday: the clock starts at Monday's opening",
                        OFFICE, "2025-03-08T10:00", Duration.ofHours(1), "2025-03-10T10:00"),
                new Example("received on the eve of Ramazan Bayramı 2024 (half day): 2 h that day, then after the bayram and the weekend",
                        OFFICE, "2024-04-09T11:00", Duration.ofHours(6), "2024-04-15T13:00"),
                new Example("received on the eve after its 13:00 close: nothing counts until the Monday after the bayram",
                        OFFICE, "2024-04-09T14:00", Duration.ofHours(6), "2024-04-15T15:00"),
                new Example("the day before the eve: the time runs out exactly at the eve's 13:00 close, which is the deadline",
                        OFFICE, "2024-04-08T16:00", Duration.ofHours(6), "2024-04-09T13:00"),
                new Example("Kurban Bayramı 2026 (eve Tue 26 May, bayram Wed-Sat): one hour more spans the whole bayram",
                        OFFICE, "2026-05-25T16:00", Duration.ofHours(7), "2026-06-01T10:00"),
                new Example("received on the eve of Kurban Bayramı 2025 (Thu 5 Jun), the bayram runs Fri to Mon",
                        OFFICE, "2025-06-05T10:00", Duration.ofHours(6), "2025-06-10T12:00"),
                new Example("28 October 2025 closes at 13:00, 29 October is Republic Day",
                        OFFICE, "2025-10-27T15:00", Duration.ofHours(6), "2025-10-28T12:00"),
                new Example("spanning the 28 October half day and Republic Day",
                        OFFICE, "2025-10-27T15:00", Duration.ofHours(8), "2025-10-30T10:00"),
                new Example("ten working days from Monday's opening end at the second Friday's close",
                        OFFICE, "2025-03-03T09:00", Duration.ofHours(90), "2025-03-14T18:00"),
                new Example("thirty working days over 23 April, 1 May and 19 May",
                        OFFICE, "2025-04-21T09:00", Duration.ofHours(270), "2025-06-04T18:00"),
                new Example("24/7: Friday 17:30 + 24 h is Saturday 17:30",
                        ISTANBUL_24X7, "2025-03-07T17:30", Duration.ofHours(24), "2025-03-08T17:30"),
                new Example("24/7 ignores holidays: straight through the bayram",
                        ISTANBUL_24X7, "2024-04-09T11:00", Duration.ofHours(24), "2024-04-10T11:00"),
                new Example("Istanbul keeps +03:00 all year: no clock change on the last Sunday of March",
                        ISTANBUL_24X7, "2025-03-29T23:00", Duration.ofHours(3), "2025-03-30T02:00"),
                new Example("split day: half an hour before lunch, half an hour after",
                        SPLIT_DAY, "2025-03-10T12:00", Duration.ofHours(1), "2025-03-10T14:00"),
                new Example("split day: received during lunch, the clock starts at 13:30",
                        SPLIT_DAY, "2025-03-10T12:45", Duration.ofMinutes(30), "2025-03-10T14:00"),
                new Example("split day: ending at the lunch break returns 12:30, not 13:30",
                        SPLIT_DAY, "2025-03-10T12:00", Duration.ofMinutes(30), "2025-03-10T12:30"),
                new Example("split day: across the evening and the next day's break",
                        SPLIT_DAY, "2025-03-10T17:00", Duration.ofHours(8), "2025-03-11T17:00"),
                new Example("Berlin 24/7, spring forward: 23:00 CET + 3 h is 03:00 CEST",
                        BERLIN_24X7, "2025-03-29T23:00+01:00", Duration.ofHours(3), "2025-03-30T03:00+02:00"),
                new Example("Berlin 24/7, fall back: 23:00 CEST + 4 h is 02:00 CET (the second 02:00)",
                        BERLIN_24X7, "2025-10-25T23:00+02:00", Duration.ofHours(4), "2025-10-26T02:00+01:00"),
                new Example("Berlin office over the spring-forward weekend keeps wall-clock hours",
                        BERLIN_OFFICE, "2025-03-28T17:00+01:00", Duration.ofHours(2), "2025-03-31T10:00+02:00"),
                new Example("Berlin 00:00-06:00 on the spring-forward Sunday holds only 5 h",
                        BERLIN_SUNDAY_NIGHT, "2025-03-30T00:00+01:00", Duration.ofHours(5), "2025-03-30T06:00+02:00"),
                new Example("Berlin 00:00-06:00 on the fall-back Sunday holds 7 h",
                        BERLIN_SUNDAY_NIGHT, "2025-10-26T00:00+02:00", Duration.ofHours(7), "2025-10-26T06:00+01:00"),
                new Example("Berlin night calendar: the sixth hour of the spring Sunday falls on the next Sunday",
                        BERLIN_SUNDAY_NIGHT, "2025-03-30T00:00+01:00", Duration.ofHours(6), "2025-04-06T01:00+02:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workedExamples")
    void adds_working_time(Example example) {
        Instant start = at(example.calendar(), example.start());
        Instant due = example.calendar().plus(start, example.workingTime());

        assertThat(due).isEqualTo(at(example.calendar(), example.due()));
        assertThat(example.calendar().workingTimeBetween(start, due)).isEqualTo(example.workingTime());
    }

    @Test
    void a_zero_duration_returns_the_start_even_when_closed() {
        Instant saturday = at(OFFICE, "2025-03-08T10:00");

        assertThat(OFFICE.plus(saturday, Duration.ZERO)).isEqualTo(saturday);
    }

    @Test
    void opening_intervals_are_half_open() {
        assertThat(OFFICE.isOpen(at(OFFICE, "2025-03-10T09:00"))).isTrue();
        assertThat(OFFICE.isOpen(at(OFFICE, "2025-03-10T17:59:59.999999999"))).isTrue();
        assertThat(OFFICE.isOpen(at(OFFICE, "2025-03-10T18:00"))).isFalse();
        assertThat(OFFICE.isOpen(at(OFFICE, "2025-03-10T08:59:59"))).isFalse();
    }

    @Test
    void half_days_close_at_13_00() {
        assertThat(OFFICE.isOpen(at(OFFICE, "2025-10-28T12:59"))).isTrue();
        assertThat(OFFICE.isOpen(at(OFFICE, "2025-10-28T13:00"))).isFalse();
        assertThat(OFFICE.hoursOn(LocalDate.of(2025, 10, 28))).containsExactly(WorkingInterval.of("09:00", "13:00"));
        assertThat(OFFICE.hoursOn(LocalDate.of(2025, 10, 29))).isEmpty();
        assertThat(OFFICE.isWorkingDay(LocalDate.of(2025, 10, 28))).isTrue();
        assertThat(OFFICE.isWorkingDay(LocalDate.of(2025, 10, 29))).isFalse();
    }

    @Test
    void next_opening_is_the_instant_itself_when_open() {
        Instant open = at(OFFICE, "2025-03-10T10:15:30.5");

        assertThat(OFFICE.nextOpening(open)).isEqualTo(open);
        assertThat(OFFICE.nextOpening(at(OFFICE, "2025-03-07T18:00"))).isEqualTo(at(OFFICE, "2025-03-10T09:00"));
        assertThat(OFFICE.nextOpening(at(OFFICE, "2024-04-09T13:00"))).isEqualTo(at(OFFICE, "2024-04-15T09:00"));
        assertThat(SPLIT_DAY.nextOpening(at(SPLIT_DAY, "2025-03-10T12:30"))).isEqualTo(at(SPLIT_DAY, "2025-03-10T13:30"));
    }

    @Test
    void next_opening_crosses_new_year() {
        assertThat(OFFICE.nextOpening(at(OFFICE, "2025-12-31T18:30"))).isEqualTo(at(OFFICE, "2026-01-02T09:00"));
    }

    @Test
    void working_time_between_counts_only_open_hours() {
        assertThat(OFFICE.workingTimeBetween(at(OFFICE, "2025-03-07T17:00"), at(OFFICE, "2025-03-10T10:00")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(SPLIT_DAY.workingTimeBetween(at(SPLIT_DAY, "2025-03-10T12:00"), at(SPLIT_DAY, "2025-03-10T14:00")))
                .isEqualTo(Duration.ofHours(1));
        assertThat(BERLIN_24X7.workingTimeBetween(at(BERLIN_24X7, "2025-03-30T00:00+01:00"), at(BERLIN_24X7, "2025-03-31T00:00+02:00")))
                .isEqualTo(Duration.ofHours(23));
        assertThat(BERLIN_24X7.workingTimeBetween(at(BERLIN_24X7, "2025-10-26T00:00+02:00"), at(BERLIN_24X7, "2025-10-27T00:00+01:00")))
                .isEqualTo(Duration.ofHours(25));
    }

    @Test
    void working_time_between_is_negative_when_the_end_comes_first() {
        Instant deadline = at(OFFICE, "2025-03-10T14:30");
        Instant now = at(OFFICE, "2025-03-11T10:00");

        assertThat(OFFICE.workingTimeBetween(now, deadline)).isEqualTo(Duration.ofMinutes(-(3 * 60 + 30) - 60));
    }

    @Test
    void working_time_between_spans_years() {
        Instant from = at(OFFICE, "2024-01-02T09:00");
        Instant to = at(OFFICE, "2026-01-02T09:00");
        Duration expected = Duration.ZERO;
        for (LocalDate d = LocalDate.of(2024, 1, 2); d.isBefore(LocalDate.of(2026, 1, 2)); d = d.plusDays(1)) {
            for (WorkingInterval interval : OFFICE.hoursOn(d)) {
                expected = expected.plus(interval.length());
            }
        }

        assertThat(OFFICE.workingTimeBetween(from, to)).isEqualTo(expected);
    }

    @Test
    void long_durations_cross_many_years() {
        Instant start = at(OFFICE, "2025-03-10T09:00");
        Instant due = OFFICE.plus(start, Duration.ofHours(9 * 250 * 30));

        assertThat(OFFICE.workingTimeBetween(start, due)).isEqualTo(Duration.ofHours(9 * 250 * 30));
        assertThat(due.atZone(Calendars.ISTANBUL).getYear()).isBetween(2054, 2056);
    }
}
