package io.memnun.sla;

import io.memnun.error.MemnunException;
import java.time.Instant;

/**
 * A {@link BusinessCalendar} has no working time after an instant (every day closed, or the last extra working
 * day already past), so no deadline can be counted on it.
 */
public class NoWorkingTimeException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final String calendar;
    private final Instant from;
    private final String reason;

    public NoWorkingTimeException(String calendar, Instant from, String why) {
        super("calendar '" + calendar + "' has no working time after " + from + ": " + why);
        this.calendar = calendar;
        this.from = from;
        this.reason = why;
    }

    /** The calendar's name. */
    public String calendar() {
        return calendar;
    }

    /** Where the search for working time started. */
    public Instant from() {
        return from;
    }

    /** Why the calendar ran out, e.g. {@code no weekly opening hours and no extra working day after 2025}. */
    public String reason() {
        return reason;
    }
}
