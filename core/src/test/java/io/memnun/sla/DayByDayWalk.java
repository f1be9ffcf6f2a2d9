package io.memnun.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The obvious, slow way to count working time: walk the dates one by one through
 * {@link BusinessCalendar#hoursOn}. The property tests hold the fast calendar to it.
 */
final class DayByDayWalk {
    private static final int MAX_DAYS = 20_000;

    private final BusinessCalendar calendar;
    private final ZoneId zone;

    DayByDayWalk(BusinessCalendar calendar) {
        this.calendar = calendar;
        this.zone = calendar.zone();
    }

    Instant plus(Instant start, Duration workingTime) {
        if (workingTime.isZero()) {
            return start;
        }
        long remaining = workingTime.toNanos();
        LocalDate date = start.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            for (Instant[] interval : intervals(date)) {
                Instant from = interval[0].isBefore(start) ? start : interval[0];
                if (interval[1].isAfter(from)) {
                    long available = Duration.between(from, interval[1]).toNanos();
                    if (remaining <= available) {
                        return from.plusNanos(remaining);
                    }
                    remaining -= available;
                }
            }
        }
        throw new AssertionError("no result within " + MAX_DAYS + " days");
    }

    Instant nextOpening(Instant instant) {
        LocalDate date = instant.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            for (Instant[] interval : intervals(date)) {
                if (interval[1].isAfter(instant)) {
                    return interval[0].isAfter(instant) ? interval[0] : instant;
                }
            }
        }
        throw new AssertionError("no opening within " + MAX_DAYS + " days");
    }

    boolean isOpen(Instant instant) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        for (LocalDate d = date.minusDays(1); !d.isAfter(date.plusDays(1)); d = d.plusDays(1)) {
            for (Instant[] interval : intervals(d)) {
                if (!interval[0].isAfter(instant) && interval[1].isAfter(instant)) {
                    return true;
                }
            }
        }
        return false;
    }

    Instant plusWorkingDays(Instant start, int days) {
        if (days == 0) {
            return start;
        }
        ZonedDateTime opened = nextOpening(start).atZone(zone);
        LocalDate date = opened.toLocalDate();
        LocalTime time = opened.toLocalTime();
        for (int counted = 0; counted < days; ) {
            date = date.plusDays(1);
            if (!intervals(date).isEmpty()) {
                counted++;
            }
        }
        Instant wanted = ZonedDateTime.of(date, time, zone).toInstant();
        List<Instant[]> day = intervals(date);
        for (int k = day.size() - 1; k >= 0; k--) {
            if (!day.get(k)[0].isAfter(wanted)) {
                return wanted.isAfter(day.get(k)[1]) ? day.get(k)[1] : wanted;
            }
        }
        return day.get(0)[0];
    }

    /** A date's opening intervals as instants, the way the calendar documents it treats clock changes. */
    private List<Instant[]> intervals(LocalDate date) {
        List<Instant[]> result = new ArrayList<>();
        Instant lastEnd = Instant.MIN;
        for (WorkingInterval interval : calendar.hoursOn(date)) {
            Instant start = ZonedDateTime.of(date, interval.start(), zone).toInstant();
            Instant end = interval.endsAtMidnight()
                    ? date.plusDays(1).atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(date, interval.end(), zone).toInstant();
            if (start.isBefore(lastEnd)) {
                start = lastEnd;
            }
            if (end.isAfter(start)) {
                result.add(new Instant[] {start, end});
                lastEnd = end;
            }
        }
        return result;
    }
}
