package io.memnun.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Properties of business calendars checked on many generated cases. Each property draws its cases from a
 * {@link Random} with a fixed seed, so a failure names the seed and case and replays exactly.
 */
class BusinessCalendarPropertiesTest {
    private static final long SEED = 20261123L;
    private static final int TRIES = 1000;


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

    /** Runs {@code property} on {@value #TRIES} cases drawn from a seeded generator; a failure names the case. */
    private static void forAll(String property, Consumer<Random> check) {
        Random random = new Random(SEED ^ property.hashCode());
        for (int i = 0; i < TRIES; i++) {
            long caseSeed = random.nextLong();
            try {
                check.accept(new Random(caseSeed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + " failed on case " + i + " (case seed " + caseSeed + "L)", e);
            }
        }
    }

    private static BusinessCalendar calendar(Random r) {
        return CALENDARS.get(r.nextInt(CALENDARS.size()));
    }

    private static final long FROM = Instant.parse("2019-06-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2036-06-01T00:00:00Z").getEpochSecond();

    private static Instant instant(Random r) {
        if (r.nextBoolean()) {
            return Instant.ofEpochSecond(FROM + (long) (r.nextDouble() * (TO - FROM)), r.nextInt(1_000_000_000));
        }
        // opening and closing times, where off-by-one mistakes live; read in Istanbul's zone, any calendar
        long day = FROM / 86_400 + (long) (r.nextDouble() * ((TO - FROM) / 86_400));
        LocalTime time = BOUNDARIES.get(r.nextInt(BOUNDARIES.size()));
        return LocalDateTime.of(LocalDate.ofEpochDay(day), time).atZone(Calendars.ISTANBUL).toInstant();
    }

    private static Duration duration(Random r) {
        return r.nextBoolean()
                ? Duration.ofMinutes((long) (r.nextDouble() * 400 * 60))
                : Duration.ofNanos((long) (r.nextDouble() * Duration.ofHours(60).toNanos()));
    }

    @Test
    void working_time_between_start_and_plus_is_the_duration() {
        forAll("inverse", r -> {
            BusinessCalendar calendar = calendar(r);
            Instant start = instant(r);
            Duration workingTime = duration(r);
            Instant due = calendar.plus(start, workingTime);

            assertThat(calendar.workingTimeBetween(start, due)).as("%s + %s on %s", start, workingTime, calendar.name()).isEqualTo(workingTime);
        });
    }

    @Test
    void a_positive_duration_never_ends_in_a_closed_period() {
        forAll("never closed", r -> {
            BusinessCalendar calendar = calendar(r);
            Instant start = instant(r);
            Duration workingTime = duration(r);
            if (workingTime.isZero()) {
                return;
            }
            Instant due = calendar.plus(start, workingTime);

            assertThat(calendar.isOpen(due) || calendar.isOpen(due.minusNanos(1)))
                    .as("%s is open or the end of an opening interval", due)
                    .isTrue();
        });
    }

    @Test
    void more_working_time_never_ends_earlier() {
        forAll("monotonic in duration", r -> {
            BusinessCalendar calendar = calendar(r);
            Instant start = instant(r);
            Duration shorter = duration(r);
            Duration extra = duration(r);
            assertThat(calendar.plus(start, shorter.plus(extra))).isAfterOrEqualTo(calendar.plus(start, shorter));
        });
    }

    @Test
    void a_later_start_never_ends_earlier() {
        forAll("monotonic in start", r -> {
            BusinessCalendar calendar = calendar(r);
            Instant start = instant(r);
            Duration delay = duration(r);
            Duration workingTime = duration(r);
            assertThat(calendar.plus(start.plus(delay), workingTime)).isAfterOrEqualTo(calendar.plus(start, workingTime));
        });
    }

    @Test
    void plus_agrees_with_a_day_by_day_walk() {
        forAll("plus walk", r -> {
            BusinessCalendar calendar = calendar(r);
            Instant start = instant(r);
            Duration workingTime = duration(r);
            assertThat(calendar.plus(start, workingTime)).isEqualTo(new DayByDayWalk(calendar).plus(start, workingTime));
        });
    }

    @Test
    void plus_working_days_agrees_with_a_day_by_day_walk() {
        forAll("working days walk", r -> {
            BusinessCalendar calendar = calendar(r);
            Instant start = instant(r);
            int days = r.nextInt(61);
            Instant due = calendar.plusWorkingDays(start, days);

            assertThat(due).isEqualTo(new DayByDayWalk(calendar).plusWorkingDays(start, days));
            if (days > 0) {
                assertThat(calendar.isOpen(due) || calendar.isOpen(due.minusNanos(1))).isTrue();
            }
        });
    }

    @Test
    void next_opening_is_open_and_skips_no_working_time() {
        forAll("next opening", r -> {
            BusinessCalendar calendar = calendar(r);
            Instant instant = instant(r);
            Instant opening = calendar.nextOpening(instant);

            assertThat(opening).isEqualTo(new DayByDayWalk(calendar).nextOpening(instant));
            assertThat(calendar.isOpen(opening)).isTrue();
            assertThat(calendar.workingTimeBetween(instant, opening)).isZero();
        });
    }

    @Test
    void is_open_agrees_with_a_day_by_day_walk() {
        forAll("is open", r -> {
            BusinessCalendar calendar = calendar(r);
            Instant instant = instant(r);
            assertThat(calendar.isOpen(instant)).isEqualTo(new DayByDayWalk(calendar).isOpen(instant));
        });
    }

    @Test
    void working_time_between_adds_up_in_any_order() {
        forAll("additive", r -> {
            BusinessCalendar calendar = calendar(r);
            Instant a = instant(r);
            Instant b = instant(r);
            Instant c = instant(r);
            assertThat(calendar.workingTimeBetween(a, b).plus(calendar.workingTimeBetween(b, c))).isEqualTo(calendar.workingTimeBetween(a, c));
            assertThat(calendar.workingTimeBetween(b, a)).isEqualTo(calendar.workingTimeBetween(a, b).negated());
        });
    }
}
