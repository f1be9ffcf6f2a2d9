package io.memnun.sla;

import io.memnun.error.MemnunException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BusinessCalendar} has too little working time after an instant (every day closed, the last extra working
 * day already past, or fewer working hours left than a duration needs), so no deadline can be counted on it. The
 * message names the calendar and the start, and for a duration how much working time was needed and how much the
 * calendar has within the years it looks ahead: nothing about whom the deadline is for.
 */
public class NoWorkingTimeException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final String calendar;
    private final Instant from;
    private final String reason;
    private final @Nullable Duration needed;
    private final @Nullable Duration found;

    /** The calendar has no working time at all after {@code from}, for the reason {@code why}. */
    public NoWorkingTimeException(String calendar, Instant from, String why) {
        this("calendar '" + calendar + "' has no working time after " + from + " (" + why + ")", calendar, from, why, null, null);
    }

    /**
     * The calendar has {@code found} working time after {@code from} up to where it stops looking ({@code why}), less
     * than the {@code needed}.
     */
    public NoWorkingTimeException(String calendar, Instant from, Duration needed, Duration found, String why) {
        this("calendar '" + calendar + "' has " + (found.isZero() ? "no working time after " + from + ", and " + SlaEngine.format(needed)
                + " was needed" : SlaEngine.format(found) + " of working time after " + from + ", less than the " + SlaEngine.format(needed)
                + " needed") + " (" + why + ")", calendar, from, why, needed, found);
    }

    private NoWorkingTimeException(String message, String calendar, Instant from, String why, @Nullable Duration needed,
            @Nullable Duration found) {
        super(message);
        this.calendar = calendar;
        this.from = from;
        this.reason = why;
        this.needed = needed;
        this.found = found;
    }

    /** The calendar has {@code found} working days after the date of {@code from}, fewer than the {@code needed}. */
    static NoWorkingTimeException workingDays(String calendar, Instant from, int needed, long found, String why) {
        return new NoWorkingTimeException("calendar '" + calendar + "' has " + (found == 0 ? "no" : Long.toString(found)) + " working day"
                + (found == 1 ? "" : "s") + " after " + from + ", fewer than the " + needed + " needed (" + why + ")", calendar, from, why,
                null, null);
    }

    /** The calendar's name. */
    public String calendar() {
        return calendar;
    }

    /** Where the search for working time started. */
    public Instant from() {
        return from;
    }

    /**
     * Where the calendar stops looking for working time, e.g. {@code no weekly opening hours and no extra working day
     * after 2025}.
     */
    public String reason() {
        return reason;
    }

    /** The working time that was to be counted from {@link #from()}; empty when no duration was (the next opening). */
    public Optional<Duration> needed() {
        return Optional.ofNullable(needed);
    }

    /**
     * The working time the calendar has after {@link #from()} up to where it stops looking, less than {@link #needed()};
     * empty when no duration was counted.
     */
    public Optional<Duration> found() {
        return Optional.ofNullable(found);
    }
}
