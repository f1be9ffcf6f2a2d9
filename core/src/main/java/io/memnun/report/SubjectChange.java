package io.memnun.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How the complaints about one subject changed from the previous period to the current one.
 *
 * @param subject the subject id
 * @param previous complaints in the previous period
 * @param current complaints in the current period
 */
public record SubjectChange(String subject, long previous, long current) {
    public SubjectChange {
        Objects.requireNonNull(subject, "subject");
    }

    /** The change in percent of the previous count; empty when there were none before. */
    public OptionalDouble changePercent() {
        return previous == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * (current - previous) / previous);
    }
}
