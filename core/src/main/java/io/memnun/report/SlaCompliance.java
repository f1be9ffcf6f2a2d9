package io.memnun.report;

import io.memnun.feedback.SlaKind;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * How often one response-time target was met: clock rounds that stopped on time against those that stopped late.
 *
 * @param target the target (acknowledgement, first response, resolution, planned completion)
 * @param key the group (e.g. the department), or null for the whole filter
 * @param met rounds stopped within the target
 * @param missed rounds stopped after it
 */
public record SlaCompliance(SlaKind target, @Nullable String key, long met, long missed) {
    public SlaCompliance {
        Objects.requireNonNull(target, "target");
    }

    /** Met in percent of the rounds stopped; empty when none stopped. */
    public OptionalDouble percentMet() {
        long all = met + missed;
        return all == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * met / all);
    }
}
