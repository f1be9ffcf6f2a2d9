package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Page;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two application nodes (two desks, two storages, two connection pools) on one PostgreSQL receive feedback
 * concurrently: every reference number is issued once (drawn one at a time or in blocks per node), and every
 * feedback received is stored with its history.
 */
class PostgresClusterTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 60;

    @ParameterizedTest(name = "reference block {0}")
    @ValueSource(ints = {1, 7})
    void twoNodesReceivingConcurrentlyNeverShareAReferenceNumberNorLoseFeedback(int referenceBlock) throws Exception {
        HikariDataSource schema = TestDatabases.postgresSchema(2);
        String url = schema.getJdbcUrl();
        schema.close();
        try (HikariDataSource nodeA = pool(url, "node-a"); HikariDataSource nodeB = pool(url, "node-b")) {
            JdbcStorage storageA = JdbcStorage.builder().dataSource(nodeA).migrateOnStart(true).referenceBlock(referenceBlock).build();
            // the second node starts against the migrated schema and only checks it
            JdbcStorage storageB = JdbcStorage.builder().dataSource(nodeB).referenceBlock(referenceBlock).build();
            FeedbackDesk deskA = FeedbackDesk.builder().store(storageA.feedbackStore()).build();
            FeedbackDesk deskB = FeedbackDesk.builder().store(storageB.feedbackStore()).build();
            TenantId tenant = TenantId.of("chain");

            java.util.Set<ReferenceNumber> taken = java.util.concurrent.ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<List<Feedback>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                FeedbackDesk desk = t % 2 == 0 ? deskA : deskB;
                int thread = t;
                Callable<List<Feedback>> task = () -> {
                    start.await();
                    List<Feedback> mine = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM,
                                "thread " + thread + " item " + i).build());
                        if (i % 3 == 0) {
                            // the other node takes it: commands interleave with receipts
                            (desk == deskA ? deskB : deskA).take(tenant, f.reference(), Actor.staff("s" + thread));
                            taken.add(f.reference());
                        }
                        mine.add(f);
                    }
                    return mine;
                };
                futures.add(pool.submit(task));
            }
            List<Feedback> received = new ArrayList<>();
            for (Future<List<Feedback>> f : futures) {
                received.addAll(f.get(300, TimeUnit.SECONDS));
            }
            pool.shutdown();

            int total = THREADS * PER_THREAD;
            assertThat(received).hasSize(total);
            assertThat(received).extracting(Feedback::reference).doesNotHaveDuplicates();
            // each node may leave the rest of its last block unissued
            assertThat(received).extracting(f -> f.reference().sequence()).allMatch(n -> n >= 1 && n <= total + 2 * (referenceBlock - 1));

            List<ReferenceNumber> stored = new ArrayList<>();
            FeedbackQuery q = FeedbackQuery.builder(tenant).limit(FeedbackQuery.MAX_LIMIT).build();
            while (true) {
                Page<Feedback> page = deskB.query(q);
                page.items().forEach(f -> stored.add(f.reference()));
                if (page.next().isEmpty()) {
                    break;
                }
                q = q.after(page.next().get());
            }
            assertThat(stored).hasSize(total).containsExactlyInAnyOrderElementsOf(received.stream().map(Feedback::reference).toList());
            assertThat(taken).hasSize(THREADS * ((PER_THREAD + 2) / 3));
            for (Feedback f : received) {
                assertThat(deskA.history(tenant, f.id())).as("history of %s", f.reference()).hasSize(taken.contains(f.reference()) ? 2 : 1);
            }
        }
    }

    private static HikariDataSource pool(String url, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(THREADS);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }
}
