package io.memnun;

import static io.memnun.NotificationFixture.HOTEL;
import static io.memnun.NotificationFixture.HOUSEKEEPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaEventType;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CapaStatus;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.IllegalCapaTransitionException;
import io.memnun.capa.Origin;
import io.memnun.capa.RootCause;
import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.SubjectId;
import io.memnun.store.memory.InMemoryCapaStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CapaDeskTest {
    private static final Actor QUALITY = Actor.staff("kalite");
    private final MutableClock clock = NotificationFixture.clock();
    private final InMemoryCapaStore capaStore = new InMemoryCapaStore();
    private final List<CapaEvent> heard = new CopyOnWriteArrayList<>();
    private FeedbackDesk desk;
    private CapaDesk capa;

    @BeforeEach
    void setUp() {
        desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
        capa = CapaDesk.builder(desk).store(capaStore).listener((a, e) -> heard.add(e)).build();
    }

    private CorrectiveAction standalone() {
        return capa.open(HOTEL, CapaKind.PREVENTIVE, "Klima bakımı", "Yaz öncesi klimalar denetlenmiyor", Origin.standalone(), HOUSEKEEPING,
                QUALITY);
    }

    private CorrectiveAction withItem(CorrectiveAction a, int days) {
        return capa.execute(HOTEL, a.id(), new CapaCommand.AddItem(QUALITY, ActionItem.Kind.TRAINING, "Bakım eğitimi", HOUSEKEEPING, null,
                clock.instant().plus(Duration.ofDays(days))));
    }

    @Test
    void anActionClosesOnlyWithEveryItemFinishedAndAnEffectiveVerification() {
        CorrectiveAction a = withItem(withItem(standalone(), 7), 14);
        assertThatThrownBy(() -> capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, null)))
                .isInstanceOfSatisfying(IllegalCapaTransitionException.class, e -> {
                    assertThat(e.status()).isEqualTo(CapaStatus.OPEN);
                    assertThat(e.command()).isEqualTo("Close");
                    assertThat(e.reasons()).hasSize(2).anySatisfy(r -> assertThat(r).contains("items still open: [1, 2]"))
                            .anySatisfy(r -> assertThat(r).contains("no verification"));
                });
        capa.execute(HOTEL, a.id(), new CapaCommand.CompleteItem(QUALITY, 1, "Eğitim verildi"));
        capa.execute(HOTEL, a.id(), new CapaCommand.CancelItem(QUALITY, 2, "Birinci yeterli oldu"));
        assertThatThrownBy(() -> capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, null)))
                .isInstanceOfSatisfying(IllegalCapaTransitionException.class, e -> assertThat(e.reasons()).singleElement()
                        .satisfies(r -> assertThat(r).contains("no verification")));
        capa.execute(HOTEL, a.id(), new CapaCommand.Verify(QUALITY, false, "Şikâyetler sürüyor", 9, 8));
        assertThatThrownBy(() -> capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, null)))
                .isInstanceOf(IllegalCapaTransitionException.class).hasMessageContaining("not effective");
        long before = capa.get(HOTEL, a.id()).version();
        capa.execute(HOTEL, a.id(), new CapaCommand.Verify(Actor.staff("denetci"), true, "Şikâyetler 9'dan 1'e indi", 9, 1));
        CorrectiveAction closed = capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, "Etkili"));

        assertThat(closed.status()).isEqualTo(CapaStatus.CLOSED);
        assertThat(closed.verification().verifier()).isEqualTo(Actor.staff("denetci"));
        assertThat(closed.version()).isEqualTo(before + 2);
        List<CapaEvent> history = capa.history(HOTEL, a.id());
        assertThat(history).extracting(CapaEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(history).extracting(CapaEvent::type).containsExactly(CapaEventType.OPENED, CapaEventType.ITEM_ADDED, CapaEventType.ITEM_ADDED,
                CapaEventType.ITEM_DONE, CapaEventType.ITEM_CANCELLED, CapaEventType.VERIFIED, CapaEventType.VERIFIED, CapaEventType.CLOSED);
        assertThat(history.get(6).details()).containsEntry("before", "9").containsEntry("after", "1").containsEntry("effective", "true");
        assertThat(heard).hasSize(8);
        assertThatThrownBy(() -> capa.execute(HOTEL, a.id(), new CapaCommand.AddNote(QUALITY, "geç")))
                .isInstanceOf(IllegalCapaTransitionException.class);
    }

    @Test
    void aVerificationJudgesOnlyFinishedItemsAndALaterItemCallsForAnother() {
        CorrectiveAction a = withItem(standalone(), 7);
        long version = capa.get(HOTEL, a.id()).version();
        assertThatThrownBy(() -> capa.execute(HOTEL, a.id(), new CapaCommand.Verify(QUALITY, true, "Erken", null, null)))
                .isInstanceOfSatisfying(IllegalCapaTransitionException.class, e -> assertThat(e.reasons()).singleElement()
                        .satisfies(r -> assertThat(r).contains("items still open: [1]")));
        assertThat(capa.get(HOTEL, a.id()).version()).isEqualTo(version);

        capa.execute(HOTEL, a.id(), new CapaCommand.CompleteItem(QUALITY, 1, "Eğitim verildi"));
        capa.execute(HOTEL, a.id(), new CapaCommand.Verify(QUALITY, true, "Şikâyet gelmedi", null, null));
        CorrectiveAction second = withItem(capa.get(HOTEL, a.id()), 7);
        assertThat(second.verification()).as("set aside by the item added after it").isNull();
        capa.execute(HOTEL, a.id(), new CapaCommand.CompleteItem(QUALITY, 2, "Prosedür güncellendi"));
        assertThatThrownBy(() -> capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, null)))
                .isInstanceOfSatisfying(IllegalCapaTransitionException.class, e -> assertThat(e.reasons()).singleElement()
                        .satisfies(r -> assertThat(r).contains("no verification")));

        capa.execute(HOTEL, a.id(), new CapaCommand.Verify(QUALITY, true, "İki adım sonrası şikâyet yok", null, null));
        assertThat(capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, null)).status()).isEqualTo(CapaStatus.CLOSED);
        assertThat(capa.history(HOTEL, a.id())).extracting(CapaEvent::type).filteredOn(CapaEventType.VERIFIED::equals).hasSize(2);
    }

    @Test
    void anActionFromAComplaintNeedsTheCustomersAgreementBeforeClosing() {
        Feedback f = desk.receive(NotificationFixture.complaint(NotificationFixture.customer()).build());
        CorrectiveAction a = capa.open(HOTEL, CapaKind.CORRECTIVE, "Klima", "Oda 204 klima arızası", Origin.feedback(f.id()), HOUSEKEEPING, QUALITY);
        capa.execute(HOTEL, a.id(), new CapaCommand.RecordRootCause(QUALITY, RootCause.fishbone(
                Map.of(RootCause.FishboneCategory.MACHINE, List.of("Eski kompresör"), RootCause.FishboneCategory.METHOD, List.of("Bakım planı yok")),
                "Periyodik bakım planı yok")));
        capa.execute(HOTEL, a.id(), new CapaCommand.Verify(QUALITY, true, "Arıza tekrarlamadı", null, null));
        assertThatThrownBy(() -> capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, null)))
                .isInstanceOf(IllegalCapaTransitionException.class).hasMessageContaining("agreed with the customer");
        capa.execute(HOTEL, a.id(), new CapaCommand.RecordCustomerAgreement(QUALITY, "Misafir telefonda onayladı"));
        assertThat(capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, null)).status()).isEqualTo(CapaStatus.CLOSED);
    }

    @Test
    void anActionCannotNameFeedbackThatDoesNotExist() {
        assertThatThrownBy(() -> capa.open(HOTEL, CapaKind.CORRECTIVE, "x", "y", Origin.feedback(FeedbackId.of(java.util.UUID.randomUUID())),
                HOUSEKEEPING, QUALITY)).isInstanceOf(NotFoundException.class);
        assertThat(capa.openActions(HOTEL)).isEmpty();
        CorrectiveAction trend = capa.open(HOTEL, CapaKind.PREVENTIVE, "Gürültü", "Gürültü şikâyetleri artıyor", Origin.trend(SubjectId.of("gurultu")),
                HOUSEKEEPING, QUALITY);
        assertThat(capa.openActions(HOTEL)).containsExactly(trend);
    }

    @Test
    void anActionRefusedForBadInputTakesNoNumber() {
        assertThatThrownBy(() -> capa.open(HOTEL, CapaKind.PREVENTIVE, " Klima", "Yaz öncesi klimalar denetlenmiyor", Origin.standalone(),
                HOUSEKEEPING, QUALITY)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("title"));
        assertThatThrownBy(() -> capa.open(HOTEL, CapaKind.PREVENTIVE, "Klima", " ", Origin.standalone(), HOUSEKEEPING, QUALITY))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("problem"));
        assertThat(capa.openActions(HOTEL)).isEmpty();
        // the first action opened is number 1 of the year: the refused ones left no gap
        assertThat(standalone().number().value().sequence()).isEqualTo(1);
        assertThat(standalone().number().value().sequence()).isEqualTo(2);
    }

    @Test
    void aClosingNoteLongerThanAnyOtherNoteIsRefusedAndChangesNothing() {
        CorrectiveAction a = standalone();
        capa.execute(HOTEL, a.id(), new CapaCommand.Verify(QUALITY, true, "Denetim yapıldı", null, null));
        int events = capa.history(HOTEL, a.id()).size();
        assertThatThrownBy(() -> capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, "x".repeat(4001))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("note"));
        assertThat(capa.history(HOTEL, a.id())).hasSize(events);
        assertThat(capa.get(HOTEL, a.id()).status()).isEqualTo(CapaStatus.OPEN);
        assertThat(capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, "x".repeat(4000))).status()).isEqualTo(CapaStatus.CLOSED);
    }

    @Test
    void eachOverdueItemEscalatesOnce() {
        CorrectiveAction a = withItem(withItem(withItem(standalone(), 1), 3), 10);
        capa.execute(HOTEL, a.id(), new CapaCommand.CompleteItem(QUALITY, 2, "yapıldı"));
        assertThat(capa.tick()).isZero();
        clock.advance(Duration.ofDays(5));
        assertThat(capa.tick()).isEqualTo(1);
        assertThat(capa.tick()).isZero();
        assertThat(capa.tick(clock.instant())).isZero();
        clock.advance(Duration.ofDays(30));
        assertThat(capa.tick()).isEqualTo(1);
        assertThat(capa.tick()).isZero();
        List<CapaEvent> overdue = capa.history(HOTEL, a.id()).stream().filter(e -> e.type() == CapaEventType.ITEM_OVERDUE).toList();
        assertThat(overdue).extracting(e -> e.details().get("item")).containsExactly("1", "3");
        assertThat(heard).filteredOn(e -> e.type() == CapaEventType.ITEM_OVERDUE).hasSize(2);
        assertThat(capa.get(HOTEL, a.id()).item(1).orElseThrow().escalatedAt()).isNotNull();
    }

    @Test
    void actionsThatCannotBeSavedDoNotStarveTheActionsDueAfterThem() {
        // more than a batch of actions whose saves the store refuses, all overdue before the healthy one
        java.util.Set<io.memnun.capa.CapaId> poison = new java.util.HashSet<>();
        for (int i = 0; i < 201; i++) {
            poison.add(withItem(standalone(), 1).id());
        }
        CorrectiveAction healthy = withItem(standalone(), 2);
        clock.advance(Duration.ofDays(3));
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        io.memnun.spi.CapaStore refusing = new io.memnun.testing.ForwardingCapaStore(capaStore) {
            @Override
            public void save(CorrectiveAction action, long expectedVersion, CapaEvent event, List<io.memnun.notify.Notification> outbox) {
                if (poison.contains(action.id())) {
                    throw new io.memnun.error.StoreException("the database refuses " + action.number());
                }
                super.save(action, expectedVersion, event, outbox);
            }

            @Override
            public List<CorrectiveAction> dueForEscalation(java.time.Instant now, int limit) {
                queries.incrementAndGet();
                return super.dueForEscalation(now, limit);
            }
        };
        CapaDesk node = CapaDesk.builder(desk).store(refusing).build();

        assertThat(node.tick()).as("the healthy action's overdue item").isEqualTo(1);
        assertThat(capa.get(HOTEL, healthy.id()).item(1).orElseThrow().escalatedAt()).isNotNull();
        // each action is tried once a tick: 200 refused, then the last refused one and the healthy one past them
        assertThat(queries.get()).isEqualTo(2);
        assertThat(capa.history(HOTEL, poison.iterator().next())).extracting(CapaEvent::type).doesNotContain(CapaEventType.ITEM_OVERDUE);
    }

    /** A CAPA desk on {@code node} whose store fails the first save of {@code failing} with {@code failure}. */
    private CapaDesk failingOnce(FeedbackDesk node, CorrectiveAction failing, RuntimeException failure, List<io.memnun.capa.CapaId> saved) {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        io.memnun.spi.CapaStore failingOnce = new io.memnun.testing.ForwardingCapaStore(capaStore) {
            @Override
            public void save(CorrectiveAction action, long expectedVersion, CapaEvent event, List<io.memnun.notify.Notification> outbox) {
                saved.add(action.id());
                if (action.id().equals(failing.id()) && failures.getAndIncrement() == 0) {
                    throw failure;
                }
                super.save(action, expectedVersion, event, outbox);
            }
        };
        return CapaDesk.builder(node).store(failingOnce).build();
    }

    /** Another node: a desk of its own, whose SLA monitor drives only the CAPA desks built on it. */
    private FeedbackDesk otherNode() {
        return FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
    }

    /** Outside a host's transaction a conflict cost one save: that action waits for the next tick, the others go on. */
    @Test
    void aConflictInTheStoresOwnTransactionIsOneActionsFailureAndTheTickGoesOn() {
        CorrectiveAction first = withItem(standalone(), 1);
        clock.advance(Duration.ofMinutes(1));
        CorrectiveAction second = withItem(standalone(), 1);
        clock.advance(Duration.ofDays(3));
        CapaDesk node = failingOnce(otherNode(), first, SlaMonitorTest.conflict(false), new ArrayList<>());

        assertThat(node.tick()).as("the second action's overdue item").isEqualTo(1);
        assertThat(capa.get(HOTEL, first.id()).item(1).orElseThrow().escalatedAt()).isNull();
        assertThat(capa.get(HOTEL, second.id()).item(1).orElseThrow().escalatedAt()).isNotNull();
        assertThat(node.tick()).as("the next tick").isEqualTo(1);
        assertThat(capa.get(HOTEL, first.id()).item(1).orElseThrow().escalatedAt()).isNotNull();
    }

    /**
     * Inside a host's transaction a conflict means the database aborted it: the tick, and the SLA monitor's tick that
     * drives it, stop there and throw it, for the host to roll back and run again.
     */
    @Test
    void aConflictInTheHostsTransactionEndsTheTickAndTheSlaMonitorsTick() {
        CorrectiveAction first = withItem(standalone(), 1);
        clock.advance(Duration.ofMinutes(1));
        CorrectiveAction second = withItem(standalone(), 1);
        clock.advance(Duration.ofDays(3));
        List<io.memnun.capa.CapaId> saved = new ArrayList<>();
        io.memnun.error.TransactionConflictException conflict = SlaMonitorTest.conflict(true);
        CapaDesk node = failingOnce(otherNode(), first, conflict, saved);

        assertThatThrownBy(node::tick).isSameAs(conflict);
        assertThat(saved).as("nothing after the conflict was tried").containsExactly(first.id());
        assertThat(capa.get(HOTEL, second.id()).item(1).orElseThrow().escalatedAt()).isNull();

        FeedbackDesk driving = otherNode();
        failingOnce(driving, first, conflict, new ArrayList<>());
        assertThatThrownBy(() -> driving.slaMonitor().tick(clock.instant())).isSameAs(conflict);
        assertThat(capa.get(HOTEL, second.id()).item(1).orElseThrow().escalatedAt()).isNull();
    }

    @Test
    void concurrentTicksEscalateEachItemOnce() throws Exception {
        for (int n = 0; n < 5; n++) {
            withItem(withItem(standalone(), 1), 2);
        }
        clock.advance(Duration.ofDays(3));
        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return capa.tick();
                }));
            }
            int total = 0;
            for (Future<Integer> r : results) {
                total += r.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(heard).filteredOn(e -> e.type() == CapaEventType.ITEM_OVERDUE).hasSize(10);
    }

    @Test
    void ofTwoCommandsOnTheSameVersionOneWinsAndTheOtherChangesNothing() throws Exception {
        CorrectiveAction a = withItem(standalone(), 7);
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        capa.execute(HOTEL, a.id(), a.version(), new CapaCommand.AddNote(Actor.staff("s" + n), "not " + n));
                        return true;
                    } catch (VersionConflictException e) {
                        return false;
                    }
                }));
            }
            int won = 0;
            for (Future<Boolean> r : results) {
                won += r.get(20, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(capa.history(HOTEL, a.id())).hasSize(3);
        assertThat(capa.get(HOTEL, a.id()).version()).isEqualTo(a.version() + 1);
    }
}
