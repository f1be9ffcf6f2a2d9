package io.memnun.capa;

import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a corrective action: every command is checked against its state and yields the next version with one
 * history event; a refused command raises {@link IllegalCapaTransitionException} (or a
 * {@link io.memnun.error.ValidationException} for bad input) and changes nothing.
 *
 * <p>Closing requires: no open action item, a verification of effectiveness that found the action effective, and
 * for an action opened from feedback, the customer's agreement recorded. A verification judges the items done before
 * it, so it is refused while an item is open, and an item added after it sets it aside (it stays in the history): the
 * action is verified again once that item is finished. A verification that found it not effective keeps it open for
 * further items and a later verification.
 */
public final class CapaLifecycle {
    private CapaLifecycle() {}

    /** The new version and the event that leads to it. */
    public record Transition(CorrectiveAction before, CorrectiveAction after, CapaEvent event) {}

    /** A newly opened action (version 1) without a number, and its OPENED event. */
    public static Transition open(CapaId id, TenantId tenant, CapaKind kind, String title, String problem, Origin origin, DepartmentId department,
            Actor actor, Instant now) {
        return open(id, null, tenant, kind, title, problem, origin, department, actor, now);
    }

    /** A newly opened action (version 1) numbered {@code number}, and its OPENED event. */
    public static Transition open(CapaId id, @Nullable CapaNumber number, TenantId tenant, CapaKind kind, String title, String problem,
            Origin origin, DepartmentId department, Actor actor, Instant now) {
        CorrectiveAction a = new CorrectiveAction(id, number, tenant, 1, kind, title, problem, origin, department, CapaStatus.OPEN, null, List.of(), null,
                null, now, now);
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kind", kind.name());
        d.put("origin", origin.type().name());
        d.put("department", department.value());
        if (number != null) {
            d.put("number", number.toString());
        }
        if (!origin.feedback().isEmpty()) {
            d.put("feedback", String.join(",", origin.feedback().stream().map(Object::toString).toList()));
        }
        if (origin.subject() != null) {
            d.put("subject", origin.subject().value());
        }
        return new Transition(a, a, new CapaEvent(id, 1, CapaEventType.OPENED, actor, now, problem, null, CapaStatus.OPEN, d));
    }

    /** Applies {@code command} at {@code now}. */
    public static Transition apply(CorrectiveAction a, CapaCommand command, Instant now) {
        Objects.requireNonNull(a, "action");
        Objects.requireNonNull(command, "command");
        String name = command.getClass().getSimpleName();
        if (!a.isOpen()) {
            throw new IllegalCapaTransitionException(a.status(), name, List.of("the action is " + a.status()));
        }
        long v = a.version() + 1;
        Map<String, String> d = new LinkedHashMap<>();
        List<ActionItem> items = new ArrayList<>(a.items());
        if (command instanceof CapaCommand.RecordRootCause c) {
            d.put("method", c.rootCause().method().name());
            return t(a, a.with(v, now, a.status(), c.rootCause(), items, a.verification(), a.customerAgreement()), CapaEventType.ROOT_CAUSE_RECORDED,
                    c.actor(), now, c.rootCause().findings(), d);
        }
        if (command instanceof CapaCommand.AddItem c) {
            ActionItem item = new ActionItem(items.size() + 1, c.kind(), c.description(), c.owner(), c.person(), c.due(), ActionItem.State.OPEN,
                    null, null, null, c.remindAt(), null);
            items.add(item);
            d.put("item", Integer.toString(item.number()));
            d.put("kind", c.kind().name());
            d.put("owner", c.owner().value());
            if (c.person() != null) {
                d.put("person", c.person().value());
            }
            d.put("due", c.due().toString());
            if (c.remindAt() != null) {
                d.put("remindAt", c.remindAt().toString());
            }
            // the verification so far did not judge this item
            return t(a, a.with(v, now, a.status(), a.rootCause(), items, null, a.customerAgreement()), CapaEventType.ITEM_ADDED,
                    c.actor(), now, c.description(), d);
        }
        if (command instanceof CapaCommand.CompleteItem c) {
            return finish(a, c.item(), ActionItem.State.DONE, c.outcome(), c.actor(), now, name);
        }
        if (command instanceof CapaCommand.CancelItem c) {
            return finish(a, c.item(), ActionItem.State.CANCELLED, c.reason(), c.actor(), now, name);
        }
        if (command instanceof CapaCommand.RecordCustomerAgreement c) {
            return t(a, a.with(v, now, a.status(), a.rootCause(), items, a.verification(), c.agreement()), CapaEventType.CUSTOMER_AGREED, c.actor(),
                    now, c.agreement(), d);
        }
        if (command instanceof CapaCommand.Verify c) {
            if (!a.openItems().isEmpty()) {
                throw new IllegalCapaTransitionException(a.status(), name, List.of(openItems(a) + ": verify the action once they are finished"));
            }
            Verification ver = new Verification(c.actor(), now, c.effective(), c.result(), c.before(), c.after());
            d.put("effective", Boolean.toString(c.effective()));
            if (c.before() != null) {
                d.put("before", c.before().toString());
            }
            if (c.after() != null) {
                d.put("after", c.after().toString());
            }
            return t(a, a.with(v, now, a.status(), a.rootCause(), items, ver, a.customerAgreement()), CapaEventType.VERIFIED, c.actor(), now,
                    c.result(), d);
        }
        if (command instanceof CapaCommand.AddNote c) {
            return t(a, a.with(v, now, a.status(), a.rootCause(), items, a.verification(), a.customerAgreement()), CapaEventType.NOTE_ADDED,
                    c.actor(), now, c.note(), d);
        }
        if (command instanceof CapaCommand.Close c) {
            List<String> why = new ArrayList<>();
            List<ActionItem> open = a.openItems();
            if (!open.isEmpty()) {
                why.add(openItems(a));
            }
            if (a.verification() == null) {
                why.add("no verification of effectiveness is recorded");
            } else if (!a.verification().effective()) {
                why.add("the latest verification found the action not effective");
            }
            if (a.origin().type() == Origin.Type.FEEDBACK && a.kind() == CapaKind.CORRECTIVE && a.customerAgreement() == null) {
                why.add("the corrective action is not yet agreed with the customer");
            }
            if (!why.isEmpty()) {
                throw new IllegalCapaTransitionException(a.status(), name, why);
            }
            return t(a, a.with(v, now, CapaStatus.CLOSED, a.rootCause(), items, a.verification(), a.customerAgreement()), CapaEventType.CLOSED,
                    c.actor(), now, c.note(), d);
        }
        if (command instanceof CapaCommand.Cancel c) {
            return t(a, a.with(v, now, CapaStatus.CANCELLED, a.rootCause(), items, a.verification(), a.customerAgreement()),
                    CapaEventType.CANCELLED, c.actor(), now, c.reason(), d);
        }
        throw new IllegalArgumentException("unknown command " + name);
    }

