package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.TenantId;
import io.memnun.report.Dimension;
import io.memnun.report.DurationStats;
import io.memnun.report.ReportFilter;
import io.memnun.report.ReportPeriod;
import io.memnun.report.SlaCompliance;
import io.memnun.spi.ReportStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A database at schema 14, with clock rounds in {@code sla_round}, migrated to schema 15: the rounds become the totals
 * on their feedback rows, the reports count the same, and the table is gone. On H2 and PostgreSQL.
 */
class SchemaFifteenUpgradeTest {
    private static final Instant AT = Instant.parse("2026-03-16T07:00:00Z");
    private static final TenantId TENANT = TenantId.of("otel");

    @Test
    void roundsRecordedBeforeSchemaFifteenAreCountedAfterwards_h2() throws SQLException {
        check(TestDatabases.h2(), "h2", "varchar");
    }

    @Test
    void roundsRecordedBeforeSchemaFifteenAreCountedAfterwards_postgresql() throws SQLException {
        try (HikariDataSource ds = TestDatabases.postgresSchema(3)) {
            check(ds, "postgresql", "jsonb");
        }
    }

    private static void check(DataSource ds, String folder, String jsonType) throws SQLException {
        TestDatabases.migrateTo(ds, folder, "14");
        UUID rejectedOnce = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            feedback(c, jsonType, rejectedOnce, 1, "reception");
            feedback(c, jsonType, late, 2, "kitchen");
            feedback(c, jsonType, open, 3, "kitchen");
            round(c, rejectedOnce, "ACKNOWLEDGEMENT", 0, true, Duration.ofMinutes(5));
            round(c, rejectedOnce, "FIRST_RESPONSE", 0, true, Duration.ofHours(2));
            round(c, rejectedOnce, "RESOLUTION", 0, true, Duration.ofHours(1));
            round(c, rejectedOnce, "RESOLUTION", 3, false, Duration.ofHours(2));
            round(c, late, "ACKNOWLEDGEMENT", 0, false, Duration.ofHours(3));
            round(c, late, "RESOLUTION", 0, true, Duration.ofMinutes(30));
        }

        JdbcStorage storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();

        assertThat(storage.schemaVersion()).contains(storage.requiredSchemaVersion());
        ReportStore reports = storage.reportStore();
        ReportFilter march = ReportFilter.of(TENANT, ReportPeriod.month(YearMonth.of(2026, 3), ZoneOffset.UTC));
        assertThat(reports.slaCompliance(march, null)).extracting(SlaCompliance::target, SlaCompliance::met, SlaCompliance::missed)
                .containsExactly(tuple(SlaKind.ACKNOWLEDGEMENT, 1L, 1L), tuple(SlaKind.FIRST_RESPONSE, 1L, 0L), tuple(SlaKind.RESOLUTION, 2L, 1L));
        assertThat(reports.slaCompliance(march, Dimension.DEPARTMENT))
                .extracting(SlaCompliance::target, SlaCompliance::key, SlaCompliance::met, SlaCompliance::missed)
                .containsExactly(tuple(SlaKind.ACKNOWLEDGEMENT, "kitchen", 0L, 1L), tuple(SlaKind.ACKNOWLEDGEMENT, "reception", 1L, 0L),
                        tuple(SlaKind.FIRST_RESPONSE, "reception", 1L, 0L),
                        tuple(SlaKind.RESOLUTION, "kitchen", 1L, 0L), tuple(SlaKind.RESOLUTION, "reception", 1L, 1L));
        // the open one has no resolution round and no handling time; the one rejected once used both rounds' time
        assertThat(reports.handlingTime(march, Dimension.DEPARTMENT))
                .extracting(DurationStats::key, DurationStats::count, s -> s.mean().toMinutes())
                .containsExactly(tuple("kitchen", 1L, 30L), tuple("reception", 1L, 180L));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM memnun_sla_round")).isInstanceOf(SQLException.class);
        }
    }

    private static void feedback(Connection c, String jsonType, UUID id, long sequence, String department) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memnun_feedback (tenant, id, ref_prefix, ref_year, ref_seq, version,"
                + " kind, priority, channel, customer, description, status, received_at, updated_at, rejection_count, appeal_count,"
                + " department_id) VALUES (?, ?, 'FB', 2026, ?, 3, 'COMPLAINT', 'NORMAL', 'phone', CAST('{}' AS " + jsonType + "),"
                + " 'Oda soğuk', 'IN_PROGRESS', ?, ?, 0, 0, ?)")) {
            ps.setString(1, TENANT.value());
            ps.setObject(2, id);
            ps.setLong(3, sequence);
            ps.setTimestamp(4, Timestamp.from(AT));
            ps.setTimestamp(5, Timestamp.from(AT));
            ps.setString(6, department);
            ps.executeUpdate();
        }
    }

    private static void round(Connection c, UUID feedback, String kind, int startedDaysLater, boolean met, Duration used)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memnun_sla_round (tenant, feedback_id, kind, started_at, met, used_ms,"
                + " stopped_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            Instant started = AT.plus(Duration.ofDays(startedDaysLater));
            ps.setString(1, TENANT.value());
            ps.setObject(2, feedback);
            ps.setString(3, kind);
            ps.setTimestamp(4, Timestamp.from(started));
            ps.setBoolean(5, met);
            ps.setLong(6, used.toMillis());
            ps.setTimestamp(7, Timestamp.from(started.plus(used)));
            ps.executeUpdate();
        }
    }
}
