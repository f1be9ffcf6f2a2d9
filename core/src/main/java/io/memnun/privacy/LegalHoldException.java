package io.memnun.privacy;

import io.memnun.error.MemnunException;
import io.memnun.feedback.ReferenceNumber;
import java.util.Objects;

/** An erasure was refused because a feedback of the person is under a legal hold; nothing was changed. */
public final class LegalHoldException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final String hold;
    private final String reference;

    public LegalHoldException(String hold, ReferenceNumber reference) {
        super("feedback " + reference + " is under legal hold '" + hold + "': its data must be kept; nothing was erased");
        this.hold = Objects.requireNonNull(hold, "hold");
        this.reference = reference.toString();
    }

    /** The name of the hold that refused it. */
    public String hold() {
        return hold;
    }

    /** The reference number of the held feedback. */
    public String reference() {
        return reference;
    }
}
