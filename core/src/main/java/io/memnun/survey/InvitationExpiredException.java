package io.memnun.survey;

import io.memnun.error.MemnunException;
import java.time.Instant;

/** A response came after its invitation expired; nothing was recorded. */
public class InvitationExpiredException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final transient InvitationId invitation;
    private final Instant expiredAt;

    public InvitationExpiredException(InvitationId invitation, Instant expiredAt) {
        super("invitation " + invitation + " expired at " + expiredAt);
        this.invitation = invitation;
        this.expiredAt = expiredAt;
    }

    public InvitationId invitation() {
        return invitation;
    }

    public Instant expiredAt() {
        return expiredAt;
    }
}
