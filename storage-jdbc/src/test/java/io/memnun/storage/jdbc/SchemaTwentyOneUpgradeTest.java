package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.PersonKey;
import io.memnun.spi.FeedbackStore;
import io.memnun.survey.Invitation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A database at schema 20, whose feedback, consents and campaign invitations name a person by e-mail address in
 * several cases, migrated to schema 21: the person is found by the address in any case, through the new key columns,
 * and the addresses stay as they were written. On H2 and PostgreSQL.
 */
class SchemaTwentyOneUpgradeTest {
    private static final Instant AT = Instant.parse("2026-03-16T07:00:00Z");
    private static final TenantId TENANT = TenantId.of("otel");

    @Test
    void aPersonWrittenInSeveralCasesBeforeSchemaTwentyOneIsFoundAfterwards_h2() throws SQLException {
        check(TestDatabases.h2(), "h2", "varchar");
    }

    @Test
    void aPersonWrittenInSeveralCasesBeforeSchemaTwentyOneIsFoundAfterwards_postgresql() throws SQLException {
        try (HikariDataSource ds = TestDatabases.postgresSchema(3)) {
            check(ds, "postgresql", "jsonb");
        }
    }

    private static void check(DataSource ds, String folder, String jsonType) throws SQLException {
        TestDatabases.migrateTo(ds, folder, "20");
        UUID typed = UUID.randomUUID();
        UUID lower = UUID.randomUUID();
        UUID greek = UUID.randomUUID();
        UUID someoneElse = UUID.randomUUID();
        UUID invitation = UUID.randomUUID();
        UUID byCustomerId = UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            feedback(c, jsonType, typed, 1, "Şükrü.ÇAĞLAYAN@örnek.com.tr");
            feedback(c, jsonType, lower, 2, "şükrü.çağlayan@örnek.com.tr");
            feedback(c, jsonType, greek, 3, "ΝΊΚΟΣ.Ivanov-ЖУК@example.com");
            feedback(c, jsonType, someoneElse, 4, "sukru.caglayan@örnek.com.tr");
            consent(c, "Şükrü.ÇAĞLAYAN@örnek.com.tr");
            invitation(c, invitation, "ŞÜKRÜ.Çağlayan@örnek.com.tr", "a");
            invitation(c, byCustomerId, "GUEST-4711", "b");
        }

        JdbcStorage storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();

        assertThat(storage.schemaVersion()).contains(storage.requiredSchemaVersion());
        FeedbackStore store = storage.feedbackStore();
        assertThat(byEmail(store, "şükrü.çağlayan@örnek.com.tr")).extracting(f -> f.id().value()).containsExactly(typed, lower);
        assertThat(byEmail(store, "ŞÜKRÜ.ÇAĞLAYAN@ÖRNEK.COM.TR")).extracting(f -> f.id().value()).containsExactly(typed, lower);
        assertThat(byEmail(store, "Νίκοσ.IVANOV-жук@EXAMPLE.com")).extracting(f -> f.id().value()).containsExactly(greek);
        assertThat(byEmail(store, "sukru.caglayan@örnek.com.tr")).extracting(f -> f.id().value()).containsExactly(someoneElse);
        assertThat(byEmail(store, "şükrü.çağlayan@örnek.com.tr").get(0).customer().email().value()).isEqualTo("Şükrü.ÇAĞLAYAN@örnek.com.tr");
        // the keys the migration wrote are the ones the code writes
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT customer_email, customer_email_key FROM memnun_feedback WHERE tenant = ?")) {
            ps.setString(1, TENANT.value());
            try (ResultSet rs = ps.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertThat(rs.getString(2)).isEqualTo(new EmailAddress(rs.getString(1)).matchKey());
                }
                assertThat(rows).isEqualTo(4);
            }
        }

        assertThat(storage.privacyStore().consents(TENANT, PersonKey.email("şükrü.çağlayan@örnek.com.tr")))
                .extracting(ConsentRecord::purpose).containsExactly("surveys");
        assertThat(storage.surveyStore().campaignInvitationsTo(TENANT, "Şükrü.Çağlayan@örnek.com.tr"))
                .extracting(i -> i.id().value()).containsExactly(invitation);
        assertThat(storage.surveyStore().campaignInvitationsTo(TENANT, "GUEST-4711")).extracting(Invitation::recipient)
                .containsExactly("GUEST-4711");
        assertThat(storage.surveyStore().campaignInvitationsTo(TENANT, "guest-4711")).isEmpty();
        assertThat(storage.surveyStore().forgetCampaignRecipient(TENANT, "şükrü.çağlayan@örnek.com.tr", "[anonymised]")).isEqualTo(1);
        assertThat(storage.privacyStore().deleteConsents(TENANT, PersonKey.email("ŞÜKRÜ.çağlayan@örnek.com.tr"))).isEqualTo(1);
    }

    private static List<Feedback> byEmail(FeedbackStore store, String email) {
        return store.query(FeedbackQuery.builder(TENANT).customerEmail(EmailAddress.of(email)).build()).items();
    }

    private static void feedback(Connection c, String jsonType, UUID id, long sequence, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memnun_feedback (tenant, id, ref_prefix, ref_year, ref_seq, version,"
                + " kind, priority, channel, customer, customer_email, description, status, received_at, updated_at, rejection_count,"
                + " appeal_count) VALUES (?, ?, 'FB', 2026, ?, 1, 'COMPLAINT', 'NORMAL', 'email', CAST('{}' AS " + jsonType + "),"
                + " ?, 'Oda soğuk', 'NEW', ?, ?, 0, 0)")) {
            ps.setString(1, TENANT.value());
            ps.setObject(2, id);
            ps.setLong(3, sequence);
            ps.setString(4, email);
            ps.setTimestamp(5, Timestamp.from(AT.plusSeconds(sequence)));
            ps.setTimestamp(6, Timestamp.from(AT.plusSeconds(sequence)));
            ps.executeUpdate();
        }
    }

    private static void consent(Connection c, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memnun_consent (tenant, id, person_kind, person_value, purpose,"
                + " given_at, channel) VALUES (?, ?, 'EMAIL', ?, 'surveys', ?, 'web-form')")) {
            ps.setString(1, TENANT.value());
            ps.setObject(2, UUID.randomUUID());
            ps.setString(3, email);
            ps.setTimestamp(4, Timestamp.from(AT));
            ps.executeUpdate();
        }
    }

    private static void invitation(Connection c, UUID id, String recipient, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memnun_survey_invitation (tenant, id, survey_id, survey_version,"
                + " token_hash, issued_at, expires_at, campaign, recipient) VALUES (?, ?, 'memnuniyet', 1, ?, ?, ?, '2026-H1', ?)")) {
            ps.setString(1, TENANT.value());
            ps.setObject(2, id);
            ps.setString(3, token.repeat(64));
            ps.setTimestamp(4, Timestamp.from(AT));
            ps.setTimestamp(5, Timestamp.from(AT.plusSeconds(86_400)));
            ps.setString(6, recipient);
            ps.executeUpdate();
        }
    }
}
