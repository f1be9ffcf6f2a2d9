package io.memnun.sla;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.HijrahChronology;
import java.time.temporal.ChronoField;
import java.time.temporal.ValueRange;
import java.util.ArrayList;
import java.util.List;

/**
 * First days of the two bayrams as Turkey observes them.
 *
 * <p>Turkey follows the calendar of the Presidency of Religious Affairs (Diyanet), which is computed rather
 * than sighted but is not the Umm al-Qura calendar of {@link HijrahChronology}: in 2016 Ramazan Bayramı began
 * on 5 July in Turkey and on 6 July by Umm al-Qura, Kurban Bayramı on 12 September against 11 September. So
 * for 2016 to 2035 an explicit table is the source of truth, and Umm al-Qura is only the fallback outside it
 * (where it may be a day off). The table's sources:
 * <ul>
 *   <li>2016-2026: the dates announced by Diyanet (its yearly "resmi tatil günleri" and "dini günler takvimi");
 *   <li>2027-2032: Diyanet's Hijri-to-Gregorian conversion (its "hicriden miladiye" service), which the yearly
 *       announcement has so far always confirmed;
 *   <li>2033-2035: not yet published by Diyanet; the Umm al-Qura dates, which agree with Diyanet for every year
 *       from 2017 to 2032. Check them against the announcement when it comes and correct the table.
 * </ul>
 * Umm al-Qura agrees with every entry from 2017 on; the tests keep it that way so a disagreement is noticed.
 */
final class BayramDates {
    static final int TABLE_FIRST_YEAR = 2016;
    static final int TABLE_LAST_YEAR = 2035;

    /** 1 Shawwal. 2033 has two: the Hijri year is shorter than the Gregorian one. */
    static final List<LocalDate> RAMAZAN_TABLE = dates(
            "2016-07-05", "2017-06-25", "2018-06-15", "2019-06-04", "2020-05-24", "2021-05-13", "2022-05-02",
            "2023-04-21", "2024-04-10", "2025-03-30", "2026-03-20", "2027-03-09", "2028-02-26", "2029-02-14",
            "2030-02-04", "2031-01-24", "2032-01-14", "2033-01-03", "2033-12-23", "2034-12-12", "2035-12-01");

    /** 10 Dhu al-Hijjah. */
    static final List<LocalDate> KURBAN_TABLE = dates(
            "2016-09-12", "2017-09-01", "2018-08-21", "2019-08-11", "2020-07-31", "2021-07-20", "2022-07-09",
            "2023-06-28", "2024-06-16", "2025-06-06", "2026-05-27", "2027-05-16", "2028-05-05", "2029-04-24",
            "2030-04-13", "2031-04-02", "2032-03-22", "2033-03-12", "2034-03-01", "2035-02-19");

    private static final HijrahChronology HIJRAH = HijrahChronology.INSTANCE;
    private static final ValueRange HIJRAH_YEARS = HIJRAH.range(ChronoField.YEAR);

    private BayramDates() {}

    /** First days of Ramazan Bayramı in the Gregorian years {@code from} to {@code to}. */
    static List<LocalDate> ramazan(int from, int to) {
        return firstDays(RAMAZAN_TABLE, 10, 1, from, to);
    }

    /** First days of Kurban Bayramı in the Gregorian years {@code from} to {@code to}. */
    static List<LocalDate> kurban(int from, int to) {
        return firstDays(KURBAN_TABLE, 12, 10, from, to);
    }

    /** The Umm al-Qura dates of a Hijri month and day falling in a Gregorian year; empty outside its range. */
    static List<LocalDate> ummAlQura(int gregorianYear, int month, int day) {
        List<LocalDate> found = new ArrayList<>(2);
        // a Gregorian year overlaps two or three Hijri years; this estimate is within one of the first
        long estimate = Math.round((gregorianYear - 622) * 1.0307);
        for (long hijriYear = estimate - 1; hijriYear <= estimate + 1; hijriYear++) {
            if (!HIJRAH_YEARS.isValidValue(hijriYear)) {
                continue;
            }
            try {
                LocalDate date = LocalDate.from(HIJRAH.date((int) hijriYear, month, day));
                if (date.getYear() == gregorianYear) {
                    found.add(date);
                }
            } catch (DateTimeException outsideTheChronology) {
                // the chronology's data ends within its last year; such years get no religious holidays
            }
        }
        return found;
    }

    private static List<LocalDate> firstDays(List<LocalDate> table, int month, int day, int from, int to) {
        List<LocalDate> result = new ArrayList<>();
        for (int year = from; year <= to; year++) {
            if (year >= TABLE_FIRST_YEAR && year <= TABLE_LAST_YEAR) {
                for (LocalDate date : table) {
                    if (date.getYear() == year) {
                        result.add(date);
                    }
                }
            } else {
                result.addAll(ummAlQura(year, month, day));
            }
        }
        return result;
    }

    private static List<LocalDate> dates(String... isoDates) {
        List<LocalDate> result = new ArrayList<>(isoDates.length);
        for (String iso : isoDates) {
            result.add(LocalDate.parse(iso));
        }
        return List.copyOf(result);
    }
}
