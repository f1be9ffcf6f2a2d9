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
 * @param remindAt when its owner is reminded that it falls due, if a reminder is wanted; before {@code due}
 * @param remindedAt when that reminder was recorded; set once
 */
public record ActionItem(int number, Kind kind, String description, DepartmentId owner, @Nullable StaffId person, Instant due, State state,
        @Nullable Instant doneAt, @Nullable String outcome, @Nullable Instant escalatedAt, @Nullable Instant remindAt,
        @Nullable Instant remindedAt) {

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
        Checks.argument(remindAt == null || remindAt.isBefore(due), "item.remindAt", "must be before the due instant " + due + ", was " + remindAt);
    }

    /** An item without a reminder, as it was before reminders existed. */
    public ActionItem(int number, Kind kind, String description, DepartmentId owner, @Nullable StaffId person, Instant due, State state,
            @Nullable Instant doneAt, @Nullable String outcome, @Nullable Instant escalatedAt) {
        this(number, kind, description, owner, person, due, state, doneAt, outcome, escalatedAt, null, null);
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** Open, not yet due but past its reminder instant, and neither reminded nor escalated. */
    public boolean needsReminderAt(Instant now) {
        return isOpen() && remindAt != null && remindedAt == null && escalatedAt == null && !now.isBefore(remindAt) && now.isBefore(due);
    }

    /** When the monitor must look at this item next: its reminder, then its due instant; empty once nothing is left. */
    public java.util.Optional<Instant> nextCheckpoint() {
        if (!isOpen() || escalatedAt != null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(remindAt != null && remindedAt == null ? remindAt : due);
    }

    /** Open, past its due instant and not yet escalated. */
    public boolean needsEscalationAt(Instant now) {
        return isOpen() && escalatedAt == null && !now.isBefore(due);
    }

    ActionItem finished(State to, Instant at, @Nullable String what) {
        return new ActionItem(number, kind, description, owner, person, due, to, at, what, escalatedAt, remindAt, remindedAt);
    }

    ActionItem escalated(Instant at) {
        return new ActionItem(number, kind, description, owner, person, due, state, doneAt, outcome, at, remindAt, remindedAt);
    }

    ActionItem reminded(Instant at) {
        return new ActionItem(number, kind, description, owner, person, due, state, doneAt, outcome, escalatedAt, remindAt, at);
    }
}
