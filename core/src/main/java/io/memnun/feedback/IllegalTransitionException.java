package io.memnun.feedback;

import io.memnun.error.MemnunException;

/** A command that the lifecycle does not allow in the feedback's current state. Nothing was changed. */
public class IllegalTransitionException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final Status status;
    private final String command;

    public IllegalTransitionException(ReferenceNumber reference, Status status, String command, String why) {
        super("cannot " + command + " feedback " + reference + " in state " + status + ": " + why);
        this.status = status;
        this.command = command;
    }

    /** The state the feedback was in. */
    public Status status() {
        return status;
    }

    /** The refused command's name, e.g. {@code accept}. */
    public String command() {
        return command;
    }
}
