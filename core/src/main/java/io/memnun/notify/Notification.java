package io.memnun.notify;

import io.memnun.error.ValidationException;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.EventType;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.PhoneNumber;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One rendered message to one recipient over one channel: what the outbox stores and a
 * {@code NotificationChannel} sends. It is rendered when the event happens, so it says what was true then, and
 * the dispatcher needs nothing else to send it.
 *
 * @param id the outbox id; derived from the idempotency key, so planning the same message twice cannot store it twice
 * @param tenant the owner's tenant
 * @param owner what it belongs to: the feedback it is about (e-mail threads hang on it), a campaign's survey
 *     invitation, a corrective action
 * @param eventVersion the version of the owner's history event that caused it (1 for an owner without a history)
 * @param event the type of that event for a feedback's message; {@code null} for other owners, whose template
 *     says what it is about
 * @param template the template it was rendered from
 * @param party who the rule told
 * @param channel {@link ContactChannel#EMAIL} or {@link ContactChannel#SMS}
 * @param recipientId the staff id or customer's external id, if known
 * @param recipientName the recipient's name, if known; single line
 * @param address the e-mail address or E.164 phone number
 * @param language the language it is written in
 * @param zone the recipient's time zone, for quiet hours
 * @param subject the e-mail subject; single line; {@code null} for SMS
 * @param text the plain text body (e-mail) or the SMS text
 * @param html the HTML body of an e-mail; {@code null} for SMS
 * @param category transactional, survey or commercial
 * @param urgent whether it may be sent during quiet hours
 * @param acknowledgement whether its delivery tells the customer the feedback was received
 * @param idempotencyKey the key a channel uses so that a provider never delivers it twice
 * @param createdAt when it was planned
 */
public record Notification(
        UUID id,
        TenantId tenant,
        MessageOwner owner,
        long eventVersion,
        @Nullable EventType event,
        String template,
        Party party,
        ContactChannel channel,
        @Nullable String recipientId,
        @Nullable String recipientName,
        String address,
        Locale language,
        ZoneId zone,
        @Nullable String subject,
        String text,
        @Nullable String html,
        MessageCategory category,
        boolean urgent,
        boolean acknowledgement,
        String idempotencyKey,
        Instant createdAt) {

    /** The longest text or HTML body kept. */
    public static final int MAX_BODY = 200_000;
    /** The longest subject: a header line's 998 characters (RFC 5322). */
    public static final int MAX_SUBJECT = 998;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{8,128}");

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(owner, "owner");
        Checks.argument(eventVersion >= 1, "eventVersion", "must be positive, was " + eventVersion);
        Checks.argument(event != null || !owner.isFeedback(), "event", "a feedback's message names the event it is about");
        Checks.argument(!acknowledgement || owner.isFeedback(), "acknowledgement", "only a feedback is acknowledged");
        template = Checks.code(template, "template", 129);
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(channel, "channel");
        recipientId = recipientId == null ? null : Checks.code(recipientId, "recipientId", 128);
        recipientName = singleLine(Checks.optionalText(recipientName, "recipientName", 200), "recipientName");
        Objects.requireNonNull(address, "address");
        switch (channel) {
            case EMAIL -> address = new EmailAddress(address).value();
            case SMS -> address = new PhoneNumber(address).e164();
            default -> throw new ValidationException("channel", "notifications go by EMAIL or SMS, not " + channel);
        }
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(zone, "zone");
        if (channel == ContactChannel.EMAIL) {
            subject = singleLine(Checks.text(subject, "subject", MAX_SUBJECT), "subject");
        } else {
            Checks.argument(subject == null && html == null, "subject", "an SMS has neither subject nor HTML part");
        }
        text = Checks.text(text, "text", MAX_BODY);
        html = Checks.optionalText(html, "html", MAX_BODY);
        Objects.requireNonNull(category, "category");
        Checks.argument(idempotencyKey != null && KEY.matcher(idempotencyKey).matches(), "idempotencyKey",
                "must be 8 to 128 characters of A-Z a-z 0-9 . _ -, was '" + idempotencyKey + "'");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    private static @Nullable String singleLine(@Nullable String value, String field) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            // a line break in a header value would let the text add headers of its own (header injection)
            throw new ValidationException(field, "must be a single line: it contains CR or LF");
        }
        return value;
    }

    /** The feedback it is about; empty for a message of another owner. */
    public Optional<FeedbackId> feedbackId() {
        return owner.isFeedback() ? Optional.of(new FeedbackId(owner.id())) : Optional.empty();
    }

    /**
     * The idempotency key of the message that tells {@code address} over {@code channel} about the event
     * {@code eventVersion} of {@code feedback}: the same inputs always give the same key, so a message sent again
     * after a crash carries the key of the first try.
     */
    public static String idempotencyKey(FeedbackId feedback, long eventVersion, ContactChannel channel, String address) {
        return key(feedback.value() + "|" + eventVersion + "|" + channel + "|" + address.toLowerCase(Locale.ROOT));
    }

    /**
     * The idempotency key of a message to {@code address} over {@code channel} about the event {@code eventVersion} of
     * any owner; a feedback's is {@link #idempotencyKey(FeedbackId, long, ContactChannel, String)}'s.
     */
    public static String idempotencyKey(MessageOwner owner, long eventVersion, ContactChannel channel, String address) {
        if (owner.isFeedback()) {
            return idempotencyKey(new FeedbackId(owner.id()), eventVersion, channel, address);
        }
        return key(owner.kind() + ":" + owner.id() + "|" + eventVersion + "|" + channel + "|" + address.toLowerCase(Locale.ROOT));
    }

    private static String key(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return "n1-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The outbox id belonging to an idempotency key. */
    public static UUID idFor(String idempotencyKey) {
        return UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Notification[" + channel + " " + template + " about " + owner + " v" + eventVersion + " to " + party + "]";
    }
}
