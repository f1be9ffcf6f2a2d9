package io.memnun.sla;

import io.memnun.error.ValidationException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A stretch of opening hours within one day, from {@code start} (inclusive) to {@code end} (exclusive), in
 * local wall-clock time. An {@code end} of {@link LocalTime#MIDNIGHT} means 24:00, the end of the day, so
 * {@code 00:00-24:00} is the whole day; otherwise {@code end} must be after {@code start}. Overnight shifts
 * are two intervals, one on each day.
 */
public record WorkingInterval(LocalTime start, LocalTime end) {

    /** The whole day, 00:00-24:00. */
    public static final WorkingInterval ALL_DAY = new WorkingInterval(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    static final long NANOS_PER_DAY = 86_400_000_000_000L;

    public WorkingInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
            throw new ValidationException("interval", "ends at " + end + ", not after its start " + start);
        }
    }

    public static WorkingInterval of(LocalTime start, LocalTime end) {
        return new WorkingInterval(start, end);
    }

    /** {@code of("09:00", "18:00")}; the end may be {@code "24:00"}. */
    public static WorkingInterval of(String start, String end) {
        return new WorkingInterval(parseTime(start, "interval.start"), parseEnd(end));
    }

    /** Parses {@code "09:00-18:00"} or {@code "13:30-24:00"}. */
    public static WorkingInterval parse(String text) {
        Objects.requireNonNull(text, "text");
        int dash = text.indexOf('-');
        if (dash < 0 || dash != text.lastIndexOf('-')) {
            throw new ValidationException("interval", "'" + text + "' is not of the form HH:mm-HH:mm");
        }
        return of(text.substring(0, dash).strip(), text.substring(dash + 1).strip());
    }

    /** Nanoseconds from midnight to the start. */
    long startNanoOfDay() {
        return start.toNanoOfDay();
    }

    /** Nanoseconds from midnight to the end; 24 hours for an interval that ends at midnight. */
    long endNanoOfDay() {
        return endsAtMidnight() ? NANOS_PER_DAY : end.toNanoOfDay();
    }

    /** True when the interval runs to the end of the day (24:00). */
    public boolean endsAtMidnight() {
        return end.equals(LocalTime.MIDNIGHT);
    }

    /** Its length on a day without a clock change. */
    public Duration length() {
        return Duration.ofNanos(endNanoOfDay() - startNanoOfDay());
    }

    @Override
    public String toString() {
        return start + "-" + (endsAtMidnight() ? "24:00" : end.toString());
    }

    private static LocalTime parseEnd(String text) {
        Objects.requireNonNull(text, "end");
        return "24:00".equals(text) ? LocalTime.MIDNIGHT : parseTime(text, "interval.end");
    }

    private static LocalTime parseTime(String text, String field) {
        Objects.requireNonNull(text, field);
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "'" + text + "' is not a time of day such as 09:00");
        }
    }
}