    /**
     * Fires the first checkpoint of an open item that is due at {@code now}: an item past its due instant and not yet
     * escalated is marked and recorded as {@code ITEM_OVERDUE}; an item past its reminder instant, not yet due and not
     * yet reminded is marked and recorded as {@code ITEM_DUE_SOON}. Empty when nothing is left to fire, so a repeated
     * call fires nothing. An item found overdue before its reminder fired gets no reminder.
     */
    public static Optional<Transition> escalateOverdue(CorrectiveAction a, Instant now) {
        if (!a.isOpen()) {
            return Optional.empty();
        }
        for (ActionItem item : a.items()) {
            boolean overdue = item.needsEscalationAt(now);
            if (overdue || item.needsReminderAt(now)) {
                List<ActionItem> items = new ArrayList<>(a.items());
                items.set(item.number() - 1, overdue ? item.escalated(now) : item.reminded(now));
                Map<String, String> d = new LinkedHashMap<>();
                d.put("item", Integer.toString(item.number()));
                d.put("owner", item.owner().value());
                if (item.person() != null) {
                    d.put("person", item.person().value());
                }
                d.put("due", item.due().toString());
                return Optional.of(t(a, a.with(a.version() + 1, now, a.status(), a.rootCause(), items, a.verification(), a.customerAgreement()),
                        overdue ? CapaEventType.ITEM_OVERDUE : CapaEventType.ITEM_DUE_SOON, Actor.system("capa-monitor"), now,
                        item.description(), d));
            }
        }
        return Optional.empty();
    }

    /**
     * Records what became of a message about the action ({@code NOTIFICATION_SENT} or {@code NOTIFICATION_FAILED}),
     * in any status: a message may be delivered after the action closed. The status does not change.
     */
    public static Transition recordNotification(CorrectiveAction a, CapaEventType type, Actor actor, String note, Map<String, String> details,
            Instant now) {
        Checks.argument(type == CapaEventType.NOTIFICATION_SENT || type == CapaEventType.NOTIFICATION_FAILED, "type",
                "records a notification's outcome, not " + type);
        return t(a, a.with(a.version() + 1, now, a.status(), a.rootCause(), a.items(), a.verification(), a.customerAgreement()), type, actor,
                now, note, details);
    }

    private static Transition finish(CorrectiveAction a, int number, ActionItem.State to, String what, Actor actor, Instant now, String name) {
        ActionItem item = a.item(number).orElseThrow(() -> new io.memnun.error.ValidationException("item", "no action item " + number));
        if (!item.isOpen()) {
            throw new IllegalCapaTransitionException(a.status(), name, List.of("action item " + number + " is " + item.state()));
        }
        List<ActionItem> items = new ArrayList<>(a.items());
        items.set(number - 1, item.finished(to, now, what));
        Map<String, String> d = Map.of("item", Integer.toString(number));
        return t(a, a.with(a.version() + 1, now, a.status(), a.rootCause(), items, a.verification(), a.customerAgreement()),
                to == ActionItem.State.DONE ? CapaEventType.ITEM_DONE : CapaEventType.ITEM_CANCELLED, actor, now, what, d);
    }

    private static Transition t(CorrectiveAction before, CorrectiveAction after, CapaEventType type, Actor actor, Instant now, @Nullable String note,
            Map<String, String> details) {
        return new Transition(before, after, new CapaEvent(after.id(), after.version(), type, actor, now, note, before.status(),
                after.status(), details));
    }

    private static String openItems(CorrectiveAction a) {
        return "action items still open: " + a.openItems().stream().map(i -> Integer.toString(i.number())).toList();
    }
}
