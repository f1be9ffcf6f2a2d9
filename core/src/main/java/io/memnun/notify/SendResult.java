package io.memnun.notify;

import io.memnun.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code NotificationChannel} answers for one message: delivered to the provider, failed for now, failed
 * for good, or held back (quiet hours) without counting as an attempt.
 */
public sealed interface SendResult {

    /** The provider accepted the message; {@code providerId} is its id there (a Message-ID, an SMSC message id). */
    record Delivered(String providerId) implements SendResult {
        public Delivered {
            providerId = Checks.text(providerId, "providerId", 500);
        }
    }

    /**
     * A failure that may pass: the server was down, busy, or answered with a temporary error.
     *
     * @param retryAfter how long the provider asked to wait, if it said
     */
    record RetryableFailure(String reason, @Nullable Duration retryAfter) implements SendResult {
        public RetryableFailure {
            reason = Checks.text(reason, "reason", 2000);
            Checks.argument(retryAfter == null || !retryAfter.isNegative(), "retryAfter", "must not be negative, was " + retryAfter);
        }

        public Optional<Duration> retryAfterHint() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /**
     * A failure that sending again cannot mend: the address does not exist, the text is refused.
     *
     * @param unreachable whether the address cannot take messages over this channel at all (a landline number for
     *     SMS, a number the gateway says cannot receive SMS): the desk then tells a customer who left an e-mail
     *     address by e-mail instead
     */
    record PermanentFailure(String reason, boolean unreachable) implements SendResult {
        public PermanentFailure {
            reason = Checks.text(reason, "reason", 2000);
        }

        public PermanentFailure(String reason) {
            this(reason, false);
        }
    }

    /** Not sent now and not an attempt: send at {@code until} (e.g. the end of the recipient's quiet hours). */
    record Deferred(Instant until, String reason) implements SendResult {
        public Deferred {
            Objects.requireNonNull(until, "until");
            reason = Checks.text(reason, "reason", 2000);
        }
    }

    static SendResult delivered(String providerId) {
        return new Delivered(providerId);
    }

    static SendResult retryable(String reason) {
        return new RetryableFailure(reason, null);
    }

    static SendResult retryable(String reason, Duration retryAfter) {
        return new RetryableFailure(reason, retryAfter);
    }

    static SendResult permanent(String reason) {
        return new PermanentFailure(reason);
    }

    /** A permanent failure because the address cannot take messages over the channel; see {@link PermanentFailure}. */
    static SendResult unreachable(String reason) {
        return new PermanentFailure(reason, true);
    }

    static SendResult deferred(Instant until, String reason) {
        return new Deferred(until, reason);
    }
}
