package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.LocalizedText;
import io.memnun.spi.SurveyStore;
import io.memnun.survey.Answer;
import io.memnun.survey.Comment;
import io.memnun.survey.CommentId;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.Response;
import io.memnun.survey.ResponseId;
import io.memnun.survey.Survey;
import io.memnun.survey.SurveyId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A feedback's survey comments are found through indexes on H2: an export or an anonymisation of one feedback reads
 * its own comments, not all of the tenant's. The statement memnun ran is taken from H2's statistics and run again under
 * {@code EXPLAIN ANALYZE}, which tells how many rows each of its look-ups read.
 */
class H2SurveyQueryPlanTest {
    private static final TenantId HOTEL = TenantId.of("bosphorus-hotels");
    private static final SurveyId SURVEY = SurveyId.of("after-stay");
    private static final DepartmentId HOUSEKEEPING = DepartmentId.of("housekeeping");
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final int OTHERS = 40;

    @Test
    void theCommentsAboutOneFeedbackAreReadThroughIndexes() throws SQLException {
        DataSource ds = TestDatabases.h2();
        SurveyStore store = JdbcStorage.builder().dataSource(ds).migrateOnStart(true).build().surveyStore();
        store.saveSurvey(new Survey(HOTEL, SURVEY, 1, LocalizedText.of("Anket", "Survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel?", "Overall?").forDepartment(HOUSEKEEPING)), T0));
        for (int i = 0; i < OTHERS; i++) {
            FeedbackId other = FeedbackId.of(UUID.randomUUID());
            store.saveComment(comment("about another feedback", other, null, i));
            store.saveComment(comment("with another feedback's response", null, response(store, other, i).id(), i));
        }
        FeedbackId mine = FeedbackId.of(UUID.randomUUID());
        Comment named = comment("the towels were not changed", mine, null, OTHERS);
        store.saveComment(named);
        Comment withResponse = comment("Room 204, nobody came", null, response(store, mine, OTHERS).id(), OTHERS + 1);
        store.saveComment(withResponse);

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS TRUE");
            assertThat(store.commentsFor(HOTEL, mine)).containsExactly(named, withResponse);
            String sql = H2Plans.statement(s, "SELECT c.tenant, c.id, c.comment_text%");
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
                for (int i = 1; i <= 3; i += 2) {
                    ps.setString(i, HOTEL.value());
                    ps.setObject(i + 1, mine.value());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String plan = rs.getString(1);
                    assertThat(H2Plans.scanCounts(plan).stream().mapToLong(Long::longValue).sum()).as("rows read for 2 of %d comments:%n%s", 2 * OTHERS + 2, plan).isLessThanOrEqualTo(6);
                }
            }
        }
    }

    private static Comment comment(String text, FeedbackId feedback, ResponseId response, int second) {
        return new Comment(CommentId.of(UUID.randomUUID()), HOTEL, text, 3, feedback, response, null, HOUSEKEEPING, Actor.customer(),
                T0.plusSeconds(second));
    }

    private static Response response(SurveyStore store, FeedbackId feedback, int second) {
        Response r = new Response(ResponseId.of(UUID.randomUUID()), HOTEL, SURVEY, 1, null, feedback, HOUSEKEEPING, null,
                T0.plusSeconds(second), List.of(Answer.score("overall", 3)));
        store.saveResponse(r);
        return r;
    }
}
