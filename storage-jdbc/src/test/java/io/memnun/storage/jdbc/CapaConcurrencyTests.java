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
}
