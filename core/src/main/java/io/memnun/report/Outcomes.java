package io.memnun.report;

import java.util.OptionalDouble;

/**
 * How feedback ended, counted over the feedback a filter selects (their current state).
 *
 * @param received how many were received
 * @param resolved how many had a decision communicated to the customer at least once
 * @param closedAfterResolution how many are closed as accepted, unresolved (rejected to the end) or without answer
 * @param accepted how many are closed because the customer accepted the resolution
 * @param reopened how many resolved ones the customer rejected at least once (each rejection reopens the work)
 * @param appealed how many were appealed after closing at least once
 */
public record Outcomes(long received, long resolved, long closedAfterResolution, long accepted, long reopened, long appealed) {

    /** Accepted in percent of those closed after a resolution. */
    public OptionalDouble acceptanceRate() {
        return percent(accepted, closedAfterResolution);
    }

    /** Reopened in percent of those resolved. */
    public OptionalDouble reopenRate() {
        return percent(reopened, resolved);
    }

    /** Appealed in percent of those resolved. */
    public OptionalDouble appealRate() {
        return percent(appealed, resolved);
    }

    static OptionalDouble percent(long part, long whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * part / whole);
    }
}
