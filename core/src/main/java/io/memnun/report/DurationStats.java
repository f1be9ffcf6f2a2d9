package io.memnun.report;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The distribution of a duration over a group: mean, median and 90th percentile (continuous percentiles, linear
 * interpolation between the two nearest values, as SQL's {@code PERCENTILE_CONT}), each rounded to the millisecond.
 *
 * @param key the group, or null for the whole filter or for feedback without a value in the grouping column
 * @param count how many values
 * @param mean their mean
 * @param median their 50th percentile
 * @param p90 their 90th percentile
 */
public record DurationStats(@Nullable String key, long count, Duration mean, Duration median, Duration p90) {
    public static final DurationStats NONE = new DurationStats(null, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public DurationStats {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(p90, "p90");
    }

    /** Builds the statistics from values in milliseconds as a store computed them. */
    public static DurationStats ofMillis(@Nullable String key, long count, double mean, double median, double p90) {
        return new DurationStats(key, count, Duration.ofMillis(Math.round(mean)), Duration.ofMillis(Math.round(median)),
                Duration.ofMillis(Math.round(p90)));
    }
}
