package io.memnun.tck;

import io.memnun.feedback.Actor;
import io.memnun.feedback.Assessment;
import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Consent;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;

/**
 * Test data shared by the contract suites and the tests of every module. Instants have microsecond precision,
 * the finest that PostgreSQL and H2 timestamps keep, so a store may truncate nothing that a fixture sets.
 */
public final class Fixtures {
    /** A start instant with microsecond precision. */
    public static final Instant T0 = Instant.parse("2026-03-14T09:26:53.589793Z");

    /** A staff actor whose id carries Turkish letters. */
    public static final Actor AYSE = Actor.staff("ayşe.yılmaz");
    public static final Actor MEHMET = Actor.staff("mehmet.öztürk");

    public static final DepartmentId HOUSEKEEPING = DepartmentId.of("kat-hizmetleri");
    public static final DepartmentId FRONT_OFFICE = DepartmentId.of("ön-büro");
    public static final DepartmentId KITCHEN = DepartmentId.of("mutfak");

    /** A description with Turkish letters in both cases, an emoji (a surrogate pair) and a line break. */
    public static final String TURKISH_TEXT = "Odadaki klima çalışmıyor; ĞÜŞİÖÇ ğüşıöç. Çok üzgünüm 😞\nİkinci satır.";

    private Fixtures() {}

    /** A secret for {@code PrivacyDesk.Builder.accessLogKey}: 32 bytes, fixed, so that tests can recompute digests. */
    public static byte[] accessLogKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return key;
    }

    /** A tenant no other test uses, so tests can share one database. */
    public static TenantId newTenant(String label) {
        return TenantId.of(label + "-" + UUID.randomUUID());
    }

    /** {@code instant} cut to microseconds. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A step of time with a sub-millisecond part, so that precision loss shows. */
    public static Duration step(int minutes) {
        return Duration.ofMinutes(minutes).plusNanos(123_000);
    }

    /** A random id drawn from {@code random}, covering all 128 bits (both signs of both halves). */
    public static FeedbackId randomId(Random random) {
        return FeedbackId.of(new UUID(random.nextLong(), random.nextLong()));
    }

    public static FeedbackId randomId() {
        return FeedbackId.of(UUID.randomUUID());
    }

    /** A customer with every field set, Turkish letters in name, address, e-mail and attributes. */
    public static Customer richCustomer() {
        return Customer.builder()
                .externalId("guest-İ-4711")
                .name("Şükrü Çağlayan-Öztürk")
                .email("şükrü.çağlayan@örnek.com.tr")
                .phone("0532 123 45 67")
                .address("Gül Sokak No: 7/3\nKadıköy, İstanbul")
                .language("tr-TR")
                .preferredChannel(ContactChannel.SMS)
                .consent(new Consent(true, false, true))
                .attribute("vip", "true")
                .attribute("sadakat", "altın üye")
                .build();
    }

    /** An intake with only the required fields and an anonymous customer. */
    public static Intake.Builder minimalIntake(TenantId tenant, String description) {
        return Intake.builder(tenant, FeedbackKind.QUESTION, Channel.KIOSK, description);
    }

    /** An intake with every optional field set. */
    public static Intake.Builder richIntake(TenantId tenant) {
        return Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, TURKISH_TEXT)
                .type(FeedbackTypeId.of("hizmet-kalitesi"))
                .priority(Priority.URGENT)
                .location(LocationId.of("istanbul-şişli"))
                .subject(SubjectId.of("oda-konforu"))
                .department(HOUSEKEEPING)
                .assignee(StaffId.of("ayşe.yılmaz"))
                .customer(richCustomer())
                .desiredRemedy("Oda değişikliği ve indirim")
                .immediateAction("Teknik servis çağrıldı")
                .assessment(Assessment.of(Assessment.Severity.HIGH, "Misafir memnuniyeti düşük", true))
                .attachment(new AttachmentRef("att-1", "fotoğraf_ısıtıcı.jpg", "image/jpeg", 482_113))
                .attachment(new AttachmentRef("att-2", "fatura.pdf", "application/pdf", 0))
                .context("reservation", "R-2026-İ42")
                .context("room", "412")
                .context("stay", "2026-03-10/2026-03-15")
                .intakeKey("<CAF3+x=ğ@mail.örnek.com.tr>")
                .receivedAt(T0.minus(Duration.ofDays(2)))
                .recordedBy(MEHMET);
    }

    /** The messages of {@code e}'s causes and what they suppressed, which a log prints with it. */
    public static java.util.List<String> causeMessages(Throwable e) {
        java.util.List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = e.getCause(); t != null && messages.size() < 32; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            for (Throwable s : t.getSuppressed()) {
                messages.add(String.valueOf(s.getMessage()));
            }
        }
        return messages;
    }
}
