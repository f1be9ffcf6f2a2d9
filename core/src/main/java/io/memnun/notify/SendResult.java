package io.memnun.notify;

import io.memnun.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code NotificationChannel} answers for one message: delivered to the provider, failed for now, failed
 * for good, or held back (quiet hours) without counting as an attempt.
 */
public sealed interface SendResult {

    /**
     * The provider accepted the message.
     *
     * @param providerId its id there (a Message-ID, an SMSC message id)
     * @param details facts about what was sent that the delivery record keeps, e.g. the SMS channels' {@code cut=true}
     *     with the segments and lengths sent and of the whole text, when the text was cut to fit: short single-line
     *     values under keys of letters and digits, none naming the recipient (a key the dispatcher records itself,
     *     such as {@code providerId} or {@code address}, keeps the dispatcher's value)
     */
    record Delivered(String providerId, Map<String, String> details) implements SendResult {
        /** The most facts a delivery carries. */
        public static final int MAX_DETAILS = 16;
        private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

        public Delivered {
            providerId = Checks.text(providerId, "providerId", 500);
            Objects.requireNonNull(details, "details");
            Checks.argument(details.size() <= MAX_DETAILS, "details", "at most " + MAX_DETAILS + " facts, were " + details.size());
            details.forEach((key, value) -> {
                Checks.argument(key != null && KEY.matcher(key).matches(), "details", "a key is letters and digits, up to 64");
                Checks.code(value, "details." + key, 200);
            });
            // kept in the order the channel gave them, which is the order the history shows
            details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }

        public Delivered(String providerId) {
            this(providerId, Map.of());
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

    /** Delivered, with facts the delivery record keeps; see {@link Delivered}. */
    static SendResult delivered(String providerId, Map<String, String> details) {
        return new Delivered(providerId, details);
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
