package io.memnun;

import static io.memnun.NotificationFixture.HOTEL;
import static io.memnun.NotificationFixture.complaint;
import static io.memnun.NotificationFixture.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.NotificationException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.notify.NotificationRule;
import io.memnun.notify.NotificationRules;
import io.memnun.notify.OutboxMessage;
import io.memnun.notify.Party;
import io.memnun.notify.SendResult;
import io.memnun.sla.BusinessCalendar;
import io.memnun.sla.CalendarRegistry;
import io.memnun.sla.SlaPolicy;
import io.memnun.sla.SlaTarget;
import io.memnun.spi.OutboxStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryOutboxStore;
import io.memnun.testing.ForwardingFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationDispatcherTest {
    /** Only the customer is told, so each feedback has exactly the messages a test expects. */
    private static final NotificationRules CUSTOMER_ONLY = NotificationRules.builder()
            .add(NotificationRule.on(EventType.RECEIVED, Party.CUSTOMER))
            .add(NotificationRule.on(EventType.CANCELLED, Party.CUSTOMER))
            .build();

    private final MutableClock clock = NotificationFixture.clock();
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final ScriptedChannel email = new ScriptedChannel();
    private FeedbackDesk desk = desk(store);

    private FeedbackDesk desk(io.memnun.spi.FeedbackStore s) {
        return FeedbackDesk.builder().store(s).referenceSequence(store).clock(clock)
                .notifications(NotificationFixture.notifications().rules(CUSTOMER_ONLY).build()).build();
    }

    private NotificationDispatcher.Builder dispatcher() {
        return desk.notificationDispatcher().channel(ContactChannel.EMAIL, email).random(new Random(7))
                .backoff(Duration.ofSeconds(30), Duration.ofHours(1)).owner("node-a");
    }

    private List<FeedbackEvent> notificationEvents(Feedback f) {
        return desk.history(HOTEL, f.id()).stream()
                .filter(e -> e.type() == EventType.NOTIFICATION_SENT || e.type() == EventType.NOTIFICATION_FAILED).toList();
    }

    private OutboxMessage only() {
        return store.outbox().all().get(0);
    }

    @Test
    void aChannelThatFailsTwiceThenSucceedsYieldsOneDeliveryAndThreeAttemptsInTheHistory() {
        email.then(SendResult.retryable("451 4.3.0 try again later")).thenThrow(new NotificationException("connection refused", true));
        NotificationDispatcher d = dispatcher().build();
        Feedback f = desk.receive(complaint(customer()).build());
        Instant t = clock.instant();

        assertThat(d.tick(t)).isEqualTo(1);
        Instant retry1 = only().nextAttemptAt();
        assertThat(Duration.between(t, retry1)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(d.tick(retry1.minusMillis(1))).as("nothing is due before the back-off ends").isZero();
        assertThat(d.tick(retry1)).isEqualTo(1);
        Instant retry2 = only().nextAttemptAt();
        assertThat(Duration.between(retry1, retry2)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
        assertThat(d.tick(retry2)).isEqualTo(1);
        assertThat(d.tick(retry2.plus(Duration.ofDays(1)))).isZero();

        assertThat(email.sent).hasSize(3).extracting(Notification::idempotencyKey).containsOnly(email.sent.get(0).idempotencyKey());
        assertThat(only().state()).isEqualTo(OutboxMessage.State.SENT);
        assertThat(only().attempts()).isEqualTo(3);
        assertThat(only().providerId()).isEqualTo("provider-3");
        List<FeedbackEvent> events = notificationEvents(f);
        assertThat(events).extracting(FeedbackEvent::type)
                .containsExactly(EventType.NOTIFICATION_FAILED, EventType.NOTIFICATION_FAILED, EventType.NOTIFICATION_SENT);
        assertThat(events).extracting(e -> e.details().get("attempt")).containsExactly("1", "2", "3");
        assertThat(events.get(0).details()).containsEntry("error", "451 4.3.0 try again later").containsEntry("retryAt", retry1.toString());
        assertThat(events.get(1).details().get("error")).contains("connection refused");
        assertThat(events.get(2).details()).containsEntry("providerId", "provider-3").containsEntry("channel", "EMAIL")
                .containsEntry("to", "CUSTOMER").containsEntry("about", "1");
        assertThat(events).allSatisfy(e -> assertThat(e.actor()).isEqualTo(Actor.system("notifications")));
    }

    @Test
    void theChannelsFactsAboutWhatItSentAreRecordedWithTheDeliveryAndCannotReplaceTheDispatchers() {
        ScriptedChannel sms = new ScriptedChannel();
        java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
        facts.put("segments", "6");
        facts.put("cut", "true");
        facts.put("length", "912");
        facts.put("originalLength", "1587");
        facts.put("address", "+900000000000");
        // keys the dispatcher records on other outcomes only: not a delivery's
        facts.put("error", "none");
        facts.put("deadLetter", "false");
        sms.then(SendResult.delivered("J-1", facts));
        Feedback f = desk.receive(complaint(customer().toBuilder().preferredChannel(ContactChannel.SMS).build()).build());
        List<DeliveryOutcome> outcomes = new java.util.ArrayList<>();
        DeliveryRecorder feedbackHistory = desk.deliveries();

        // the desk's own recorder, watched: what it is given is what another owner's recorder would be given
        desk.notificationDispatcher().channel(ContactChannel.SMS, sms).recorder(io.memnun.notify.MessageOwner.FEEDBACK,
                new DeliveryRecorder() {
                    @Override
                    public Optional<String> recordedDelivery(Notification n) {
                        return feedbackHistory.recordedDelivery(n);
                    }

                    @Override
                    public void record(Notification n, DeliveryOutcome o) {
                        outcomes.add(o);
                        feedbackHistory.record(n, o);
                    }
                }).build().tick();

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.cut()).isTrue();
            assertThat(o.error()).as("a delivery has no error").isEmpty();
            assertThat(o.details()).doesNotContainKeys("error", "deadLetter");
            assertThat(o.channelFacts()).as("the channel's own, in its order, without the one the dispatcher's replaced")
                    .containsExactly(java.util.Map.entry("segments", "6"), java.util.Map.entry("cut", "true"),
                            java.util.Map.entry("length", "912"), java.util.Map.entry("originalLength", "1587"));
        });
        FeedbackEvent sent = notificationEvents(f).get(0);
        assertThat(sent.type()).isEqualTo(EventType.NOTIFICATION_SENT);
        assertThat(sent.details()).containsEntry("providerId", "J-1").containsEntry("segments", "6").containsEntry("cut", "true")
                .containsEntry("length", "912").containsEntry("originalLength", "1587")
                .as("the dispatcher's own facts win").containsEntry("address", "+905321234567").doesNotContainKeys("error", "deadLetter");
        assertThat(sent.note()).isEqualTo("customer/RECEIVED by SMS to CUSTOMER delivered, its text cut to fit");
        assertThat(only().notification().text()).as("the outbox keeps the whole text, once").doesNotContain("...");
    }

    @Test
    void aDeliveryUnderWayWhileTheFeedbackIsAnonymisedRecordsNothingThatNamesThePerson() {
        io.memnun.privacy.PersonKey guest = io.memnun.privacy.PersonKey.email("sukru@example.com.tr");
        PrivacyDesk privacy = PrivacyDesk.builder(desk, new io.memnun.store.memory.InMemoryPrivacyStore())
                .accessLogKey(io.memnun.tck.Fixtures.accessLogKey()).build();
        Feedback f = desk.receive(complaint(customer()).build());
        // the erasure request is handled while the acknowledgement is with the mail server, which then takes it
        NotificationDispatcher d = desk.notificationDispatcher().channel(ContactChannel.EMAIL, n -> {
            privacy.erase(HOTEL, guest, Actor.staff("kvkk"));
            return SendResult.delivered("<ack-1@otel.example>");
        }).owner("node-a").build();

        d.tick(clock.instant());

        List<FeedbackEvent> recorded = notificationEvents(f);
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.note()).isEqualTo(io.memnun.feedback.Anonymisation.PLACEHOLDER);
            assertThat(e.details()).containsEntry("address", io.memnun.feedback.Anonymisation.PLACEHOLDER)
                    .containsEntry("providerId", "<ack-1@otel.example>")
                    .containsEntry("channel", "EMAIL").containsEntry("to", "CUSTOMER").containsEntry("attempt", "1");
        });
        assertThat(desk.history(HOTEL, f.id()).toString()).doesNotContain("sukru").doesNotContain("Şükrü");
        assertThat(HistoryVerifier.of(store).verify(HOTEL, f.id()).intact()).isTrue();
    }

    @Test
    void aLongTickNeverSendsWhatAnotherNodeMayAlreadyHaveClaimed() {
        for (int i = 0; i < 60; i++) {
            desk.receive(complaint(customer()).build());
        }
        List<UUID> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        NotificationDispatcher nodeB = desk.notificationDispatcher().owner("node-b").lease(Duration.ofMinutes(5)).batchSize(10)
                .channel(ContactChannel.EMAIL, n -> {
                    sent.add(n.id());
                    return SendResult.delivered("b-" + n.id());
                }).build();
        int[] count = {0};
        // node A: each send takes 10 s, far below the 5-minute lease; node B ticks while A is busy
        NotificationDispatcher nodeA = desk.notificationDispatcher().owner("node-a").lease(Duration.ofMinutes(5)).batchSize(50)
                .channel(ContactChannel.EMAIL, n -> {
                    sent.add(n.id());
                    clock.advance(Duration.ofSeconds(10));
                    if (++count[0] == 35) {
                        nodeB.tick();
                    }
                    return SendResult.delivered("a-" + n.id());
                }).build();

        nodeA.tick();
        // what A left for lack of lease is sent by later ticks, once its lease has run out
        for (int round = 0; round < 5; round++) {
            clock.advance(Duration.ofMinutes(10));
            nodeB.tick();
            nodeA.tick();
        }

        assertThat(sent).as("every message sent once").doesNotHaveDuplicates().hasSize(60);
        assertThat(store.outbox().all()).allMatch(m -> m.state() == OutboxMessage.State.SENT);
    }

    @Test
    void aChannelDeferringToATimeAlreadyPastDoesNotHoldTheTickForEver() {
        Feedback f = desk.receive(complaint(customer()).build());
        int[] tries = {0};
        NotificationDispatcher d = desk.notificationDispatcher().owner("node-a").batchSize(1)
                .channel(ContactChannel.EMAIL, n -> {
                    tries[0]++;
                    return SendResult.deferred(clock.instant().minusSeconds(60), "quiet hours ended a minute ago");
                }).build();

        assertThat(d.tick(clock.instant())).isEqualTo(1);

        assertThat(tries[0]).isEqualTo(1);
        assertThat(only().nextAttemptAt()).isAfter(clock.instant());
        assertThat(notificationEvents(f)).isEmpty();
    }

    @Test
    void aNodeThatLostItsLeaseDuringASendRecordsNoFailureOverAnotherNodesDelivery() {
        Feedback f = desk.receive(complaint(customer()).build());
        NotificationDispatcher nodeB = desk.notificationDispatcher().owner("node-b").lease(Duration.ofMinutes(1))
                .channel(ContactChannel.EMAIL, n -> SendResult.delivered("b-1")).build();
        NotificationDispatcher nodeA = desk.notificationDispatcher().owner("node-a").lease(Duration.ofMinutes(1))
                .channel(ContactChannel.EMAIL, n -> {
                    // the send hangs past the lease; node B takes the message over and delivers it
                    clock.advance(Duration.ofMinutes(2));
                    nodeB.tick();
                    return SendResult.permanent("550 mailbox unavailable");
                }).build();

        nodeA.tick();

        assertThat(notificationEvents(f)).extracting(FeedbackEvent::type).containsExactly(EventType.NOTIFICATION_SENT);
        assertThat(only().state()).isEqualTo(OutboxMessage.State.SENT);
    }

    @Test
    void aDeliveredAcknowledgementRecordsTheAcknowledgementAndMeetsItsTarget() {
        BusinessCalendar always = BusinessCalendar.alwaysOpen("always", NotificationFixture.ISTANBUL);
        SlaPolicy policy = SlaPolicy.builder(CalendarRegistry.of(always))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(2), "always"))
                .build();
        desk = FeedbackDesk.builder().store(store).clock(clock).sla(policy)
                .notifications(NotificationFixture.notifications().rules(CUSTOMER_ONLY).build()).build();
        Feedback f = desk.receive(complaint(customer()).build());
        clock.advance(Duration.ofMinutes(3));

        dispatcher().build().tick();

        List<FeedbackEvent> history = desk.history(HOTEL, f.id());
        assertThat(history).extracting(FeedbackEvent::type)
                .containsExactly(EventType.RECEIVED, EventType.NOTIFICATION_SENT, EventType.ACKNOWLEDGED);
        assertThat(history.get(2).actor()).isEqualTo(Actor.system("notifications"));
        assertThat(history.get(2).note()).isEqualTo("acknowledgement delivered by EMAIL");
        Feedback now = desk.get(HOTEL, f.id());
        assertThat(now.slaClock(SlaKind.ACKNOWLEDGEMENT).orElseThrow().state()).isEqualTo(SlaClock.State.MET);
        assertThat(now.version()).isEqualTo(3);
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtOnceAndRecorded() {
        email.then(SendResult.permanent("550 5.1.1 no such user"));
        Feedback f = desk.receive(complaint(customer()).build());

        dispatcher().build().tick();

        assertThat(only().state()).isEqualTo(OutboxMessage.State.DEAD);
        assertThat(store.outbox().deadLetters(10)).hasSize(1);
        FeedbackEvent failed = notificationEvents(f).get(0);
        assertThat(failed.type()).isEqualTo(EventType.NOTIFICATION_FAILED);
        assertThat(failed.details()).containsEntry("deadLetter", "true").containsEntry("error", "550 5.1.1 no such user");
        assertThat(desk.history(HOTEL, f.id())).noneMatch(e -> e.type() == EventType.ACKNOWLEDGED);
    }

    @Test
    void aReasonTheRedactionMadeTooLongIsCutBetweenCharactersAndRecorded() {
        // 2,000 characters, the most a reason holds; each address grows by one as [email], and an emoji stands at the cut
        String reason = "a@b.co ".repeat(100) + "x".repeat(1196) + "\uD83D\uDE1E" + "y".repeat(102);
        email.then(SendResult.retryable(reason));
        Feedback f = desk.receive(complaint(customer()).build());

        dispatcher().build().tick();

        assertThat(notificationEvents(f)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.NOTIFICATION_FAILED);
            assertThat(e.details().get("error")).hasSize(1999).endsWith("x...");
        });
        assertThat(only().lastError()).endsWith("x...");
    }

    @Test
    void whatAChannelSaysAboutAFailureIsRecordedAndLoggedWithoutTheRecipientsPersonalData() {
        // servers and gateways repeat the address, the number, the name or the text in their answers; a host's channel may too
        email.then(SendResult.retryable("451 4.2.1 <sukru@example.com.tr> (Şükrü Çağlayan, +90 532 123 45 67) is over quota"))
                .thenThrow(new IllegalStateException("cannot send to sukru@example.com.tr"))
                .then(SendResult.permanent("550 5.1.1 <SUKRU@EXAMPLE.COM.TR>: user unknown"));
        NotificationDispatcher d = dispatcher().build();
        Feedback f = desk.receive(complaint(customer()).build());

        String log = io.memnun.testing.CapturedLog.during(() -> {
            d.tick();
            d.tick(only().nextAttemptAt());
            d.tick(only().nextAttemptAt());
        });

        assertThat(email.sent).hasSize(3);
        List<FeedbackEvent> failed = notificationEvents(f);
        assertThat(failed).extracting(e -> e.details().get("error")).containsExactly(
                "451 4.2.1 <[email]> ([name], [phone]) is over quota",
                "IllegalStateException: cannot send to [email]",
                "550 5.1.1 <[email]>: user unknown");
        assertThat(failed.get(0).note()).endsWith(": 451 4.2.1 <[email]> ([name], [phone]) is over quota");
        assertThat(only().lastError()).isEqualTo("550 5.1.1 <[email]>: user unknown");
        for (String personal : List.of("sukru@", "SUKRU@", "Şükrü", "Çağlayan", "123 45 67")) {
            assertThat(failed).allSatisfy(e -> assertThat(e.note() + e.details().get("error")).doesNotContain(personal));
            assertThat(log).doesNotContain(personal);
        }
        assertThat(log).as("where it failed is still logged").contains("IllegalStateException: cannot send to [email]")
                .contains("at io.memnun.NotificationDispatcherTest");
    }

    @Test
    void anSmsTheNumberCannotTakeIsSentByEmailInsteadWithTheEventsOwnValues() {
        ScriptedChannel sms = new ScriptedChannel();
        NotificationDispatcher d = dispatcher().channel(ContactChannel.SMS, sms).build();
        Feedback withEmail = desk.receive(complaint(customer().toBuilder().preferredChannel(ContactChannel.SMS).build()).build());
        Feedback smsOnly = desk.receive(complaint(customer().toBuilder().email((String) null).build()).build());
        d.tick();
        sms.then(SendResult.unreachable("phone: is a FIXED_LINE number of TR, not a mobile one"))
                .then(SendResult.unreachable("phone: is a FIXED_LINE number of TR, not a mobile one"));
        desk.cancel(HOTEL, withEmail.id(), Actor.staff("ayse.yilmaz"), "Mükerrer kayıt, FB-1 ile birleştirildi");
        desk.cancel(HOTEL, smsOnly.id(), Actor.staff("ayse.yilmaz"), "Mükerrer kayıt");

        d.tick();
        d.tick();

        assertThat(email.sent).filteredOn(n -> n.template().equals("customer/CANCELLED")).singleElement().satisfies(n -> {
            assertThat(n.feedbackId()).contains(withEmail.id());
            assertThat(n.text()).as("the cancellation's own note").contains("Mükerrer kayıt, FB-1 ile birleştirildi");
            assertThat(n.eventVersion()).isEqualTo(notificationEvents(withEmail).stream()
                    .filter(e -> "customer/CANCELLED".equals(e.details().get("template"))).findFirst().orElseThrow().details().get("about")
                    .transform(Long::parseLong));
            assertThat(n.acknowledgement()).isFalse();
        });
        FeedbackEvent told = notificationEvents(withEmail).stream().filter(e -> e.details().containsKey("fallback")).findFirst().orElseThrow();
        assertThat(told.details()).containsEntry("channel", "SMS").containsEntry("unreachable", "true").containsEntry("fallback", "EMAIL");
        assertThat(told.note()).endsWith("told by e-mail instead");
        assertThat(notificationEvents(withEmail)).last().satisfies(e -> assertThat(e.details()).containsEntry("channel", "EMAIL")
                .containsEntry("template", "customer/CANCELLED"));
        assertThat(notificationEvents(smsOnly)).as("no e-mail address: dead-lettered as before").last().satisfies(e -> assertThat(e.details())
                .containsEntry("deadLetter", "true").containsEntry("unreachable", "true").doesNotContainKey("fallback"));
    }

    @Test
    void aMessageThatKeepsFailingIsDeadLetteredAfterTheConfiguredAttempts() {
        for (int i = 0; i < 3; i++) {
            email.then(SendResult.retryable("421 service not available"));
        }
        NotificationDispatcher d = dispatcher().maxAttempts(3).build();
        Feedback f = desk.receive(complaint(customer()).build());

        Instant t = clock.instant();
        for (int i = 0; i < 3; i++) {
            d.tick(t);
            t = only().state() == OutboxMessage.State.PENDING ? only().nextAttemptAt() : t;
        }

        assertThat(email.sent).hasSize(3);
        assertThat(only().state()).isEqualTo(OutboxMessage.State.DEAD);
        assertThat(only().lastError()).isEqualTo("gave up after 3 attempts: 421 service not available");
        assertThat(notificationEvents(f)).extracting(e -> e.details().getOrDefault("deadLetter", "false"))
                .containsExactly("false", "false", "true");
    }

    @Test
    void aValidationErrorOrAMissingChannelIsPermanent() {
        email.thenThrow(new ValidationException("sms", "is 5 segments long, the limit is 3"));
        Feedback f = desk.receive(complaint(customer()).build());
        Feedback g = desk.receive(complaint(customer().toBuilder().preferredChannel(ContactChannel.SMS).build()).build());

        dispatcher().build().tick();

        assertThat(notificationEvents(f).get(0).details().get("error")).isEqualTo("sms: is 5 segments long, the limit is 3");
        assertThat(notificationEvents(g).get(0).details().get("error")).isEqualTo("no SMS channel is configured");
        assertThat(store.outbox().deadLetters(10)).hasSize(2);
    }

    @Test
    void aDeliveryIsRecordedOnACancelledFeedbackToo() {
        Feedback f = desk.receive(complaint(customer()).build());
        desk.cancel(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Mükerrer kayıt");

        dispatcher().build().tick();

        Feedback now = desk.get(HOTEL, f.id());
        assertThat(now.status()).isEqualTo(Status.CANCELLED);
        assertThat(notificationEvents(f)).extracting(e -> e.details().get("template"))
                .containsExactly("customer/RECEIVED", "customer/CANCELLED");
        // a cancelled feedback is not acknowledged afterwards
        assertThat(desk.history(HOTEL, f.id())).noneMatch(e -> e.type() == EventType.ACKNOWLEDGED);
    }

    @Test
    void aDeferredMessageIsNotAnAttemptAndLeavesNoHistory() {
        Instant morning = clock.instant().plus(Duration.ofHours(9));
        email.then(SendResult.deferred(morning, "quiet hours"));
        Feedback f = desk.receive(complaint(customer()).build());
        NotificationDispatcher d = dispatcher().build();

        d.tick(clock.instant());

        assertThat(only().attempts()).isZero();
        assertThat(only().nextAttemptAt()).isEqualTo(morning);
        assertThat(notificationEvents(f)).isEmpty();
        d.tick(morning);
        assertThat(only().state()).isEqualTo(OutboxMessage.State.SENT);
        assertThat(only().attempts()).isEqualTo(1);
    }

    /** Stands for the node dying: an Error is not caught by the dispatcher, so the lease stays taken. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aCrashBetweenSendAndRecordYieldsOneDuplicateWithTheSameKey() {
        Feedback f = desk.receive(complaint(customer()).build());
        Instant t = clock.instant();
        NotificationDispatcher first = desk.notificationDispatcher().owner("node-a").channel(ContactChannel.EMAIL, n -> {
            email.send(n);
            throw new Crash();
        }).build();
        assertThatThrownBy(() -> first.tick(t)).isInstanceOf(Crash.class);
        assertThat(dispatcher().owner("node-b").build().tick(t.plusSeconds(60))).as("the first node's lease still runs").isZero();

        NotificationDispatcher second = dispatcher().owner("node-b").build();
        assertThat(second.tick(t.plus(Duration.ofMinutes(5)))).isEqualTo(1);
        assertThat(second.tick(t.plus(Duration.ofMinutes(20)))).isZero();

        assertThat(email.sent).hasSize(2);
        assertThat(email.sent.get(1).idempotencyKey()).isEqualTo(email.sent.get(0).idempotencyKey());
        assertThat(notificationEvents(f)).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("attempt", "2"));
        assertThat(only().state()).isEqualTo(OutboxMessage.State.SENT);
    }

    @Test
    void aCrashAfterTheHistoryRecordedTheDeliverySendsNothingAgain() {
        InMemoryOutboxStore real = store.outbox();
        OutboxStore crashingOnMark = new ForwardingOutbox(real) {
            @Override
            public boolean markSent(UUID id, String owner, Instant at, String providerId) {
                if (owner.equals("node-a")) {
                    throw new Crash();
                }
                return super.markSent(id, owner, at, providerId);
            }
        };
        Feedback f = desk.receive(complaint(customer()).build());
        Instant t = clock.instant();
        assertThatThrownBy(() -> dispatcher().outbox(crashingOnMark).build().tick(t)).isInstanceOf(Crash.class);

        dispatcher().owner("node-b").build().tick(t.plus(Duration.ofMinutes(5)));

        assertThat(email.sent).hasSize(1);
        assertThat(notificationEvents(f)).hasSize(1);
        assertThat(only().state()).isEqualTo(OutboxMessage.State.SENT);
        assertThat(only().providerId()).isEqualTo("provider-1");
    }

    /** A dispatcher whose recording of {@code failing}'s first outcome fails with {@code failure}. */
    private NotificationDispatcher recordingFailsOnce(Feedback failing, RuntimeException failure) {
        DeliveryRecorder history = desk.deliveries();
        int[] failures = {0};
        return dispatcher().recorder(io.memnun.notify.MessageOwner.FEEDBACK, new DeliveryRecorder() {
            @Override
            public Optional<String> recordedDelivery(Notification n) {
                return history.recordedDelivery(n);
            }

            @Override
            public void record(Notification n, DeliveryOutcome o) {
                if (n.feedbackId().orElseThrow().equals(failing.id()) && failures[0]++ == 0) {
                    throw failure;
                }
                history.record(n, o);
            }
        }).build();
    }

    /**
     * Outside a host's transaction a conflict cost only the call that met it: the message whose delivery could not be
     * recorded is claimed again when its lease ends (and sent again under the same key, as after any failure there),
     * and the tick goes on with the others, which would otherwise wait for their leases too.
     */
    @Test
    void aConflictInTheStoresOwnTransactionIsOneMessagesFailureAndTheTickGoesOn() {
        Feedback first = desk.receive(complaint(customer()).build());
        clock.advance(Duration.ofSeconds(1));
        Feedback second = desk.receive(complaint(customer()).build());
        NotificationDispatcher d = recordingFailsOnce(first, SlaMonitorTest.conflict(false));
        Instant t = clock.instant();

        assertThat(d.tick(t)).isEqualTo(2);
        assertThat(notificationEvents(first)).isEmpty();
        assertThat(notificationEvents(second)).extracting(FeedbackEvent::type).containsExactly(EventType.NOTIFICATION_SENT);

        assertThat(d.tick(t.plus(Duration.ofMinutes(5)))).as("once the lease ran out").isEqualTo(1);
        assertThat(notificationEvents(first)).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("attempt", "2"));
        assertThat(email.sent).extracting(Notification::feedbackId).containsExactly(Optional.of(first.id()), Optional.of(second.id()),
                Optional.of(first.id()));
        assertThat(store.outbox().all()).allMatch(m -> m.state() == OutboxMessage.State.SENT);
    }

    /**
     * Inside a host's transaction a conflict means the database aborted it, claims and records of the tick included:
     * the tick stops there and throws it, rather than sending the rest of the batch, whose records would fail or be
     * written outside the transaction.
     */
    @Test
    void aConflictInTheHostsTransactionEndsTheTick() {
        Feedback first = desk.receive(complaint(customer()).build());
        clock.advance(Duration.ofSeconds(1));
        desk.receive(complaint(customer()).build());
        io.memnun.error.TransactionConflictException conflict = SlaMonitorTest.conflict(true);
        NotificationDispatcher d = recordingFailsOnce(first, conflict);

        assertThatThrownBy(d::tick).isSameAs(conflict);
        assertThat(email.sent).as("nothing after the conflict was sent").extracting(Notification::feedbackId)
                .containsExactly(Optional.of(first.id()));
    }

    /**
     * A channel whose provider accepted the message but which reports facts the record refuses (a line break, a value
     * too long, a key that is no key, one too many): the message was sent, so it is recorded as delivered with the
     * facts that can be kept, and the log names each dropped fact's key, never its value.
     */
    @Test
    void aDeliveryWhoseChannelReportsInvalidFactsIsRecordedWithTheValidOnes() {
        java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
        facts.put("segments", "2");
        facts.put("gatewayNote", "accepted\nfor +905321234567");
        facts.put("reply", "x".repeat(201));
        facts.put("sukru@example.com.tr", "1");
        facts.put("status", null);
        for (int i = 0; i < SendResult.Delivered.MAX_DETAILS; i++) {
            facts.put("part" + i, Integer.toString(i));
        }
        NotificationDispatcher d = dispatcher().channel(ContactChannel.EMAIL, n -> SendResult.delivered("J-7", facts)).build();
        Feedback f = desk.receive(complaint(customer()).build());

        String log = io.memnun.testing.CapturedLog.during(d::tick);

        assertThat(only().state()).isEqualTo(OutboxMessage.State.SENT);
        assertThat(only().providerId()).isEqualTo("J-7");
        FeedbackEvent sent = notificationEvents(f).get(0);
        assertThat(sent.type()).isEqualTo(EventType.NOTIFICATION_SENT);
        assertThat(sent.details()).containsEntry("providerId", "J-7").containsEntry("segments", "2").containsEntry("part14", "14")
                .doesNotContainKeys("gatewayNote", "reply", "sukru@example.com.tr", "status", "part15");
        assertThat(store.outbox().deadLetters(10)).isEmpty();
        assertThat(log).contains("gatewayNote").contains("reply").contains("status").contains("part15")
                .doesNotContain("+905321234567").doesNotContain("xxxxxxxxxx").doesNotContain("sukru@");
    }

    @Test
    void recordingTriesAgainWhenTheFeedbackChangedMeanwhile() {
        // the recorder reads a stale version once, as if a staff command landed between its read and its write
        StaleOnce stale = new StaleOnce(store);
        desk = desk(stale);
        Feedback f = desk.receive(complaint(customer()).build());
        desk.addNote(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Misafir arandı");
        stale.arm(f);

        dispatcher().build().tick();

        assertThat(desk.history(HOTEL, f.id())).extracting(FeedbackEvent::type)
                .containsExactly(EventType.RECEIVED, EventType.NOTE_ADDED, EventType.NOTIFICATION_SENT, EventType.ACKNOWLEDGED);
    }

    @Test
    void theBackOffDoublesUpToItsMaximumWithinTheJitter() {
        NotificationDispatcher d = dispatcher().backoff(Duration.ofSeconds(10), Duration.ofMinutes(10)).jitter(0.25).random(new Random(42)).build();
        Random attempts = new Random(2026);
        for (int i = 0; i < 2000; i++) {
            int attempt = 1 + attempts.nextInt(30);
            long base = Math.min(10_000L << Math.min(attempt - 1, 20), 600_000L);
            long delay = d.delayAfter(attempt).toMillis();
            assertThat(delay).as("attempt %d", attempt).isBetween(Math.round(base * 0.75), Math.min(Math.round(base * 1.25), 600_000L));
        }
        NotificationDispatcher exact = dispatcher().backoff(Duration.ofSeconds(10), Duration.ofMinutes(10)).jitter(0).build();
        assertThat(List.of(1, 2, 3, 7, 8, 50)).extracting(a -> exact.delayAfter(a).toSeconds()).containsExactly(10L, 20L, 40L, 600L, 600L, 600L);
        assertThatThrownBy(() -> dispatcher().jitter(1.0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> dispatcher().backoff(Duration.ofMinutes(1), Duration.ofSeconds(1))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> desk.notificationDispatcher().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("no channel");
    }

    @Test
    void aStartedDispatcherSendsOnItsOwnThreadUntilClosed() throws InterruptedException {
        desk.receive(complaint(customer()).build());
        try (NotificationDispatcher d = dispatcher().build().start(Duration.ofMillis(20))) {
            for (int i = 0; i < 500 && only().state() != OutboxMessage.State.SENT; i++) {
                Thread.sleep(10);
            }
            assertThat(only().state()).isEqualTo(OutboxMessage.State.SENT);
            assertThatThrownBy(() -> d.start(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Returns the version before {@code armed}'s latest on the next lookup of it. */
    private static final class StaleOnce extends ForwardingFeedbackStore implements io.memnun.spi.TransactionalOutbox {
        private final InMemoryFeedbackStore real;
        private volatile Feedback stale;

        StaleOnce(InMemoryFeedbackStore real) {
            super(real);
            this.real = real;
        }

        void arm(Feedback olderVersion) {
            this.stale = olderVersion;
        }

        @Override
        public Optional<Feedback> find(TenantId tenant, io.memnun.feedback.FeedbackId id) {
            Feedback s = stale;
            if (s != null && s.id().equals(id)) {
                stale = null;
                return Optional.of(s);
            }
            return super.find(tenant, id);
        }

        @Override
        public OutboxStore outbox() {
            return real.outbox();
        }
    }

    private static class ForwardingOutbox implements OutboxStore {
        private final OutboxStore d;

        ForwardingOutbox(OutboxStore d) {
            this.d = d;
        }

        @Override
        public void enqueue(List<Notification> notifications) {
            d.enqueue(notifications);
        }

        @Override
        public List<OutboxMessage> claim(String owner, Instant now, Duration lease, int limit) {
            return d.claim(owner, now, lease, limit);
        }

        @Override
        public boolean markSent(UUID id, String owner, Instant at, String providerId) {
            return d.markSent(id, owner, at, providerId);
        }

        @Override
        public boolean markFailed(UUID id, String owner, Instant nextAttemptAt, String error) {
            return d.markFailed(id, owner, nextAttemptAt, error);
        }

        @Override
        public boolean reschedule(UUID id, String owner, Instant at, String reason) {
            return d.reschedule(id, owner, at, reason);
        }

        @Override
        public boolean deadLetter(UUID id, String owner, Instant at, String error) {
            return d.deadLetter(id, owner, at, error);
        }

        @Override
        public Optional<OutboxMessage> find(UUID id) {
            return d.find(id);
        }

        @Override
        public List<OutboxMessage> deadLetters(int limit) {
            return d.deadLetters(limit);
        }

        @Override
        public boolean requeue(UUID id, Instant at) {
            return d.requeue(id, at);
        }

        @Override
        public int purgeSent(Instant before) {
            return d.purgeSent(before);
        }

        @Override
        public int deleteFor(io.memnun.feedback.TenantId tenant, io.memnun.feedback.FeedbackId feedback) {
            return d.deleteFor(tenant, feedback);
        }

        @Override
        public int deleteForOwner(io.memnun.feedback.TenantId tenant, String ownerKind, java.util.UUID ownerId) {
            return d.deleteForOwner(tenant, ownerKind, ownerId);
        }
    }
}
