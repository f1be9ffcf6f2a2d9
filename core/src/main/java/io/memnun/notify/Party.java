package io.memnun.notify;

import io.memnun.error.ValidationException;
import io.memnun.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who a notification rule tells: the customer, or staff found through the host's {@code RecipientDirectory}.
 *
 * @param type which kind of party
 * @param role the role's name for {@link Type#ROLE}, otherwise {@code null}
 */
public record Party(Type type, @Nullable String role) {

    public enum Type {
        /** The person who gave the feedback, at the contact details they left. */
        CUSTOMER,
        /** The staff member the feedback is assigned to. */
        ASSIGNEE,
        /** The responsible department's own addresses (a shared mailbox, the duty phone). */
        DEPARTMENT,
        /** The head of the responsible department. */
        DEPARTMENT_HEAD,
        /** The staff watching the feedback. */
        WATCHERS,
        /** Everyone holding a named role, e.g. {@code quality-manager}. */
        ROLE,
        /**
         * Whoever an SLA escalation names: the {@code recipient} detail of an {@code SLA_ESCALATED} event
         * ({@code ASSIGNEE}, {@code DEPARTMENT_HEAD} or {@code ROLE(name)}).
         */
        ESCALATION_RECIPIENT
    }

    public static final Party CUSTOMER = new Party(Type.CUSTOMER, null);
    public static final Party ASSIGNEE = new Party(Type.ASSIGNEE, null);
    public static final Party DEPARTMENT = new Party(Type.DEPARTMENT, null);
    public static final Party DEPARTMENT_HEAD = new Party(Type.DEPARTMENT_HEAD, null);
    public static final Party WATCHERS = new Party(Type.WATCHERS, null);
    public static final Party ESCALATION_RECIPIENT = new Party(Type.ESCALATION_RECIPIENT, null);

    public Party {
        Objects.requireNonNull(type, "type");
        if (type == Type.ROLE) {
            role = Checks.code(role, "party.role", 64);
        } else if (role != null) {
            throw new ValidationException("party.role", "only a ROLE party names a role, " + type + " was given '" + role + "'");
        }
    }

    public static Party role(String name) {
        return new Party(Type.ROLE, name);
    }

    /**
     * Reads the form {@link #toString()} writes, which is also the form of an SLA escalation's {@code recipient}:
     * {@code CUSTOMER}, {@code ASSIGNEE}, {@code ROLE(quality-manager)}.
     */
    public static Party parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.startsWith("ROLE(") && s.endsWith(")")) {
            return role(s.substring(5, s.length() - 1));
        }
        try {
            return new Party(Type.valueOf(s), null);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("party", "'" + s + "' is not a party: one of " + java.util.Arrays.toString(Type.values())
                    + " or ROLE(name)");
        }
    }

    /** True for everyone but the customer. */
    public boolean isStaff() {
        return type != Type.CUSTOMER;
    }

    @Override
    public String toString() {
        return type == Type.ROLE ? "ROLE(" + role + ")" : type.name();
    }
}
