package io.memnun.tck;

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

/** Notifications for outbox tests: every field set, Turkish text, e-mail and SMS. */
public final class OutboxFixtures {
    private OutboxFixtures() {}

    /** An e-mail notification about event {@code version} of {@code feedback}, created at {@code at}. */
    public static Notification email(TenantId tenant, FeedbackId feedback, long version, String address, Instant at) {
        String key = Notification.idempotencyKey(feedback, version, ContactChannel.EMAIL, address);
        return new Notification(Notification.idFor(key), tenant, MessageOwner.feedback(feedback, ReferenceNumber.of("FB", 2026, version)), version,
                EventType.RECEIVED, "customer/RECEIVED", Party.CUSTOMER, ContactChannel.EMAIL, "guest-İ-4711",
                "Şükrü Çağlayan-Öztürk", address, Locale.forLanguageTag("tr"), ZoneId.of("Europe/Istanbul"),
                "Geri bildiriminiz alındı: FB-2026-000001", "Sayın Şükrü Bey,\n\nğüşıöç ĞÜŞİÖÇ 😞", "<p>Sayın &amp; Şükrü</p>",
                MessageCategory.TRANSACTIONAL, false, true, key, at);
    }

    /** An SMS notification to a staff role, urgent. */
    public static Notification sms(TenantId tenant, FeedbackId feedback, long version, String e164, Instant at) {
        String key = Notification.idempotencyKey(feedback, version, ContactChannel.SMS, e164);
        return new Notification(Notification.idFor(key), tenant, MessageOwner.feedback(feedback, ReferenceNumber.of("FB", 2026, version)), version,
                EventType.SLA_ESCALATED, "staff/SLA_ESCALATED", Party.role("kalite-müdürü"), ContactChannel.SMS, null, null, e164,
                Locale.ENGLISH, ZoneId.of("UTC"), null, "FB-2026-000001 escalated to you at level 1", null,
                MessageCategory.TRANSACTIONAL, true, false, key, at);
    }

    /** A campaign's survey invitation by e-mail: a message whose owner is not a feedback and that names no event. */
    public static Notification campaignInvitation(TenantId tenant, UUID invitation, String campaign, String address, Instant at) {
        MessageOwner owner = new MessageOwner(MessageOwner.SURVEY_INVITATION, invitation, campaign);
        String key = Notification.idempotencyKey(owner, 1, ContactChannel.EMAIL, address);
        return new Notification(Notification.idFor(key), tenant, owner, 1, null, "customer/SURVEY_CAMPAIGN", Party.CUSTOMER,
                ContactChannel.EMAIL, "guest-42", "Ayşe Çelik", address, Locale.forLanguageTag("tr"), ZoneId.of("Europe/Istanbul"),
                "Görüşünüz bizim için değerli", "Ankete katılır mısınız? https://otel.example/anket/abc", null, MessageCategory.SURVEY,
                false, false, key, at);
    }
}
