package io.memnun.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock a scenario moves forward by hand, so that examples show realistic timestamps. */
final class ScenarioClock extends Clock {
    private volatile Instant now;
    private final ZoneId zone;

    ScenarioClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
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
