package io.memnun.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one retention run did.
 *
 * @param ranAt the run's {@code now}
 * @param examined how many closed feedback it looked at
 * @param anonymised the reference numbers of the feedback it anonymised
 * @param held the reference numbers of feedback that were due but kept because of a legal hold
 * @param failed the reference numbers of feedback that were due but could not be anonymised in this run (the cause is
 *     logged); the next run tries them again
 * @param accessLogPurged how many access log entries older than the log's retention period were deleted
 */
public record RetentionReport(Instant ranAt, int examined, List<String> anonymised, List<String> held, List<String> failed,
        int accessLogPurged) {
    public RetentionReport {
        Objects.requireNonNull(ranAt, "ranAt");
        anonymised = List.copyOf(anonymised);
        held = List.copyOf(held);
        failed = List.copyOf(failed);
    }
}
