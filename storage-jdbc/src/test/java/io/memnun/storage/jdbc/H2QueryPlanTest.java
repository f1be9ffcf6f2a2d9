package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Status;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.storage.jdbc.JdbcFeedbackStore.GroupBy;
import io.memnun.storage.jdbc.JdbcFeedbackStore.GroupCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The counts over a status, and the closing job's list, read only the rows of the statuses they look at on H2, which
 * looks up a list of values in an index only on the index's first column: the statements memnun ran are taken from
 * H2's statistics and run again under {@code EXPLAIN ANALYZE}, which tells how many index entries they read.
 */
class H2QueryPlanTest {
    private static final TenantId HOTEL = TenantId.of("bosphorus-hotels");
    private static final int CLOSED = 30;
    private static final int OPEN = 6;

    private static DataSource ds;
    private static JdbcFeedbackStore store;

    @BeforeAll
    static void feedbackMostlyClosed() {
        ds = TestDatabases.h2();
        store = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build().feedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).build();
        for (int i = 0; i < CLOSED + OPEN; i++) {
            Feedback f = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "The room was cold")
                    .subject(SubjectId.of(i % 2 == 0 ? "heating" : "noise"))
                    .department(DepartmentId.of(i % 3 == 0 ? "technical" : "housekeeping"))
                    .build());
            if (i < CLOSED) {
                desk.take(HOTEL, f.reference(), Actor.staff("ayse"));
                desk.resolve(HOTEL, f.reference(), Actor.staff("ayse"), "Heater repaired");
                desk.accept(HOTEL, f.reference(), "thanks");
            }
        }
    }

    @Test
    void openPerDepartmentReadsTheOpenFeedbackOnly() throws SQLException {
        List<GroupCount> counts = store.countBy(FeedbackQuery.builder(HOTEL).open().build(), GroupBy.DEPARTMENT);

        assertThat(counts).extracting(GroupCount::count).containsOnly(2L, 4L);
        assertThat(rowsRead("department_id")).as("index entries read for %d open of %d", OPEN, CLOSED + OPEN)
                .isLessThanOrEqualTo(OPEN + 1);
    }

    @Test
    void closedPerSubjectReadsTheClosedFeedbackOnly() throws SQLException {
        List<GroupCount> counts = store.countBy(FeedbackQuery.builder(HOTEL).status(Status.CLOSED).build(), GroupBy.SUBJECT);

        assertThat(counts).containsExactly(new GroupCount("heating", CLOSED / 2), new GroupCount("noise", CLOSED / 2));
        assertThat(rowsRead("subject_id")).isLessThanOrEqualTo(CLOSED + 1);
    }

    /**
     * The closing job's list reads the status index's entries of the tenant's feedback in the four statuses it looks
     * at, and only their rows for the times: not the tenant's closed or new feedback, which a look-up by the tenant
     * alone would read too.
     */
    @Test
    void closingDueReadsTheEntriesOfTheStatusesItLooksAtOnly() throws SQLException {
        TenantId tenant = TenantId.of("golden-horn-hotels");
        FeedbackDesk desk = FeedbackDesk.builder().store(store).build();
        Actor ayse = Actor.staff("ayse");
        int inProgress = 2;
        int resolved = 3;
        int rejected = 3;
        int total = OPEN + inProgress + resolved + rejected + CLOSED;
        for (int i = 0; i < total; i++) {
            Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "The room was cold").build());
            if (i >= OPEN) {
                desk.take(tenant, f.id(), ayse);
            }
            if (i >= OPEN + inProgress) {
                desk.resolve(tenant, f.id(), ayse, "Heater repaired");
            }
            if (i >= OPEN + inProgress + resolved + rejected) {
                desk.accept(tenant, f.id(), "thanks");
            } else if (i >= OPEN + inProgress + resolved) {
                desk.reject(tenant, f.id(), "still cold");
            }
        }
        Instant endedBy = Instant.parse("2999-01-01T00:00:00Z"); // after every resolution and rejection above
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET QUERY_STATISTICS TRUE");
            }
            assertThat(store.closingDue(tenant, endedBy, null, 100)).hasSize(resolved + rejected);
            String sql;
            try (Statement s = c.createStatement()) {
                sql = H2Plans.statement(s, "SELECT id FROM%UNION ALL%");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
                ps.setString(1, tenant.value());
                ps.setObject(2, endedBy.atOffset(ZoneOffset.UTC));
                ps.setString(3, tenant.value());
                ps.setObject(4, endedBy.atOffset(ZoneOffset.UTC));
                ps.setInt(5, 100);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String plan = rs.getString(1);
                    List<Long> entriesRead = H2Plans.scanCounts(plan);
                    assertThat(entriesRead).as(plan).hasSize(2);
                    assertThat(entriesRead.get(0)).as("RESOLVED entries read of the tenant's %d feedback: %s", total, plan)
                            .isLessThanOrEqualTo(resolved + 1);
                    assertThat(entriesRead.get(1)).as("IN_PROGRESS, PLANNED and AWAITING_CUSTOMER entries read: %s", plan)
                            .isLessThanOrEqualTo(inProgress + rejected + 1);
                }
            }
        }
    }

    /**
     * A department's open work list (open statuses and the department) reads the status index's entries of the open
     * statuses, not every entry: H2 looks a list of statuses up in the index only when it meets that condition before
     * any other on the index's columns, and it takes the conditions in the reverse of their written order. (It then
     * looks each status up alone, the open entries of every tenant, and checks tenant and department on them.)
     */
    @Test
    void aDepartmentsOpenWorkListReadsTheOpenFeedbackOnly() throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET QUERY_STATISTICS TRUE");
            }
            assertThat(store.query(FeedbackQuery.builder(HOTEL).open().department(DepartmentId.of("technical")).build()).items())
                    .hasSize(OPEN / 3);
            String sql;
            try (Statement s = c.createStatement()) {
                sql = H2Plans.statement(s, "SELECT %department_id = ?%ORDER BY%");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
                ps.setString(1, HOTEL.value());
                ps.setString(2, "technical");
                for (int i = 3; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                    ps.setInt(i, FeedbackQuery.DEFAULT_LIMIT + 1);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String plan = rs.getString(1);
                    long open;
                    long all;
                    try (Statement s = c.createStatement();
                            ResultSet counts = s.executeQuery("SELECT COUNT(CASE WHEN status NOT IN ('CLOSED', 'CANCELLED') THEN 1 END),"
                                    + " COUNT(*) FROM memnun_feedback")) {
                        counts.next();
                        open = counts.getLong(1);
                        all = counts.getLong(2);
                    }
                    assertThat(open).isLessThan(all / 2);
                    assertThat(H2Plans.scanCounts(plan).get(0)).as("index entries read for %d open of %d: %s", open, all, plan)
                            .isLessThanOrEqualTo(open + 1);
                }
            }
        }
    }

    /**
     * How many index entries the last count grouped by {@code column} read: its text as H2 recorded it, run again
     * with the same tenant under {@code EXPLAIN ANALYZE}.
     */
    private static long rowsRead(String column) throws SQLException {
        try (Connection c = ds.getConnection()) {
            String sql = countStatement(c, column);
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
                ps.setString(1, HOTEL.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return H2Plans.scanCounts(rs.getString(1)).get(0);
                }
            }
        }
    }

    private static String countStatement(Connection c, String column) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS TRUE");
        }
        store.countBy(FeedbackQuery.builder(HOTEL).status(Status.CLOSED).build(), GroupBy.SUBJECT);
        store.countBy(FeedbackQuery.builder(HOTEL).open().build(), GroupBy.DEPARTMENT);
        try (Statement s = c.createStatement()) {
            return H2Plans.statement(s, "SELECT " + column + ", COUNT(*)%");
        }
    }
}
