package io.memnun.sla;

import io.memnun.error.ValidationException;
import io.memnun.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who an escalation goes to: the assignee, the head of the responsible department, or everyone holding a
 * named role (e.g. {@code quality-manager}); the host maps roles to people.
 *
 * @param type which kind of recipient
 * @param role the role's name for {@link Type#ROLE}, otherwise {@code null}
 */
public record Recipient(Type type, @Nullable String role) {

    public enum Type {
        ASSIGNEE,
        DEPARTMENT_HEAD,
        ROLE
    }

    public static final Recipient ASSIGNEE = new Recipient(Type.ASSIGNEE, null);
    public static final Recipient DEPARTMENT_HEAD = new Recipient(Type.DEPARTMENT_HEAD, null);

    public Recipient {
        Objects.requireNonNull(type, "type");
        if (type == Type.ROLE) {
            role = Checks.code(role, "recipient.role", 64);
        } else if (role != null) {
            throw new ValidationException("recipient.role", "only a ROLE recipient names a role, " + type + " was given '" + role + "'");
        }
    }

    public static Recipient role(String name) {
        return new Recipient(Type.ROLE, name);
    }

    @Override
    public String toString() {
        return type == Type.ROLE ? "ROLE(" + role + ")" : type.name();
    }
}
