package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.HistoryVerifier;
import io.memnun.NotificationDispatcher;
import io.memnun.Notifications;
import io.memnun.error.StoreException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Priority;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.SendResult;
import io.memnun.sla.SlaPolicy;
import io.memnun.tck.Fixtures;
import io.memnun.testing.MutableClock;
import io.memnun.testing.ReliabilityFigures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database fails the n-th statement or commit, for every n, at every step of a whole lifecycle (receipt, every
 * kind of command, the SLA monitor, the dispatcher); after each failure the stored state is the one before the step
 * or the one after it, never between: the version, the history, the outbox and the hash chain agree. And a
 * dispatcher whose connection keeps dropping still delivers every message and records each delivery once.
 */
class LifecycleFaultTest extends OnEachDatabase {
    private final MutableClock clock = MutableClock.at("2026-05-04T07:00:00.000001Z");
    /** What the channel was handed, by idempotency key, for this test's tenant only (a dispatcher serves all). */
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private volatile TenantId tenant;

    private FeedbackDesk desk(DataSource ds) {
        JdbcStorage storage = JdbcStorage.builder().dataSource(ds).build();
        return FeedbackDesk.builder().store(storage.feedbackStore()).clock(clock).sla(SlaPolicy.defaults())
                .notifications(Notifications.builder("Otel").build()).build();
    }

