package io.memnun.report;

import java.util.Objects;

/**
 * A subject that drew several feedback at one location in a period: a candidate for a corrective action.
 *
 * @param subject the subject id
 * @param location the location id
 * @param count how many feedback
 */
public record RecurringProblem(String subject, String location, long count) {
    public RecurringProblem {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(location, "location");
    }
}
