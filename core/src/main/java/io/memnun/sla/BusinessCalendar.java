package io.memnun.sla;

import io.memnun.error.ValidationException;
import io.memnun.internal.Checks;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Working time (mesai saatleri) of one place: weekly opening hours in a time zone, holidays and half days
 * from a {@link HolidayProvider}, and per-date exceptions. Deadlines such as "6 working hours" are counted on
 * it. Immutable and thread-safe; build one with {@link #builder(String, ZoneId)} or {@link #alwaysOpen}.
 *
 * <p>Opening intervals are half-open: at 09:00 on a 09:00-18:00 day the calendar is open, at 18:00 it is
 * closed. Working time is real elapsed time, so on the night the clocks go forward an interval 00:00-06:00
 * holds five hours and on the night they go back seven. A local time the clock skips is moved forward by the
 * gap; an ambiguous one takes the earlier offset (as {@link ZonedDateTime} does).
 *
 * <p>Precedence for a date: a per-date exception ({@link Builder#closedOn}, {@link Builder#openOn}) decides
 * alone; otherwise the weekday's hours apply, cut by the date's holiday (a full day closes them, a half day
 * from its start time on).
 *
 * <p>Instants from 1900 to 9999 are supported (a desk takes no receipt time before 1900 for this reason:
 * {@code Intake.EARLIEST_RECEIVED_AT}). Each year is resolved once, on first use, into arrays of
 * instants with running totals, so adding working time costs two binary searches however long it is.
 */
public final class BusinessCalendar {
    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 9999;
    private static final long MIN_SECOND = LocalDate.of(MIN_YEAR, 1, 1).toEpochDay() * 86_400;
    private static final long MAX_SECOND = LocalDate.of(MAX_YEAR + 1, 1, 1).toEpochDay() * 86_400;
    private static final int CACHED_FROM = 1900;
    private static final int CACHED_YEARS = 400;
    /** Years without any working time in a row before a calendar with weekly hours is taken to have none left. */
    private static final int MAX_EMPTY_YEARS = 5;
    /**
     * Longest working duration accepted, well inside what nanoseconds in a long can hold; a policy refuses a target whose
     * checkpoints would count more.
     */
    static final Duration MAX_WORKING_TIME = Duration.ofDays(200L * 366);

    private final String name;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<WorkingInterval>> weeklyHours;
    private final HolidayProvider holidays;
    private final DayRules rules;
    private final int lastWorkingYear;
    private final AtomicReferenceArray<YearBlock> years = new AtomicReferenceArray<>(CACHED_YEARS);

    private BusinessCalendar(Builder builder) {
        this.name = builder.name;
        this.zone = builder.zone;
        this.holidays = builder.holidays;
        EnumMap<DayOfWeek, List<WorkingInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        long[][] weeklyNanos = new long[7][];
        for (DayOfWeek day : DayOfWeek.values()) {
            List<WorkingInterval> hours = builder.weekly.getOrDefault(day, List.of());
            weekly.put(day, hours);
            weeklyNanos[day.ordinal()] = DayRules.toNanos(hours);
        }
        this.weeklyHours = Map.copyOf(weekly);
        Map<LocalDate, long[]> exceptions = new HashMap<>();
        builder.exceptions.forEach((date, hours) -> exceptions.put(date, DayRules.toNanos(hours)));
        this.rules = new DayRules(weeklyNanos, exceptions, holidays);
        this.lastWorkingYear = rules.hasWeeklyHours() ? Integer.MAX_VALUE : rules.lastExceptionalWorkingYear();
    }

    /** Starts a calendar with no opening hours; add them with {@link Builder#hours}. */
    public static Builder builder(String name, ZoneId zone) {
        return new Builder(name, zone);
    }

    /** Open around the clock every day, holidays included (a hotel front desk, an emergency line). */
    public static BusinessCalendar alwaysOpen(String name, ZoneId zone) {
        return builder(name, zone).hours(EnumSet.allOf(DayOfWeek.class), "00:00-24:00").build();
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public HolidayProvider holidays() {
        return holidays;
    }

    /** The weekly opening hours, before holidays and exceptions. */
    public List<WorkingInterval> weeklyHours(DayOfWeek day) {
        return weeklyHours.get(day);
    }

    /** The opening hours that apply on {@code date}, after exceptions and holidays; empty when closed. */
    public List<WorkingInterval> hoursOn(LocalDate date) {
        return rules.intervalsOn(Objects.requireNonNull(date, "date"));
    }

    /** True when {@code date} has any working time; a half day is a working day. */
    public boolean isWorkingDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return year(date.getYear()).isWorkingDay(date.getDayOfYear() - 1);
    }

    /** True when {@code instant} lies inside an opening interval (an interval's end is already closed). */
    public boolean isOpen(Instant instant) {
        YearBlock block = blockFor(instant, "instant");
        return block.isOpen(block.relative(instant));
    }

    /**
     * The first instant at or after {@code instant} at which the calendar is open: {@code instant} itself when
     * open.
     *
     * @throws NoWorkingTimeException when no working time follows
     */
    public Instant nextOpening(Instant instant) {
        YearBlock block = blockFor(instant, "instant");
        long opening = block.nextOpening(block.relative(instant));
        if (opening >= 0) {
            return opening == block.relative(instant) ? instant : block.instant(opening);
        }
        YearBlock next = nextWorkingYear(block, instant);
        return next.instant(next.firstOpening());
    }

    /**
     * The instant at which {@code workingTime} of working time has passed since {@code start}.
     *
     * <p>Time before the next opening does not count: from a closed period the clock starts at the next
     * opening. When the working time runs out exactly at a closing time, the result is that closing time, not
     * the next opening, so a positive duration never ends in a closed period. A zero duration returns
     * {@code start} unchanged, open or not.
     *
     * @throws ValidationException when {@code workingTime} is negative or longer than 200 years
     * @throws NoWorkingTimeException when the calendar runs out of working time: it says how much it has after
     *     {@code start} up to where it stops looking (the end of its last extra working day's year without weekly hours,
     *     five years without any working time with them)
     */
    public Instant plus(Instant start, Duration workingTime) {
        Objects.requireNonNull(workingTime, "workingTime");
        YearBlock block = blockFor(start, "start");
        if (workingTime.isNegative()) {
            throw new ValidationException("workingTime", "must not be negative, was " + workingTime);
        }
        if (workingTime.compareTo(MAX_WORKING_TIME) > 0) {
            throw new ValidationException("workingTime", "must not exceed 200 years, was " + workingTime);
        }
        if (workingTime.isZero()) {
            return start;
        }
        long target = block.position(block.relative(start)) + workingTime.toNanos();
        // the working time after the start that the years looked at so far hold: what an exception reports as found
        long found = block.total() - block.position(block.relative(start));
        while (target > block.total()) {
            target -= block.total();
            try {
                block = nextWorkingYear(block, start);
            } catch (NoWorkingTimeException none) {
                throw new NoWorkingTimeException(name, start, workingTime, Duration.ofNanos(found), none.reason());
            }
            found += block.total();
        }
        return block.instant(block.atPosition(target));
    }

    /**
     * Working time from {@code from} to {@code to}. When {@code to} is before {@code from} the result is
     * negative ({@code -workingTimeBetween(to, from)}), so the working time left until a deadline turns
     * negative once it is overdue. For any start and non-negative duration,
     * {@code workingTimeBetween(start, plus(start, d))} equals {@code d}.
     */
    public Duration workingTimeBetween(Instant from, Instant to) {
        YearBlock first = blockFor(from, "from");
        YearBlock last = blockFor(to, "to");
        if (to.isBefore(from)) {
            return between(last, to, first, from).negated();
        }
        return between(first, from, last, to);
    }

    private Duration between(YearBlock first, Instant from, YearBlock last, Instant to) {
        long toPosition = last.position(last.relative(to));
        if (first.year == last.year) {
            return Duration.ofNanos(toPosition - first.position(first.relative(from)));
        }
        Duration sum = Duration.ofNanos(first.total() - first.position(first.relative(from)));
        for (int year = first.year + 1; year < last.year; year++) {
            sum = sum.plusNanos(year(year).total());
        }
        return sum.plusNanos(toPosition);
    }

    /**
     * "N working days later": the same local time of day on the {@code days}-th working day after the start's
     * date. A start in a closed period counts from the next opening (a complaint received on Saturday counts
     * as received at Monday's opening, so one working day later is Tuesday at opening time). When that time
     * of day is not within the target day's opening hours (a half day, a lunch break, a shorter day), the
     * result is the end of the target day's last interval before it, or the day's first opening if there is
     * none before it. Zero days returns {@code start} unchanged.
     *
     * @throws ValidationException when {@code days} is negative
     * @throws NoWorkingTimeException when the calendar runs out of working days
     */
    public Instant plusWorkingDays(Instant start, int days) {
        blockFor(start, "start");
        Checks.argument(days >= 0, "days", "must not be negative, was " + days);
        if (days == 0) {
            return start;
        }
        Instant opened = nextOpening(start);
        LocalDateTime local = LocalDateTime.ofInstant(opened, zone);
        LocalDate date = local.toLocalDate();
        YearBlock block = year(date.getYear());
        long ordinal = block.workingDaysBefore(date.getDayOfYear()) + (long) days - 1;
        long found = block.workingDays() - block.workingDaysBefore(date.getDayOfYear());
        while (ordinal >= block.workingDays()) {
            ordinal -= block.workingDays();
            try {
                block = nextWorkingYear(block, start);
            } catch (NoWorkingTimeException none) {
                throw NoWorkingTimeException.workingDays(name, start, days, found, none.reason());
            }
            found += block.workingDays();
        }
        int day = block.workingDay((int) ordinal);
        LocalDate targetDate = LocalDate.ofYearDay(block.year, day + 1);
        Instant wanted = ZonedDateTime.of(targetDate, local.toLocalTime(), zone).toInstant();
        return block.instant(block.clampToDay(day, block.relative(wanted)));
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + name + ", " + zone + "]";
    }

    private YearBlock blockFor(Instant instant, String field) {
        Objects.requireNonNull(instant, field);
        long second = instant.getEpochSecond();
        if (second < MIN_SECOND || second >= MAX_SECOND) {
            throw new ValidationException(field, instant + " is outside the supported years " + MIN_YEAR + " to " + MAX_YEAR);
        }
        int utcYear = LocalDate.ofEpochDay(second / 86_400).getYear();
        // the local year differs from the UTC year by at most one, near New Year
        YearBlock block = year(utcYear);
        if (second < block.baseSecond) {
            return year(utcYear - 1);
        }
        return second >= block.nextBaseSecond ? year(utcYear + 1) : block;
    }

    private YearBlock year(int year) {
        int slot = year - CACHED_FROM;
        if (slot < 0 || slot >= CACHED_YEARS) {
            return YearBlock.build(year, zone, rules);
        }
        YearBlock block = years.get(slot);
        if (block == null) {
            // racing threads build equal blocks; whichever lands first is kept
            YearBlock built = YearBlock.build(year, zone, rules);
            block = years.compareAndSet(slot, null, built) ? built : years.get(slot);
        }
        return block;
    }

    /** The next year after {@code block} that has working time; stops rather than search forever. */
    private YearBlock nextWorkingYear(YearBlock block, Instant from) {
        for (int year = block.year + 1; ; year++) {
            if (year > lastWorkingYear) {
                throw new NoWorkingTimeException(name, from, "no weekly opening hours and no extra working day after " + lastWorkingYear);
            }
            // with weekly hours only holidays or exceptions can empty a year; without, the last listed date bounds the search
            if (lastWorkingYear == Integer.MAX_VALUE && year - block.year > MAX_EMPTY_YEARS) {
                throw new NoWorkingTimeException(name, from, "no working time in the " + MAX_EMPTY_YEARS + " years after " + block.year);
            }
            if (year > MAX_YEAR) {
                throw new ValidationException("workingTime", "counting from " + from + " reaches past the supported year " + MAX_YEAR);
            }
            YearBlock next = year(year);
            if (next.total() > 0) {
                return next;
            }
        }
    }

    /**
     * Collects a calendar's settings; every setting is checked as it is given, and an error names the
     * property ({@code hours.MONDAY}, {@code openOn.2025-05-03}).
     */
    public static final class Builder {
        private final String name;
        private final ZoneId zone;
        private final EnumMap<DayOfWeek, List<WorkingInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        private final Map<LocalDate, List<WorkingInterval>> exceptions = new HashMap<>();
        private HolidayProvider holidays = HolidayProvider.none();

        private Builder(String name, ZoneId zone) {
            this.name = Checks.code(name, "calendar.name", 64);
            this.zone = Checks.notNull(zone, "calendar.zone");
        }

        /** Opening hours of one weekday, e.g. {@code hours(MONDAY, "09:00-12:30", "13:30-18:00")}. */
        public Builder hours(DayOfWeek day, String... intervals) {
            return hours(day, parse(intervals, "hours." + day));
        }

        /** Opening hours of one weekday, in order and not overlapping; an empty list closes the day. */
        public Builder hours(DayOfWeek day, List<WorkingInterval> intervals) {
            Checks.notNull(day, "hours.day");
            weekly.put(day, checked(intervals, "hours." + day));
            return this;
        }

        /** The same opening hours on several weekdays. */
        public Builder hours(Set<DayOfWeek> days, String... intervals) {
            for (DayOfWeek day : Checks.notNull(days, "hours.days")) {
                hours(day, intervals);
            }
            return this;
        }

        /** The same opening hours Monday to Friday. */
        public Builder weekdays(String... intervals) {
            return hours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), intervals);
        }

        /** No opening hours on {@code day}. */
        public Builder closed(DayOfWeek day) {
            return hours(day, List.of());
        }

        public Builder holidays(HolidayProvider holidays) {
            this.holidays = Checks.notNull(holidays, "holidays");
            return this;
        }

        /** Closes one date whatever its weekday or holiday (a bridge day, a company event). */
        public Builder closedOn(LocalDate date) {
            exceptions.put(Checks.notNull(date, "closedOn"), List.of());
            return this;
        }

        /**
         * Opens one date with these hours instead of its usual ones, holiday or not (a working Saturday, a
         * shorter day before a holiday). The last exception given for a date wins.
         */
        public Builder openOn(LocalDate date, String... intervals) {
            String property = "openOn." + Checks.notNull(date, "openOn");
            return openOn(date, parse(intervals, property));
        }

        public Builder openOn(LocalDate date, List<WorkingInterval> intervals) {
            String property = "openOn." + Checks.notNull(date, "openOn");
            Checks.argument(!Checks.notNull(intervals, property).isEmpty(), property, "needs at least one interval; use closedOn to close the date");
            exceptions.put(date, checked(intervals, property));
            return this;
        }

        /** Opening hours for several dates at once, e.g. from a host's configuration. */
        public Builder openOn(Collection<LocalDate> dates, String... intervals) {
            for (LocalDate date : Checks.notNull(dates, "openOn")) {
                openOn(date, intervals);
            }
            return this;
        }

        public BusinessCalendar build() {
            return new BusinessCalendar(this);
        }

        private static List<WorkingInterval> parse(String[] intervals, String property) {
            Checks.notNull(intervals, property);
            List<WorkingInterval> parsed = new ArrayList<>(intervals.length);
            for (String text : intervals) {
                try {
                    parsed.add(WorkingInterval.parse(Checks.notNull(text, property)));
                } catch (ValidationException e) {
                    throw new ValidationException(property, e.getMessage());
                }
            }
            return parsed;
        }

        private static List<WorkingInterval> checked(List<WorkingInterval> intervals, String property) {
            List<WorkingInterval> copy = List.copyOf(Checks.notNull(intervals, property));
            for (int i = 1; i < copy.size(); i++) {
                WorkingInterval before = copy.get(i - 1);
                WorkingInterval after = copy.get(i);
                if (before.endsAtMidnight() || after.startNanoOfDay() < before.endNanoOfDay()) {
                    throw new ValidationException(property, "intervals must be in order and must not overlap: "
                            + before + " then " + after);
                }
            }
            return copy;
        }
    }
}
