package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
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
import io.memnun.notify.Delivery;
import io.memnun.notify.Notification;
import io.memnun.notify.NotificationRule;
import io.memnun.notify.NotificationRules;
import io.memnun.notify.OutboxMessage;
import io.memnun.notify.Party;
import io.memnun.notify.SendResult;
import io.memnun.spi.NotificationChannel;
import io.memnun.spi.OutboxStore;
import io.memnun.tck.Fixtures;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes, each with its own storage, desk and dispatcher, on one PostgreSQL: dispatching at the same
 * time, they send every message exactly once and record each delivery once in the feedback's history.
 */
class PostgresDispatchClusterTest {
    private static final NotificationRules RULES = NotificationRules.builder()
            .add(NotificationRule.on(EventType.RECEIVED, Party.CUSTOMER).via(Delivery.EMAIL_AND_SMS))
            .build();
    private static HikariDataSource ds;

    /** Counts what it is asked to send, per message, across both nodes. */
    private static final class CountingChannel implements NotificationChannel {
        final Map<UUID, AtomicInteger> sends = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> byNode = new ConcurrentHashMap<>();

        NotificationChannel forNode(String node) {
            return n -> {
                byNode.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
                return send(n);
            };
        }

        @Override
        public SendResult send(Notification n) {
            int count = sends.computeIfAbsent(n.id(), k -> new AtomicInteger()).incrementAndGet();
            return SendResult.delivered(n.channel() + "-" + n.id() + "-" + count);
        }
    }

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgresSchema(8);
        JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();
    }

    @AfterAll
    static void close() {
        ds.close();
    }

    private static FeedbackDesk node(MutableClock clock) {
        JdbcStorage storage = JdbcStorage.builder().dataSource(ds).build();
        return FeedbackDesk.builder().store(storage.feedbackStore()).clock(clock)
                .notifications(Notifications.builder("Otel").rules(RULES).build()).build();
    }

    @Test
    void twoDispatchersClaimingAtOnceSendEveryMessageExactlyOnce() throws Exception {
        // Monday 10:00 in Istanbul, outside quiet hours
        MutableClock clock = MutableClock.at("2026-03-16T07:00:00Z");
        FeedbackDesk a = node(clock);
        FeedbackDesk b = node(clock);
        TenantId tenant = Fixtures.newTenant("cluster");
        List<Feedback> received = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Intake intake = Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima çalışmıyor " + i)
                    .customer(Customer.builder().email("misafir" + i + "@example.com").phone("+9053212345" + (10 + i)).build())
                    .build();
            received.add((i % 2 == 0 ? a : b).receive(intake));
        }
        CountingChannel channel = new CountingChannel();
        List<NotificationDispatcher> dispatchers = List.of(dispatcher(a, "node-a", channel), dispatcher(b, "node-b", channel));
        Instant now = clock.instant();

        CyclicBarrier start = new CyclicBarrier(dispatchers.size());
        ExecutorService pool = Executors.newFixedThreadPool(dispatchers.size());
        try {
            List<Future<Integer>> handled = new ArrayList<>();
            for (NotificationDispatcher d : dispatchers) {
                handled.add(pool.submit(() -> {
                    start.await();
                    return d.tick(now);
                }));
            }
            int total = 0;
            for (Future<Integer> f : handled) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }

        assertThat(channel.sends).hasSize(40);
        assertThat(channel.sends.values()).as("sends per message; per node: %s", channel.byNode).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(dispatchers.get(0).tick(now.plus(Duration.ofDays(1)))).as("nothing left to send").isZero();
        OutboxStore outbox = JdbcStorage.builder().dataSource(ds).build().outboxStore();
        for (Feedback f : received) {
            List<FeedbackEvent> sent = a.history(tenant, f.id()).stream()
                    .filter(e -> e.type() == EventType.NOTIFICATION_SENT).toList();
            assertThat(sent).as("deliveries recorded for %s", f.reference()).hasSize(2)
                    .extracting(e -> e.details().get("channel")).containsExactlyInAnyOrder("EMAIL", "SMS");
            for (FeedbackEvent e : sent) {
                OutboxMessage m = outbox.find(UUID.fromString(e.details().get("message"))).orElseThrow();
                assertThat(m.state()).isEqualTo(OutboxMessage.State.SENT);
                assertThat(m.attempts()).isEqualTo(1);
            }
        }
    }

    private static NotificationDispatcher dispatcher(FeedbackDesk desk, String owner, CountingChannel channel) {
        return desk.notificationDispatcher().owner(owner).batchSize(3)
                .channel(ContactChannel.EMAIL, channel.forNode(owner))
                .channel(ContactChannel.SMS, channel.forNode(owner))
                .build();
    }
}
