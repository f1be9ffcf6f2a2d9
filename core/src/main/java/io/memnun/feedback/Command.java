package io.memnun.feedback;

import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A command staff, the customer or the system issues on one feedback. {@link Lifecycle} decides whether it is
 * allowed in the feedback's state and what follows. Every command names its {@link #actor()}; texts are
 * validated when the command is built.
 */
public sealed interface Command {
    /** The longest note, reason or resolution text accepted. */
    int MAX_TEXT = 20_000;

    /** Who issues the command. */
    Actor actor();

    /** The command's name as used in messages, e.g. {@code take}. */
    String name();

    /**
     * Record that the customer was told their feedback was received (alındı bilgisi), e.g. by phone or at the
     * desk; meets the acknowledgement target.
     */
    record Acknowledge(Actor actor, @Nullable String note) implements Command {
        public Acknowledge {
            Objects.requireNonNull(actor, "actor");
            note = Checks.optionalText(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "acknowledge";
        }
    }

    /** Take into processing (İŞLEME ALMA). A staff actor with nothing assigned becomes the assignee. */
    record Take(Actor actor, @Nullable String note) implements Command {
        public Take {
            Objects.requireNonNull(actor, "actor");
            note = Checks.optionalText(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "take";
        }
    }

    /** Plan the work with a target completion time (PLANLAMA); planning again moves the target. */
    record Plan(Actor actor, Instant until, @Nullable String note) implements Command {
        public Plan {
            Objects.requireNonNull(actor, "actor");
            Checks.notNull(until, "until");
            note = Checks.optionalText(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "plan";
        }
    }

    /** Redirect to another department (YÖNLENDİRME), optionally to a person there; the feedback is NEW again. */
    record Redirect(Actor actor, DepartmentId department, @Nullable StaffId assignee, String reason) implements Command {
        public Redirect {
            Objects.requireNonNull(actor, "actor");
            Checks.notNull(department, "department");
            reason = Checks.text(reason, "reason", MAX_TEXT);
        }

        @Override
        public String name() {
            return "redirect";
        }
    }

    /** Give the feedback to a staff member without changing its state. */
    record Assign(Actor actor, StaffId assignee, @Nullable String note) implements Command {
        public Assign {
            Objects.requireNonNull(actor, "actor");
            Checks.notNull(assignee, "assignee");
            note = Checks.optionalText(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "assign";
        }
    }

    /** Ask the customer for information; response-time clocks pause until they respond. */
    record AwaitCustomer(Actor actor, String question) implements Command {
        public AwaitCustomer {
            Objects.requireNonNull(actor, "actor");
            question = Checks.text(question, "question", MAX_TEXT);
        }

        @Override
        public String name() {
            return "awaitCustomer";
        }
    }

    /** The customer answered; the feedback returns to the state it paused in. */
    record CustomerResponded(Actor actor, @Nullable String note) implements Command {
        public CustomerResponded {
            Objects.requireNonNull(actor, "actor");
            note = Checks.optionalText(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "customerResponded";
        }
    }

    /**
     * Cancel or dismiss (İPTAL): invalid, duplicate, out of scope. The reason is recorded and told. Allowed before a
     * decision is proposed (NEW, IN_PROGRESS, PLANNED, AWAITING_CUSTOMER), not once it is under review or told.
     */
    record Cancel(Actor actor, String reason) implements Command {
        public Cancel {
            Objects.requireNonNull(actor, "actor");
            reason = Checks.text(reason, "reason", MAX_TEXT);
        }

        @Override
        public String name() {
            return "cancel";
        }
    }

    /**
     * Propose a resolution. Where the desk's policy requires review the feedback goes UNDER_REVIEW, otherwise it is
     * RESOLVED at once and the decision goes to the customer.
     */
    record Resolve(Actor actor, String resolution) implements Command {
        public Resolve {
            Objects.requireNonNull(actor, "actor");
            resolution = Checks.text(resolution, "resolution", MAX_TEXT);
        }

        @Override
        public String name() {
            return "resolve";
        }
    }

    /** Approve the proposed resolution under review; it becomes the decision. */
    record Approve(Actor actor, @Nullable String note) implements Command {
        public Approve {
            Objects.requireNonNull(actor, "actor");
            note = Checks.optionalText(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "approve";
        }
    }

    /** Send the proposed resolution back for more work. */
    record SendBack(Actor actor, String reason) implements Command {
        public SendBack {
            Objects.requireNonNull(actor, "actor");
            reason = Checks.text(reason, "reason", MAX_TEXT);
        }

        @Override
        public String name() {
            return "sendBack";
        }
    }

