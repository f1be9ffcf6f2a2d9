package io.memnun.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {
    private final MutableClock clock = MutableClock.at("2026-03-16T07:00:00Z");

    @Test
    void aBucketEmptiesAndRefillsOneTokenPerPeriodUpToItsCapacity() {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(2, Duration.ofSeconds(10), clock);

        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        clock.advance(Duration.ofSeconds(9));
        assertThat(limiter.tryAcquire("a")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        clock.advance(Duration.ofHours(1));
        // never more than the capacity, however long the client waited
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void fullBucketsAreDroppedPastTheLimitAndAnEmptyOneIsKept() {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(1, Duration.ofMinutes(1), clock, 10);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("client-" + i);
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.tryAcquire("guesser")).isTrue();

        // the eleventh key: the ten full buckets go, the guesser's empty one stays
        assertThat(limiter.clients()).isEqualTo(1);
        assertThat(limiter.tryAcquire("guesser")).isFalse();
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new TokenBucketRateLimiter(0, Duration.ofSeconds(1), clock)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new TokenBucketRateLimiter(1, Duration.ZERO, clock)).isInstanceOf(ValidationException.class);
    }
}
