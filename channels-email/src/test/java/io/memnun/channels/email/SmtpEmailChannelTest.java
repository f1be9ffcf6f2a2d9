package io.memnun.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.memnun.error.NotificationException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;
import io.memnun.tck.Fixtures;
import io.memnun.tck.OutboxFixtures;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against a real SMTP server (GreenMail) started for the test; what arrived is read back from it. */
class SmtpEmailChannelTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bildirim@otel.example", "bildirim", "gizli-şifre"));

    private static final Instant AT = Instant.parse("2026-03-16T07:00:00Z");
    private final TenantId tenant = Fixtures.newTenant("mail");
    private final FeedbackId feedback = Fixtures.randomId();

    private SmtpEmailChannel.Builder channel() {
        return SmtpEmailChannel.builder("127.0.0.1", SMTP.getSmtp().getPort())
                .security(SmtpEmailChannel.Security.NONE)
                .from("bildirim@otel.example", "Boğaziçi Otel – Misafir İlişkileri")
                .messageIdDomain("otel.example")
                .clock(Clock.fixed(AT, ZoneOffset.UTC));
    }

    private Notification mail(long version) {
        return OutboxFixtures.email(tenant, feedback, version, "sukru@example.com.tr", AT);
    }

    @Test
    void aMailArrivesWithTurkishHeadersBothPartsAndThreading() throws Exception {
        SmtpEmailChannel ch = channel().credentials("bildirim", "gizli-şifre").build();
        Notification first = mail(1);
        Notification second = mail(2);

        SendResult r1 = ch.send(first);
        SendResult r2 = ch.send(second);

        assertThat(r1).isEqualTo(SendResult.delivered("<" + first.idempotencyKey() + "@otel.example>"));
        assertThat(r2).isInstanceOf(SendResult.Delivered.class);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo(first.subject());
        assertThat(m.getHeader("Subject")[0]).as("RFC 2047 encoded").startsWith("=?UTF-8?").doesNotContain("ı");
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("bildirim@otel.example");
        assertThat(from.getPersonal()).isEqualTo("Boğaziçi Otel – Misafir İlişkileri");
        InternetAddress to = (InternetAddress) m.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo("Şükrü Çağlayan-Öztürk");
        assertThat(to.getAddress()).isEqualTo("sukru@example.com.tr");
        assertThat(m.getMessageID()).isEqualTo("<" + first.idempotencyKey() + "@otel.example>");
        String root = "<feedback-" + feedback.value() + "@otel.example>";
        assertThat(m.getHeader("In-Reply-To")).containsExactly(root);
        assertThat(m.getHeader("References")).containsExactly(root);
        assertThat(received[1].getHeader("References")).containsExactly(root);
        assertThat(received[1].getMessageID()).isNotEqualTo(m.getMessageID());
        assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(m.getSentDate().toInstant()).isEqualTo(AT);

        MimeMultipart alternative = (MimeMultipart) m.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(2);
        BodyPart text = alternative.getBodyPart(0);
        BodyPart html = alternative.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(((String) text.getContent()).replace("\r\n", "\n")).isEqualTo(first.text());
        assertThat(((String) html.getContent()).replace("\r\n", "\n")).isEqualTo(first.html());
    }

    @Test
    void theSameNotificationSentTwiceCarriesTheSameMessageId() throws Exception {
        SmtpEmailChannel ch = channel().build();
        Notification n = mail(1);
        ch.send(n);
        ch.send(n);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received[0].getMessageID()).isEqualTo(received[1].getMessageID());
    }

    @Test
    void anInternationalDomainIsSentInAsciiAndAUtf8LocalPartNeedsSmtpUtf8() throws Exception {
        Notification idn = OutboxFixtures.email(tenant, feedback, 1, "misafir@örnek.com.tr", AT);
        assertThat(channel().build().send(idn)).isInstanceOf(SendResult.Delivered.class);
        assertThat(((InternetAddress) SMTP.getReceivedMessages()[0].getRecipients(Message.RecipientType.TO)[0]).getAddress())
                .isEqualTo("misafir@xn--rnek-4qa.com.tr");

        Notification utf8 = OutboxFixtures.email(tenant, feedback, 2, "şükrü@example.com.tr", AT);
        assertThatThrownBy(() -> channel().build().send(utf8))
                .isInstanceOf(ValidationException.class).hasMessageContaining("SMTPUTF8").hasMessageNotContaining("şükrü");
        assertThat(channel().smtpUtf8(true).build().send(utf8)).isInstanceOf(SendResult.Delivered.class);
    }

    @Test
    void aTurkishOwnerLabelArrivesIntactInTheReferenceHeader() throws Exception {
        // a campaign's name is its messages' label; "2026 Güz Anketi" is a name a hotel would give
        Notification n = OutboxFixtures.campaignInvitation(tenant, java.util.UUID.randomUUID(), "2026 Güz Anketi – Ağustos",
                "sukru@example.com.tr", AT);
        assertThat(channel().build().send(n)).isInstanceOf(SendResult.Delivered.class);
        String raw = SMTP.getReceivedMessages()[0].getHeader("X-Memnun-Reference")[0];
        assertThat(raw.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("an ASCII header, was %s", raw).isTrue();
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(jakarta.mail.internet.MimeUtility.unfold(raw)))
                .isEqualTo("2026 Güz Anketi – Ağustos");
    }

    @Test
    void anExtraHeaderWithTurkishLettersIsSentAsAsciiAndAnAsciiOneUnchanged() throws Exception {
        assertThat(channel().header("X-Otel", "Çırağan Sarayı, Beşiktaş").header("List-Unsubscribe", "<mailto:iptal@otel.example>").build()
                .send(mail(1))).isInstanceOf(SendResult.Delivered.class);
        jakarta.mail.internet.MimeMessage received = SMTP.getReceivedMessages()[0];
        String raw = received.getHeader("X-Otel")[0];
        assertThat(raw.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("an ASCII header, was %s", raw).isTrue();
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(jakarta.mail.internet.MimeUtility.unfold(raw))).isEqualTo("Çırağan Sarayı, Beşiktaş");
        assertThat(received.getHeader("List-Unsubscribe")).containsExactly("<mailto:iptal@otel.example>");
    }

    @Test
    void headerValuesWithLineBreaksAreRefused() {
        assertThatThrownBy(() -> channel().from("bildirim@otel.example", "Otel\r\nBcc: victim@example.com"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("from.name"));
        assertThatThrownBy(() -> channel().header("X-Kampanya", "a\nBcc: victim@example.com"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> channel().header("Bad Name", "x")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> channel().from("bildirim@otel.example\r\nBcc: victim@example.com", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> channel().replyTo("yanit@@otel.example", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("replyTo"));
        // a notification itself cannot carry a line break in its address, name or subject
        Notification good = mail(1);
        assertThatThrownBy(() -> new Notification(good.id(), good.tenant(), good.owner(), 1, good.event(),
                good.template(), good.party(), good.channel(), null, null, "a@example.com\r\nBcc: victim@example.com", good.language(),
                good.zone(), good.subject(), good.text(), null, good.category(), false, false, good.idempotencyKey(), AT))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("email"));
        assertThatThrownBy(() -> new Notification(good.id(), good.tenant(), good.owner(), 1, good.event(),
                good.template(), good.party(), good.channel(), null, null, good.address(), good.language(), good.zone(),
                "Konu\r\nBcc: victim@example.com", good.text(), null, good.category(), false, false, good.idempotencyKey(), AT))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("subject"));
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void aTemporaryRefusalIsRetryable() {
        SMTP.getUserManager().setMessageDeliveryHandler((msg, address) -> {
            throw new MessagingException("mailbox temporarily full");
        });
        SendResult r = channel().build().send(mail(1));
        assertThat(r).isInstanceOfSatisfying(SendResult.RetryableFailure.class, f -> assertThat(f.reason()).contains("451"));
    }

    @Test
    void aLongFailureIsCutBetweenCharactersAndStaysRetryable() {
        MessagingException lost = new MessagingException("x".repeat(1899) + "\uD83D\uDE1E connection lost");

        assertThat(SmtpEmailChannel.classify(lost, null)).isEqualTo(SendResult.retryable("x".repeat(1899)));
    }

    @Test
    void aPermanentRefusalIsPermanent() throws IOException {
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer("550 5.1.1 <sukru@example.com.tr>: no such user")) {
            SendResult r = SmtpEmailChannel.builder("127.0.0.1", refusing.port()).security(SmtpEmailChannel.Security.NONE)
                    .from("bildirim@otel.example", null).build().send(mail(1));
            assertThat(r).isInstanceOfSatisfying(SendResult.PermanentFailure.class, f -> assertThat(f.reason()).contains("550"));
        }
        try (ScriptedSmtpServer busy = new ScriptedSmtpServer("452 4.2.2 mailbox full")) {
            SendResult r = SmtpEmailChannel.builder("127.0.0.1", busy.port()).security(SmtpEmailChannel.Security.NONE)
                    .from("bildirim@otel.example", null).build().send(mail(1));
            assertThat(r).isInstanceOfSatisfying(SendResult.RetryableFailure.class, f -> assertThat(f.reason()).contains("452"));
        }
    }

    @Test
    void aRefusedRecipientIsRecordedWithTheReplyCodeAndEnhancedStatusButWithoutTheAddress() throws IOException {
        // what servers answer: the address in the reply, on one line or several, in ASCII
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer("550 5.1.1 <sukru@example.com.tr>: user unknown")) {
            SendResult r = SmtpEmailChannel.builder("127.0.0.1", refusing.port()).security(SmtpEmailChannel.Security.NONE)
                    .from("bildirim@otel.example", null).build().send(mail(1));
            assertThat(r).isEqualTo(SendResult.permanent("Invalid Addresses / recipient refused (SMTP 550 5.1.1): <[email]>: user unknown"));
        }
        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer("550-5.1.1 The email account that you tried to reach does not exist.\r\n"
                + "550 5.1.1 sukru@example.com.tr (Sukru Caglayan-Ozturk), +90 532 123 45 67 - gsmtp")) {
            SendResult r = SmtpEmailChannel.builder("127.0.0.1", refusing.port()).security(SmtpEmailChannel.Security.NONE)
                    .from("bildirim@otel.example", null).build().send(mail(1));
            assertThat(r).isEqualTo(SendResult.permanent("Invalid Addresses / recipient refused (SMTP 550 5.1.1): "
                    + "The email account that you tried to reach does not exist. [email] ([name]), [phone] - gsmtp"));
        }
        try (ScriptedSmtpServer full = new ScriptedSmtpServer("452 4.2.2 <sukru@example.com.tr>: mailbox full")) {
            SendResult r = SmtpEmailChannel.builder("127.0.0.1", full.port()).security(SmtpEmailChannel.Security.NONE)
                    .from("bildirim@otel.example", null).build().send(mail(1));
            assertThat(r).isInstanceOfSatisfying(SendResult.RetryableFailure.class, f -> assertThat(f.reason())
                    .endsWith("recipient refused (SMTP 452 4.2.2): <[email]>: mailbox full").doesNotContain("sukru"));
        }
    }

    @Test
    void aServerThatIsDownIsRetryableAndWrappedWhenChecked() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SmtpEmailChannel down = SmtpEmailChannel.builder("127.0.0.1", closed).security(SmtpEmailChannel.Security.NONE)
                .from("bildirim@otel.example", null).build();
        assertThat(down.send(mail(1))).isInstanceOf(SendResult.RetryableFailure.class);
        assertThatThrownBy(down::checkConnection)
                .isInstanceOfSatisfying(NotificationException.class, e -> assertThat(e.retryable()).isTrue())
                .hasCauseInstanceOf(MessagingException.class);
    }

    @Test
    void wrongCredentialsAreRefusedByTheServer() {
        SmtpEmailChannel ch = channel().credentials("bildirim", "yanlış").build();
        assertThat(ch.send(mail(1))).isInstanceOf(SendResult.RetryableFailure.class);
        assertThatThrownBy(ch::checkConnection).isInstanceOf(NotificationException.class).hasMessageContaining("535");
        channel().credentials("bildirim", "gizli-şifre").build().checkConnection();
    }

    @Test
    void starttlsIsRequiredWhenAsked() {
        // this server offers no STARTTLS: the channel must not fall back to plain text
        SendResult r = channel().security(SmtpEmailChannel.Security.STARTTLS).build().send(mail(1));
        assertThat(r).isInstanceOfSatisfying(SendResult.RetryableFailure.class, f -> assertThat(f.reason()).containsIgnoringCase("STARTTLS"));
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }
}
