package io.memnun.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.memnun.FeedbackDesk;
import io.memnun.NotificationDispatcher;
import io.memnun.Notifications;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.notify.SendResult;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.tck.Fixtures;
import io.memnun.tck.OutboxFixtures;
import io.memnun.testing.MutableClock;
import io.memnun.testing.ReliabilityFigures;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An SMTP server that refuses, stays silent until the client times out, or drops the connection (at once, or after
 * taking the message but before confirming it): each attempt is a retryable failure within the configured
 * timeouts, and the dispatcher delivers the message once the server behaves, recording every failed attempt. The
 * connection dropped after the message is the case where the server has it and the sender cannot know: the retry
 * delivers it again under the same Message-ID, which is how a recipient's mail system recognises the duplicate.
 */
class SmtpFaultTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private SmtpEmailChannel channel(FlakySmtpProxy proxy) {
        return SmtpEmailChannel.builder("127.0.0.1", proxy.port()).security(SmtpEmailChannel.Security.NONE)
                .from("bildirim@otel.example", "Otel").messageIdDomain("otel.example")
                .connectTimeout(TIMEOUT).readTimeout(TIMEOUT).build();
    }

    @Test
    void everyMisbehaviourIsARetryableFailureWithinTheTimeout() throws Exception {
        try (FlakySmtpProxy proxy = new FlakySmtpProxy(SMTP.getSmtp().getPort())) {
            SmtpEmailChannel ch = channel(proxy);
            TenantId tenant = Fixtures.newTenant("smtp");
            for (FlakySmtpProxy.Fault f : FlakySmtpProxy.Fault.values()) {
                proxy.next(f);
                long start = System.nanoTime();
                SendResult r = ch.send(OutboxFixtures.email(tenant, Fixtures.randomId(), 1, "misafir@example.com", Instant.now()));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(r).as("%s", f).isInstanceOf(SendResult.RetryableFailure.class);
                assertThat(millis).as("%s answered within the timeouts", f).isLessThan(3 * TIMEOUT.toMillis() + 2000);
            }
            // the one that was dropped after the data reached the server
            assertThat(SMTP.getReceivedMessages()).hasSize(1);
        }
    }

    @Test
    void theDispatcherDeliversOnceTheServerBehavesAndRecordsEachFailedAttempt() throws Exception {
        MutableClock clock = MutableClock.at("2026-05-04T07:00:00.000001Z");
        FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock)
                .notifications(Notifications.builder("Otel").build()).build();
        TenantId tenant = Fixtures.newTenant("smtp-dispatch");
        try (FlakySmtpProxy proxy = new FlakySmtpProxy(SMTP.getSmtp().getPort())) {
            NotificationDispatcher dispatcher = desk.notificationDispatcher().channel(ContactChannel.EMAIL, channel(proxy))
                    .maxAttempts(10).backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)).random(new Random(1)).build();
            Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, Fixtures.TURKISH_TEXT)
                    .customer(Customer.builder().email("misafir@example.com").build()).build());
            FlakySmtpProxy.Fault[] faults = FlakySmtpProxy.Fault.values();
            proxy.next(faults);
            int ticks = 0;
            while (desk.history(tenant, f.id()).stream().noneMatch(e -> e.type() == EventType.NOTIFICATION_SENT) && ticks < 30) {
                dispatcher.tick(clock.advance(Duration.ofMinutes(2)).instant());
                ticks++;
            }
            List<FeedbackEvent> history = desk.history(tenant, f.id());
            long failed = history.stream().filter(e -> e.type() == EventType.NOTIFICATION_FAILED).count();
            long sent = history.stream().filter(e -> e.type() == EventType.NOTIFICATION_SENT).count();
            assertThat(failed).as("one failed attempt per fault").isEqualTo(faults.length);
            assertThat(sent).isEqualTo(1);
            MimeMessage[] received = SMTP.getReceivedMessages();
            // the message the server took before the connection dropped, and the retry: one Message-ID
            assertThat(received).hasSize(2);
            assertThat(Arrays.stream(received).map(m -> {
                try {
                    return m.getMessageID();
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).distinct()).hasSize(1);
            ReliabilityFigures.of("smtp-faults")
                    .put("faults injected (refuse 421, silent until timeout, drop at once, drop after the data)",
                            faults.length + " into the channel alone, " + faults.length + " under the dispatcher")
                    .put("each a retryable failure within the timeouts", "yes")
                    .put("dispatcher: failed attempts recorded in the history", failed)
                    .put("dispatcher: deliveries recorded", sent)
                    .put("copies at the server (one sent before a dropped confirmation, same Message-ID)", received.length)
                    .put("messages lost", 0)
                    .write();
        }
    }
}