    private NotificationDispatcher dispatcher(FeedbackDesk desk) {
        return desk.notificationDispatcher().lease(Duration.ofMinutes(1)).channel(ContactChannel.EMAIL, n -> {
            if (n.tenant().equals(tenant)) {
                deliveries.computeIfAbsent(n.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
            }
            return SendResult.delivered("id-" + n.id());
        }).build();
    }

    /** What is stored about one tenant's feedback. */
    private record Snapshot(long version, String status, int events, long messages) {}

    private Snapshot snapshot(FeedbackDesk healthy, TenantId tenant) {
        List<Feedback> all = healthy.query(FeedbackQuery.builder(tenant).build()).items();
        if (all.isEmpty()) {
            return new Snapshot(0, "none", 0, rows("outbox", tenant));
        }
        Feedback f = all.get(0);
        return new Snapshot(f.version(), f.status().name(), healthy.history(tenant, f.id()).size(), rows("outbox", tenant));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void aWholeLifecycleFailingAtEveryStatementIsNeverHalfWritten(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("lifecycle-fault");
        this.tenant = tenant;
        FailingDataSource faulty = new FailingDataSource(dataSource());
        FeedbackDesk failing = desk(faulty);
        NotificationDispatcher failingDispatcher = dispatcher(failing);
        FeedbackDesk healthy = desk(dataSource());
        HistoryVerifier verifier = HistoryVerifier.of(JdbcStorage.builder().dataSource(dataSource()).build().feedbackStore());
        Actor ali = Actor.staff("ali");
        ReferenceNumber[] ref = new ReferenceNumber[1];
        Map<String, BiConsumer<FeedbackDesk, NotificationDispatcher>> steps = new LinkedHashMap<>();
        steps.put("receive", (d, x) -> ref[0] = d.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL,
                Fixtures.TURKISH_TEXT).customer(Customer.builder().email("misafir@example.com").build()).build()).reference());
        steps.put("dispatch", (d, x) -> x.tick(clock.instant()));
        steps.put("acknowledge", (d, x) -> d.acknowledge(tenant, ref[0], ali, "alındı"));
        steps.put("take", (d, x) -> d.take(tenant, ref[0], ali));
        steps.put("plan", (d, x) -> d.plan(tenant, ref[0], ali, clock.instant().plus(Duration.ofDays(2)), "yarın"));
        steps.put("take again", (d, x) -> d.take(tenant, ref[0], ali));
        steps.put("await customer", (d, x) -> d.awaitCustomer(tenant, ref[0], ali, "oda numaranız?"));
        steps.put("customer responded", (d, x) -> d.customerResponded(tenant, ref[0], "412"));
        steps.put("change priority", (d, x) -> d.changePriority(tenant, ref[0], ali, Priority.URGENT, "VIP"));
        steps.put("assign", (d, x) -> d.assign(tenant, ref[0], ali, StaffId.of("ayse")));
        steps.put("add note", (d, x) -> d.addNote(tenant, ref[0], ali, "teknik servis"));
        steps.put("SLA monitor", (d, x) -> d.slaMonitor().tick(clock.instant().plus(Duration.ofDays(20))));
        steps.put("redirect", (d, x) -> d.redirect(tenant, ref[0], ali, Fixtures.KITCHEN, StaffId.of("ayse"), "mutfak"));
        steps.put("take by the new department", (d, x) -> d.take(tenant, ref[0], Actor.staff("ayse")));
        steps.put("resolve", (d, x) -> d.resolve(tenant, ref[0], ali, "oda değişti"));
        steps.put("reject", (d, x) -> d.reject(tenant, ref[0], "hâlâ sıcak"));
        steps.put("resolve again", (d, x) -> d.resolve(tenant, ref[0], ali, "bir gece ücretsiz"));
        steps.put("accept", (d, x) -> d.accept(tenant, ref[0], "teşekkürler"));
        steps.put("appeal", (d, x) -> d.appeal(tenant, ref[0], ali, "yeniden açıldı"));
        steps.put("cancel", (d, x) -> d.cancel(tenant, ref[0], ali, "yanlışlıkla"));
        steps.put("dispatch the rest", (d, x) -> x.tick(clock.instant()));

        int injected = 0;
        int oldState = 0;
        int newState = 0;
        for (Map.Entry<String, BiConsumer<FeedbackDesk, NotificationDispatcher>> step : steps.entrySet()) {
            for (int n = 1; ; n++) {
                Snapshot before = snapshot(healthy, tenant);
                int callsBefore = faulty.calls();
                faulty.failCall(n);
                boolean failed = false;
                try {
                    step.getValue().accept(failing, failingDispatcher);
                } catch (StoreException e) {
                    failed = true;
                }
                boolean reached = faulty.calls() - callsBefore >= n;
                faulty.failCall(Integer.MAX_VALUE / 2);
                Snapshot after = snapshot(healthy, tenant);
                String at = step.getKey() + ", failure at call " + n;
                assertConsistent(healthy, verifier, tenant, at);
                if (!reached) {
                    // the step needed fewer calls than n: it went through unharmed, on to the next step
                    assertThat(failed).as(at).isFalse();
                    break;
                }
                injected++;
                if (after.equals(before)) {
                    oldState++;
                } else {
                    // a failure after the change was committed (a later statement of the step, e.g. the dispatcher's
                    // mark after the delivery was recorded): the new state, whole; the step is done
                    newState++;
                    break;
                }
                clock.advance(Duration.ofMinutes(2));
            }
        }
        // messages left claimed by a failed dispatch come back after their lease; all are delivered in the end
        for (int i = 0; i < 5; i++) {
            dispatcher(healthy).tick(clock.advance(Duration.ofMinutes(2)).instant());
        }
        Feedback f = healthy.get(tenant, ref[0]);
        List<FeedbackEvent> history = healthy.history(tenant, f.id());
        assertThat(f.status().name()).isEqualTo("CANCELLED");
        long messages = rows("outbox", tenant);
        long recordedSent = history.stream().filter(e -> e.type() == EventType.NOTIFICATION_SENT).count();
        assertThat(recordedSent).as("every message's delivery recorded").isEqualTo(messages);
        assertThat(history.stream().filter(e -> e.type() == EventType.NOTIFICATION_SENT)
                .map(e -> e.details().get("message")).distinct().count()).as("each delivery recorded once").isEqualTo(messages);
        long duplicates = deliveries.values().stream().mapToInt(AtomicInteger::get).filter(c -> c > 1).count();
        assertThat(deliveries).hasSize((int) messages);
        ReliabilityFigures.of("lifecycle-faults-" + name())
                .put("lifecycle steps", steps.size())
                .put("faults injected (the n-th statement or commit failing, every n of every step)", injected)
                .put("after a failure: the state before the step", oldState)
                .put("after a failure: the whole state after the step (failure after the commit)", newState)
                .put("half-written states", 0)
                .put("messages planned and delivered", messages)
                .put("messages handed to the channel twice (sent, then the record of it failed; same idempotency key)", duplicates)
                .put("lost", 0)
                .write();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void anAnonymisationFailingAtEveryStatementLeavesTheHistoryAsItWasOrWhollySealedAnew(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("anonymise-fault");
        this.tenant = tenant;
        FeedbackDesk healthy = desk(dataSource());
        Actor ali = Actor.staff("ali");
        Feedback f = healthy.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, Fixtures.TURKISH_TEXT)
                .customer(Customer.builder().name("Şükrü Bey").email("sukru@example.com").build()).build());
        healthy.take(tenant, f.reference(), ali);
        healthy.addNote(tenant, f.reference(), ali, "Şükrü Bey aradı, 0532 123 45 67");
        healthy.resolve(tenant, f.reference(), ali, "oda değişti");
        JdbcFeedbackStore store = JdbcStorage.builder().dataSource(dataSource()).build().feedbackStore();
        HistoryVerifier verifier = HistoryVerifier.of(store);
        List<io.memnun.feedback.SealedEvent> before = store.sealedHistory(tenant, f.id());
        String noteDigest = io.memnun.feedback.HistoryChain.textDigest("Şükrü Bey aradı, 0532 123 45 67");
        FailingDataSource faulty = new FailingDataSource(dataSource());
        JdbcStorage failingStorage = JdbcStorage.builder().dataSource(faulty).build();
        FeedbackDesk failing = FeedbackDesk.builder().store(failingStorage.feedbackStore()).clock(clock).build();
        io.memnun.PrivacyDesk privacy = io.memnun.PrivacyDesk.builder(failing, failingStorage.privacyStore())
                .accessLogKey(Fixtures.accessLogKey()).build();

