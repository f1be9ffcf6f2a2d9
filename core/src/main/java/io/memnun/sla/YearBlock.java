package io.memnun.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * One calendar year of a {@link BusinessCalendar}, resolved: every opening interval of every date as
 * nanoseconds from the local start of 1 January, with running totals of working time and of working days.
 * Adding working time is then two binary searches instead of a walk through the days. Immutable, so it is
 * shared between threads once published.
 */
final class YearBlock {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    final int year;
    /** Epoch second of the local start of 1 January. */
    final long baseSecond;
    /** Epoch second of the local start of the next 1 January; the block covers [base, next). */
    final long nextBaseSecond;
    private final int size;
    private final long[] starts;
    private final long[] ends;
    /** Working nanoseconds from the block's start to the end of interval i. */
    private final long[] cumulativeEnds;
    /** Index of the first interval of each day of the year; one extra entry closes the last day. */
    private final int[] dayFirst;
    /** Working days before each day of the year; one extra entry holds the year's total. */
    private final int[] workingDaysBefore;

    private YearBlock(int year, long baseSecond, long nextBaseSecond, long[] starts, long[] ends, int size,
            int[] dayFirst, int[] workingDaysBefore) {
        this.year = year;
        this.baseSecond = baseSecond;
        this.nextBaseSecond = nextBaseSecond;
        this.size = size;
        this.starts = starts;
        this.ends = ends;
        this.dayFirst = dayFirst;
        this.workingDaysBefore = workingDaysBefore;
        this.cumulativeEnds = new long[size];
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += ends[i] - starts[i];
            cumulativeEnds[i] = sum;
        }
    }

    static YearBlock build(int year, ZoneId zone, DayRules rules) {
        LocalDate first = LocalDate.of(year, 1, 1);
        long base = first.atStartOfDay(zone).toEpochSecond();
        long next = first.plusYears(1).atStartOfDay(zone).toEpochSecond();
        int days = first.lengthOfYear();
        long[] starts = new long[days * 2];
        long[] ends = new long[days * 2];
        int[] dayFirst = new int[days + 1];
        int[] workingDaysBefore = new int[days + 1];
        int n = 0;
        long lastEnd = 0;
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            dayFirst[d] = n;
            long[] local = rules.localIntervals(date);
            for (int i = 0; i < local.length; i += 2) {
                // a clock change can move a local time forward past the next one; keep intervals disjoint
                long start = Math.max(relative(date, local[i], zone, base), lastEnd);
                long end = relative(date, local[i + 1], zone, base);
                if (end > start) {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                        ends = Arrays.copyOf(ends, n * 2);
                    }
                    starts[n] = start;
                    ends[n] = end;
                    n++;
                    lastEnd = end;
                }
            }
            workingDaysBefore[d + 1] = workingDaysBefore[d] + (n > dayFirst[d] ? 1 : 0);
        }
        dayFirst[days] = n;
        return new YearBlock(year, base, next, starts, ends, n, dayFirst, workingDaysBefore);
    }

    /**
     * Local wall-clock time on a date to nanoseconds from the block start. As in {@link java.time.ZonedDateTime},
     * a time that the clock skips is moved forward by the gap and an ambiguous time takes the earlier offset.
     */
    private static long relative(LocalDate date, long nanoOfDay, ZoneId zone, long base) {
        LocalDateTime local = nanoOfDay == WorkingInterval.NANOS_PER_DAY
                ? date.plusDays(1).atStartOfDay()
                : date.atTime(LocalTime.ofNanoOfDay(nanoOfDay));
        Instant instant = local.atZone(zone).toInstant();
        return (instant.getEpochSecond() - base) * NANOS_PER_SECOND + instant.getNano();
    }

    boolean contains(Instant instant) {
        long second = instant.getEpochSecond();
        return second >= baseSecond && second < nextBaseSecond;
    }

    long relative(Instant instant) {
        return (instant.getEpochSecond() - baseSecond) * NANOS_PER_SECOND + instant.getNano();
    }

    Instant instant(long relative) {
        return Instant.ofEpochSecond(baseSecond + relative / NANOS_PER_SECOND, relative % NANOS_PER_SECOND);
    }

    /** All the working time in this year, in nanoseconds. */
    long total() {
        return size == 0 ? 0 : cumulativeEnds[size - 1];
    }

    int workingDays() {
        return workingDaysBefore[workingDaysBefore.length - 1];
    }

    boolean isOpen(long relative) {
        int i = firstEndingAfter(relative);
        return i < size && starts[i] <= relative;
    }

    /** The opening at or after {@code relative} in this year, or -1 if there is none. */
    long nextOpening(long relative) {
        int i = firstEndingAfter(relative);
        return i < size ? Math.max(starts[i], relative) : -1;
    }

    long firstOpening() {
        return starts[0];
    }

    /** Working nanoseconds in this year before {@code relative}. */
    long position(long relative) {
        int i = firstEndingAfter(relative);
        if (i == size) {
            return total();
        }
        return cumulativeBefore(i) + Math.max(0, relative - starts[i]);
    }

    /**
     * The instant at which {@code position} working nanoseconds of this year have passed, for
     * {@code 0 < position <= total()}. Landing exactly on the end of an interval gives that end, not the next
     * opening.
     */
    long atPosition(long position) {
        int found = Arrays.binarySearch(cumulativeEnds, 0, size, position);
        int j = found >= 0 ? found : -found - 1;
        return starts[j] + (position - cumulativeBefore(j));
    }

    /** Day of the year (0-based) of the {@code ordinal}-th (0-based) working day of this year. */
    int workingDay(int ordinal) {
        // first day whose running count exceeds the ordinal, minus one
        int lo = 0;
        int hi = workingDaysBefore.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (workingDaysBefore[mid] > ordinal) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo - 1;
    }

    /** Working days in this year after the given day of the year (0-based). */
    int workingDaysAfter(int dayOfYear) {
        return workingDays() - workingDaysBefore[dayOfYear + 1];
    }

    boolean isWorkingDay(int dayOfYear) {
        return workingDaysBefore[dayOfYear + 1] > workingDaysBefore[dayOfYear];
    }

    int workingDaysBefore(int dayOfYear) {
        return workingDaysBefore[dayOfYear];
    }

    /**
     * {@code relative}, moved into the opening hours of a working day: kept if inside an interval (or on its
     * end), else moved back to the end of the last interval before it, else forward to the day's first opening.
     */
    long clampToDay(int dayOfYear, long relative) {
        int first = dayFirst[dayOfYear];
        for (int k = dayFirst[dayOfYear + 1] - 1; k >= first; k--) {
            if (starts[k] <= relative) {
                return Math.min(relative, ends[k]);
            }
        }
        return starts[first];
    }

    private long cumulativeBefore(int i) {
        return i == 0 ? 0 : cumulativeEnds[i - 1];
    }

    private int firstEndingAfter(long relative) {
        int found = Arrays.binarySearch(ends, 0, size, relative);
        return found >= 0 ? found + 1 : -found - 1;
    }
}
