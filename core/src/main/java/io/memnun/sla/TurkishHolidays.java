package io.memnun.sla;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Public holidays in Türkiye (Law 2429 on national holidays and general days off, as amended), with the half
 * days from 13:00 that public offices and most businesses observe.
 *
 * <ul>
 *   <li>full days: 1 January, 23 April, 1 May (since 2009), 19 May, 15 July (since 2017), 30 August, 29 October;
 *   <li>half day: 28 October from 13:00;
 *   <li>Ramazan Bayramı, 3 days from 1 Shawwal, and Kurban Bayramı, 4 days from 10 Dhu al-Hijjah, each with its
 *       eve (arife) as a half day from 13:00.
 * </ul>
 *
 * <p>Bayram dates for 2016 to 2035 come from a table checked against the dates the Presidency of Religious
 * Affairs (Diyanet) announced, which do not always match the Umm al-Qura calendar; outside those years they are
 * derived from {@link java.time.chrono.HijrahChronology} (Umm al-Qura), which may be a day off, and outside the
 * chronology's range (about 1882 to 2174) there are none. Bridge days the government adds by decree (idari izin)
 * are not public holidays and are not included: add them to a calendar with
 * {@link BusinessCalendar.Builder#closedOn}.
 *
 * <p>When two holidays fall on one date, the one that closes more of the day wins; two full days are reported
 * as one holiday under both names.
 */
public final class TurkishHolidays implements HolidayProvider {
    /** Half days begin at 13:00. */
    public static final LocalTime HALF_DAY_START = LocalTime.of(13, 0);

    private static final TurkishHolidays INSTANCE = new TurkishHolidays();

    /** The last year asked for; calendars ask date by date, so consecutive calls hit it. */
    private volatile YearHolidays last = new YearHolidays(Integer.MIN_VALUE, Map.of(), List.of());

    private TurkishHolidays() {}

    public static TurkishHolidays provider() {
        return INSTANCE;
    }

    @Override
    public Optional<Holiday> holidayOn(LocalDate date) {
        return Optional.ofNullable(year(date.getYear()).byDate.get(date));
    }

    /** Every holiday and half day of {@code year}, in date order. */
    public List<Holiday> holidaysIn(int year) {
        return year(year).inOrder;
    }

    private YearHolidays year(int year) {
        YearHolidays cached = last;
        if (cached.year != year) {
            cached = build(year);
            last = cached;
        }
        return cached;
    }

    private static YearHolidays build(int year) {
        Map<LocalDate, Holiday> byDate = new HashMap<>();
        fullDay(byDate, LocalDate.of(year, 1, 1), "Yılbaşı", "New Year's Day");
        fullDay(byDate, LocalDate.of(year, 4, 23), "Ulusal Egemenlik ve Çocuk Bayramı", "National Sovereignty and Children's Day");
        if (year >= 2009) {
            fullDay(byDate, LocalDate.of(year, 5, 1), "Emek ve Dayanışma Günü", "Labour and Solidarity Day");
        }
        fullDay(byDate, LocalDate.of(year, 5, 19), "Atatürk'ü Anma, Gençlik ve Spor Bayramı", "Commemoration of Atatürk, Youth and Sports Day");
        if (year >= 2017) {
            fullDay(byDate, LocalDate.of(year, 7, 15), "Demokrasi ve Millî Birlik Günü", "Democracy and National Unity Day");
        }
        fullDay(byDate, LocalDate.of(year, 8, 30), "Zafer Bayramı", "Victory Day");
        halfDay(byDate, LocalDate.of(year, 10, 28), "Cumhuriyet Bayramı Arifesi", "Republic Day Eve");
        fullDay(byDate, LocalDate.of(year, 10, 29), "Cumhuriyet Bayramı", "Republic Day");
        // a bayram near New Year can spill into the neighbouring year, so look one year either side
        for (LocalDate first : BayramDates.ramazan(year - 1, year + 1)) {
            bayram(byDate, year, first, 3, "Ramazan Bayramı", "Ramadan Feast");
        }
        for (LocalDate first : BayramDates.kurban(year - 1, year + 1)) {
            bayram(byDate, year, first, 4, "Kurban Bayramı", "Sacrifice Feast");
        }
        List<Holiday> inOrder = new ArrayList<>(byDate.values());
        inOrder.sort(Comparator.comparing(Holiday::date));
        return new YearHolidays(year, Map.copyOf(byDate), List.copyOf(inOrder));
    }

    private static void bayram(Map<LocalDate, Holiday> byDate, int year, LocalDate first, int days, String local, String english) {
        LocalDate eve = first.minusDays(1);
        if (eve.getYear() == year) {
            halfDay(byDate, eve, local + " Arifesi", "Eve of " + english);
        }
        for (int day = 0; day < days; day++) {
            LocalDate date = first.plusDays(day);
            if (date.getYear() == year) {
                fullDay(byDate, date, local + " " + (day + 1) + ". Gün", english + ", day " + (day + 1));
            }
        }
    }

    private static void fullDay(Map<LocalDate, Holiday> byDate, LocalDate date, String local, String english) {
        put(byDate, Holiday.fullDay(date, local, english));
    }

    private static void halfDay(Map<LocalDate, Holiday> byDate, LocalDate date, String local, String english) {
        put(byDate, Holiday.halfDay(date, local, english, HALF_DAY_START));
    }

    private static void put(Map<LocalDate, Holiday> byDate, Holiday holiday) {
        byDate.merge(holiday.date(), holiday, (before, now) -> {
            if (before.startsAt().equals(now.startsAt())) {
                return new Holiday(before.date(), before.localName() + "; " + now.localName(),
                        before.englishName() + "; " + now.englishName(), before.startsAt());
            }
            return now.closesMoreThan(before) ? now : before;
        });
    }

    private record YearHolidays(int year, Map<LocalDate, Holiday> byDate, List<Holiday> inOrder) {}
}
