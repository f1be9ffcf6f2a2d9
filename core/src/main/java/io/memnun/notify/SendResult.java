package io.memnun.notify;

import io.memnun.error.ValidationException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@code NotificationChannel} answers for one message: delivered to the provider, failed for now, failed
 * for good, or held back (quiet hours) without counting as an attempt.
 */
public sealed interface SendResult {

    /**
     * The provider accepted the message.
     *
     * <p>A delivery is never refused for what is said about it: the message was sent, and refusing the answer would
     * record it as failed (dead-lettered, maybe sent again another way) while the recipient has it. So a provider id
     * or a fact that breaks the rules below is left out instead, with a warning that names the fact's key (a key that
     * is itself no key, by its position) and why, never the value.
     *
     * @param providerId its id there (a Message-ID, an SMSC message id): non-blank, at most 500 characters, no control
     *     characters but tab and line breaks; {@link #UNKNOWN_PROVIDER_ID} stands for one that is not
     * @param details facts about what was sent that the delivery record keeps, e.g. the SMS channels' {@code cut=true}
     *     with the segments and lengths sent and of the whole text, when the text was cut to fit: at most
     *     {@value #MAX_DETAILS}, each a single-line value of at most 200 characters without surrounding white space,
     *     under a key of letters and digits (up to 64, starting with a letter), none naming the recipient (a key the
     *     dispatcher records itself, such as {@code providerId} or {@code address}, keeps the dispatcher's value). The
     *     first {@value #MAX_DETAILS} such facts are kept, in the channel's order; the others are left out
     */
    record Delivered(String providerId, Map<String, String> details) implements SendResult {
        /** The most facts a delivery carries. */
        public static final int MAX_DETAILS = 16;
        /** What a delivery records as its provider id when the channel gave none that can be kept. */
        public static final String UNKNOWN_PROVIDER_ID = "unknown";
        private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
        private static final Logger LOG = LoggerFactory.getLogger(Delivered.class);

        public Delivered {
            try {
                providerId = Checks.text(providerId, "providerId", 500);
            } catch (ValidationException e) {
                // the message names the field and the rule broken, never the value
                LOG.warn("a delivery's provider id is recorded as {}: {}", UNKNOWN_PROVIDER_ID, e.getMessage());
                providerId = UNKNOWN_PROVIDER_ID;
            }
            details = kept(details);
        }

        /** The facts of {@code details} that the record can keep, in their order; see {@link Delivered}. */
        private static Map<String, String> kept(@Nullable Map<String, String> details) {
            if (details == null) {
                return Map.of();
            }
            Map<String, String> kept = new LinkedHashMap<>();
            int position = 0;
            for (Map.Entry<String, String> fact : details.entrySet()) {
                String key = fact.getKey();
                if (key == null || !KEY.matcher(key).matches()) {
                    // such a key may be anything, a recipient's address included: named by its position only
                    LOG.warn("a delivery's fact #{} is left out: its key is not letters and digits, up to 64", position);
                } else if (kept.size() == MAX_DETAILS) {
                    LOG.warn("a delivery's fact {} is left out: a delivery keeps at most {} facts", key, MAX_DETAILS);
                } else {
                    try {
                        kept.put(key, Checks.code(fact.getValue(), "details." + key, 200));
                    } catch (ValidationException e) {
                        LOG.warn("a delivery's fact {} is left out: {}", key, e.getMessage());
                    }
                }
                position++;
            }
            // kept in the order the channel gave them, which is the order the history shows
            return Collections.unmodifiableMap(kept);
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
            reason = recordable(reason);
            // a provider's hint in the past asks for nothing: retry on the dispatcher's own schedule
            retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
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
            reason = recordable(reason);
        }

        public PermanentFailure(String reason) {
            this(reason, false);
        }
    }

    /** Not sent now and not an attempt: send at {@code until} (e.g. the end of the recipient's quiet hours). */
    record Deferred(Instant until, String reason) implements SendResult {
        public Deferred {
            Objects.requireNonNull(until, "until");
            reason = recordable(reason);
        }
    }

    /** The most characters of a failure's reason that a record keeps. */
    int MAX_REASON = 2000;

    /**
     * {@code reason} as a record can keep it: blank becomes "no reason given", control characters other than line
     * breaks and tabs become spaces, a lone surrogate {@code ?}, and a longer text is cut between characters. A failure
     * that cannot be recorded as the channel worded it must still be the failure it is: were its reason refused, the
     * dispatcher would take the refusal for a permanent failure and dead-letter a message that a retry could send.
     */
    private static String recordable(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            return "no reason given";
        }
        StringBuilder sb = new StringBuilder(Math.min(reason.length(), MAX_REASON));
        for (int i = 0; i < reason.length() && sb.length() < MAX_REASON; i++) {
            char c = reason.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < reason.length() && Character.isLowSurrogate(reason.charAt(i + 1))) {
                if (sb.length() + 2 > MAX_REASON) {
                    break;
                }
                sb.append(c).append(reason.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('?');
            } else if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
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
