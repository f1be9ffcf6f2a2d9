package io.memnun.survey;

import io.memnun.internal.Checks;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A scoring period {@code [start, end)}, e.g. the half year a periodic survey covers (surveys run twice a year).
 *
 * @param label a name for reports, e.g. {@code 2026-H1}
 * @param start first instant counted
 * @param end first instant no longer counted
 */
public record Period(String label, Instant start, Instant end) {
    public Period {
        Checks.code(label, "period.label", 64);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Checks.argument(end.isAfter(start), "period.end", "must be after start " + start + ", was " + end);
    }

    /** The first ({@code half == 1}, January–June) or second half of {@code year} in {@code zone}. */
    public static Period halfYear(int year, int half, ZoneId zone) {
        Checks.argument(half == 1 || half == 2, "half", "must be 1 or 2, was " + half);
        LocalDate from = LocalDate.of(year, half == 1 ? 1 : 7, 1);
        return new Period(year + "-H" + half, from.atStartOfDay(zone).toInstant(), from.plusMonths(6).atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
