package io.memnun.sla;

import io.memnun.internal.Checks;
import java.util.Objects;

/**
 * One rung of the escalation ladder: when {@code percentOfTarget} percent of a target's working time has
 * passed, tell {@code recipient}. Percentages above 100 escalate after the deadline (150 = half the target's
 * time again).
 *
 * @param level 1 for the first rung, counting up
 * @param percentOfTarget 1 to 1000
 * @param recipient who is told
 */
public record EscalationLevel(int level, int percentOfTarget, Recipient recipient) {

    public EscalationLevel {
        Checks.argument(level >= 1, "escalation.level", "must be 1 or more, was " + level);
        Checks.argument(percentOfTarget >= 1 && percentOfTarget <= 1000, "escalation[" + level + "].percentOfTarget",
                "must be between 1 and 1000, was " + percentOfTarget);
        Objects.requireNonNull(recipient, "recipient");
    }

    public static EscalationLevel of(int level, int percentOfTarget, Recipient recipient) {
        return new EscalationLevel(level, percentOfTarget, recipient);
    }
}
