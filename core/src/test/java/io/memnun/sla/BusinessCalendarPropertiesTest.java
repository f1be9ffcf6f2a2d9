package io.memnun.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class BusinessCalendarPropertiesTest {

    /** Saturday mornings, touching intervals, a Sunday night across the spring clock change, exceptions. */
    private static final BusinessCalendar ODD = BusinessCalendar.builder("odd", Calendars.BERLIN)
            .weekdays("08:00-12:00", "12:00-12:30", "14:00-17:45")
            .hours(DayOfWeek.SATURDAY, "10:00-14:00")
            .hours(DayOfWeek.SUNDAY, "01:30-02:30", "02:45-04:00")
            .holidays(TurkishHolidays.provider())
            .closedOn(LocalDate.of(2026, 1, 2))
            .openOn(LocalDate.of(2026, 1, 1), "12:00-24:00")
            .build();

    private static final List<BusinessCalendar> CALENDARS = List.of(
            Calendars.OFFICE, Calendars.SPLIT_DAY, Calendars.ISTANBUL_24X7, Calendars.BERLIN_24X7,
            Calendars.BERLIN_OFFICE, Calendars.BERLIN_SUNDAY_NIGHT, ODD);

    private static final List<LocalTime> BOUNDARIES = List.of(
            LocalTime.MIDNIGHT, LocalTime.of(2, 30), LocalTime.of(6, 0), LocalTime.of(9, 0), LocalTime.of(12, 30),
            LocalTime.of(13, 0), LocalTime.of(13, 30), LocalTime.of(17, 45), LocalTime.of(18, 0));

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        return Arbitraries.of(CALENDARS);
    }

    @Provide
    Arbitrary<Instant> instants() {
        long from = Instant.parse("2019-06-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2036-06-01T00:00:00Z").getEpochSecond();
        Arbitrary<Instant> anywhere = Combinators.combine(Arbitraries.longs().between(from, to), Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
        // opening and closing times, where off-by-one mistakes live; read in Istanbul's zone, any calendar
        Arbitrary<Instant> onBoundaries = Combinators.combine(Arbitraries.longs().between(from / 86_400, to / 86_400), Arbitraries.of(BOUNDARIES))
                .as((day, time) -> LocalDateTime.of(LocalDate.ofEpochDay(day), time).atZone(Calendars.ISTANBUL).toInstant());
        return Arbitraries.oneOf(anywhere, onBoundaries);
    }

    @Provide
    Arbitrary<Duration> durations() {
        Arbitrary<Duration> minutes = Arbitraries.longs().between(0, 400 * 60).map(Duration::ofMinutes);
        Arbitrary<Duration> nanos = Arbitraries.longs().between(0, Duration.ofHours(60).toNanos()).map(Duration::ofNanos);
        return Arbitraries.oneOf(minutes, nanos);
    }

    @Property
    void working_time_between_start_and_plus_is_the_duration(
            @ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant start, @ForAll("durations") Duration workingTime) {
        Instant due = calendar.plus(start, workingTime);

        assertThat(calendar.workingTimeBetween(start, due)).isEqualTo(workingTime);
    }

    @Property
    void a_positive_duration_never_ends_in_a_closed_period(
            @ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant start, @ForAll("durations") Duration workingTime) {
        Assume.that(!workingTime.isZero());

        Instant due = calendar.plus(start, workingTime);

        assertThat(calendar.isOpen(due) || calendar.isOpen(due.minusNanos(1)))
                .as("%s is open or the end of an opening interval", due)
                .isTrue();
    }

    @Property
    void more_working_time_never_ends_earlier(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant start,
            @ForAll("durations") Duration shorter, @ForAll("durations") Duration extra) {
        assertThat(calendar.plus(start, shorter.plus(extra))).isAfterOrEqualTo(calendar.plus(start, shorter));
    }

    @Property
    void a_later_start_never_ends_earlier(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant start,
            @ForAll("durations") Duration delay, @ForAll("durations") Duration workingTime) {
        assertThat(calendar.plus(start.plus(delay), workingTime)).isAfterOrEqualTo(calendar.plus(start, workingTime));
    }

    @Property
    void plus_agrees_with_a_day_by_day_walk(
            @ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant start, @ForAll("durations") Duration workingTime) {
        assertThat(calendar.plus(start, workingTime)).isEqualTo(new DayByDayWalk(calendar).plus(start, workingTime));
    }

    @Property
    void plus_working_days_agrees_with_a_day_by_day_walk(
            @ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant start, @ForAll @IntRange(min = 0, max = 60) int days) {
        Instant due = calendar.plusWorkingDays(start, days);

        assertThat(due).isEqualTo(new DayByDayWalk(calendar).plusWorkingDays(start, days));
        if (days > 0) {
            assertThat(calendar.isOpen(due) || calendar.isOpen(due.minusNanos(1))).isTrue();
        }
    }

    @Property
    void next_opening_is_open_and_skips_no_working_time(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant instant) {
        Instant opening = calendar.nextOpening(instant);

        assertThat(opening).isEqualTo(new DayByDayWalk(calendar).nextOpening(instant));
        assertThat(calendar.isOpen(opening)).isTrue();
        assertThat(calendar.workingTimeBetween(instant, opening)).isZero();
    }

    @Property
    void is_open_agrees_with_a_day_by_day_walk(@ForAll("calendars") BusinessCalendar calendar, @ForAll("instants") Instant instant) {
        assertThat(calendar.isOpen(instant)).isEqualTo(new DayByDayWalk(calendar).isOpen(instant));
    }

    @Property
    void working_time_between_adds_up_in_any_order(@ForAll("calendars") BusinessCalendar calendar,
            @ForAll("instants") Instant a, @ForAll("instants") Instant b, @ForAll("instants") Instant c) {
        assertThat(calendar.workingTimeBetween(a, b).plus(calendar.workingTimeBetween(b, c))).isEqualTo(calendar.workingTimeBetween(a, c));
        assertThat(calendar.workingTimeBetween(b, a)).isEqualTo(calendar.workingTimeBetween(a, b).negated());
    }
}
