package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.memnun.feedback.TenantId;
import io.memnun.survey.SurveyAccess;
import io.memnun.survey.SurveyId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A survey version published before schema 23, which said nothing of who may answer it, is for invitation links
 * only afterwards: nobody can answer it without a link until its next version is published open. On H2 and
 * PostgreSQL.
 */
class SchemaTwentyThreeUpgradeTest {
    private static final TenantId TENANT = TenantId.of("otel");
    private static final SurveyId SURVEY = SurveyId.of("after-closing");

    @Test
    void aSurveyPublishedBeforeSchemaTwentyThreeIsForInvitationLinksOnly_h2() throws SQLException {
        check(TestDatabases.h2(), "h2", "varchar");
    }

    @Test
    void aSurveyPublishedBeforeSchemaTwentyThreeIsForInvitationLinksOnly_postgresql() throws SQLException {
        try (HikariDataSource ds = TestDatabases.postgresSchema(3)) {
            check(ds, "postgresql", "jsonb");
        }
    }

    private static void check(DataSource ds, String folder, String jsonType) throws SQLException {
        TestDatabases.migrateTo(ds, folder, "21");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO memnun_survey (tenant, survey_id,"
                + " version, definition, published_at) VALUES (?, ?, 1, CAST(? AS " + jsonType + "), ?)")) {
            ps.setString(1, TENANT.value());
            ps.setString(2, SURVEY.value());
            ps.setString(3, "{\"title\":{\"tr\":\"Anket\",\"en\":\"Survey\"},\"questions\":[{\"id\":\"overall\",\"type\":\"RATING_1_5\","
                    + "\"text\":{\"tr\":\"Genel?\",\"en\":\"Overall?\"},\"department\":null,\"required\":true}]}");
            ps.setTimestamp(4, Timestamp.from(Instant.parse("2026-03-16T07:00:00Z")));
            ps.executeUpdate();
        }

        JdbcStorage storage = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build();

        assertThat(storage.schemaVersion()).contains(storage.requiredSchemaVersion());
        assertThat(storage.surveyStore().latestSurvey(TENANT, SURVEY).orElseThrow().access()).isEqualTo(SurveyAccess.INVITATION_ONLY);
    }
}
