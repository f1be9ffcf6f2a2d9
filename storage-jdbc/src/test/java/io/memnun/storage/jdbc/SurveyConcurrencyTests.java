package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.DeliveryOutcome;
import io.memnun.FeedbackDesk;
import io.memnun.SurveyDesk;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.routing.LocalizedText;
import io.memnun.spi.SurveyStore;
import io.memnun.survey.Answer;
import io.memnun.survey.Invitation;
import io.memnun.survey.InvitationDelivery;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.Response;
import io.memnun.survey.ResponseId;
import io.memnun.survey.SurveyId;
import io.memnun.tck.OutboxFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A campaign invitation answered by its customer while the dispatcher records its message's delivery on it: two
 * writes to one invitation row at once. Neither may fail because of the other (the answer taken for a second one,
 * {@code AlreadyAnsweredException}), nor undo the other (the delivery written over the answer, or the answer over the
 * delivery). Each write sets only its own columns, and the database's row lock makes the later one wait for the
 * earlier one's commit, then apply to the committed row, with its condition checked again.
 */
abstract class SurveyConcurrencyTests {
    private static final Instant T0 = Instant.parse("2026-03-14T09:26:53.589793Z");
    private static final SurveyId HALF_YEAR = SurveyId.of("half-year");

    private TenantId tenant;
    private SurveyDesk surveys;
    private ExecutorService pool;

    protected abstract JdbcStorage storage();

    /** The data source under {@link #storage()}. */
    protected abstract javax.sql.DataSource dataSource();

    /** How many sessions wait for a lock that the session on {@code holder} holds. */
    protected abstract int waitingOn(Connection holder) throws SQLException;

    @BeforeEach
    void surveyDesk() {
        tenant = TenantId.of("survey-race-" + UUID.randomUUID().toString().substring(0, 8));
        FeedbackDesk desk = FeedbackDesk.builder().store(storage().feedbackStore()).clock(Clock.fixed(T0, ZoneOffset.UTC)).build();
        surveys = SurveyDesk.builder(desk).store(storage().surveyStore()).surveyUrl("https://otel.example/anket/{token}").build();
        surveys.publish(tenant, HALF_YEAR, LocalizedText.of("Altı aylık anket", "Half-yearly survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private SurveyDesk.IssuedInvitation issue(String recipient) {
        return surveys.startCampaign(tenant, HALF_YEAR, "2026-H1", List.of(recipient), null).get(0);
    }

    private static Notification messageOf(Invitation invitation) {
        return OutboxFixtures.campaignInvitation(invitation.tenant(), invitation.id().value(), "2026-H1", "guest@örnek.com.tr", T0);
    }

    private static DeliveryOutcome delivered(int n) {
        return new DeliveryOutcome(DeliveryOutcome.State.DELIVERED, "sent", Map.of("providerId", "smtp-" + n), T0.plusSeconds(1));
    }

    private void assertAnsweredAndDelivered(Invitation invitation, Notification message, String providerId) {
        Invitation after = storage().surveyStore().findInvitation(tenant, invitation.id()).orElseThrow();
        assertThat(after.isAnswered()).as("answered").isTrue();
        assertThat(after.delivery()).as("the delivery").isNotNull();
        assertThat(after.delivery().state()).isEqualTo(InvitationDelivery.State.SENT);
        assertThat(after.delivery().message()).isEqualTo(message.id());
        assertThat(after.delivery().detail()).endsWith(providerId);
    }

    @Test
    void anAnswerAndADeliveryRecordedAtTheSameMomentAreBothKept() throws Exception {
        int rounds = 150;
        for (int round = 0; round < rounds; round++) {
            SurveyDesk.IssuedInvitation issued = issue("guest-" + round);
            Notification message = messageOf(issued.invitation());
            DeliveryOutcome outcome = delivered(round);
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Response> answering = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return surveys.respond(tenant, issued.token(), List.of(Answer.score("overall", 4)), null);
            });
            Future<?> recording = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                surveys.deliveries().record(message, outcome);
                return null;
            });
            // an answer refused as "already answered" or a failed write ends the test here, with its exception
            answering.get(30, TimeUnit.SECONDS);
            recording.get(30, TimeUnit.SECONDS);
            assertAnsweredAndDelivered(issued.invitation(), message, "smtp-" + round);
        }
        assertThat(storage().surveyStore().responses(tenant, T0, T0.plusSeconds(1))).hasSize(rounds);
    }

    @Test
    void anAnswerWaitingForADeliveryWritesLockIsStoredOnceItCommits() throws Exception {
        SurveyDesk.IssuedInvitation issued = issue("guest-1");
        Invitation invitation = issued.invitation();
        Notification message = messageOf(invitation);
        Future<Response> answer = whileHeld(() -> surveys.deliveries().record(message, delivered(1)),
                () -> surveys.respond(tenant, issued.token(), List.of(Answer.score("overall", 2)), null));
        assertThat(answer.get(30, TimeUnit.SECONDS).invitation()).isEqualTo(invitation.id());
        assertAnsweredAndDelivered(invitation, message, "smtp-1");
    }

    @Test
    void aDeliveryWaitingForAnAnswersLockIsRecordedOnceItCommits() throws Exception {
        SurveyDesk.IssuedInvitation issued = issue("guest-2");
        Invitation invitation = issued.invitation();
        Notification message = messageOf(invitation);
        SurveyStore store = storage().surveyStore();
        Response response = new Response(ResponseId.of(UUID.randomUUID()), tenant, HALF_YEAR, 1, invitation.id(), null, null, null, T0,
                List.of(Answer.score("overall", 5)));
        Future<Boolean> recorded = whileHeld(() -> store.saveResponse(response), () -> {
            surveys.deliveries().record(message, delivered(2));
            return true;
        });
        assertThat(recorded.get(30, TimeUnit.SECONDS)).isTrue();
        assertAnsweredAndDelivered(invitation, message, "smtp-2");
        assertThat(store.responses(tenant, T0, T0.plusSeconds(1))).containsExactly(response);
    }

    /**
     * Runs {@code first} in a transaction that stays open until {@code second}, started on another thread, waits for
     * its row lock; then commits it and hands back {@code second}'s outcome.
     */
    private <T> Future<T> whileHeld(Runnable first, Callable<T> second) throws Exception {
        try (Connection holder = dataSource().getConnection()) {
            holder.setAutoCommit(false);
            storage().withConnection(holder, first);
            Future<T> waiting = pool.submit(second);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (waitingOn(holder) == 0) {
                assertThat(waiting.isDone()).as("the second write waits for the first one's lock").isFalse();
                assertThat(System.nanoTime()).as("the second write waits for the first one's lock").isLessThan(deadline);
                Thread.sleep(5);
            }
            holder.commit();
            return waiting;
        }
    }
}
