package io.memnun.survey;

import io.memnun.error.MemnunException;

/** A second response to an invitation was refused: each invitation (each link) is answered once. */
public class AlreadyAnsweredException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final transient InvitationId invitation;

    public AlreadyAnsweredException(InvitationId invitation) {
        super("invitation " + invitation + " was already answered");
        this.invitation = invitation;
    }

    public InvitationId invitation() {
        return invitation;
    }
}
