package io.memnun.survey;

import io.memnun.feedback.DepartmentId;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A department's scores in two periods and the change between them (later minus earlier, in points); a change is
 * empty where either period has no sample.
 */
public record ScoreTrend(DepartmentId department, DepartmentScore earlier, DepartmentScore later) {
    public ScoreTrend {
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(earlier, "earlier");
        Objects.requireNonNull(later, "later");
    }

    public OptionalDouble csatChange() {
        return later.csat().change(earlier.csat());
    }

    public OptionalDouble npsChange() {
        return later.nps().change(earlier.nps());
    }

    public OptionalDouble responseRateChange() {
        return later.responseRate().change(earlier.responseRate());
    }
}
