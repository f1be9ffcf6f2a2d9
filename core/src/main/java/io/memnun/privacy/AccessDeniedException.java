package io.memnun.privacy;

import io.memnun.error.MemnunException;
import io.memnun.feedback.StaffId;
import java.util.Objects;

/**
 * A viewer asked for or tried to change feedback outside their scope. The message names the viewer and what they
 * tried, never the feedback's content.
 */
public final class AccessDeniedException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final String staff;
    private final String action;

    public AccessDeniedException(StaffId staff, String action, String what) {
        super("access denied: " + staff + " may not " + action + " " + what);
        this.staff = Objects.requireNonNull(staff, "staff").value();
        this.action = Objects.requireNonNull(action, "action");
    }

    public String staff() {
        return staff;
    }

    /** What was refused: {@code view} or {@code change}. */
    public String action() {
        return action;
    }
}
