package io.memnun.sla;

import io.memnun.error.ValidationException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which local hours a date is open: a per-date exception if there is one, else the weekly hours cut by the
 * date's holiday. Intervals are {@code long[]} pairs of nanoseconds from midnight, end exclusive, 24:00 allowed.
 */
final class DayRules {
    private static final long[] CLOSED = new long[0];

    private final long[][] weekly;
    private final Map<LocalDate, long[]> exceptions;
    private final HolidayProvider holidays;

    DayRules(long[][] weekly, Map<LocalDate, long[]> exceptions, HolidayProvider holidays) {
        this.weekly = weekly;
        this.exceptions = Map.copyOf(exceptions);
        this.holidays = holidays;
    }

    static long[] toNanos(List<WorkingInterval> intervals) {
        long[] pairs = new long[intervals.size() * 2];
        for (int i = 0; i < intervals.size(); i++) {
            pairs[2 * i] = intervals.get(i).startNanoOfDay();
            pairs[2 * i + 1] = intervals.get(i).endNanoOfDay();
        }
        return pairs;
    }

    /** True when some weekday has opening hours, so working time returns every week unless holidays or exceptions take it. */
    boolean hasWeeklyHours() {
        for (long[] day : weekly) {
            if (day.length > 0) {
                return true;
            }
        }
        return false;
    }

    /** The year of the last date an exception opens, or {@link Integer#MIN_VALUE} if none does. */
    int lastExceptionalWorkingYear() {
        return exceptions.entrySet().stream()
                .filter(e -> e.getValue().length > 0)
                .mapToInt(e -> e.getKey().getYear())
                .max()
                .orElse(Integer.MIN_VALUE);
    }

    long[] localIntervals(LocalDate date) {
        long[] exception = exceptions.get(date);
        if (exception != null) {
            // an explicit exception is the host's decision for that date, holiday or not
            return exception;
        }
        long[] hours = weekly[date.getDayOfWeek().ordinal()];
        if (hours.length == 0) {
            return hours;
        }
        Optional<Holiday> holiday = holidays.holidayOn(date);
        if (holiday == null) {
            throw new ValidationException("holidays", "the holiday provider returned null for " + date);
        }
        if (holiday.isEmpty()) {
            return hours;
        }
        if (!holiday.get().date().equals(date)) {
            throw new ValidationException("holidays", "asked for " + date + ", the provider answered with a holiday on " + holiday.get().date());
        }
        return cutFrom(hours, holiday.get().startsAt());
    }

    private static long[] cutFrom(long[] hours, LocalTime from) {
        long cut = from.toNanoOfDay();
        if (cut == 0) {
            return CLOSED;
        }
        int n = 0;
        long[] kept = new long[hours.length];
        for (int i = 0; i < hours.length; i += 2) {
            if (hours[i] < cut) {
                kept[n++] = hours[i];
                kept[n++] = Math.min(hours[i + 1], cut);
            }
        }
        return Arrays.copyOf(kept, n);
    }

    List<WorkingInterval> intervalsOn(LocalDate date) {
        long[] pairs = localIntervals(date);
        List<WorkingInterval> result = new ArrayList<>(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            result.add(new WorkingInterval(LocalTime.ofNanoOfDay(pairs[i]),
                    pairs[i + 1] == WorkingInterval.NANOS_PER_DAY ? LocalTime.MIDNIGHT : LocalTime.ofNanoOfDay(pairs[i + 1])));
        }
        return List.copyOf(result);
    }
}
