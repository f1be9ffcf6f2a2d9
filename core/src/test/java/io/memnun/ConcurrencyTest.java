package io.memnun;

import static io.memnun.tck.FeedbackAssert.assertSameState;
import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Assessment;
import io.memnun.feedback.Channel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.testing.ForwardingFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Eight threads work on one feedback through the desk at once and retry when their write is refused as stale.
 * Each thread does its own kind of work, chosen so that the only possible refusal is a version conflict: thread 0
 * alone moves the status (plan / take cycles) and thread 7 alone changes the priority, so each knows what is
 * valid; the others add notes, reassign to fresh staff ids and reassess, which every state they can meet allows.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int SUCCESSES_PER_THREAD = 30;
    private static final int MAX_ATTEMPTS_PER_THREAD = 20_000;

    private final MutableClock clock = MutableClock.at("2026-03-14T09:26:53.589793Z");
    private final TenantId tenant = TenantId.of("otel");
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void concurrentCommandsOnOneFeedbackLoseNoUpdate() throws Exception {
        InMemoryFeedbackStore memory = new InMemoryFeedbackStore();
        // park briefly after each load, so that writers overlap between their load and their save
        ForwardingFeedbackStore store = new ForwardingFeedbackStore(memory) {
            @Override
            public Optional<Feedback> find(TenantId t, FeedbackId id) {
                Optional<Feedback> f = super.find(t, id);
                LockSupport.parkNanos(20_000);
                return f;
            }
        };
        List<FeedbackEvent> published = new CopyOnWriteArrayList<>();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).referenceSequence(memory).clock(clock)
                .listener((f, e) -> published.add(e)).build();
        Feedback received = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.PHONE, "Gürültü var").build());
        FeedbackId id = received.id();
        desk.take(tenant, id, Actor.staff("ayşe"));
        int setupCommands = 1;

        List<Function<Integer, Feedback>> work = List.of(
                n -> {
                    Feedback current = desk.get(tenant, id);
                    return current.status() == Status.IN_PROGRESS
                            ? desk.plan(tenant, id, Actor.staff("planlayıcı"), clock.instant().plus(Duration.ofHours(n + 1)), null)
                            : desk.take(tenant, id, Actor.staff("planlayıcı"));
                },
                n -> desk.addNote(tenant, id, Actor.staff("not-1"), "not " + n),
                n -> desk.addNote(tenant, id, Actor.staff("not-2"), "not " + n),
                n -> desk.assign(tenant, id, Actor.staff("şef"), StaffId.of("görevli-3-" + n)),
                n -> desk.assign(tenant, id, Actor.staff("şef"), StaffId.of("görevli-4-" + n)),
                n -> desk.assess(tenant, id, Actor.staff("kalite"), Assessment.of(Assessment.Severity.values()[n % 4], "etki " + n, n % 2 == 0)),
                n -> desk.assess(tenant, id, Actor.staff("kalite"), Assessment.of(Assessment.Severity.values()[(n + 2) % 4], null, false)),
                n -> {
                    Priority current = desk.get(tenant, id).priority();
                    Priority next = Priority.values()[(current.ordinal() + 1) % Priority.values().length];
                    return desk.changePriority(tenant, id, Actor.staff("müdür"), next, "öncelik " + n);
                });

        Map<Integer, Throwable> unexpected = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        List<Long> writtenVersions = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                int done = 0;
                for (int attempt = 0; done < SUCCESSES_PER_THREAD && attempt < MAX_ATTEMPTS_PER_THREAD; attempt++) {
                    try {
                        writtenVersions.add(work.get(thread).apply(done).version());
                        done++;
                    } catch (VersionConflictException e) {
                        conflicts.incrementAndGet();
                    } catch (Throwable e) {
                        unexpected.put(thread, e);
                        return done;
                    }
                }
                return done;
            }));
        }
        int successes = 0;
        for (Future<Integer> f : futures) {
            successes += f.get(120, TimeUnit.SECONDS);
        }

        assertThat(unexpected).as("refusals other than version conflicts").isEmpty();
        assertThat(successes).as("every thread finished its work").isEqualTo(THREADS * SUCCESSES_PER_THREAD);
        assertThat(conflicts.get()).as("version conflicts: the threads did overlap").isPositive();

        Feedback last = desk.get(tenant, id);
        List<FeedbackEvent> history = desk.history(tenant, id);
        int commands = setupCommands + successes;
        assertThat(last.version() - 1).as("successful commands = final version - 1").isEqualTo(commands);
        assertThat(history.size() - 1).as("successful commands = history size - 1").isEqualTo(commands);
        assertThat(history).extracting(FeedbackEvent::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, last.version()).boxed().toList());
        assertThat(writtenVersions).as("no two successful writes claimed the same version")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(3, last.version()).boxed().toList());
        assertThat(history).allSatisfy(e -> assertThat(e.feedbackId()).isEqualTo(id));

        Map<EventType, Long> byType = history.stream().collect(Collectors.groupingBy(FeedbackEvent::type, Collectors.counting()));
        assertThat(byType).containsEntry(EventType.NOTE_ADDED, 2L * SUCCESSES_PER_THREAD)
                .containsEntry(EventType.ASSIGNED, 2L * SUCCESSES_PER_THREAD)
                .containsEntry(EventType.ASSESSED, 2L * SUCCESSES_PER_THREAD)
                .containsEntry(EventType.PRIORITY_CHANGED, (long) SUCCESSES_PER_THREAD);
        assertThat(byType.get(EventType.PLANNED) + byType.get(EventType.TAKEN)).isEqualTo(SUCCESSES_PER_THREAD + 1L);

        assertThat(replay(history)).isEqualTo(last.status());
        assertThat(last.assignee().map(StaffId::value)).isEqualTo(lastDetail(history, "assignee", EventType.ASSIGNED, EventType.TAKEN));
        assertThat(last.priority().name()).isEqualTo(lastDetail(history, "toPriority", EventType.PRIORITY_CHANGED).orElseThrow());
        assertThat(last.assessment().orElseThrow().severity().name())
                .isEqualTo(lastDetail(history, "severity", EventType.ASSESSED).orElseThrow());
        assertThat(last.plannedUntil().map(Object::toString)).isEqualTo(lastDetail(history, "plannedUntil", EventType.PLANNED));
        assertPriorityChainIsUnbroken(history);

        assertSameState(memory.find(tenant, id).orElseThrow(), last);
        assertThat(published).containsExactlyInAnyOrderElementsOf(history);
    }

    /** The status reached by following the history's transitions from the receipt; each must start where the last ended. */
    private static Status replay(List<FeedbackEvent> history) {
        assertThat(history.get(0).type()).isEqualTo(EventType.RECEIVED);
        assertThat(history.get(0).from()).isNull();
        Status state = history.get(0).to();
        for (FeedbackEvent e : history.subList(1, history.size())) {
            assertThat(e.from()).as("event v%d starts where v%d ended", e.version(), e.version() - 1).isEqualTo(state);
            state = e.to();
        }
        return state;
    }

    private static Optional<String> lastDetail(List<FeedbackEvent> history, String key, EventType... types) {
        List<EventType> wanted = List.of(types);
        String value = null;
        for (FeedbackEvent e : history) {
            if (wanted.contains(e.type()) && e.details().containsKey(key)) {
                value = e.details().get(key);
            }
        }
        return Optional.ofNullable(value);
    }

    private static void assertPriorityChainIsUnbroken(List<FeedbackEvent> history) {
        String current = history.get(0).details().get("priority");
        for (FeedbackEvent e : history) {
            if (e.type() == EventType.PRIORITY_CHANGED) {
                assertThat(e.details().get("fromPriority")).as("v%d", e.version()).isEqualTo(current);
                current = e.details().get("toPriority");
            }
        }
    }
}
