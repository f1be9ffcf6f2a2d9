package io.memnun.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it. Thread-safe; clocks derived with {@link #withZone}
 * share the same time.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public MutableClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public static MutableClock at(String isoInstant) {
        return new MutableClock(Instant.parse(isoInstant));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public MutableClock withZone(ZoneId zone) {
        return new MutableClock(now, zone);
    }

    /** Moves the clock forward by {@code duration}; time never runs backwards through this method. */
    public MutableClock advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot advance by a negative duration: " + duration);
        }
        now.updateAndGet(t -> t.plus(duration));
        return this;
    }

    /** Sets the clock to {@code instant}, forwards or backwards. */
    public MutableClock set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        return this;
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + " " + zone + "]";
    }
}