    /** The customer accepts the resolution; the feedback closes as ACCEPTED. */
    record Accept(Actor actor, @Nullable String note) implements Command {
        public Accept {
            Objects.requireNonNull(actor, "actor");
            note = Checks.optionalText(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "accept";
        }
    }

    /**
     * The customer rejects the resolution: the feedback stays open (IN_PROGRESS), and the rejection and the
     * alternatives offered to the customer are recorded.
     */
    record Reject(Actor actor, String reason, List<Recourse> alternatives) implements Command {
        public Reject {
            Objects.requireNonNull(actor, "actor");
            reason = Checks.text(reason, "reason", MAX_TEXT);
            alternatives = List.copyOf(alternatives);
        }

        @Override
        public String name() {
            return "reject";
        }
    }

    /**
     * Close without the customer's acceptance once the closing period has passed: {@code NO_RESPONSE} for a
     * resolution the customer never answered, {@code UNRESOLVED} for a rejected one whose recourse is exhausted.
     */
    record Close(Actor actor, ClosureReason reason, @Nullable String note) implements Command {
        public Close {
            Objects.requireNonNull(actor, "actor");
            Checks.notNull(reason, "reason");
            Checks.argument(reason == ClosureReason.NO_RESPONSE || reason == ClosureReason.UNRESOLVED, "reason",
                    "must be NO_RESPONSE or UNRESOLVED, was " + reason);
            note = Checks.optionalText(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "close";
        }
    }

    /**
     * Appeal (itiraz) against the outcome of a closed or cancelled feedback; it is worked on again. Earlier
     * rejections stay counted, but the feedback can be closed as UNRESOLVED only after a rejection that follows
     * the appeal.
     */
    record Appeal(Actor actor, String reason) implements Command {
        public Appeal {
            Objects.requireNonNull(actor, "actor");
            reason = Checks.text(reason, "reason", MAX_TEXT);
        }

        @Override
        public String name() {
            return "appeal";
        }
    }

    /** Change the priority of an open feedback. */
    record ChangePriority(Actor actor, Priority priority, String reason) implements Command {
        public ChangePriority {
            Objects.requireNonNull(actor, "actor");
            Checks.notNull(priority, "priority");
            reason = Checks.text(reason, "reason", MAX_TEXT);
        }

        @Override
        public String name() {
            return "changePriority";
        }
    }

    /** Record or revise the initial assessment of an open feedback. */
    record Assess(Actor actor, Assessment assessment) implements Command {
        public Assess {
            Objects.requireNonNull(actor, "actor");
            Checks.notNull(assessment, "assessment");
        }

        @Override
        public String name() {
            return "assess";
        }
    }

    /** Add a note to the history; allowed in every state, closed ones included. */
    record AddNote(Actor actor, String note) implements Command {
        public AddNote {
            Objects.requireNonNull(actor, "actor");
            note = Checks.text(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "addNote";
        }
    }

    /**
     * A message from the customer (a reply by e-mail or SMS) recorded on the feedback; allowed in every state, closed
     * ones included, and changes nothing else. {@code details} carry where it came from, e.g. {@code messageId}
     * (which an inbound channel checks before recording the same message again) and {@code channel}.
     */
    record AddCustomerMessage(Actor actor, String message, java.util.Map<String, String> details) implements Command {
        public AddCustomerMessage {
            Objects.requireNonNull(actor, "actor");
            message = Checks.text(message, "message", MAX_TEXT);
            java.util.Map<String, String> copy = new java.util.LinkedHashMap<>();
            Objects.requireNonNull(details, "details").forEach((k, v) -> copy.put(
                    Checks.code(k, "details key", 64), Checks.code(v, "details." + k, 1000)));
            details = java.util.Map.copyOf(copy);
        }

        @Override
        public String name() {
            return "addCustomerMessage";
        }
    }

    /**
     * Merge into {@code original} as its duplicate: the feedback closes as {@link ClosureReason#DUPLICATE} and
     * refers to the original, where the work goes on.
     */
    record Merge(Actor actor, FeedbackId original, @Nullable String note) implements Command {
        public Merge {
            Objects.requireNonNull(actor, "actor");
            Checks.notNull(original, "original");
            note = Checks.optionalText(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "merge";
        }
    }

    /** Not a duplicate after all: clears the possible-duplicate link set on receipt. */
    record Unlink(Actor actor, @Nullable String note) implements Command {
        public Unlink {
            Objects.requireNonNull(actor, "actor");
            note = Checks.optionalText(note, "note", MAX_TEXT);
        }

        @Override
        public String name() {
            return "unlink";
        }
    }
}
