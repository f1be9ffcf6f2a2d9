package io.memnun;

import static io.memnun.SlaClocksTest.AYSE;
import static io.memnun.SlaClocksTest.HOTEL;
import static io.memnun.SlaClocksTest.POLICY;
import static io.memnun.SlaClocksTest.istanbul;
import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Channel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Priority;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.testing.ForwardingFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlaMonitorTest {
    final MutableClock clock = new MutableClock(istanbul("2025-03-07T17:30")); // a Friday
    final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    final List<FeedbackEvent> published = Collections.synchronizedList(new ArrayList<>());
    final FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).sla(POLICY)
            .listener((f, e) -> published.add(e))
            .build();

    Feedback receive() {
        return desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FAX, "Faturada hata var").priority(Priority.NORMAL).build());
    }

    static List<FeedbackEvent> slaEvents(List<FeedbackEvent> history) {
        return history.stream().filter(e -> e.type().name().startsWith("SLA_")).toList();
    }

    @Test
    void firesWarningBreachAndEachEscalationLevelOnceAsTheirTimeComes() {
        Feedback f = receive();
        SlaMonitor monitor = desk.slaMonitor();

        // Monday 12:59: nothing due yet (the acknowledgement warning falls due at 13:00)
        assertThat(monitor.tick(istanbul("2025-03-10T12:59"))).isZero();

        // 13:00 = 75% of the 6h acknowledgement: the warning and escalation level 1 (assignee)
        assertThat(monitor.tick(istanbul("2025-03-10T13:00"))).isEqualTo(2);
        assertThat(monitor.tick(istanbul("2025-03-10T13:00"))).as("a second run at the same instant").isZero();

        // 14:30 = 100%: the breach and level 2 (department head); 15:15 is 75% of the first response target
        assertThat(monitor.tick(istanbul("2025-03-10T15:00"))).isEqualTo(2);
        List<FeedbackEvent> events = slaEvents(desk.history(HOTEL, f.id()));
        assertThat(events).extracting(FeedbackEvent::type)
                .containsExactly(EventType.SLA_WARNING, EventType.SLA_ESCALATED, EventType.SLA_BREACHED, EventType.SLA_ESCALATED);
        assertThat(events.get(1).details()).containsEntry("level", "1").containsEntry("recipient", "ASSIGNEE")
                .containsEntry("sla", "ACKNOWLEDGEMENT");
        assertThat(events.get(3).details()).containsEntry("level", "2").containsEntry("recipient", "DEPARTMENT_HEAD");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.from()).isEqualTo(e.to());
            assertThat(e.actor().id()).isEqualTo("sla-monitor");
        });
        assertThat(published).containsAll(events);
        assertThat(desk.get(HOTEL, f.id()).status()).isEqualTo(f.status());
    }

    @Test
    void aMonitorThatWasDownCatchesUpInOrder() {
        Feedback f = receive();
        // a week later everything has fallen due: per clock warning, level 1, breach, level 2, level 3
        int fired = desk.slaMonitor().tick(istanbul("2025-03-17T09:00"));
        assertThat(fired).isEqualTo(3 * 5);
        List<FeedbackEvent> events = slaEvents(desk.history(HOTEL, f.id()));
        assertThat(events).hasSize(15);
        assertThat(events).filteredOn(e -> e.type() == EventType.SLA_ESCALATED && "3".equals(e.details().get("level")))
                .extracting(e -> e.details().get("recipient")).containsOnly("ROLE(quality-manager)");
        assertThat(desk.get(HOTEL, f.id()).nextSlaCheckAt()).isEmpty();
    }

    @Test
    void metAndPausedClocksDoNotFire() {
        Feedback f = receive();
        clock.set(istanbul("2025-03-10T10:00"));
        desk.take(HOTEL, f.id(), AYSE);
        desk.awaitCustomer(HOTEL, f.id(), AYSE, "Fatura numarası?");

        assertThat(desk.slaMonitor().tick(istanbul("2025-03-20T10:00"))).isZero();
        assertThat(slaEvents(desk.history(HOTEL, f.id()))).isEmpty();
    }

    @Test
    void twoMonitorsRacingOnOneStoreFireEveryCheckpointExactlyOnce() throws Exception {
        int count = 40;
        List<Feedback> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(receive());
        }
        // a second application node: its own desk on the same store
        FeedbackDesk otherNode = FeedbackDesk.builder().store(store).clock(clock).sla(POLICY).build();
        Instant at = istanbul("2025-03-10T15:30");
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> {
                start.await();
                return desk.slaMonitor().tick(at);
            });
            Future<Integer> b = pool.submit(() -> {
                start.await();
                return otherNode.slaMonitor().tick(at);
            });
            int fired = a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS);

            int expectedPerFeedback = -1;
            int total = 0;
            for (Feedback f : all) {
                List<FeedbackEvent> events = slaEvents(desk.history(HOTEL, f.id()));
                // no checkpoint twice: each (clock, type, level) appears at most once
                assertThat(events).extracting(e -> e.details().get("sla") + "/" + e.type() + "/" + e.details().get("level"))
                        .doesNotHaveDuplicates();
                if (expectedPerFeedback < 0) {
                    expectedPerFeedback = events.size();
                }
                assertThat(events).as("every feedback received on Friday evening is equally late").hasSize(expectedPerFeedback);
                total += events.size();
            }
            assertThat(expectedPerFeedback).isGreaterThan(0);
            assertThat(fired).isEqualTo(total);
            assertThat(desk.slaMonitor().tick(at)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStaffCommandRacingTheMonitorIsNeitherLostNorBlocksTheEscalation() {
        Feedback f = receive();
        AtomicInteger interfered = new AtomicInteger();
        // the first save of the monitor loses against a note written just before it
        ForwardingFeedbackStore racing = new ForwardingFeedbackStore(store) {
            @Override
            public void save(io.memnun.spi.FeedbackChange change) {
                if (change.events().get(0).type().name().startsWith("SLA_") && interfered.getAndIncrement() == 0) {
                    desk.addNote(HOTEL, f.id(), AYSE, "Misafir arandı");
                }
                super.save(change);
            }
        };
        FeedbackDesk node = FeedbackDesk.builder().store(racing).referenceSequence(store).clock(clock).sla(POLICY).build();

        int fired = node.slaMonitor().tick(istanbul("2025-03-10T13:00"));

        assertThat(fired).isEqualTo(2);
        List<FeedbackEvent> history = desk.history(HOTEL, f.id());
        assertThat(history).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED, EventType.NOTE_ADDED,
                EventType.SLA_WARNING, EventType.SLA_ESCALATED);
        assertThat(history).extracting(FeedbackEvent::version).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void moreFeedbackThanABatchThatCannotBeSavedDoesNotStarveTheFeedbackAfterThem() {
        // 401 feedback whose saves the store refuses, all due before the healthy one: more than two whole batches (each
        // refusal is logged with its stack trace, so not many more)
        java.util.Set<io.memnun.feedback.FeedbackId> poison = new java.util.HashSet<>();
        for (int i = 0; i < 401; i++) {
            poison.add(receive().id());
        }
        clock.advance(Duration.ofMinutes(1));
        Feedback healthy = receive();
        AtomicInteger queries = new AtomicInteger();
        FeedbackDesk node = FeedbackDesk.builder().store(new ForwardingFeedbackStore(store) {
            @Override
            public void save(io.memnun.spi.FeedbackChange change) {
                if (poison.contains(change.feedback().id())) {
                    throw new io.memnun.error.StoreException("the database refuses " + change.feedback().reference());
                }
                super.save(change);
            }

            @Override
            public List<Feedback> dueForSlaCheck(Instant now, int limit) {
                queries.incrementAndGet();
                return super.dueForSlaCheck(now, limit);
            }
        }).referenceSequence(store).clock(clock).sla(POLICY).build();

        int fired = node.slaMonitor().tick(istanbul("2025-03-10T13:01"));

        // the healthy feedback's acknowledgement warning and first escalation, at 75% of its 6 hours
        assertThat(fired).isEqualTo(2);
        assertThat(store.history(HOTEL, healthy.id())).extracting(FeedbackEvent::type)
                .containsExactly(EventType.RECEIVED, EventType.SLA_WARNING, EventType.SLA_ESCALATED);
        // each feedback is tried once a tick: 200 refused, then 200 more past them, then the last one and the healthy one
        assertThat(queries.get()).isEqualTo(3);
        assertThat(store.history(HOTEL, poison.iterator().next())).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED);
    }

    /** A conflict as a database reports it: in the host's transaction, or in a store call's own. */
    static io.memnun.error.TransactionConflictException conflict(boolean inHostTransaction) {
        return new io.memnun.error.TransactionConflictException("could not save feedback: deadlock with a concurrent transaction"
                + " (SQLState 40P01)", new IllegalStateException("the driver's exception"), inHostTransaction);
    }

    /** A node whose store fails the first save of {@code failing} with {@code failure}, and counts the saves tried. */
    private FeedbackDesk nodeFailingOnce(Feedback failing, RuntimeException failure, List<io.memnun.feedback.FeedbackId> saved) {
        AtomicInteger failures = new AtomicInteger();
        return FeedbackDesk.builder().store(new ForwardingFeedbackStore(store) {
            @Override
            public void save(io.memnun.spi.FeedbackChange change) {
                saved.add(change.feedback().id());
                if (change.feedback().id().equals(failing.id()) && failures.getAndIncrement() == 0) {
                    throw failure;
                }
                super.save(change);
            }
        }).referenceSequence(store).clock(clock).sla(POLICY).build();
    }

    /**
     * Outside a host's transaction a conflict cost only the call that met it (the store rolled back its own
     * transaction): like any failure of one feedback it is logged, the tick goes on, and the next tick fires it.
     */
    @Test
    void aConflictInTheStoresOwnTransactionIsOneFeedbacksFailureAndTheTickGoesOn() {
        Feedback first = receive();
        clock.advance(Duration.ofMinutes(1));
        Feedback second = receive();
        List<io.memnun.feedback.FeedbackId> saved = Collections.synchronizedList(new ArrayList<>());
        SlaMonitor monitor = nodeFailingOnce(first, conflict(false), saved).slaMonitor();

        assertThat(monitor.tick(istanbul("2025-03-10T13:01"))).isEqualTo(2);
        assertThat(slaEvents(store.history(HOTEL, first.id()))).isEmpty();
        assertThat(slaEvents(store.history(HOTEL, second.id()))).extracting(FeedbackEvent::type)
                .containsExactly(EventType.SLA_WARNING, EventType.SLA_ESCALATED);

        assertThat(monitor.tick(istanbul("2025-03-10T13:02"))).as("the next tick").isEqualTo(2);
        assertThat(slaEvents(store.history(HOTEL, first.id()))).extracting(FeedbackEvent::type)
                .containsExactly(EventType.SLA_WARNING, EventType.SLA_ESCALATED);
    }

    /**
     * Inside a host's transaction a conflict means the database aborted it: what the tick fired before is lost with it,
     * and what it would fire after fails or runs outside it. The tick stops there and throws it, for the host to roll
     * back and run again.
     */
    @Test
    void aConflictInTheHostsTransactionEndsTheTick() {
        Feedback first = receive();
        clock.advance(Duration.ofMinutes(1));
        Feedback second = receive();
        List<io.memnun.feedback.FeedbackId> saved = Collections.synchronizedList(new ArrayList<>());
        io.memnun.error.TransactionConflictException conflict = conflict(true);
        SlaMonitor monitor = nodeFailingOnce(first, conflict, saved).slaMonitor();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> monitor.tick(istanbul("2025-03-10T13:01"))).isSameAs(conflict);
        assertThat(saved).as("nothing after the conflict was tried").containsExactly(first.id());
        assertThat(slaEvents(store.history(HOTEL, second.id()))).isEmpty();
    }

    @Test
    void oneTickWorksThroughSeveralBatchesOfDueFeedback() {
        List<Feedback> all = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            all.add(receive());
        }

        assertThat(desk.slaMonitor().tick(istanbul("2025-03-10T13:00"))).isEqualTo(2 * 450);
        assertThat(all).allSatisfy(f -> assertThat(store.history(HOTEL, f.id())).extracting(FeedbackEvent::type)
                .containsExactly(EventType.RECEIVED, EventType.SLA_WARNING, EventType.SLA_ESCALATED));
    }

    @Test
    void aStartedMonitorTicksOnTheHostsExecutorUntilClosed() throws Exception {
        receive();
        clock.set(istanbul("2025-03-10T13:00"));
        CountDownLatch fired = new CountDownLatch(2);
        FeedbackDesk watched = FeedbackDesk.builder().store(store).clock(clock).sla(POLICY)
                .listener((f, e) -> fired.countDown()).build();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try (SlaMonitor monitor = watched.slaMonitor().start(executor, Duration.ofMillis(20))) {
            assertThat(fired.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aBadIntervalIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> desk.slaMonitor().start(Duration.ZERO))
                .isInstanceOfSatisfying(io.memnun.error.ValidationException.class, e -> assertThat(e.field()).isEqualTo("interval"));
    }
}
