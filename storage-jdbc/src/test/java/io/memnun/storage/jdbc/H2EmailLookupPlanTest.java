package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A person's feedback is found by e-mail address in any case through an index on H2, not by reading all of the
 * tenant's rows: the statement memnun ran is taken from H2's statistics and run again under {@code EXPLAIN ANALYZE}.
 */
class H2EmailLookupPlanTest {
    private static final TenantId HOTEL = TenantId.of("bosphorus-hotels");
    private static final int OTHERS = 40;

    @Test
    void aPersonsFeedbackIsReadThroughTheEmailKeyIndex() throws SQLException {
        DataSource ds = TestDatabases.h2();
        JdbcFeedbackStore store = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build().feedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).build();
        for (int i = 0; i < OTHERS; i++) {
            desk.receive(from("guest" + i + "@example.com"));
        }
        desk.receive(from("Mehmet@example.com"));
        desk.receive(from("mehmet@example.com"));

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS TRUE");
            assertThat(store.query(FeedbackQuery.builder(HOTEL).customerEmail(EmailAddress.of("MEHMET@example.com")).build()).items())
                    .hasSize(2);
            String sql = H2Plans.statement(s, "%customer_email_key = ?%");
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
                ps.setString(1, HOTEL.value());
                ps.setString(2, "mehmet@example.com");
                for (int i = 3; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                    ps.setInt(i, FeedbackQuery.MAX_LIMIT);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String plan = rs.getString(1);
                    assertThat(plan).as(plan).containsIgnoringCase("feedback_email_key_ix");
                    assertThat(H2Plans.scanCounts(plan).get(0)).as("rows read for 2 of %d:%n%s", OTHERS + 2, plan).isLessThanOrEqualTo(3);
                }
            }
        }
    }

    private static Intake from(String email) {
        return Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.EMAIL, "The room was cold")
                .customer(Customer.builder().email(email).build()).build();
    }
}
