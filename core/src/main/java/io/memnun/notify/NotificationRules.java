package io.memnun.notify;

import io.memnun.feedback.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The set of {@link NotificationRule}s a desk follows. {@link #defaults()} are the seeds' rules:
 *
 * <ul>
 *   <li>the customer hears at every stage they can see: receipt (the acknowledgement with the reference number),
 *       the plan with its estimated completion, a question for them, the decision, a cancellation, the closing,
 *       and an appeal being taken up;
 *   <li>the responsible department and the assignee are told at once of a new feedback, and of one redirected or
 *       assigned to them;
 *   <li>the assignee hears of the customer's answer, rejection or appeal; the department head of a resolution
 *       awaiting review and of a breached target;
 *   <li>SLA warnings go to the assignee, breaches to the assignee and the department head, escalations to whoever
 *       the escalation ladder names (urgent: also during quiet hours).
 * </ul>
 *
 * <p>Hosts change them with {@link #toBuilder()}: {@code NotificationRules.defaults().toBuilder().remove(EventType.TAKEN)
 * .add(NotificationRule.on(EventType.TAKEN, Party.CUSTOMER)).build()}.
 */
public final class NotificationRules {
    private final List<NotificationRule> rules;

    private NotificationRules(List<NotificationRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** No rules: nothing is sent. */
    public static NotificationRules none() {
        return new NotificationRules(List.of());
    }

    public static NotificationRules defaults() {
        Builder b = builder();
        for (EventType e : List.of(EventType.RECEIVED, EventType.PLANNED, EventType.AWAITING_CUSTOMER, EventType.RESOLVED,
                EventType.CANCELLED, EventType.ACCEPTED, EventType.CLOSED, EventType.APPEALED)) {
            b.add(NotificationRule.on(e, Party.CUSTOMER));
        }
        // a decision that passed review reaches the customer like one that needed none
        b.add(NotificationRule.on(EventType.RESOLUTION_APPROVED, Party.CUSTOMER).withTemplate("customer/RESOLVED"));
        b.add(NotificationRule.on(EventType.RECEIVED, Party.DEPARTMENT));
        b.add(NotificationRule.on(EventType.RECEIVED, Party.ASSIGNEE));
        b.add(NotificationRule.on(EventType.REDIRECTED, Party.DEPARTMENT));
        b.add(NotificationRule.on(EventType.REDIRECTED, Party.ASSIGNEE));
        b.add(NotificationRule.on(EventType.ASSIGNED, Party.ASSIGNEE));
        b.add(NotificationRule.on(EventType.CUSTOMER_RESPONDED, Party.ASSIGNEE));
        b.add(NotificationRule.on(EventType.REJECTED, Party.ASSIGNEE));
        b.add(NotificationRule.on(EventType.APPEALED, Party.ASSIGNEE));
        b.add(NotificationRule.on(EventType.RESOLUTION_PROPOSED, Party.DEPARTMENT_HEAD));
        b.add(NotificationRule.on(EventType.SLA_WARNING, Party.ASSIGNEE));
        b.add(NotificationRule.on(EventType.SLA_BREACHED, Party.ASSIGNEE).urgent(true));
        b.add(NotificationRule.on(EventType.SLA_BREACHED, Party.DEPARTMENT_HEAD).urgent(true));
        b.add(NotificationRule.on(EventType.SLA_ESCALATED, Party.ESCALATION_RECIPIENT).urgent(true));
        return b.build();
    }

    public static Builder builder() {
        return new Builder(List.of());
    }

    public Builder toBuilder() {
        return new Builder(rules);
    }

    /** Every rule, in the order they were added. */
    public List<NotificationRule> all() {
        return rules;
    }

    /** The rules for {@code event}, in order. */
    public List<NotificationRule> forEvent(EventType event) {
        return rules.stream().filter(r -> r.event() == event).toList();
    }

    @Override
    public String toString() {
        return "NotificationRules" + rules;
    }

    public static final class Builder {
        private final List<NotificationRule> rules;

        private Builder(List<NotificationRule> start) {
            this.rules = new ArrayList<>(start);
        }

        public Builder add(NotificationRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** Removes every rule for {@code event}. */
        public Builder remove(EventType event) {
            rules.removeIf(r -> r.event() == event);
            return this;
        }

        /** Removes the rules for {@code event} that tell {@code to}. */
        public Builder remove(EventType event, Party to) {
            rules.removeIf(r -> r.event() == event && r.to().equals(to));
            return this;
        }

        public NotificationRules build() {
            return new NotificationRules(rules);
        }
    }
}
