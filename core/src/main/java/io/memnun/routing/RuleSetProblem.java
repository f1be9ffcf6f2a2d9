package io.memnun.routing;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One reason a rule set may not be activated.
 *
 * @param ruleId the rule at fault; {@code null} for a problem of the whole set
 */
public record RuleSetProblem(Kind kind, @Nullable String ruleId, String message) {

    public enum Kind {
        /** A rule names a type, subject, location, channel, department or staff member the catalogue lacks. */
        UNKNOWN_REFERENCE,
        /** A rule names a catalogue entry that was deactivated. */
        INACTIVE_REFERENCE,
        /** An earlier rule holds whenever this one does, so this one can never fire. */
        SHADOWED,
        /** Two conditions of the rule exclude each other, so it can never fire. */
        NEVER_MATCHES,
        /** The last rule has conditions (or there is no rule): some feedback would match nothing. */
        NO_DEFAULT,
        /** An assignment strategy that could choose nobody: no active staff, or no department to choose from. */
        NO_ELIGIBLE_STAFF
    }

    public RuleSetProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (ruleId == null ? "" : "rule " + ruleId + ": ") + message + " [" + kind + "]";
    }
}
