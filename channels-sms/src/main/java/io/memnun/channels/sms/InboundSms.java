package io.memnun.channels.sms;

import io.memnun.error.ValidationException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Turns a received SMS, however it arrived (SMPP or an HTTP callback), into an inbound message. */
final class InboundSms {
    private InboundSms() {}

    /**
     * @param providerId the provider's id of the message, when it gives one: the intake key then; otherwise the key
     *     is a hash of sender, receiving number, text and day, so a redelivery of the same text is one message
     */
    static InboundMessage message(TenantId tenant, Locale language, Instant now, ZoneId zone, String source, String destination,
            String text, @Nullable String providerId) {
        String digits = source.replaceAll("[^0-9]", "");
        Customer customer;
        try {
            customer = Customer.builder().language(language).preferredChannel(ContactChannel.SMS).phone("+" + digits).build();
        } catch (ValidationException e) {
            // an alphanumeric sender or a short code: not a number we can match or answer
            customer = Customer.builder().language(language).build();
        }
        String key = providerId != null && !providerId.isBlank()
                ? "sms-" + providerId.strip()
                : "sms-" + hash(digits + "|" + destination + "|" + text + "|" + LocalDate.ofInstant(now, zone));
        return InboundMessage.builder(tenant, Channel.SMS, key, customer).text(text).receivedAt(now).build();
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
