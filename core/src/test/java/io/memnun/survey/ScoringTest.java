package io.memnun.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.LocalizedText;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Scores on a small data set whose CSAT, NPS and rates are worked out by hand in the comments. */
class ScoringTest {
    private static final TenantId T = TenantId.of("otel");
    private static final DepartmentId HK = DepartmentId.of("kat-hizmetleri");
    private static final DepartmentId KITCHEN = DepartmentId.of("mutfak");
    private static final ZoneId IST = ZoneId.of("Europe/Istanbul");
    private static final Period H1 = Period.halfYear(2026, 1, IST);
    private static final Period H2 = Period.halfYear(2026, 2, IST);
    private static final Survey SURVEY = new Survey(T, SurveyId.of("s"), 1, LocalizedText.of("Anket", "Survey"), List.of(
            Question.of("overall", QuestionType.RATING_1_5, "Genel?", "Overall?").optional(),
            Question.of("nps", QuestionType.NPS_0_10, "Tavsiye?", "Recommend?").optional(),
            Question.of("food", QuestionType.RATING_1_5, "Yemek?", "Food?").forDepartment(KITCHEN).optional()),
            H1.start());

    private static Response response(Instant at, Answer... answers) {
        return new Response(ResponseId.of(UUID.randomUUID()), T, SURVEY.id(), 1, null, null, HK, null, at, List.of(answers));
    }

    private static Invitation invitation(Instant at, boolean answered) {
        return new Invitation(InvitationId.of(UUID.randomUUID()), T, SURVEY.id(), 1, "a".repeat(64), at, at.plusSeconds(86_400), null, "c",
                HK, null, answered ? at.plusSeconds(60) : null, null);
    }

    private static Comment comment(Instant at, Integer rating) {
        return new Comment(CommentId.of(UUID.randomUUID()), T, "iyi", rating, null, null, null, HK, Actor.customer(), at);
    }

    @Test
    void csatNpsAveragesAndRatesMatchTheHandComputedValues() {
        Instant at = H1.start().plusSeconds(3600);
        List<Response> responses = List.of(
                response(at, Answer.score("overall", 5), Answer.score("nps", 10), Answer.score("food", 1)),
                response(at, Answer.score("overall", 4), Answer.score("nps", 9), Answer.score("food", 5)),
                response(at, Answer.score("overall", 3), Answer.score("nps", 8)),
                response(at, Answer.score("overall", 2), Answer.score("nps", 6)),
                response(at, Answer.score("overall", 5), Answer.score("nps", 0)),
                response(at, Answer.score("nps", 7)),
                response(at, Answer.score("nps", 10)),
                // at the period's end: belongs to the next period
                response(H1.end(), Answer.score("overall", 1)));
        List<Invitation> invitations = List.of(invitation(at, true), invitation(at, true), invitation(at, false), invitation(at, false),
                invitation(H1.start().minusSeconds(1), true));
        List<Comment> comments = List.of(comment(at, 4), comment(at, null), comment(H2.start(), 1));

        List<DepartmentScore> scores = Scoring.compute(H1, r -> SURVEY, responses, invitations, comments);

        assertThat(scores).extracting(DepartmentScore::department).containsExactly(HK, KITCHEN);
        DepartmentScore hk = scores.get(0);
        // ratings 5 4 3 2 5: three of five are 4 or 5
        assertThat(hk.csat().value()).isCloseTo(60.0, within(1e-9));
        assertThat(hk.csat().sample()).isEqualTo(5);
        // 10 9 8 6 0 7 10: promoters 3 (10, 9, 10), detractors 2 (6, 0), n = 7: (3 - 2) / 7
        assertThat(hk.nps().value()).isCloseTo(100.0 / 7, within(1e-9));
        assertThat(hk.nps().sample()).isEqualTo(7);
        assertThat(hk.averageRatings().get("s/overall").value()).isCloseTo(3.8, within(1e-9));
        // four invitations issued in H1, two answered; the one issued before H1 does not count
        assertThat(hk.responseRate().value()).isCloseTo(50.0, within(1e-9));
        assertThat(hk.responseRate().sample()).isEqualTo(4);
        assertThat(hk.responses()).isEqualTo(7);
        assertThat(hk.comments()).isEqualTo(2);
        assertThat(hk.commentRating().value()).isEqualTo(4.0);
        assertThat(hk.commentRating().sample()).isEqualTo(1);

        DepartmentScore kitchen = scores.get(1);
        // the food question names the kitchen: 1 and 5, one of two satisfied
        assertThat(kitchen.csat().value()).isCloseTo(50.0, within(1e-9));
        assertThat(kitchen.nps().isEmpty()).isTrue();
        assertThat(kitchen.averageRatings().get("s/food").value()).isCloseTo(3.0, within(1e-9));
        assertThat(kitchen.responseRate().isEmpty()).isTrue();
    }

    @Test
    void npsRunsFromMinusToPlusHundred() {
        Instant at = H1.start();
        assertThat(Scoring.compute(H1, r -> SURVEY, List.of(response(at, Answer.score("nps", 0)), response(at, Answer.score("nps", 6))),
                List.of(), List.of()).get(0).nps().value()).isEqualTo(-100.0);
        assertThat(Scoring.compute(H1, r -> SURVEY, List.of(response(at, Answer.score("nps", 9))), List.of(), List.of()).get(0).nps().value())
                .isEqualTo(100.0);
    }

    @Test
    void seededRandomDataAgreesWithADirectCount() {
        java.util.Random random = new java.util.Random(10002);
        for (int round = 0; round < 50; round++) {
            List<Response> responses = new ArrayList<>();
            int satisfied = 0;
            int ratings = 0;
            int promoters = 0;
            int detractors = 0;
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                int rating = 1 + random.nextInt(5);
                int nps = random.nextInt(11);
                ratings++;
                satisfied += rating >= 4 ? 1 : 0;
                promoters += nps >= 9 ? 1 : 0;
                detractors += nps <= 6 ? 1 : 0;
                responses.add(response(H1.start().plusSeconds(random.nextInt(1000)), Answer.score("overall", rating), Answer.score("nps", nps)));
            }
            DepartmentScore hk = Scoring.compute(H1, r -> SURVEY, responses, List.of(), List.of()).get(0);
            assertThat(hk.csat().value()).isCloseTo(100.0 * satisfied / ratings, within(1e-9));
            assertThat(hk.nps().value()).isCloseTo(100.0 * (promoters - detractors) / n, within(1e-9));
            assertThat(hk.nps().value()).isBetween(-100.0, 100.0);
        }
    }

    @Test
    void theTrendIsTheLaterMinusTheEarlierAndEmptyWithoutASample() {
        List<DepartmentScore> earlier = Scoring.compute(H1, r -> SURVEY, List.of(response(H1.start(), Answer.score("overall", 5))), List.of(),
                List.of());
        List<DepartmentScore> later = Scoring.compute(H2, r -> SURVEY, List.of(response(H2.start(), Answer.score("overall", 5)),
                response(H2.start(), Answer.score("overall", 2))), List.of(), List.of());
        List<ScoreTrend> trend = Scoring.trend(H1, earlier, H2, later);
        assertThat(trend).hasSize(1);
        assertThat(trend.get(0).csatChange()).hasValue(-50.0);
        assertThat(trend.get(0).npsChange()).isEmpty();
    }
}
