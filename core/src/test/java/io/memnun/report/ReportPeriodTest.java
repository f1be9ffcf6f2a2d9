package io.memnun.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aMonthStartsAtLocalMidnightOfItsZone() {
        assertThat(ReportPeriod.month(YearMonth.of(2026, 3), ISTANBUL).start()).isEqualTo(Instant.parse("2026-02-28T21:00:00Z"));
        assertThat(ReportPeriod.month(YearMonth.of(2026, 3), NEW_YORK).start()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
        // New York changes to summer time on 8 March 2026: April starts at 04:00 UTC
        assertThat(ReportPeriod.month(YearMonth.of(2026, 3), NEW_YORK).end()).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
    }

    @Test
    void aWeekAcrossTheChangeToSummerTimeHas167Hours() {
        ReportPeriod w = ReportPeriod.isoWeek(2026, 13, BERLIN);
        assertThat(w.from()).isEqualTo(LocalDate.of(2026, 3, 23));
        assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofHours(167));
        assertThat(ReportPeriod.isoWeek(2026, 44, BERLIN).start()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(Duration.between(ReportPeriod.isoWeek(2026, 43, BERLIN).start(), ReportPeriod.isoWeek(2026, 43, BERLIN).end()))
                .isEqualTo(Duration.ofHours(169));
        assertThat(ReportPeriod.isoWeek(2020, 53, BERLIN).from()).isEqualTo(LocalDate.of(2020, 12, 28));
        assertThat(ReportPeriod.isoWeek(2026, 53, BERLIN).from()).isEqualTo(LocalDate.of(2026, 12, 28)); // 2026 starts on a Thursday
        assertThatThrownBy(() -> ReportPeriod.isoWeek(2025, 53, BERLIN)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("period.week"));
    }

    @Test
    void previousPeriodsAndMonthlyBuckets() {
        ReportPeriod last6 = ReportPeriod.lastMonths(6, LocalDate.of(2026, 11, 24), ISTANBUL);
        assertThat(last6.label()).isEqualTo("2026-05..2026-10");
        assertThat(last6.previous().label()).isEqualTo("2025-11..2026-04");
        assertThat(last6.monthly()).extracting(ReportPeriod::label).containsExactly("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10");
        ReportPeriod days = new ReportPeriod(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 20), ISTANBUL);
        assertThat(days.previous()).isEqualTo(new ReportPeriod(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 10), ISTANBUL));
        assertThat(new ReportPeriod(LocalDate.of(2026, 1, 20), LocalDate.of(2026, 3, 5), ISTANBUL).monthly()).extracting(ReportPeriod::label)
                .containsExactly("2026-01-20..2026-01-31", "2026-02", "2026-03-01..2026-03-04");
        assertThatThrownBy(() -> new ReportPeriod(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1), ISTANBUL))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("period.to"));
    }
}
