package io.memnun.feedback;

import io.memnun.error.ValidationException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A moment on an {@link SlaClock} at which something must happen once: a warning that the target is at risk,
 * the breach itself, or one rung of the escalation ladder. The SLA monitor fires each checkpoint once and
 * records that here, so a second monitor run at the same instant fires nothing.
 *
 * @param type warning, breach or escalation
 * @param level the escalation level (1, 2, ...) for {@link Type#ESCALATION}, otherwise 0
 * @param percent the share of the target's working time at which it falls due
 * @param at when it falls due
 * @param recipient who an escalation goes to ({@code ASSIGNEE}, {@code DEPARTMENT_HEAD}, {@code ROLE(name)})
 * @param fired whether the monitor has fired it
 */
public record SlaCheckpoint(Type type, int level, int percent, Instant at, @Nullable String recipient, boolean fired) {
    public enum Type {
        WARNING,
        BREACH,
        ESCALATION
    }

    public SlaCheckpoint {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        // the messages are built only on failure: the SLA engine creates a checkpoint per threshold for every clock
        if (percent < 0) {
            throw new ValidationException("checkpoint.percent", "must not be negative, was " + percent);
        }
        if (type == Type.ESCALATION ? level < 1 : level != 0) {
            throw new ValidationException("checkpoint.level", "must be 1 or more for an escalation and 0 otherwise, was " + level);
        }
    }

    public SlaCheckpoint fire() {
        return new SlaCheckpoint(type, level, percent, at, recipient, true);
    }

    /** The same checkpoint falling due at another instant (after a pause or a priority change). */
    public SlaCheckpoint at(Instant newAt) {
        return new SlaCheckpoint(type, level, percent, newAt, recipient, fired);
    }
}
