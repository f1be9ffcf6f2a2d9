package io.memnun.notify;

import io.memnun.error.ValidationException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A daily stretch of local time in which non-urgent messages wait, e.g. 21:00 to 09:00. The stretch may run past
 * midnight. Times are read in the recipient's zone, so a guest in London and one in Istanbul each keep their night.
 *
 * @param start when the quiet stretch begins (inclusive)
 * @param end when it ends (exclusive); equal to {@code start} means never quiet
 */
public record QuietHours(LocalTime start, LocalTime end) {
    /** Never quiet. */
    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Parses {@code "21:00-09:00"}. */
    public static QuietHours parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.strip().split("-");
        if (parts.length != 2) {
            throw new ValidationException("quietHours", "'" + text + "' is not of the form HH:MM-HH:MM");
        }
        try {
            return new QuietHours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new ValidationException("quietHours", "'" + text + "' is not of the form HH:MM-HH:MM");
        }
    }

    /** True when {@code at} falls in the quiet stretch in {@code zone}. */
    public boolean contains(Instant at, ZoneId zone) {
        if (start.equals(end)) {
            return false;
        }
        LocalTime t = at.atZone(zone).toLocalTime();
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** {@code at} itself if it is not quiet, otherwise the end of the quiet stretch it falls in. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        if (!contains(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime end = local.toLocalDate().atTime(this.end).atZone(zone);
        if (!end.isAfter(local)) {
            end = local.toLocalDate().plusDays(1).atTime(this.end).atZone(zone);
        }
        return end.toInstant();
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
