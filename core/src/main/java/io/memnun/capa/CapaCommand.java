package io.memnun.capa;

import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.StaffId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What staff do to a corrective action; each becomes one history event. */
public sealed interface CapaCommand {
    Actor actor();

    /** Records (or replaces) the root cause analysis. */
    record RecordRootCause(Actor actor, RootCause rootCause) implements CapaCommand {
        public RecordRootCause {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(rootCause, "rootCause");
        }
    }

    /**
     * Adds an action item given to a department (and optionally a person) with a due instant, and optionally the instant
     * its owner is reminded before it falls due (a {@code CapaDesk} with a reminder lead fills it in when it is null).
     */
    record AddItem(Actor actor, ActionItem.Kind kind, String description, DepartmentId owner, @Nullable StaffId person, Instant due,
            @Nullable Instant remindAt) implements CapaCommand {
        public AddItem {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(kind, "kind");
            Checks.text(description, "item.description", 2000);
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(due, "due");
            Checks.argument(remindAt == null || remindAt.isBefore(due), "item.remindAt", "must be before the due instant " + due);
        }

        /** An item without a reminder of its own. */
        public AddItem(Actor actor, ActionItem.Kind kind, String description, DepartmentId owner, @Nullable StaffId person, Instant due) {
            this(actor, kind, description, owner, person, due, null);
        }

        /** This command with the reminder at {@code at}. */
        public AddItem remindingAt(@Nullable Instant at) {
            return new AddItem(actor, kind, description, owner, person, due, at);
        }
    }

    /** Marks an item done with what was done. */
    record CompleteItem(Actor actor, int item, String outcome) implements CapaCommand {
        public CompleteItem {
            Objects.requireNonNull(actor, "actor");
            Checks.text(outcome, "outcome", 2000);
        }
    }

    /** Cancels an item that is no longer needed, with the reason. */
    record CancelItem(Actor actor, int item, String reason) implements CapaCommand {
        public CancelItem {
            Objects.requireNonNull(actor, "actor");
            Checks.text(reason, "reason", 2000);
        }
    }

    /** Records how the corrective action was agreed with the customer. */
    record RecordCustomerAgreement(Actor actor, String agreement) implements CapaCommand {
        public RecordCustomerAgreement {
            Objects.requireNonNull(actor, "actor");
            Checks.text(agreement, "agreement", 4000);
        }
    }

    /** Records the verification of effectiveness; the actor is the verifier. */
    record Verify(Actor actor, boolean effective, String result, @Nullable Integer before, @Nullable Integer after) implements CapaCommand {
        public Verify {
            Objects.requireNonNull(actor, "actor");
            Checks.text(result, "verification.result", 4000);
        }
    }

    record AddNote(Actor actor, String note) implements CapaCommand {
        public AddNote {
            Objects.requireNonNull(actor, "actor");
            Checks.text(note, "note", 4000);
        }
    }

    /** Closes the action: allowed once every item is finished and an effective verification is recorded. */
    record Close(Actor actor, @Nullable String note) implements CapaCommand {
        public Close {
            Objects.requireNonNull(actor, "actor");
            // bounded as every other note of the history
            note = Checks.optionalText(note, "note", 4000);
        }
    }

    record Cancel(Actor actor, String reason) implements CapaCommand {
        public Cancel {
            Objects.requireNonNull(actor, "actor");
            Checks.text(reason, "reason", 2000);
        }
    }
}
