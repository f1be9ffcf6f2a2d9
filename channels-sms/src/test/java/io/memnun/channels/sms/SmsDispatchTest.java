package io.memnun.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.NotificationDispatcher;
import io.memnun.Notifications;
import io.memnun.channels.sms.internal.Json;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.notify.NotificationRule;
import io.memnun.notify.NotificationRules;
import io.memnun.notify.OutboxMessage;
import io.memnun.notify.Party;
import io.memnun.notify.SendResult;
import io.memnun.store.memory.InMemoryFeedbackStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The whole path: a receipt, its SMS in the outbox, the gateway failing once, the retry, the history. */
class SmsDispatchTest {
    private final TenantId hotel = TenantId.of("otel");
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();

    /** A desk on the test's store that tells the customer of {@code event} only. */
    private FeedbackDesk desk(Notifications.Builder notifications, EventType event) {
        return FeedbackDesk.builder().store(store).clock(Clock.fixed(SmsFixtures.AT, ZoneOffset.UTC))
                .notifications(notifications.rules(NotificationRules.builder().add(NotificationRule.on(event, Party.CUSTOMER)).build()).build())
                .build();
    }

    @Test
    void theAcknowledgementSmsIsRetriedAfterAGatewayFailureAndRecorded() throws IOException {
        FeedbackDesk desk = desk(Notifications.builder("Boğaziçi Otel"), EventType.RECEIVED);
        try (GatewayServer gateway = new GatewayServer()) {
            gateway.then(503, "busy").otherwise(200, "{\"code\":\"00\",\"jobid\":\"J-1\"}");
            HttpSmsGateway sms = HttpSmsGateway.netgsm("8503020000", "gizli", "BOGAZICI").url(gateway.url("/sms/rest/v2/send"))
                    .idempotencyHeader("X-Idempotency-Key").build();
            NotificationDispatcher dispatcher = desk.notificationDispatcher().channel(ContactChannel.SMS, sms)
                    .random(new Random(3)).backoff(Duration.ofSeconds(30), Duration.ofMinutes(30)).build();
            Feedback f = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima bozuk")
                    .customer(Customer.builder().name("Şükrü Çağlayan").phone("0532 123 45 67").build()).build());

            dispatcher.tick(SmsFixtures.AT);
            OutboxMessage pending = store.outbox().all().get(0);
            Instant retry = pending.nextAttemptAt();
            dispatcher.tick(retry);

            assertThat(gateway.requests).hasSize(2);
            assertThat(gateway.requests).extracting(r -> r.header("X-Idempotency-Key")).containsOnly(pending.notification().idempotencyKey());
            assertThat(gateway.requests.get(0).body()).contains("Ba\u015fvuru no: " + f.reference());
            List<FeedbackEvent> history = desk.history(hotel, f.id());
            assertThat(history).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED, EventType.NOTIFICATION_FAILED,
                    EventType.NOTIFICATION_SENT, EventType.ACKNOWLEDGED);
            assertThat(history.get(1).details().get("error")).contains("503");
            assertThat(history.get(2).details()).containsEntry("providerId", "J-1").containsEntry("attempt", "2");
        }
    }

    @Test
    void aLongDecisionReachesTheCustomerCutToFitWithTheTrackingLink() throws IOException {
        FeedbackDesk desk = desk(Notifications.builder("Boğaziçi Otel").trackingUrl("https://otel.example/t/{reference}"), EventType.RESOLVED);
        try (GatewayServer gateway = new GatewayServer()) {
            gateway.otherwise(200, "{\"code\":\"00\",\"jobid\":\"J-1\"}");
            HttpSmsGateway sms = HttpSmsGateway.netgsm("8503020000", "gizli", "BOGAZICI").url(gateway.url("/sms/rest/v2/send")).build();
            NotificationDispatcher dispatcher = desk.notificationDispatcher().channel(ContactChannel.SMS, sms).build();
            Feedback f = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima bozuk")
                    .customer(Customer.builder().name("Şükrü Çağlayan").phone("0532 123 45 67").build()).build());
            desk.take(hotel, f.id(), Actor.staff("ayse"));
            // about 1,600 septets with the Turkish shift table: eleven segments, the limit is six
            String resolution = "Odanızdaki klima değiştirildi, teknik ekibimiz çalıştığını doğruladı. ".repeat(22);
            desk.resolve(hotel, f.id(), Actor.staff("ayse"), resolution);

            dispatcher.tick(SmsFixtures.AT);

            assertThat(gateway.requests).hasSize(1);
            String sent = Json.at(Json.parse(gateway.requests.get(0).body()), "/messages/0/msg").orElseThrow();
            assertThat(sent).startsWith("Boğaziçi Otel: " + f.reference() + " no'lu başvurunuz sonuçlandı: Odanızdaki klima")
                    .endsWith("... https://otel.example/t/" + f.reference());
            assertThat(SmsText.of(sent).segments()).isBetween(5, 6);
            assertCutRecorded(desk, f, sent);
        }
    }

    @Test
    void aLongDecisionSentOverSmppIsCutAndTheHistorySaysSoToo() throws IOException {
        FeedbackDesk desk = desk(Notifications.builder("Boğaziçi Otel").trackingUrl("https://otel.example/t/{reference}"), EventType.RESOLVED);
        try (LocalSmsc smsc = new LocalSmsc();
                SmppSmsChannel sms = SmppSmsChannel.builder("127.0.0.1", smsc.port(), "otel", "gizli").sourceAddress("BOGAZICI")
                        .timeout(Duration.ofSeconds(10)).policy(SmsPolicy.builder().maxSegments("customer/RESOLVED", 3).build()).build()) {
            NotificationDispatcher dispatcher = desk.notificationDispatcher().channel(ContactChannel.SMS, sms).build();
            Feedback f = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima bozuk")
                    .customer(Customer.builder().name("Şükrü Çağlayan").phone("0532 123 45 67").build()).build());
            desk.take(hotel, f.id(), Actor.staff("ayse"));
            desk.resolve(hotel, f.id(), Actor.staff("ayse"), "Odanızdaki klima değiştirildi, teknik ekibimiz çalıştığını doğruladı. ".repeat(12));

            dispatcher.tick(SmsFixtures.AT);

            assertThat(smsc.received).as("three parts, the limit for decisions").hasSize(3);
            Notification whole = store.outbox().all().get(0).notification();
            String sent = SmsPolicy.builder().maxSegments(3).build().check(whole).text().text();
            assertThat(sent).endsWith("... https://otel.example/t/" + f.reference());
            FeedbackEvent delivered = assertCutRecorded(desk, f, sent);
            assertThat(delivered.details()).containsEntry("segments", "3").containsEntry("providerId", "m1,m2,m3");
        }
    }

    /** The delivery of {@code sent}, a cut text, says so with the counts, and neither text is stored a second time. */
    private FeedbackEvent assertCutRecorded(FeedbackDesk desk, Feedback f, String sent) {
        List<FeedbackEvent> history = desk.history(hotel, f.id());
        FeedbackEvent delivered = history.get(history.size() - 1);
        assertThat(delivered.type()).isEqualTo(EventType.NOTIFICATION_SENT);
        OutboxMessage message = store.outbox().all().get(0);
        String whole = message.notification().text();
        assertThat(whole).as("the outbox keeps the whole text").hasSizeGreaterThan(sent.length()).doesNotContain("...");
        assertThat(message.state()).isEqualTo(OutboxMessage.State.SENT);
        assertThat(delivered.note()).endsWith("delivered, its text cut to fit");
        assertThat(delivered.details()).containsEntry("cut", "true")
                .containsEntry("segments", Integer.toString(SmsText.of(sent).segments()))
                .containsEntry("length", Integer.toString(sent.length()))
                .containsEntry("originalSegments", Integer.toString(SmsText.of(whole).segments()))
                .containsEntry("originalLength", Integer.toString(whole.length()));
        assertThat(delivered.details().values()).as("no text twice").allSatisfy(v -> assertThat(v).doesNotContain("klima"));
        assertThat(history).filteredOn(e -> e.type() == EventType.NOTIFICATION_SENT).hasSize(1);
        return delivered;
    }

    @Test
    void aShortSmsIsRecordedWithoutCutFacts() throws IOException {
        FeedbackDesk desk = desk(Notifications.builder("Boğaziçi Otel"), EventType.RECEIVED);
        try (GatewayServer gateway = new GatewayServer()) {
            gateway.otherwise(200, "{\"code\":\"00\",\"jobid\":\"J-1\"}");
            HttpSmsGateway sms = HttpSmsGateway.netgsm("8503020000", "gizli", "BOGAZICI").url(gateway.url("/sms/rest/v2/send")).build();
            Feedback f = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima bozuk")
                    .customer(Customer.builder().phone("0532 123 45 67").build()).build());

            desk.notificationDispatcher().channel(ContactChannel.SMS, sms).build().tick(SmsFixtures.AT);

            FeedbackEvent delivered = desk.history(hotel, f.id()).get(1);
            assertThat(delivered.type()).isEqualTo(EventType.NOTIFICATION_SENT);
            assertThat(delivered.details()).containsEntry("providerId", "J-1").doesNotContainKeys("cut", "segments", "length");
            assertThat(delivered.note()).endsWith("delivered");
        }
    }

    @Test
    void aTurkishLandlineWithAnEmailAddressIsEmailedAtOnceAndOneWithoutIsNotSentAnything() throws IOException {
        FeedbackDesk desk = desk(Notifications.builder("Boğaziçi Otel"), EventType.RECEIVED);
        List<Notification> mails = new CopyOnWriteArrayList<>();
        try (GatewayServer gateway = new GatewayServer()) {
            HttpSmsGateway sms = HttpSmsGateway.netgsm("8503020000", "gizli", "BOGAZICI").url(gateway.url("/sms/rest/v2/send")).build();
            NotificationDispatcher dispatcher = desk.notificationDispatcher().channel(ContactChannel.SMS, sms)
                    .channel(ContactChannel.EMAIL, n -> {
                        mails.add(n);
                        return SendResult.delivered("mail-" + mails.size());
                    }).build();
            Feedback withEmail = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima bozuk")
                    .customer(Customer.builder().phone("0212 222 33 44").email("sukru@example.com").preferredChannel(ContactChannel.SMS)
                            .language("tr").build()).build());
            Feedback landlineOnly = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima bozuk")
                    .customer(Customer.builder().phone("0212 222 33 45").language("tr").build()).build());

            dispatcher.tick(SmsFixtures.AT);

            assertThat(gateway.requests).isEmpty();
            assertThat(store.outbox().all()).extracting(m -> m.notification().channel()).containsExactly(ContactChannel.EMAIL);
            assertThat(store.outbox().deadLetters(10)).isEmpty();
            assertThat(mails).singleElement().satisfies(m -> assertThat(m.address()).isEqualTo("sukru@example.com"));
            assertThat(desk.history(hotel, withEmail.id())).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED,
                    EventType.NOTIFICATION_SENT, EventType.ACKNOWLEDGED);
            assertThat(desk.history(hotel, withEmail.id()).get(0).details())
                    .containsEntry("notify.CUSTOMER", "EMAIL (not SMS: the phone number is a fixed line, which cannot take SMS)");
            assertThat(desk.history(hotel, landlineOnly.id())).singleElement().satisfies(e -> assertThat(e.details())
                    .containsEntry("notify.CUSTOMER", "not notified: the phone number is a fixed line, which cannot take SMS"));
        }
    }

    @Test
    void withTheChannelsPolicyAsTheTestAForeignLandlineIsEmailedAtOnceToo() {
        SmsPolicy policy = SmsPolicy.defaults();
        FeedbackDesk desk = desk(Notifications.builder("Boğaziçi Otel").smsReachable(policy::accepts), EventType.RECEIVED);
        Feedback f = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "The air conditioning is broken")
                .customer(Customer.builder().phone("+44 20 7946 0958").email("john@example.co.uk").preferredChannel(ContactChannel.SMS)
                        .language("en").build()).build());
        Feedback mobile = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "The air conditioning is broken")
                .customer(Customer.builder().phone("+44 7911 123456").email("jane@example.co.uk").preferredChannel(ContactChannel.SMS)
                        .language("en").build()).build());

        assertThat(store.outbox().all()).extracting(m -> m.notification().channel()).containsExactly(ContactChannel.EMAIL, ContactChannel.SMS);
        assertThat(desk.history(hotel, f.id()).get(0).details())
                .containsEntry("notify.CUSTOMER", "EMAIL (not SMS: the phone number cannot take SMS)");
        assertThat(desk.history(hotel, mobile.id()).get(0).details()).containsEntry("notify.CUSTOMER", "SMS");
    }

    @Test
    void aCustomerWhoseNumberCannotTakeSmsIsToldByEmailOnceAndTheHistorySaysSo() throws IOException {
        FeedbackDesk desk = desk(Notifications.builder("Boğaziçi Otel"), EventType.RECEIVED);
        List<Notification> mails = new CopyOnWriteArrayList<>();
        try (GatewayServer gateway = new GatewayServer()) {
            HttpSmsGateway sms = HttpSmsGateway.netgsm("8503020000", "gizli", "BOGAZICI").url(gateway.url("/sms/rest/v2/send")).build();
            NotificationDispatcher dispatcher = desk.notificationDispatcher().channel(ContactChannel.SMS, sms)
                    .channel(ContactChannel.EMAIL, n -> {
                        mails.add(n);
                        return SendResult.delivered("mail-" + mails.size());
                    }).build();
            // a landline in London: core does not know its kind, so the SMS is tried; libphonenumber knows it is no mobile
            Feedback f = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima bozuk")
                    .customer(Customer.builder().name("Şükrü Çağlayan").phone("+44 20 7946 0958").email("sukru@example.com")
                            .preferredChannel(ContactChannel.SMS).language("tr").build()).build());

            dispatcher.tick(SmsFixtures.AT);
            dispatcher.tick(SmsFixtures.AT.plusSeconds(1));
            dispatcher.tick(SmsFixtures.AT.plusSeconds(2));

            assertThat(gateway.requests).as("nothing reaches the gateway").isEmpty();
            assertThat(mails).singleElement().satisfies(m -> {
                assertThat(m.address()).isEqualTo("sukru@example.com");
                assertThat(m.template()).isEqualTo("customer/RECEIVED");
                assertThat(m.subject()).contains(f.reference().toString());
                assertThat(m.text()).contains(f.reference().toString());
            });
            List<FeedbackEvent> history = desk.history(hotel, f.id());
            assertThat(history).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED, EventType.NOTIFICATION_FAILED,
                    EventType.NOTIFICATION_SENT, EventType.ACKNOWLEDGED);
            assertThat(history.get(1).details()).containsEntry("deadLetter", "true").containsEntry("fallback", "EMAIL");
            assertThat(history.get(1).details().get("error")).as("what is wrong with the number, not the number")
                    .isEqualTo("phone: is a FIXED_LINE number of GB, not a mobile one");
            assertThat(history.get(1).note()).doesNotContain("7946");
            assertThat(history.get(2).details()).containsEntry("channel", "EMAIL").containsEntry("about", "1");

            // sending the dead letter again does not plan a second e-mail
            OutboxMessage dead = store.outbox().deadLetters(10).get(0);
            assertThat(dead.lastError()).isEqualTo("phone: is a FIXED_LINE number of GB, not a mobile one");
            store.outbox().requeue(dead.notification().id(), SmsFixtures.AT.plusSeconds(3));
            dispatcher.tick(SmsFixtures.AT.plusSeconds(4));
            dispatcher.tick(SmsFixtures.AT.plusSeconds(5));
            assertThat(mails).hasSize(1);
        }
    }
}
