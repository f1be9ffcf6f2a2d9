package io.memnun.sla;

import io.memnun.feedback.SlaKind;
import io.memnun.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A target that applies to a particular feedback: the target, the scope it was configured for, and its
 * calendar, ready to turn a start instant into a deadline.
 */
public record ApplicableTarget(SlaTarget target, SlaScope scope, BusinessCalendar calendar) {

    public ApplicableTarget {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(calendar, "calendar");
    }

    public SlaKind kind() {
        return target.kind();
    }

    /** When the target's working time has passed since {@code start}: the deadline. */
    public Instant dueAt(Instant start) {
        return calendar.plus(start, target.workingTime());
    }

    /** When {@code percent} percent of the target's working time has passed since {@code start} (warnings, escalations). */
    public Instant at(Instant start, int percent) {
        Checks.argument(percent >= 0, "percent", "must not be negative, was " + percent);
        Duration share = target.workingTime().multipliedBy(percent).dividedBy(100);
        return calendar.plus(start, share);
    }
}
