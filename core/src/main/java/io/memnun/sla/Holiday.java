package io.memnun.sla;

import io.memnun.internal.Checks;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A public or company holiday on one date. A full-day holiday closes the whole day; a half day
 * (e.g. the eve of a bayram) closes from {@code startsAt} on, so opening hours before that time still count.
 *
 * @param date the date
 * @param localName the name in the country's language, e.g. {@code Cumhuriyet Bayramı}
 * @param englishName the name in English, e.g. {@code Republic Day}
 * @param startsAt when the holiday begins that day: {@link LocalTime#MIDNIGHT} for a full day, 13:00 for a
 *     Turkish half day
 */
public record Holiday(LocalDate date, String localName, String englishName, LocalTime startsAt) {

    public Holiday {
        Objects.requireNonNull(date, "date");
        localName = Checks.code(localName, "holiday.localName", 120);
        englishName = Checks.code(englishName, "holiday.englishName", 120);
        Objects.requireNonNull(startsAt, "startsAt");
    }

    public static Holiday fullDay(LocalDate date, String localName, String englishName) {
        return new Holiday(date, localName, englishName, LocalTime.MIDNIGHT);
    }

    /** A holiday that begins at {@code from} and lasts to the end of the day. */
    public static Holiday halfDay(LocalDate date, String localName, String englishName, LocalTime from) {
        Objects.requireNonNull(from, "from");
        Checks.argument(!from.equals(LocalTime.MIDNIGHT), "holiday.startsAt", "a half day must start after midnight; use fullDay");
        return new Holiday(date, localName, englishName, from);
    }

    public boolean isFullDay() {
        return startsAt.equals(LocalTime.MIDNIGHT);
    }

    /** True when this holiday closes more of the day than {@code other} (it starts earlier). */
    boolean closesMoreThan(Holiday other) {
        return startsAt.isBefore(other.startsAt);
    }
}
