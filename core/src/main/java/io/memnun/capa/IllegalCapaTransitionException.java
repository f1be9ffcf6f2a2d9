package io.memnun.capa;

import io.memnun.error.MemnunException;
import java.util.List;

/**
 * A command that the corrective action's state does not allow: it names the status, the command and every reason,
 * e.g. closing with open action items or without an effective verification. Nothing was changed.
 */
public class IllegalCapaTransitionException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final CapaStatus status;
    private final String command;
    private final List<String> reasons;

    public IllegalCapaTransitionException(CapaStatus status, String command, List<String> reasons) {
        super(command + " is not allowed on a corrective action in " + status + ": " + String.join("; ", reasons));
        this.status = status;
        this.command = command;
        this.reasons = List.copyOf(reasons);
    }

    public CapaStatus status() {
        return status;
    }

    public String command() {
        return command;
    }

    public List<String> reasons() {
        return reasons;
    }
}
