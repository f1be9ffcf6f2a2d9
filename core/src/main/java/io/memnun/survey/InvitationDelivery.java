package io.memnun.survey;

import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What became of the message that carried a campaign invitation, recorded on the invitation: a campaign's
 * invitation belongs to no feedback whose history could keep it. The latest attempt's outcome replaces the one before.
 *
 * @param state sent, failed (to be tried again) or dead (given up on)
 * @param at when the attempt ended
 * @param message the outbox message's id
 * @param detail the channel and address, and the provider's id or the error
 */
public record InvitationDelivery(State state, Instant at, UUID message, String detail) {
    public enum State {
        SENT,
        FAILED,
        DEAD
    }

    public InvitationDelivery {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
        detail = Checks.text(detail, "delivery.detail", 1000);
    }
}
