package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.HistoryVerifier;
import io.memnun.Notifications;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Page;
import io.memnun.feedback.TenantId;
import io.memnun.notify.SendResult;
import io.memnun.tck.Fixtures;
import io.memnun.testing.ReliabilityFigures;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ({@link CrashingLoad}) runs a load against PostgreSQL and is killed with SIGKILL in the middle of it,
 * three times over. Afterwards nothing it recorded as committed is lost, nothing it did not commit is visible (each
 * feedback is at most the one step in flight ahead of its record, and every history is whole), and a fresh desk and
 * dispatcher take over: the notifications the child left pending are delivered.
 */
class PostgresCrashTest {
    private static final int ROUNDS = 3;
    private static final int LINES_BEFORE_KILL = 60;
    private static final Set<EventType> STEPS = Set.of(EventType.RECEIVED, EventType.TAKEN, EventType.RESOLVED);
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(4);

    @Test
    void killedMidLoadNothingCommittedIsLostAndPendingNotificationsAreDeliveredAfterRestart(@TempDir Path dir) throws Exception {
        TenantId tenant = Fixtures.newTenant("crash");
        Path record = dir.resolve("committed.txt");
        Path sentByChild = dir.resolve("sent.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < ROUNDS; round++) {
            int linesBefore = lines(record).size();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingLoad.class.getName(),
                    db.dataSource().getJdbcUrl(), tenant.value(), "round" + round + "-", record.toString(), sentByChild.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + round + ".log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines(record).size() < linesBefore + LINES_BEFORE_KILL && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("child still running (log: %s)", log(dir, round)).isTrue();
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no rollback from the client's side
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        }

        // what the child recorded as committed, latest version per feedback
        Map<FeedbackId, Long> recorded = new HashMap<>();
        Map<FeedbackId, Long> recordedVersion = new HashMap<>();
        for (String line : lines(record)) {
            String[] p = line.split(" ");
            FeedbackId id = FeedbackId.of(UUID.fromString(p[0]));
            recorded.merge(id, Long.parseLong(p[1]), Math::max);
            recordedVersion.merge(id, Long.parseLong(p[2]), Math::max);
        }
        JdbcStorage storage = JdbcStorage.builder().dataSource(db.dataSource()).build();
        FeedbackDesk desk = FeedbackDesk.builder().store(storage.feedbackStore())
                .notifications(Notifications.builder("Otel").build()).build();
        HistoryVerifier verifier = HistoryVerifier.of(storage.feedbackStore());
        for (Map.Entry<FeedbackId, Long> r : recordedVersion.entrySet()) {
            Feedback f = desk.get(tenant, r.getKey());
            assertThat(f.version()).as("committed version of %s", f.reference()).isGreaterThanOrEqualTo(r.getValue());
        }
        int ahead = 0;
        int stored = 0;
        FeedbackQuery q = FeedbackQuery.builder(tenant).limit(200).build();
        while (true) {
            Page<Feedback> page = desk.query(q);
            for (Feedback f : page.items()) {
                stored++;
                List<FeedbackEvent> h = desk.history(tenant, f.id());
                assertThat(h).as("history of %s", f.reference()).hasSize((int) f.version());
                assertThat(verifier.verify(tenant, f.id()).intact()).isTrue();
                long known = recorded.getOrDefault(f.id(), 0L);
                // the step in flight when the child died may have committed without being recorded; nothing else
                // (what the dispatcher records, NOTIFICATION_SENT and ACKNOWLEDGED, comes on top: not a step)
                long steps = h.stream().filter(e -> STEPS.contains(e.type())).count();
                if (steps > known) {
                    ahead++;
                    assertThat(steps).as("%s is one step ahead of the record at most", f.reference()).isEqualTo(known + 1);
                }
            }
            if (page.next().isEmpty()) {
                break;
            }
            q = q.after(page.next().get());
        }
        assertThat(ahead).as("feedback ahead of the record: at most one per kill").isLessThanOrEqualTo(ROUNDS);
        assertThat(stored).isGreaterThanOrEqualTo(recorded.size());

        // a fresh dispatcher delivers what the child left pending, including what it had claimed when it died
        Set<String> sentAfterRestart = new HashSet<>();
        var dispatcher = desk.notificationDispatcher().channel(ContactChannel.EMAIL, n -> {
            if (n.tenant().equals(tenant)) {
                sentAfterRestart.add(n.idempotencyKey());
            }
            return SendResult.delivered("parent-" + n.id());
        }).build();
        dispatcher.tick(Instant.now().plus(Duration.ofMinutes(1)));
        Set<String> sentBefore = new HashSet<>(lines(sentByChild));
        Set<String> all = new HashSet<>(sentBefore);
        all.addAll(sentAfterRestart);
        List<String> planned = keys(tenant);
        assertThat(pending(tenant)).as("messages left pending").isZero();
        assertThat(all).as("every planned message delivered by the child or after the restart").containsAll(planned);
        // a message both sent: the child handed it over and died before recording that; same idempotency key
        Set<String> twice = new HashSet<>(sentBefore);
        twice.retainAll(sentAfterRestart);

        ReliabilityFigures.of("crash-postgresql")
                .put("child JVMs killed with SIGKILL mid-load", ROUNDS)
                .put("steps recorded as committed by the children", lines(record).size())
                .put("feedback stored", stored)
                .put("committed steps lost", 0)
                .put("feedback one step ahead of the record (committed, killed before recording)", ahead)
                .put("notifications planned", planned.size())
                .put("delivered by the children before the kill", sentBefore.size())
                .put("delivered by a fresh dispatcher after the restart", sentAfterRestart.size())
                .put("delivered by both (handed over, killed before recording it)", twice.size())
                .put("notifications lost", planned.stream().filter(k -> !all.contains(k)).count())
                .write();
    }

    private static List<String> keys(TenantId tenant) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT idempotency_key FROM memnun_outbox WHERE tenant = ?")) {
            ps.setString(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                List<String> keys = new java.util.ArrayList<>();
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
                return keys;
            }
        }
    }

    private static long pending(TenantId tenant) {
        return TestDatabases.rows(db.dataSource(), "outbox", tenant, "state = 'PENDING'");
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        // a line cut by the kill has no line break yet: it was not recorded
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    private static String log(Path dir, int round) throws IOException {
        File f = dir.resolve("child-" + round + ".log").toFile();
        return f.exists() ? Files.readString(f.toPath()) : "(none)";
    }
}
