package io.memnun.sla;

import io.memnun.error.ValidationException;
import io.memnun.feedback.SlaKind;
import io.memnun.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * How much working time one step of handling may take, counted on a named {@link BusinessCalendar}.
 *
 * @param kind which step
 * @param workingTime the working time allowed; positive
 * @param calendar the name of the calendar it is counted on, resolved in the policy's {@link CalendarRegistry}
 */
public record SlaTarget(SlaKind kind, Duration workingTime, String calendar) {

    public SlaTarget {
        Objects.requireNonNull(kind, "kind");
        if (!kind.isPolicyTarget()) {
            throw new ValidationException("target.kind", kind + " is set by planning, not by a policy");
        }
        Objects.requireNonNull(workingTime, "workingTime");
        if (workingTime.isZero() || workingTime.isNegative()) {
            throw new ValidationException("target." + kind + ".workingTime", "must be positive, was " + workingTime);
        }
        calendar = Checks.code(calendar, "target." + kind + ".calendar", 64);
    }

    public static SlaTarget of(SlaKind kind, Duration workingTime, String calendar) {
        return new SlaTarget(kind, workingTime, calendar);
    }
}
