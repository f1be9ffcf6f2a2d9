package io.memnun.sla;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Calendars and time helpers shared by the tests. */
final class Calendars {
    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** The head office of the worked examples: Monday to Friday 09:00-18:00 in Istanbul, Turkish holidays. */
    static final BusinessCalendar OFFICE = BusinessCalendar.builder("office", ISTANBUL)
            .weekdays("09:00-18:00")
            .holidays(TurkishHolidays.provider())
            .build();

    static final BusinessCalendar SPLIT_DAY = BusinessCalendar.builder("split-day", ISTANBUL)
            .weekdays("09:00-12:30", "13:30-18:00")
            .build();

    static final BusinessCalendar ISTANBUL_24X7 = BusinessCalendar.alwaysOpen("front-desk", ISTANBUL);
    static final BusinessCalendar BERLIN_24X7 = BusinessCalendar.alwaysOpen("berlin-desk", BERLIN);

    static final BusinessCalendar BERLIN_OFFICE = BusinessCalendar.builder("berlin-office", BERLIN)
            .weekdays("09:00-18:00")
            .build();

    /** Open only in the small hours of Sunday, across both clock changes. */
    static final BusinessCalendar BERLIN_SUNDAY_NIGHT = BusinessCalendar.builder("berlin-night", BERLIN)
            .hours(java.time.DayOfWeek.SUNDAY, "00:00-06:00")
            .build();

    private Calendars() {}

    /**
     * An instant written as local time in the calendar's zone ({@code 2025-03-07T17:30}) or with an explicit
     * offset where the clock change makes local time ambiguous ({@code 2025-10-26T02:30+01:00}).
     */
    static Instant at(BusinessCalendar calendar, String text) {
        if (text.length() > 16 && (text.indexOf('+', 16) > 0 || text.endsWith("Z"))) {
            return OffsetDateTime.parse(text).toInstant();
        }
        return LocalDateTime.parse(text).atZone(calendar.zone()).toInstant();
    }

    static String local(BusinessCalendar calendar, Instant instant) {
        return instant.atZone(calendar.zone()).toOffsetDateTime().toString();
    }
}
