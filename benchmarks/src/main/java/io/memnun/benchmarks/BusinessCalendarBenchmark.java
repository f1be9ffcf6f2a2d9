package io.memnun.benchmarks;

import io.memnun.sla.BusinessCalendar;
import io.memnun.sla.TurkishHolidays;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Deadlines on the Turkish head-office calendar (Monday to Friday 09:00-18:00, Europe/Istanbul, national and
 * religious holidays with their half days), from start instants spread over 2025 and 2026, open and closed
 * alike, so the results cross weekends, bayrams and the new year as real deadlines do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BusinessCalendarBenchmark {
    private static final Duration SIX_HOURS = Duration.ofHours(6);
    private static final Duration THIRTY_DAYS_OF_HOURS = Duration.ofHours(30 * 9);
    private static final int STARTS = 4096;
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    private BusinessCalendar calendar;
    private Instant[] starts;
    private int next;

    @Setup
    public void setUp() {
        calendar = BusinessCalendar.builder("head-office", ZoneId.of("Europe/Istanbul"))
                .weekdays("09:00-18:00")
                .holidays(TurkishHolidays.provider())
                .build();
        SplittableRandom random = new SplittableRandom(10002);
        long from = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond();
        starts = new Instant[STARTS];
        for (int i = 0; i < STARTS; i++) {
            starts[i] = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
        }
    }

    private Instant nextStart() {
        next = (next + 1) & (STARTS - 1);
        return starts[next];
    }

    /** Baseline: the JDK's own zoned arithmetic, no business hours, so the table can show the cost as a ratio. */
    @Benchmark
    public Instant baselineZonedPlus30Days() {
        return nextStart().atZone(ISTANBUL).plusDays(30).toInstant();
    }

    @Benchmark
    public Instant add6WorkingHours() {
        return calendar.plus(nextStart(), SIX_HOURS);
    }

    @Benchmark
    public Instant add30WorkingDays() {
        return calendar.plusWorkingDays(nextStart(), 30);
    }

    @Benchmark
    public Instant add270WorkingHours() {
        return calendar.plus(nextStart(), THIRTY_DAYS_OF_HOURS);
    }

    @Benchmark
    public Duration workingTimeBetween() {
        Instant a = nextStart();
        Instant b = nextStart();
        return calendar.workingTimeBetween(a, b);
    }
}
