package io.memnun.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final QuietHours night = QuietHours.parse("21:00-09:00");

    @Test
    void aStretchOverMidnightIsQuietOnBothSides() {
        // 19:30 UTC is 22:30 in Istanbul and 19:30 in London (winter)
        Instant evening = Instant.parse("2026-01-15T19:30:00Z");
        assertThat(night.contains(evening, ISTANBUL)).isTrue();
        assertThat(night.contains(evening, LONDON)).isFalse();
        assertThat(night.nextAllowed(evening, ISTANBUL)).isEqualTo(Instant.parse("2026-01-16T06:00:00Z"));
        assertThat(night.nextAllowed(evening, LONDON)).isEqualTo(evening);
        Instant early = Instant.parse("2026-01-16T03:00:00Z"); // 06:00 in Istanbul
        assertThat(night.nextAllowed(early, ISTANBUL)).isEqualTo(Instant.parse("2026-01-16T06:00:00Z"));
        assertThat(night.contains(Instant.parse("2026-01-16T06:00:00Z"), ISTANBUL)).as("the end is not quiet").isFalse();
    }

    @Test
    void aStretchWithinADayAndNone() {
        QuietHours lunch = QuietHours.parse("12:00-13:00");
        assertThat(lunch.contains(Instant.parse("2026-01-15T12:30:00Z"), ZoneId.of("UTC"))).isTrue();
        assertThat(lunch.contains(Instant.parse("2026-01-15T13:00:00Z"), ZoneId.of("UTC"))).isFalse();
        assertThat(QuietHours.NONE.contains(Instant.parse("2026-01-15T03:00:00Z"), ISTANBUL)).isFalse();
        assertThatThrownBy(() -> QuietHours.parse("21-9")).isInstanceOf(ValidationException.class);
    }
}
