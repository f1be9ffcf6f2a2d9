package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CapaLifecycle;
import io.memnun.capa.Origin;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.TenantId;
import io.memnun.spi.CapaStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writers on several connections changing one corrective action at once: one wins, the others get a version conflict. */
abstract class CapaConcurrencyTests {
    private static final Instant T0 = Instant.parse("2026-03-14T09:26:53.589793Z");

    protected abstract JdbcStorage storage();

    @Test
    void ofConcurrentWritesOnOneVersionExactlyOneIsStored() throws Exception {
        CapaStore store = storage().capaStore();
        TenantId tenant = TenantId.of("capa-race-" + UUID.randomUUID());
        CapaLifecycle.Transition opened = CapaLifecycle.open(CapaId.of(UUID.randomUUID()), tenant, CapaKind.PREVENTIVE, "Asansör",
                "Bakım gecikiyor", Origin.standalone(), DepartmentId.of("teknik"), Actor.staff("ayşe"), T0);
        store.save(opened.after(), 0, opened.event());
        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    CapaLifecycle.Transition note = CapaLifecycle.apply(opened.after(), new CapaCommand.AddNote(Actor.staff("s" + n), "not " + n),
                            T0.plusSeconds(n));
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        store.save(note.after(), 1, note.event());
                        return true;
                    } catch (VersionConflictException e) {
                        return false;
                    }
                }));
            }
            int stored = 0;
            for (Future<Boolean> r : results) {
                stored += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.history(tenant, opened.after().id())).hasSize(2);
        assertThat(store.find(tenant, opened.after().id()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void twoNodesTickingAtOnceEscalateEachOverdueItemOnceAndWriteItsMessagesOnce() throws Exception {
        TenantId tenant = TenantId.of("capa-nodes-" + UUID.randomUUID().toString().substring(0, 8));
        java.time.Clock clock = java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC);
        io.memnun.spi.RecipientDirectory directory = io.memnun.store.memory.InMemoryRecipientDirectory.builder()
                .staff("ali", io.memnun.notify.Contact.email("ali", "Ali Demir", "ali@otel.example", java.util.Locale.forLanguageTag("tr")))
                .departmentHead("teknik", io.memnun.notify.Contact.email("fatma", "Fatma Kaya", "fatma@otel.example", java.util.Locale.ENGLISH))
                .build();
        List<io.memnun.CapaDesk> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            io.memnun.FeedbackDesk desk = io.memnun.FeedbackDesk.builder().store(storage().feedbackStore()).clock(clock)
                    .notifications(io.memnun.Notifications.builder("Boğaziçi Otel").directory(directory).build()).build();
            nodes.add(io.memnun.CapaDesk.builder(desk).store(storage().capaStore()).build());
        }
        io.memnun.capa.CorrectiveAction a = nodes.get(0).open(tenant, CapaKind.CORRECTIVE, "Asansör", "Asansör sık arızalanıyor",
                Origin.standalone(), DepartmentId.of("teknik"), Actor.staff("kalite"));
        for (int i = 1; i <= 3; i++) {
            nodes.get(0).execute(tenant, a.id(), new CapaCommand.AddItem(Actor.staff("kalite"), io.memnun.capa.ActionItem.Kind.PROCESS_CHANGE,
                    "Bakım adımı " + i, DepartmentId.of("teknik"), io.memnun.feedback.StaffId.of("ali"), T0.plusSeconds(i)));
        }
        Instant later = T0.plusSeconds(3600);
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int fired = 0;
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                io.memnun.CapaDesk node = nodes.get(i % 2);
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return node.tick(later);
                }));
            }
            for (Future<Integer> r : results) {
                fired += r.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fired).isEqualTo(3);
        assertThat(nodes.get(1).history(tenant, a.id())).filteredOn(e -> e.type() == io.memnun.capa.CapaEventType.ITEM_OVERDUE).hasSize(3);
        List<io.memnun.notify.Notification> messages = new ArrayList<>();
        for (io.memnun.notify.OutboxMessage m : storage().outboxStore().claim("test-" + tenant.value(), later.plusSeconds(3600 * 24 * 3650L),
                java.time.Duration.ofMinutes(5), 10_000)) {
            if (m.notification().owner().id().equals(a.id().value())) {
                messages.add(m.notification());
            }
        }
        // each item: its person (in Turkish) and the head of department (in English), once
        assertThat(messages).hasSize(6);
        assertThat(messages).extracting(io.memnun.notify.Notification::address).containsOnly("ali@otel.example", "fatma@otel.example");
        assertThat(messages).filteredOn(n -> n.address().equals("fatma@otel.example")).allSatisfy(n -> assertThat(n.subject())
                .startsWith("Action item overdue: " + a.number()));
        assertThat(messages).filteredOn(n -> n.address().equals("ali@otel.example")).allSatisfy(n -> assertThat(n.subject())
                .startsWith("Eylem maddesi gecikti: " + a.number()));
    }
}
