package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CapaLifecycle;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.capa.RootCause;
import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.LocalizedText;
import io.memnun.spi.CapaStore;
import io.memnun.spi.SurveyStore;
import io.memnun.survey.Answer;
import io.memnun.survey.Choice;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.Response;
import io.memnun.survey.ResponseId;
import io.memnun.survey.Survey;
import io.memnun.survey.SurveyId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every part of a survey definition, of a response's answers and of a corrective action survives the JSON it is
 * stored as, beyond what the contracts write. Instants that live only in the JSON keep their nanoseconds.
 */
class H2SurveyAndCapaRoundTripTest {
    private static final Instant T0 = Instant.parse("2026-03-14T09:26:53.123456789Z");
    private static final TenantId HOTEL = TenantId.of("otel-roundtrip");
    private static final Actor AYSE = Actor.staff("ayşe");
    private static JdbcStorage storage;

    @BeforeAll
    static void database() {
        storage = JdbcStorage.builder().dataSource(TestDatabases.h2()).migrateOnStart(true).build();
    }

    @Test
    void aSurveyWithEveryQuestionTypeAndItsAnswersRoundTrip() {
        SurveyStore store = storage.surveyStore();
        SurveyId id = SurveyId.of("half-year");
        Survey survey = new Survey(HOTEL, id, 1, new LocalizedText("Anket", "Survey", Map.of("de", "Umfrage")), List.of(
                Question.of("overall", QuestionType.RATING_1_5, "Genel?", "Overall?").forDepartment(DepartmentId.of("ön-büro")),
                Question.of("nps", QuestionType.NPS_0_10, "Tavsiye?", "Recommend?").optional(),
                Question.choice("what", QuestionType.MULTIPLE_CHOICE, "Ne?", "What?", Choice.of("room", "Oda", "Room"),
                        Choice.of("staff", "Personel", "Staff")),
                Question.choice("one", QuestionType.SINGLE_CHOICE, "Hangisi?", "Which?", Choice.of("a", "A", "A"), Choice.of("b", "B", "B")),
                Question.of("why", QuestionType.FREE_TEXT, "Neden?", "Why?").optional(),
                Question.of("again", QuestionType.YES_NO, "Tekrar?", "Again?")), Instant.parse("2026-01-01T00:00:00Z"));
        store.saveSurvey(survey);
        assertThat(store.latestSurvey(HOTEL, id)).contains(survey);

        Response r = new Response(ResponseId.of(UUID.randomUUID()), HOTEL, id, 1, null, FeedbackId.of(UUID.randomUUID()), DepartmentId.of("mutfak"),
                LocationId.of("lobi"), Instant.parse("2026-01-02T00:00:00Z"), List.of(Answer.score("overall", 4), Answer.score("nps", 0),
                        Answer.choices("what", "staff", "room"), Answer.choices("one", "b"), Answer.text("why", "Çok \"güzel\"\nidi 😊"),
                        Answer.yesNo("again", false)));
        survey.validate(r.answers());
        store.saveResponse(r);
        assertThat(store.responses(HOTEL, r.submittedAt(), r.submittedAt().plusSeconds(1))).containsExactly(r);
    }

    @Test
    void aCorrectiveActionThroughItsWholeLifecycleRoundTrips() {
        CapaStore store = storage.capaStore();
        List<CapaLifecycle.Transition> steps = new ArrayList<>();
        steps.add(CapaLifecycle.open(CapaId.of(UUID.randomUUID()), HOTEL, CapaKind.CORRECTIVE, "Klima arızaları", "Yazın arızalanıyor",
                new Origin(Origin.Type.FEEDBACK, List.of(FeedbackId.of(UUID.randomUUID()), FeedbackId.of(UUID.randomUUID())), SubjectId.of("klima")),
                DepartmentId.of("teknik"), AYSE, T0));
        List<CapaCommand> commands = List.of(
                new CapaCommand.RecordRootCause(AYSE, RootCause.fishbone(Map.of(RootCause.FishboneCategory.MACHINE, List.of("eski", "bakımsız"),
                        RootCause.FishboneCategory.METHOD, List.of("plan yok")), "Bakım planı yok")),
                new CapaCommand.AddItem(AYSE, ActionItem.Kind.TRAINING, "Bakım eğitimi", DepartmentId.of("teknik"), StaffId.of("ali"),
                        T0.plus(Duration.ofDays(7))),
                new CapaCommand.AddItem(AYSE, ActionItem.Kind.OTHER, "Yedek parça", DepartmentId.of("satın-alma"), null, T0.plus(Duration.ofDays(3))),
                new CapaCommand.CompleteItem(AYSE, 1, "Eğitim verildi"),
                new CapaCommand.CancelItem(AYSE, 2, "Gerek kalmadı"),
                new CapaCommand.RecordCustomerAgreement(AYSE, "Misafir onayladı"),
                new CapaCommand.Verify(AYSE, true, "Şikâyetler azaldı", 9, 1),
                new CapaCommand.Close(AYSE, null));
        Instant at = T0;
        for (CapaCommand c : commands) {
            at = at.plus(Duration.ofHours(1));
            steps.add(CapaLifecycle.apply(steps.get(steps.size() - 1).after(), c, at));
        }
        long expected = 0;
        for (CapaLifecycle.Transition t : steps) {
            store.save(t.after(), expected, t.event());
            expected = t.after().version();
            assertThat(store.find(HOTEL, t.after().id())).contains(t.after());
        }
        CorrectiveAction closed = steps.get(steps.size() - 1).after();
        assertThat(store.history(HOTEL, closed.id())).hasSize(steps.size())
                .extracting(e -> e.type()).containsExactlyElementsOf(steps.stream().map(t -> t.event().type()).toList());
        assertThat(store.open(HOTEL)).isEmpty();
    }
}