        int injected = 0;
        for (int n = 1; ; n++) {
            int callsBefore = faulty.calls();
            faulty.failCall(n);
            boolean failed = false;
            try {
                privacy.anonymise(tenant, f.id(), Actor.staff("kvkk"), "erasure-request");
            } catch (StoreException e) {
                failed = true;
            }
            boolean reached = faulty.calls() - callsBefore >= n;
            faulty.failCall(Integer.MAX_VALUE / 2);
            String at = "failure at call " + n;
            List<io.memnun.feedback.SealedEvent> now = store.sealedHistory(tenant, f.id());
            assertThat(verifier.verify(tenant, f.id()).intact()).as("chain, %s", at).isTrue();
            if (!reached) {
                assertThat(failed).as(at).isFalse();
                break;
            }
            injected++;
            if (now.size() == before.size()) {
                assertThat(now).as("untouched, %s", at).isEqualTo(before);
            } else {
                // committed before the failure: blanked and sealed anew, all of it
                assertThat(now).as(at).hasSize(before.size() + 1);
                assertThat(now.toString()).as(at).doesNotContain(noteDigest).doesNotContain("Şükrü");
                break;
            }
        }
        assertThat(injected).isGreaterThan(2);
        ReliabilityFigures.of("anonymisation-faults-" + name())
                .put("faults injected into one anonymisation (the n-th statement or commit failing, every n)", injected)
                .put("half-written histories (text blanked but not sealed anew, or sealed in part)", 0)
                .write();
        assertThat(io.memnun.feedback.Anonymisation.isAnonymised(store.find(tenant, f.id()).orElseThrow())).isTrue();
        assertThat(store.sealedHistory(tenant, f.id()).toString()).doesNotContain(noteDigest);
        assertThat(verifier.verify(tenant, f.id()).intact()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void aDispatcherWhoseConnectionKeepsDroppingDeliversEverythingAndRecordsEachDeliveryOnce(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("dispatch-fault");
        this.tenant = tenant;
        FeedbackDesk healthy = desk(dataSource());
        int feedback = 20;
        List<Feedback> all = new ArrayList<>();
        for (int i = 0; i < feedback; i++) {
            all.add(healthy.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "şikayet " + i)
                    .customer(Customer.builder().email("misafir" + i + "@example.com").build()).build()));
        }
        long messages = rows("outbox", tenant);
        assertThat(messages).isGreaterThanOrEqualTo(feedback);
        FailingDataSource faulty = new FailingDataSource(dataSource());
        NotificationDispatcher dispatcher = dispatcher(desk(faulty));
        long seed = Long.getLong("memnun.fault.seed", System.nanoTime());
        System.out.println("[dispatch faults " + name() + "] seed " + seed);
        faulty.failRandomly(0.1, seed);
        int ticks = 0;
        while (rows("outbox", tenant, "state <> 'SENT'") > 0 && ticks < 200) {
            try {
                dispatcher.tick(clock.advance(Duration.ofMinutes(2)).instant());
            } catch (StoreException e) {
                // the claim itself failed: the next tick tries again
            }
            ticks++;
        }
        faulty.failRandomly(0, 0);
        assertThat(rows("outbox", tenant, "state <> 'SENT'")).as("undelivered after %d ticks, seed %d", ticks, seed).isZero();
        long recorded = 0;
        for (Feedback f : all) {
            List<FeedbackEvent> h = healthy.history(tenant, f.id());
            List<String> sent = h.stream().filter(e -> e.type() == EventType.NOTIFICATION_SENT).map(e -> e.details().get("message")).toList();
            assertThat(sent).as("deliveries of %s recorded once each", f.reference()).doesNotHaveDuplicates();
            recorded += sent.size();
            assertThat(h).extracting(FeedbackEvent::version).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, h.size()).boxed().toList());
        }
        assertThat(recorded).isEqualTo(messages);
        long duplicates = deliveries.values().stream().mapToInt(AtomicInteger::get).filter(c -> c > 1).count();
        ReliabilityFigures.of("dispatch-faults-" + name())
                .put("messages", messages)
                .put("dispatcher ticks", ticks)
                .put("faults injected (each statement or commit fails with probability 0.1)", faulty.injected())
                .put("messages delivered", deliveries.size())
                .put("deliveries recorded in the history, once each", recorded)
                .put("messages handed to the channel twice (same idempotency key)", duplicates)
                .put("lost", messages - deliveries.size())
                .write();
    }

    private void assertConsistent(FeedbackDesk healthy, HistoryVerifier verifier, TenantId tenant, String at) {
        for (Feedback f : healthy.query(FeedbackQuery.builder(tenant).build()).items()) {
            List<FeedbackEvent> h = healthy.history(tenant, f.id());
            assertThat(h).as("history of %s", at).hasSize((int) f.version());
            assertThat(h.get(h.size() - 1).to()).as(at).isEqualTo(f.status());
            assertThat(verifier.verify(tenant, f.id()).intact()).as("chain, %s", at).isTrue();
            assertThat(rows("outbox", tenant, "event_version > " + f.version())).as("messages of unstored events, %s", at).isZero();
        }
    }

    private long rows(String table, TenantId tenant) {
        return rows(table, tenant, "1 = 1");
    }

    private long rows(String table, TenantId tenant, String condition) {
        return TestDatabases.rows(dataSource(), table, tenant, condition);
    }

}
