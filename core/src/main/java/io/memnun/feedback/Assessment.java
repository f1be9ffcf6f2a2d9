package io.memnun.feedback;

import io.memnun.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The initial assessment of a feedback (ISO 10002 §8.4): how severe, what impact, whether immediate action is
 * needed.
 */
public record Assessment(Severity severity, @Nullable String impact, boolean immediateActionNeeded) {
    public enum Severity {
        LOW,
        MEDIUM,
        HIGH,
        CRITICAL
    }

    public Assessment {
        Objects.requireNonNull(severity, "severity");
        impact = Checks.optionalText(impact, "assessment.impact", 2000);
    }

    public static Assessment of(Severity severity, @Nullable String impact, boolean immediateActionNeeded) {
        return new Assessment(severity, impact, immediateActionNeeded);
    }
}
