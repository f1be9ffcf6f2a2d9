package io.memnun.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.memnun.notify.SendResult;
import io.memnun.tck.Fixtures;
import io.memnun.tck.OutboxFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SMTPS: TLS from the first byte, against GreenMail's SMTPS server and its self-signed certificate. */
class SmtpsEmailChannelTest {
    @RegisterExtension
    static final GreenMailExtension SMTPS = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

    @Test
    void aMailGoesOverTls() throws Exception {
        SmtpEmailChannel ch = SmtpEmailChannel.builder("127.0.0.1", SMTPS.getSmtps().getPort())
                .security(SmtpEmailChannel.Security.SMTPS)
                .trustedHosts("127.0.0.1")
                .from("bildirim@otel.example", "Boğaziçi Otel")
                .build();
        SendResult r = ch.send(OutboxFixtures.email(Fixtures.newTenant("tls"), Fixtures.randomId(), 1, "sukru@example.com.tr",
                Instant.parse("2026-03-16T07:00:00Z")));
        assertThat(r).isInstanceOf(SendResult.Delivered.class);
        assertThat(SMTPS.getReceivedMessages()).hasSize(1);
        assertThat(SMTPS.getReceivedMessages()[0].getSubject()).startsWith("Geri bildiriminiz alındı");
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        SmtpEmailChannel ch = SmtpEmailChannel.builder("127.0.0.1", SMTPS.getSmtps().getPort())
                .security(SmtpEmailChannel.Security.SMTPS)
                .from("bildirim@otel.example", null)
                .build();
        SendResult r = ch.send(OutboxFixtures.email(Fixtures.newTenant("tls"), Fixtures.randomId(), 1, "sukru@example.com.tr",
                Instant.parse("2026-03-16T07:00:00Z")));
        assertThat(r).isInstanceOf(SendResult.RetryableFailure.class);
        assertThat(SMTPS.getReceivedMessages()).isEmpty();
    }
}
