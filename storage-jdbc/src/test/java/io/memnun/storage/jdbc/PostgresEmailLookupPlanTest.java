package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a person is looked up by e-mail address, in any case, through the key indexes of schema 21: the
 * statements memnun prepares are recorded and explained over a tenant of a few hundred feedback and campaign
 * invitations, after {@code ANALYZE}.
 */
class PostgresEmailLookupPlanTest {
    private static final TenantId HOTEL = TenantId.of("bosphorus-hotels");
    private static final int OTHERS = 300;

    @Test
    void feedbackAndCampaignInvitationsAreFoundByEmailThroughIndexes() throws SQLException {
        try (HikariDataSource ds = TestDatabases.postgresSchema(2)) {
            List<String> prepared = new CopyOnWriteArrayList<>();
            JdbcStorage storage = JdbcStorage.builder().dataSource(recording(ds, prepared)).migrateOnStart(true).build();
            io.memnun.FeedbackDesk desk = io.memnun.FeedbackDesk.builder().store(storage.feedbackStore()).build();
            for (int i = 0; i < OTHERS; i++) {
                desk.receive(from("guest" + i + "@example.com"));
            }
            desk.receive(from("Mehmet@example.com"));
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO memnun_survey_invitation"
                    + " (tenant, id, survey_id, survey_version, token_hash, issued_at, expires_at, campaign, recipient, recipient_key)"
                    + " VALUES (?, ?, 'memnuniyet', 1, ?, now(), now() + interval '30 days', '2026-H1', ?, ?)")) {
                for (int i = 0; i < OTHERS; i++) {
                    ps.setString(1, HOTEL.value());
                    ps.setObject(2, java.util.UUID.randomUUID());
                    ps.setString(3, String.format("%064d", i));
                    ps.setString(4, "guest" + i + "@example.com");
                    ps.setString(5, "guest" + i + "@example.com");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("ANALYZE memnun_feedback");
                s.execute("ANALYZE memnun_survey_invitation");
            }

            assertThat(storage.feedbackStore().query(FeedbackQuery.builder(HOTEL).customerEmail(EmailAddress.of("mehmet@example.com"))
                    .build()).items()).hasSize(1);
            assertThat(storage.surveyStore().campaignInvitationsTo(HOTEL, "MEHMET@example.com")).isEmpty();

            assertThat(plan(ds, statement(prepared, "customer_email_key = ?"))).contains("memnun_feedback_email_key_ix");
            assertThat(plan(ds, statement(prepared, "recipient_key = ?"))).contains("memnun_survey_invitation_recipient_key_ix");
        }
    }

    private static Intake from(String email) {
        return Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.EMAIL, "The room was cold")
                .customer(Customer.builder().email(email).build()).build();
    }

    private static String statement(List<String> prepared, String containing) {
        return prepared.stream().filter(s -> s.contains(containing) && s.startsWith("SELECT")).findFirst()
                .orElseThrow(() -> new AssertionError("no statement with " + containing + " among " + prepared));
    }

    /** The plan of {@code sql} with the tenant and a key for its first two parameters, any limit for the rest. */
    private static String plan(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                ps.setString(1, HOTEL.value());
                ps.setString(2, "mehmet@example.com");
                for (int i = 3; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                    ps.setInt(i, FeedbackQuery.MAX_LIMIT);
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            }
        }
    }

    /** {@code target}, recording the text of every statement its connections prepare. */
    private static DataSource recording(DataSource target, List<String> prepared) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    if (result instanceof Connection c) {
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    if (m.getName().equals("prepareStatement") && a != null && a[0] instanceof String sql) {
                                        prepared.add(sql);
                                    }
                                    return invoke(m, c, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
