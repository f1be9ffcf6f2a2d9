package io.memnun.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock a scenario moves forward by hand, so that examples show realistic timestamps. */
public final class ScenarioClock extends Clock {
    private volatile Instant now;
    private final ZoneId zone;

    public ScenarioClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Moves the clock to {@code at}; never backwards, as time-ordered ids and histories expect. */
    public void moveTo(Instant at) {
        if (at.isBefore(now)) {
            throw new IllegalArgumentException("a scenario clock does not go back: " + at + " is before " + now);
        }
        now = at;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ScenarioClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
