package io.memnun.capa;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.StaffId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One task of a corrective action, given to a department (and optionally a person) with a due date, tracked to done.
 *
 * @param number its number within the action, from 1
 * @param kind training, meeting, rearrangement, process change or other
 * @param description what is to be done
 * @param owner the responsible department
 * @param person the responsible person, or {@code null}
 * @param due when it must be done
 * @param state open, done or cancelled
 * @param doneAt when it was done or cancelled
 * @param outcome what was done, or why it was cancelled
 * @param escalatedAt when its being overdue was escalated; set once
 */
public record ActionItem(int number, Kind kind, String description, DepartmentId owner, @Nullable StaffId person, Instant due, State state,
        @Nullable Instant doneAt, @Nullable String outcome, @Nullable Instant escalatedAt) {

    public enum Kind {
        TRAINING,
        MEETING,
        REARRANGEMENT,
        PROCESS_CHANGE,
        OTHER
    }

    public enum State {
        OPEN,
        DONE,
        CANCELLED
    }

    public ActionItem {
        Checks.argument(number >= 1, "item.number", "must be positive, was " + number);
        Objects.requireNonNull(kind, "kind");
        description = Checks.text(description, "item.description", 2000);
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(state, "state");
        Checks.argument((state == State.OPEN) == (doneAt == null), "item.doneAt", "is set exactly when the item is finished");
        outcome = Checks.optionalText(outcome, "item.outcome", 2000);
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** Open, past its due instant and not yet escalated. */
    public boolean needsEscalationAt(Instant now) {
        return isOpen() && escalatedAt == null && !now.isBefore(due);
    }

    ActionItem finished(State to, Instant at, @Nullable String what) {
        return new ActionItem(number, kind, description, owner, person, due, to, at, what, escalatedAt);
    }

    ActionItem escalated(Instant at) {
        return new ActionItem(number, kind, description, owner, person, due, state, doneAt, outcome, at);
    }
}
