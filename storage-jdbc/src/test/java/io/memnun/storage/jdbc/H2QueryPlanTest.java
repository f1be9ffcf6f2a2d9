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
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The counts over a status read only the rows of that status on H2, which looks up a list of values in an index only
 * on the index's first column: the statements memnun ran are taken from H2's statistics and run again under
 * {@code EXPLAIN ANALYZE}, which tells how many index entries they read.
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
