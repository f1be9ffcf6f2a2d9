package io.memnun.notify;

import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Notification} in the outbox with its delivery state.
 *
 * @param notification what to send
 * @param state pending, sent or dead-lettered
 * @param attempts how often it was claimed for sending; a claim counts even if the sender died before answering
 * @param nextAttemptAt when it is due (again)
 * @param claimedBy the dispatcher holding it, while a lease runs
 * @param claimedUntil when that lease ends
 * @param lastError the reason of the last failure
 * @param providerId the provider's id once sent
 * @param finishedAt when it was sent or dead-lettered
 */
public record OutboxMessage(
        Notification notification,
        State state,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String claimedBy,
        @Nullable Instant claimedUntil,
        @Nullable String lastError,
        @Nullable String providerId,
        @Nullable Instant finishedAt) {

    public enum State {
        /** Waiting to be sent, or being sent under a lease. */
        PENDING,
        /** Delivered to the provider. */
        SENT,
        /** Given up on: a permanent failure or too many attempts. A host may requeue it. */
        DEAD
    }

    public OutboxMessage {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(state, "state");
        Checks.argument(attempts >= 0, "attempts", "must not be negative, was " + attempts);
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Checks.argument((claimedBy == null) == (claimedUntil == null), "claimedBy", "a lease has an owner and an end, or neither");
    }

    /** A new message, due at once. */
    public static OutboxMessage pending(Notification notification) {
        return new OutboxMessage(notification, State.PENDING, 0, notification.createdAt(), null, null, null, null, null);
    }

    public UUID id() {
        return notification.id();
    }

    public Optional<String> error() {
        return Optional.ofNullable(lastError);
    }
}
