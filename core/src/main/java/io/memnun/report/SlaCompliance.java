package io.memnun.report;

import io.memnun.feedback.SlaKind;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * How often one response-time target was met: clock rounds that stopped on time against those that stopped late, and
 * beside them the feedback whose target the business calendar could not count at all, which are in neither.
 *
 * @param target the target (acknowledgement, first response, resolution, planned completion)
 * @param key the group (e.g. the department), or null for the whole filter
 * @param met rounds stopped within the target
 * @param missed rounds stopped after it
 * @param notCounted feedback (not rounds) whose history says the target could not be counted on its calendar (a
 *     seasonal location's with too few working days entered: the clock was not started, or stopped because the rest
 *     could not be counted), unless a recompute counted it afterwards; see {@link io.memnun.feedback.SlaHistory}
 */
public record SlaCompliance(SlaKind target, @Nullable String key, long met, long missed, long notCounted) {
    public SlaCompliance {
        Objects.requireNonNull(target, "target");
    }

    /** Rounds met and missed, with no target left uncounted. */
    public SlaCompliance(SlaKind target, @Nullable String key, long met, long missed) {
        this(target, key, met, missed, 0);
    }

    /** Met in percent of the rounds stopped; empty when none stopped. Targets not counted are not in it. */
    public OptionalDouble percentMet() {
        long all = met + missed;
        return all == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * met / all);
    }
}
