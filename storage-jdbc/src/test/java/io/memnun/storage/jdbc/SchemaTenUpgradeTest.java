package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.feedback.FeedbackId;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.OutboxMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A database at schema 8, with a message in its outbox, migrated to schema 10: the message becomes a feedback's
 * message and is claimed and read like a new one. On H2 and PostgreSQL.
 */
class SchemaTenUpgradeTest {
    private static final Instant AT = Instant.parse("2026-03-16T07:00:00Z");

    @Test
    void anOutboxMessageWrittenBeforeSchemaTenBelongsToItsFeedbackAfterwards_h2() throws SQLException {
        check(TestDatabases.h2(), "h2");
    }

    @Test
    void anOutboxMessageWrittenBeforeSchemaTenBelongsToItsFeedbackAfterwards_postgresql() throws SQLException {
        try (HikariDataSource ds = TestDatabases.postgresSchema(3)) {
            check(ds, "postgresql");
        }
    }

    private static void check(DataSource ds, String folder) throws SQLException {
        TestDatabases.migrateTo(ds, folder, "8");
        UUID id = UUID.randomUUID();
        UUID feedback = UUID.randomUUID();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO memnun_outbox (id, tenant, feedback_id,"
                + " reference, event_version, event_type, template, party, channel, address, language, zone, subject, body_text, category,"
                + " urgent, acknowledgement, idempotency_key, created_at, state, attempts, next_attempt_at)"
                + " VALUES (?, 'otel', ?, 'FB-2026-000007-6', 1, 'RECEIVED', 'customer/RECEIVED', 'CUSTOMER', 'EMAIL', 'misafir@example.com',"
                + " 'tr', 'Europe/Istanbul', 'Geri bildiriminiz alındı', 'Sayın misafirimiz', 'TRANSACTIONAL', false, true, 'n1-old-message', ?,"
                + " 'PENDING', 0, ?)")) {
            ps.setObject(1, id);
            ps.setObject(2, feedback);
            ps.setTimestamp(3, Timestamp.from(AT));
            ps.setTimestamp(4, Timestamp.from(AT));
            ps.executeUpdate();
        }

        JdbcStorage storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();

        assertThat(storage.schemaVersion()).contains(storage.requiredSchemaVersion());
        OutboxMessage m = storage.outboxStore().claim("node-a", AT.plusSeconds(1), Duration.ofMinutes(1), 10).get(0);
        Notification n = m.notification();
        assertThat(n.id()).isEqualTo(id);
        assertThat(n.owner()).isEqualTo(new MessageOwner(MessageOwner.FEEDBACK, feedback, "FB-2026-000007-6"));
        assertThat(n.feedbackId()).contains(FeedbackId.of(feedback));
        assertThat(n.event()).isEqualTo(io.memnun.feedback.EventType.RECEIVED);
        assertThat(n.acknowledgement()).isTrue();
    }
}
