package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.storage.jdbc.internal.RowClaimer;
import io.memnun.storage.jdbc.internal.SqlDialect;
import io.memnun.storage.jdbc.internal.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The row claimer that SLA escalation and outbox dispatch build on: every due row is claimed by exactly one worker. */
abstract class RowClaimerTests {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private String table;
    private RowClaimer claimer;

    abstract DataSource dataSource();

    abstract Dialect dialect();

    @BeforeEach
    void table() throws SQLException {
        table = "claim_test_" + TABLES.incrementAndGet();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, due_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " claimed_by VARCHAR(100), claimed_until TIMESTAMP WITH TIME ZONE)");
        }
        claimer = new RowClaimer(new Transactions(dataSource(), null), SqlDialect.of(dialect()),
                new RowClaimer.Table(table, "id", "claimed_by", "claimed_until"));
    }

    private void rows(int count, Instant dueAt) throws SQLException {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, due_at) VALUES (?, ?)")) {
            for (int i = 1; i <= count; i++) {
                ps.setLong(1, i);
                ps.setObject(2, dueAt.plusSeconds(i).atOffset(java.time.ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private List<Long> claim(String owner, int limit, Instant now) {
        return claimer.claim(Long.class, "due_at <= ?", List.of(now), "due_at, id", limit, owner, now, Duration.ofMinutes(5));
    }

    @Test
    void claimsDueRowsInOrderAndNotTwice() throws SQLException {
        rows(10, NOW.minusSeconds(100));
        rows2NotDue();
        assertThat(claim("a", 4, NOW)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(claim("b", 100, NOW)).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(claim("c", 100, NOW)).isEmpty();
    }

    private void rows2NotDue() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + table + " (id, due_at) VALUES (1000, TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00+00')");
        }
    }

    @Test
    void anExpiredLeaseIsClaimedAgainAndAReleasedRowAtOnce() throws SQLException {
        rows(2, NOW.minusSeconds(100));
        assertThat(claim("dead-node", 1, NOW)).containsExactly(1L);
        assertThat(claim("b", 1, NOW.plus(Duration.ofMinutes(4)))).containsExactly(2L);
        assertThat(claim("c", 10, NOW.plus(Duration.ofMinutes(4)))).isEmpty();
        assertThat(claim("c", 10, NOW.plus(Duration.ofMinutes(5)))).containsExactly(1L);

        assertThat(claimer.release(2L, "someone-else")).isFalse();
        assertThat(claimer.release(2L, "b")).isTrue();
        assertThat(claim("d", 10, NOW.plus(Duration.ofMinutes(5)))).containsExactly(2L);
    }

    @Test
    void aRowAnotherNodeClaimedAndFinishedBetweenTheSelectAndTheUpdateIsNotClaimed() throws SQLException {
        rows(1, NOW.minusSeconds(100));
        FailingDataSource between = new FailingDataSource(dataSource());
        RowClaimer a = new RowClaimer(new Transactions(between, null), SqlDialect.of(dialect()),
                new RowClaimer.Table(table, "id", "claimed_by", "claimed_until"));
        List<Long> claimedByB = new ArrayList<>();
        // after a's select of the due rows, before its update: b claims the row, does its work (the next time it is
        // due is tomorrow) and hands the lease back
        between.beforeCall(2, () -> {
            claimedByB.addAll(claim("b", 10, NOW));
            for (long id : claimedByB) {
                try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE " + table + " SET due_at = due_at + INTERVAL '1' DAY WHERE id = " + id);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                assertThat(claimer.release(id, "b")).isTrue();
            }
        });
        List<Long> claimedByA = a.claim(Long.class, "due_at <= ?", List.of(NOW), "due_at, id", 10, "a", NOW, Duration.ofMinutes(5));
        // H2 lets b take the row a selected; PostgreSQL's FOR UPDATE SKIP LOCKED makes b pass over it
        assertThat(claimedByA.size() + claimedByB.size()).isEqualTo(1);
        if (dialect() == Dialect.H2) {
            assertThat(claimedByB).as("b came between a's select and its update").containsExactly(1L);
        }
        for (long id : claimedByA) {
            assertThat(dueAt(id)).as("a row a holds is due").isBeforeOrEqualTo(NOW);
        }
        assertThat(claim("c", 10, NOW)).isEmpty();
    }

    private Instant dueAt(long id) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT due_at FROM " + table + " WHERE id = " + id)) {
            rs.next();
            return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }

    @Test
    void concurrentWorkersOnSeveralNodesClaimEveryRowExactlyOnce() throws Exception {
        int total = 400;
        rows(total, NOW.minusSeconds(10_000));
        int workers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                // two claimers per "node": separate instances, as on separate application servers
                RowClaimer node = new RowClaimer(new Transactions(dataSource(), null), SqlDialect.of(dialect()),
                        new RowClaimer.Table(table, "id", "claimed_by", "claimed_until"));
                String owner = "node-" + (w / 2) + "-worker-" + w;
                Callable<Integer> task = () -> {
                    start.await();
                    int mine = 0;
                    int emptyInARow = 0;
                    while (emptyInARow < 3) {
                        List<Long> got = node.claim(Long.class, "due_at <= ?", List.of(NOW), "due_at, id", 7, owner, NOW,
                                Duration.ofMinutes(5));
                        all.addAll(got);
                        mine += got.size();
                        emptyInARow = got.isEmpty() ? emptyInARow + 1 : 0;
                    }
                    return mine;
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            int sum = 0;
            for (Future<Integer> f : results) {
                sum += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(sum).isEqualTo(total);
            assertThat(all).hasSize(total).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }
}
