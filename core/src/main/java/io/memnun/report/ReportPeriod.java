package io.memnun.report;

import io.memnun.internal.Checks;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reporting period: the local dates {@code [from, to)} in a time zone, so that a month or a week starts at local
 * midnight of its first day whatever the offset (a month in Istanbul starts three hours before the same month in
 * UTC; a week in Berlin across the change to summer time is 167 hours long).
 *
 * @param from the first day counted
 * @param to the first day no longer counted
 * @param zone the zone the days are in
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone) {
    public ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        Checks.argument(to.isAfter(from), "period.to", "must be after " + from + ", was " + to);
    }

    /** One calendar month. */
    public static ReportPeriod month(YearMonth month, ZoneId zone) {
        return months(month, 1, zone);
    }

    /** {@code count} calendar months from {@code first}. */
    public static ReportPeriod months(YearMonth first, int count, ZoneId zone) {
        Checks.argument(count >= 1, "period.months", "must be at least 1, was " + count);
        return new ReportPeriod(first.atDay(1), first.plusMonths(count).atDay(1), zone);
    }

    /** The {@code count} whole months before the month of {@code today}, e.g. the last six months. */
    public static ReportPeriod lastMonths(int count, LocalDate today, ZoneId zone) {
        return months(YearMonth.from(today).minusMonths(count), count, zone);
    }

    /** One ISO week (Monday to Sunday) of a week-based year. */
    public static ReportPeriod isoWeek(int weekBasedYear, int week, ZoneId zone) {
        LocalDate midYear = LocalDate.of(weekBasedYear, 6, 1);
        Checks.argument(IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(midYear).isValidValue(week), "period.week",
                weekBasedYear + " has no ISO week " + week);
        LocalDate monday = midYear.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new ReportPeriod(monday, monday.plusWeeks(1), zone);
    }

    /** The first instant counted: local midnight of {@link #from} (or the first instant after a gap). */
    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant no longer counted. */
    public Instant end() {
        return to.atStartOfDay(zone).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    /** True when the period is whole calendar months. */
    public boolean isWholeMonths() {
        return from.getDayOfMonth() == 1 && to.getDayOfMonth() == 1;
    }

    /**
     * The period of the same length just before this one: the same number of months for whole months, otherwise
     * the same number of days.
     */
    public ReportPeriod previous() {
        if (isWholeMonths()) {
            long months = ChronoUnit.MONTHS.between(from, to);
            return new ReportPeriod(from.minusMonths(months), from, zone);
        }
        long days = ChronoUnit.DAYS.between(from, to);
        return new ReportPeriod(from.minusDays(days), from, zone);
    }

    /** The calendar months this period touches, each cut to the period: the buckets of a trend line. */
    public List<ReportPeriod> monthly() {
        List<ReportPeriod> months = new ArrayList<>();
        LocalDate d = from;
        while (d.isBefore(to)) {
            LocalDate next = d.withDayOfMonth(1).plusMonths(1);
            LocalDate end = next.isAfter(to) ? to : next;
            months.add(new ReportPeriod(d, end, zone));
            d = end;
        }
        return months;
    }

    /** A short name: {@code 2026-03} for one month, {@code 2026-01..2026-06} for several, dates otherwise. */
    public String label() {
        if (isWholeMonths()) {
            YearMonth first = YearMonth.from(from);
            YearMonth last = YearMonth.from(to).minusMonths(1);
            return first.equals(last) ? first.toString() : first + ".." + last;
        }
        return from + ".." + to.minusDays(1);
    }

    @Override
    public String toString() {
        return label() + " " + zone;
    }
}
