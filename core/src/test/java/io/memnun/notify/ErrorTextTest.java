package io.memnun.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.TenantId;
import io.memnun.tck.OutboxFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorTextTest {
    private static final Instant AT = Instant.parse("2026-03-16T07:00:00Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "550 5.1.1 <mehmet@example.com>: user unknown                   | 550 5.1.1 <[email]>: user unknown",
        "Invalid Addresses / 550 5.1.1 <şükrü@örnek.com.tr>... no      | Invalid Addresses / 550 5.1.1 <[email]>... no",
        "To=%2B905321234567&Body=x&Mail=mehmet%40example.com           | To=[phone]&Body=x&Mail=[email]",
        "The 'To' number +90 (532) 123 45 67 is not a valid number     | The 'To' number [phone] is not a valid number",
        "no=905321234567, national 5321234567, tel 0532-123-45-67      | no=[phone], national [phone], tel [phone]",
        "+44 7911 123456 / 0532 123 45 67                              | [phone] / [phone]",
        "on 2026-03-16 5321234, on 16/03/2026 0532 123 45 67           | on 2026-03-16 [phone], on 16/03/2026 [phone]",
        "tel 0532.123.45.67, +90.532.123.45.67 or 0212.555.12.34.      | tel [phone], [phone] or [phone].",
        "number 532.123.45.67 (not an address: 532 > 255) refused      | number [phone] (not an address: 532 > 255) refused",
    })
    void addressesAndNumbersAreReplaced(String raw, String redacted) {
        assertThat(ErrorText.redact(raw)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SMTP 550 5.1.1: recipient refused",
        "HTTP 400, gateway code 21211",
        "the SMSC refused part 2 of 3: status 0x0000000b",
        "gave up after 8 attempts: HTTP 503",
        "SMPP connection to 10.0.12.7:2775 failed: Connection refused",
        "job 17377215342605050417149344 refused",
        "key 3f9a1234567890bc/2 taken",
        "quiet hours until 2026-03-16T07:00:00Z, or 2026-03-16 10:00 local, or 16.03.2026",
        "the gateway did not answer within PT15S",
        "could not post FB-2026-000123-7 to the CRM, nor BH-2026-1234567-3",
        "message 3f2a1b4c-1234-5678-9abc-def012345678 refused, and 12345678-1234-4678-9abc-123456789012",
        "retry after 16/03/2026 10:00, 03/16/2026, 2026/03/16 or 16-03-2026",
        "relay 192.168.100.200 and 10.0.0.1 refused, version 2.10.3.1, at 16.03.2026 10.15.30",
    })
    void codesCountsHostsIdsAndDatesStay(String text) {
        assertThat(ErrorText.redact(text)).isEqualTo(text);
    }

    @Test
    void knowingTheMessageItsNameTextAndAddressGoToo() {
        Notification n = OutboxFixtures.email(TenantId.of("otel"), FeedbackId.of(java.util.UUID.randomUUID()), 1, "sukru.bey@example.com.tr", AT);

        String redacted = ErrorText.redact("rejected for ŞÜKRÜ ÇAĞLAYAN-ÖZTÜRK (Şükrü, Çağlayan-Öztürk) <SUKRU.BEY@EXAMPLE.COM.TR>: "
                + "subject 'Geri bildiriminiz alındı: FB-2026-000001' body 'Sayın Şükrü Bey,\n\nğüşıöç ĞÜŞİÖÇ 😞'", n);
        String ascii = ErrorText.redact("550 no mailbox for SUKRU CAGLAYAN-OZTURK (Sukru; Ozturk); sukru is not Şükrü", n);

        assertThat(redacted).isEqualTo("rejected for [name] ([name], [name]-[name]) <[email]>: subject '[text]' body '[text]'");
        assertThat(ascii).as("as servers write it, without diacritics").isEqualTo("550 no mailbox for [name] ([name]; [name]); sukru is not [name]");
        Notification named = OutboxFixtures.email(TenantId.of("otel"), FeedbackId.of(java.util.UUID.randomUUID()), 1, "Sukru.Caglayan@example.com.tr", AT);
        assertThat(ErrorText.redact("550 <Sukru.Caglayan@example.com.tr> unknown", named)).as("an address that holds the name")
                .isEqualTo("550 <[email]> unknown");
        assertThat(ErrorText.redact("a short text can be in any error", OutboxFixtures.sms(TenantId.of("otel"),
                FeedbackId.of(java.util.UUID.randomUUID()), 1, "+905321234567", AT))).isEqualTo("a short text can be in any error");
    }

    @Test
    void aNameIsReplacedAsWholeWordsAndInCapitalsButNotInsideOtherWords() {
        assertThat(ErrorText.redact("554 5.7.1 Relay access denied for ela, Ela and ELA", named("Ela")))
                .isEqualTo("554 5.7.1 Relay access denied for [name], [name] and [name]");
        assertThat(ErrorText.redact("451 cannot scan the mail of Can", named("Can"))).isEqualTo("451 cannot scan the mail of [name]");
        assertThat(ErrorText.redact("550 no mailbox for OZTURK MEHMET (ÖZTÜRK)", named("Mehmet Öztürk")))
                .as("a surname first and in capitals, as registers write it").isEqualTo("550 no mailbox for [name] [name] ([name])");
        assertThat(ErrorText.redact("550 no mailbox for ÇİFTÇİ IŞIK, CIFTCI ISIK", named("Işık Çiftçi")))
                .isEqualTo("550 no mailbox for [name] [name], [name] [name]");
    }

    @Test
    void theTextIsFoundWhateverItsLineBreaksBecameAndAsTheChannelSentIt() {
        Notification n = sms("Otel: Our decision on your feedback FB-2026-000001-1:\nRoom moved,\r\n  refund given");

        assertThat(ErrorText.redact("refused: Otel: Our decision on your feedback FB-2026-000001-1: Room moved, refund given", n))
                .isEqualTo("refused: [text]");
        assertThat(ErrorText.redact("refused: Otel: Our decision on your... https://otel.example/t/abc", n,
                "Otel: Our decision on your... https://otel.example/t/abc")).as("an SMS cut to fit").isEqualTo("refused: [text]");
    }

    private static Notification named(String name) {
        String address = "guest@example.com.tr";
        FeedbackId feedback = FeedbackId.of(java.util.UUID.randomUUID());
        String key = Notification.idempotencyKey(feedback, 1, ContactChannel.EMAIL, address);
        return new Notification(Notification.idFor(key), TenantId.of("otel"), MessageOwner.feedback(feedback, ReferenceNumber.of("FB", 2026, 1)), 1,
                EventType.RECEIVED, "customer/RECEIVED", Party.CUSTOMER, ContactChannel.EMAIL, null, name, address, Locale.ENGLISH,
                ZoneId.of("UTC"), "We have received your feedback", "Thank you for writing to us.", null, MessageCategory.TRANSACTIONAL,
                false, false, key, AT);
    }

    private static Notification sms(String text) {
        String address = "+905321234567";
        FeedbackId feedback = FeedbackId.of(java.util.UUID.randomUUID());
        String key = Notification.idempotencyKey(feedback, 1, ContactChannel.SMS, address);
        return new Notification(Notification.idFor(key), TenantId.of("otel"), MessageOwner.feedback(feedback, ReferenceNumber.of("FB", 2026, 1)), 1,
                EventType.RESOLVED, "customer/RESOLVED", Party.CUSTOMER, ContactChannel.SMS, null, null, address, Locale.ENGLISH,
                ZoneId.of("UTC"), null, text, null, MessageCategory.TRANSACTIONAL, false, false, key, AT);
    }

    @Test
    void aFailureIsDescribedAndCopiedForALogWithoutItsMessagesPersonalData() {
        IOException cause = new IOException("connection to mehmet@example.com reset");
        IllegalStateException failure = new IllegalStateException("sending to +905321234567 failed", cause);

        assertThat(ErrorText.of(failure)).isEqualTo("IllegalStateException: sending to [phone] failed / IOException: connection to [email] reset");

        Throwable loggable = ErrorText.loggable(failure, null);
        StringWriter printed = new StringWriter();
        loggable.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).startsWith("java.lang.IllegalStateException: sending to [phone] failed")
                .contains("Caused by: java.io.IOException: connection to [email] reset")
                .contains("ErrorTextTest.aFailureIsDescribedAndCopiedForALogWithoutItsMessagesPersonalData")
                .doesNotContain("905321234567").doesNotContain("mehmet");
        assertThat(loggable.getStackTrace()).isEqualTo(failure.getStackTrace());
    }
}
