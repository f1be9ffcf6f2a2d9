package io.memnun.channels.sms;

import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.TenantId;
import io.memnun.notify.MessageCategory;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.Party;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

final class SmsFixtures {
    static final Instant AT = Instant.parse("2026-03-16T07:00:00Z");
    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    private SmsFixtures() {}

    static Notification sms(String to, String text) {
        return sms(to, text, MessageCategory.TRANSACTIONAL, false);
    }

    static Notification sms(String to, String text, MessageCategory category, boolean urgent) {
        FeedbackId feedback = FeedbackId.of(UUID.randomUUID());
        String key = Notification.idempotencyKey(feedback, 1, ContactChannel.SMS, to);
        return new Notification(Notification.idFor(key), TenantId.of("otel"), MessageOwner.feedback(feedback, ReferenceNumber.of("FB", 2026, 1)), 1,
                EventType.RECEIVED, "customer/RECEIVED", Party.CUSTOMER, ContactChannel.SMS, null, "Şükrü Çağlayan", to,
                Locale.forLanguageTag("tr"), ISTANBUL, null, text, null, category, urgent, true, key, AT);
    }
}
