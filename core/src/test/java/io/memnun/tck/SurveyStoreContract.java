package io.memnun.tck;

import static io.memnun.tck.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.routing.LocalizedText;
import io.memnun.spi.OutboxStore;
import io.memnun.spi.SurveyStore;
import io.memnun.spi.TransactionalOutbox;
import io.memnun.survey.AlreadyAnsweredException;
import io.memnun.survey.Answer;
import io.memnun.survey.Comment;
import io.memnun.survey.CommentId;
import io.memnun.survey.Invitation;
import io.memnun.survey.InvitationDelivery;
import io.memnun.survey.InvitationId;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.Response;
import io.memnun.survey.ResponseId;
import io.memnun.survey.Survey;
import io.memnun.survey.SurveyAccess;
import io.memnun.survey.SurveyId;
import io.memnun.survey.SurveyToken;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link SurveyStore} must follow. An implementation's test extends this class and returns a fresh
 * (or at least tenant-isolated) store; each test uses a tenant of its own. Instants have microsecond precision.
 */
public abstract class SurveyStoreContract {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SurveyId SURVEY = SurveyId.of("after-closing");

    protected SurveyStore store;
    protected TenantId tenant;

    protected abstract SurveyStore createStore();

    @BeforeEach
    void setUpSurveyStore() {
        store = createStore();
        tenant = Fixtures.newTenant("survey");
    }

    private Survey survey(int version) {
        return new Survey(tenant, SURVEY, version, LocalizedText.of("Anket", "Survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel?", "Overall?").forDepartment(Fixtures.HOUSEKEEPING)),
                T0.plusSeconds(version));
    }

    private Invitation invitation(Instant issued, FeedbackId feedback) {
        return new Invitation(InvitationId.of(UUID.randomUUID()), tenant, SURVEY, 1, SurveyToken.hash(SurveyToken.generate(RANDOM)), issued,
                issued.plus(Duration.ofDays(30)), feedback, null, Fixtures.HOUSEKEEPING, null, null, null);
    }

    private Response response(Invitation inv, Instant at) {
        return new Response(ResponseId.of(UUID.randomUUID()), tenant, SURVEY, 1, inv == null ? null : inv.id(), null, Fixtures.HOUSEKEEPING,
                null, at, List.of(Answer.score("overall", 5)));
    }

    @Test
    void surveyVersionsAreStoredInOrderAndReadBack() {
        store.saveSurvey(survey(1));
        store.saveSurvey(survey(2));
        assertThat(store.latestSurvey(tenant, SURVEY)).contains(survey(2));
        assertThat(store.findSurvey(tenant, SURVEY, 1)).contains(survey(1));
        assertThat(store.findSurvey(tenant, SURVEY, 3)).isEmpty();
        assertThat(store.latestSurvey(Fixtures.newTenant("other"), SURVEY)).isEmpty();
    }

    @Test
    void aVersionIsStoredWithWhoMayAnswerIt() {
        store.saveSurvey(survey(1));
        Survey open = new Survey(tenant, SURVEY, 2, LocalizedText.of("Anket", "Survey"), survey(1).questions(), T0.plusSeconds(2),
                SurveyAccess.OPEN);
        store.saveSurvey(open);
        assertThat(store.findSurvey(tenant, SURVEY, 1).orElseThrow().access()).isEqualTo(SurveyAccess.INVITATION_ONLY);
        assertThat(store.findSurvey(tenant, SURVEY, 2)).contains(open);
        assertThat(store.latestSurvey(tenant, SURVEY).orElseThrow().access()).isEqualTo(SurveyAccess.OPEN);
    }

    @Test
    void aVersionIsStoredOnceAndNoneIsSkipped() {
        store.saveSurvey(survey(1));
        assertThatThrownBy(() -> store.saveSurvey(survey(1))).isInstanceOf(DuplicateKeyException.class)
                .extracting(e -> ((DuplicateKeyException) e).key()).isEqualTo("surveyVersion");
        assertThatThrownBy(() -> store.saveSurvey(survey(3))).isInstanceOf(VersionConflictException.class);
        assertThat(store.latestSurvey(tenant, SURVEY).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void anUnansweredInvitationIsWithdrawnWhollyAndAnAnsweredOneIsKept() {
        FeedbackId f = Fixtures.randomId();
        Invitation inv = invitation(T0, f);
        store.saveInvitation(inv);

        assertThat(store.withdrawInvitation(Fixtures.newTenant("other"), inv.id())).isFalse();
        assertThat(store.withdrawInvitation(tenant, inv.id())).isTrue();
        assertThat(store.withdrawInvitation(tenant, inv.id())).isFalse();

        assertThat(store.findInvitation(tenant, inv.id())).isEmpty();
        assertThat(store.findInvitation(tenant, inv.tokenHash())).isEmpty();
        assertThat(store.invitationFor(tenant, SURVEY, f)).isEmpty();
        // the feedback may be invited again
        Invitation again = invitation(T0.plusSeconds(60), f);
        store.saveInvitation(again);
        assertThat(store.invitationFor(tenant, SURVEY, f)).contains(again);
        store.saveResponse(response(again, T0.plusSeconds(120)));
        assertThat(store.withdrawInvitation(tenant, again.id())).isFalse();
        assertThat(store.findInvitation(tenant, again.id())).isPresent();
    }

    @Test
    void anInvitationIsFoundByItsTokenHashAndItsFeedback() {
        FeedbackId f = Fixtures.randomId();
        Invitation inv = invitation(T0, f);
        store.saveInvitation(inv);
        assertThat(store.findInvitation(tenant, inv.tokenHash())).contains(inv);
        assertThat(store.invitationFor(tenant, SURVEY, f)).contains(inv);
        assertThat(store.findInvitation(Fixtures.newTenant("other"), inv.tokenHash())).isEmpty();
        assertThat(store.invitationFor(tenant, SurveyId.of("other"), f)).isEmpty();
    }

    @Test
    void aFeedbackIsInvitedToASurveyOnce() {
        FeedbackId f = Fixtures.randomId();
        store.saveInvitation(invitation(T0, f));
        assertThatThrownBy(() -> store.saveInvitation(invitation(T0, f))).isInstanceOf(DuplicateKeyException.class)
                .extracting(e -> ((DuplicateKeyException) e).key()).isEqualTo("feedback");
    }

    private Invitation campaignInvitation(String recipient) {
        return new Invitation(InvitationId.of(UUID.randomUUID()), tenant, SURVEY, 1, SurveyToken.hash(SurveyToken.generate(RANDOM)), T0,
                T0.plus(Duration.ofDays(30)), null, "2026-H1", Fixtures.HOUSEKEEPING, recipient, null, null);
    }

    @Test
    void aRecipientInvitedTwiceInACampaignIsRefusedNamingTheInvitationAndTheCampaignNotTheAddress() {
        store.saveSurvey(survey(1));
        store.saveInvitation(campaignInvitation("Ayse.Yilmaz@örnek.com.tr"));
        Invitation again = campaignInvitation("Ayse.Yilmaz@örnek.com.tr");

        assertThatThrownBy(() -> store.saveInvitation(again))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo("campaign"))
                .hasMessageContaining(again.id().toString()).hasMessageContaining("2026-H1").hasMessageContaining(SURVEY.value())
                .hasMessageNotContainingAny("Yilmaz", "örnek")
                // a log prints the causes too, and a database's unique violation quotes the key
                .satisfies(e -> assertThat(Fixtures.causeMessages(e)).noneMatch(m -> m.contains("Yilmaz")));
    }

    @Test
    void aCampaignInvitationIsStoredWithItsMessageOrNeitherIsAndARecipientIsInvitedOncePerCampaign() {
        Assumptions.assumeTrue(store instanceof TransactionalOutbox, "the store writes no outbox");
        OutboxStore outbox = ((TransactionalOutbox) store).outbox();
        store.saveSurvey(survey(1));
        Invitation first = campaignInvitation("guest-1");
        Notification message = OutboxFixtures.campaignInvitation(tenant, first.id().value(), "2026-H1", "guest1@örnek.com.tr", T0);
        store.saveInvitation(first, List.of(message));

        assertThat(store.findInvitation(tenant, first.id())).contains(first);
        assertThat(outbox.find(message.id()).orElseThrow().notification()).isEqualTo(message);

        Invitation again = campaignInvitation("guest-1");
        Notification second = OutboxFixtures.campaignInvitation(tenant, again.id().value(), "2026-H1", "guest1@örnek.com.tr", T0);
        assertThatThrownBy(() -> store.saveInvitation(again, List.of(second))).isInstanceOf(DuplicateKeyException.class)
                .extracting(e -> ((DuplicateKeyException) e).key()).isEqualTo("campaign");
        assertThat(store.findInvitation(tenant, again.id())).isEmpty();
        assertThat(outbox.find(second.id())).isEmpty();

        // a message that exists already takes its invitation down with it
        Invitation other = campaignInvitation("guest-2");
        assertThatThrownBy(() -> store.saveInvitation(other, List.of(message))).isInstanceOf(DuplicateKeyException.class);
        assertThat(store.findInvitation(tenant, other.id())).isEmpty();
    }

    @Test
    void aCampaignRecipientIsFoundAndForgottenWithTheirDeliveryDetailAndNoOneElse() {
        store.saveSurvey(survey(1));
        Invitation mine = campaignInvitation("guest-9");
        Invitation inAnotherCampaign = new Invitation(InvitationId.of(UUID.randomUUID()), tenant, SURVEY, 1,
                SurveyToken.hash(SurveyToken.generate(RANDOM)), T0.plusSeconds(1), T0.plus(Duration.ofDays(30)), null, "2026-H2", null,
                "guest-9", null, null);
        Invitation someoneElse = campaignInvitation("guest-10");
        // an invitation after a feedback with the same recipient is the feedback's anonymisation's business
        Invitation afterFeedback = new Invitation(InvitationId.of(UUID.randomUUID()), tenant, SURVEY, 1,
                SurveyToken.hash(SurveyToken.generate(RANDOM)), T0, T0.plus(Duration.ofDays(30)), Fixtures.randomId(), null, null,
                "guest-9", null, null);
        TenantId other = Fixtures.newTenant("survey-other");
        Invitation otherTenant = new Invitation(InvitationId.of(UUID.randomUUID()), other, SURVEY, 1,
                SurveyToken.hash(SurveyToken.generate(RANDOM)), T0, T0.plus(Duration.ofDays(30)), null, "2026-H1", null, "guest-9", null, null);
        for (Invitation i : List.of(mine, inAnotherCampaign, someoneElse, afterFeedback, otherTenant)) {
            store.saveInvitation(i);
        }
        InvitationDelivery sent = new InvitationDelivery(InvitationDelivery.State.SENT, T0.plusSeconds(5), UUID.randomUUID(),
                "EMAIL to guest9@örnek.com.tr: smtp-1");
        store.recordDelivery(tenant, mine.id(), sent);
        store.recordDelivery(tenant, someoneElse.id(), sent);

        assertThat(store.campaignInvitationsTo(tenant, "guest-9")).extracting(Invitation::id)
                .containsExactlyInAnyOrder(mine.id(), inAnotherCampaign.id());
        assertThat(store.forgetCampaignRecipient(tenant, "guest-9", "[anonymised]")).isEqualTo(2);

        Invitation forgotten = store.findInvitation(tenant, mine.id()).orElseThrow();
        assertThat(forgotten.recipient()).isNull();
        assertThat(forgotten.delivery()).isEqualTo(new InvitationDelivery(sent.state(), sent.at(), sent.message(), "[anonymised]"));
        assertThat(forgotten.campaign()).isEqualTo("2026-H1");
        assertThat(forgotten.issuedAt()).isEqualTo(mine.issuedAt());
        assertThat(store.findInvitation(tenant, inAnotherCampaign.id()).orElseThrow().recipient()).isNull();
        assertThat(store.findInvitation(tenant, inAnotherCampaign.id()).orElseThrow().delivery()).isNull();
        assertThat(store.findInvitation(tenant, someoneElse.id()).orElseThrow().delivery()).isEqualTo(sent);
        assertThat(store.findInvitation(tenant, afterFeedback.id()).orElseThrow().recipient()).isEqualTo("guest-9");
        assertThat(store.findInvitation(other, otherTenant.id()).orElseThrow().recipient()).isEqualTo("guest-9");
        assertThat(store.campaignInvitationsTo(tenant, "guest-9")).isEmpty();
        assertThat(store.forgetCampaignRecipient(tenant, "guest-9", "[anonymised]")).isZero();
    }

    @Test
    void aCampaignRecipientsEmailAddressIsFoundAndForgottenInAnyCaseAndKeptAsTyped() {
        store.saveSurvey(survey(1));
        Invitation typed = campaignInvitation("Guest.Nine@örnek.com.tr");
        Invitation lower = campaignInvitation("guest.nine@örnek.com.tr");
        Invitation externalId = campaignInvitation("GUEST-9");
        for (Invitation i : List.of(typed, lower, externalId)) {
            store.saveInvitation(i);
        }
        assertThat(store.findInvitation(tenant, typed.id()).orElseThrow().recipient()).isEqualTo("Guest.Nine@örnek.com.tr");
        assertThat(store.campaignInvitationsTo(tenant, "GUEST.NINE@örnek.com.tr")).extracting(Invitation::id)
                .containsExactlyInAnyOrder(typed.id(), lower.id());
        // a host's customer id is not an address: its case is its own
        assertThat(store.campaignInvitationsTo(tenant, "guest-9")).isEmpty();

        assertThat(store.forgetCampaignRecipient(tenant, "guest.nine@örnek.com.tr", "[anonymised]")).isEqualTo(2);

        assertThat(store.findInvitation(tenant, typed.id()).orElseThrow().recipient()).isNull();
        assertThat(store.findInvitation(tenant, lower.id()).orElseThrow().recipient()).isNull();
        assertThat(store.findInvitation(tenant, externalId.id()).orElseThrow().recipient()).isEqualTo("GUEST-9");
        assertThat(store.campaignInvitationsTo(tenant, "Guest.Nine@örnek.com.tr")).isEmpty();
    }

    @Test
    void theLatestDeliveryOutcomeIsRecordedOnTheInvitation() {
        store.saveSurvey(survey(1));
        Invitation inv = campaignInvitation("guest-3");
        store.saveInvitation(inv);
        UUID message = UUID.randomUUID();
        InvitationDelivery failed = new InvitationDelivery(InvitationDelivery.State.FAILED, T0.plusSeconds(5), message, "EMAIL: 421 try later");
        InvitationDelivery sent = new InvitationDelivery(InvitationDelivery.State.SENT, T0.plusSeconds(65), message, "EMAIL: smtp-77");

        assertThat(store.recordDelivery(tenant, inv.id(), failed)).isTrue();
        assertThat(store.findInvitation(tenant, inv.id()).orElseThrow().delivery()).isEqualTo(failed);
        assertThat(store.recordDelivery(tenant, inv.id(), sent)).isTrue();
        Invitation read = store.findInvitation(tenant, inv.id()).orElseThrow();
        assertThat(read.delivery()).isEqualTo(sent);
        assertThat(read).isEqualTo(inv.delivered(sent));
        assertThat(store.findInvitation(tenant, read.tokenHash()).orElseThrow().delivery()).isEqualTo(sent);
        assertThat(store.recordDelivery(tenant, InvitationId.of(UUID.randomUUID()), sent)).isFalse();
        assertThat(store.recordDelivery(TenantId.of("another-" + UUID.randomUUID().toString().substring(0, 8)), inv.id(), sent)).isFalse();
    }

    @Test
    void aTokenHashIsUnique() {
        Invitation first = invitation(T0, Fixtures.randomId());
        store.saveInvitation(first);
        Invitation sameHash = new Invitation(InvitationId.of(UUID.randomUUID()), tenant, SURVEY, 1, first.tokenHash(), T0, T0.plusSeconds(60),
                null, "2026-H1", null, "x@example.com", null, null);
        assertThatThrownBy(() -> store.saveInvitation(sameHash)).isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining(sameHash.id().toString()).hasMessageNotContaining(first.tokenHash())
                .satisfies(e -> assertThat(Fixtures.causeMessages(e)).noneMatch(m -> m.contains(first.tokenHash())))
                .extracting(e -> ((DuplicateKeyException) e).key()).isEqualTo("tokenHash");
    }

    @Test
    void aResponseMarksItsInvitationAnsweredAndASecondIsRefused() {
        Invitation inv = invitation(T0, Fixtures.randomId());
        store.saveInvitation(inv);
        Response first = response(inv, T0.plusSeconds(60));
        store.saveResponse(first);
        assertThat(store.findInvitation(tenant, inv.tokenHash()).orElseThrow().answeredAt()).isEqualTo(T0.plusSeconds(60));

        assertThatThrownBy(() -> store.saveResponse(response(inv, T0.plusSeconds(120)))).isInstanceOf(AlreadyAnsweredException.class);
        assertThat(store.responses(tenant, T0, T0.plusSeconds(3600))).containsExactly(first);
        assertThat(store.findInvitation(tenant, inv.tokenHash()).orElseThrow().answeredAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aResponseIsFoundByItsIdInItsTenantOnly() {
        Invitation inv = invitation(T0, Fixtures.randomId());
        store.saveInvitation(inv);
        Response linked = response(inv, T0.plusSeconds(60));
        Response open = response(null, T0.plusSeconds(61));
        store.saveResponse(linked);
        store.saveResponse(open);
        assertThat(store.findResponse(tenant, linked.id())).contains(linked);
        assertThat(store.findResponse(tenant, open.id())).contains(open);
        assertThat(store.findResponse(Fixtures.newTenant("other"), linked.id())).isEmpty();
        assertThat(store.findResponse(tenant, ResponseId.of(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void aResponseToAnUnknownInvitationIsRefused() {
        Invitation never = invitation(T0, Fixtures.randomId());
        assertThatThrownBy(() -> store.saveResponse(response(never, T0))).isInstanceOf(NotFoundException.class);
        assertThat(store.responses(tenant, T0.minusSeconds(1), T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void ofConcurrentResponsesToOneInvitationExactlyOneIsStored() throws Exception {
        for (int round = 0; round < 20; round++) {
            Invitation inv = invitation(T0, Fixtures.randomId());
            store.saveInvitation(inv);
            int threads = 8;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    int n = i;
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            store.saveResponse(response(inv, T0.plusSeconds(n + 1)));
                            return true;
                        } catch (AlreadyAnsweredException e) {
                            return false;
                        }
                    }));
                }
                int stored = 0;
                for (Future<Boolean> r : results) {
                    stored += r.get(20, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(stored).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(store.responses(tenant, T0, T0.plusSeconds(3600))).hasSize(20);
    }

    /**
     * The dispatcher records a campaign message's outcome on its invitation while the customer answers it: both are
     * writes to the invitation, and neither may fail or be lost because of the other. The answer must not be taken for
     * a second one ({@link AlreadyAnsweredException}), and the delivery must not overwrite the answer, nor the answer
     * the delivery.
     */
    @Test
    void aDeliveryRecordedWhileTheInvitationIsAnsweredLosesNeitherWrite() throws Exception {
        int rounds = 200;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                Invitation inv = campaignInvitation("guest-race-" + round);
                store.saveInvitation(inv);
                Response answer = response(inv, T0.plusSeconds(60 + round));
                InvitationDelivery sent = new InvitationDelivery(InvitationDelivery.State.SENT, T0.plusSeconds(30 + round), UUID.randomUUID(),
                        "EMAIL: smtp-" + round);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<?> answering = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    store.saveResponse(answer);
                    return null;
                });
                Future<Boolean> recording = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return store.recordDelivery(tenant, inv.id(), sent);
                });
                answering.get(20, TimeUnit.SECONDS);
                assertThat(recording.get(20, TimeUnit.SECONDS)).as("round %d: the delivery is recorded", round).isTrue();
                Invitation after = store.findInvitation(tenant, inv.id()).orElseThrow();
                assertThat(after.answeredAt()).as("round %d: answered", round).isEqualTo(answer.submittedAt());
                assertThat(after.delivery()).as("round %d: the delivery", round).isEqualTo(sent);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.responses(tenant, T0, T0.plusSeconds(3600))).hasSize(rounds);
    }

    @Test
    void listsAreBoundedByTheirInstantsAndOrdered() {
        Invitation late = invitation(T0.plusSeconds(200), Fixtures.randomId());
        Invitation early = invitation(T0, Fixtures.randomId());
        store.saveInvitation(late);
        store.saveInvitation(early);
        assertThat(store.invitations(tenant, T0, T0.plusSeconds(201))).containsExactly(early, late);
        assertThat(store.invitations(tenant, T0, T0.plusSeconds(200))).containsExactly(early);
        Response open = response(null, T0.plusSeconds(5));
        store.saveResponse(open);
        assertThat(store.responses(tenant, T0.plusSeconds(5), T0.plusSeconds(6))).containsExactly(open);
        assertThat(store.responses(tenant, T0.plusSeconds(6), T0.plusSeconds(7))).isEmpty();
    }

    @Test
    void commentsRoundTripAndAreUnique() {
        Comment c = new Comment(CommentId.of(UUID.randomUUID()), tenant, Fixtures.TURKISH_TEXT, 4, Fixtures.randomId(), null, null,
                Fixtures.KITCHEN, Actor.customer(), T0);
        store.saveComment(c);
        assertThat(store.comments(tenant, T0, T0.plusSeconds(1))).containsExactly(c);
        assertThat(store.comments(Fixtures.newTenant("other"), T0, T0.plusSeconds(1))).isEmpty();
        assertThatThrownBy(() -> store.saveComment(c)).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aFeedbacksSurveyTextIsRedactedAndScoresStay() {
        store.saveSurvey(survey(1));
        FeedbackId f = Fixtures.randomId();
        Invitation inv = new Invitation(InvitationId.of(UUID.randomUUID()), tenant, SURVEY, 1, SurveyToken.hash(SurveyToken.generate(RANDOM)),
                T0, T0.plus(Duration.ofDays(30)), f, null, Fixtures.HOUSEKEEPING, "sukru@ornek.com.tr", null, null);
        store.saveInvitation(inv);
        Response answered = new Response(ResponseId.of(UUID.randomUUID()), tenant, SURVEY, 1, inv.id(), f, Fixtures.HOUSEKEEPING, null,
                T0.plusSeconds(10), List.of(Answer.score("overall", 2), Answer.text("why", "Şükrü Bey: oda soğuktu")));
        store.saveResponse(answered);
        Comment comment = new Comment(CommentId.of(UUID.randomUUID()), tenant, "Şükrü Çağlayan: berbat", 1, f, answered.id(), null,
                Fixtures.HOUSEKEEPING, Actor.customer(), T0.plusSeconds(11));
        store.saveComment(comment);
        Comment unrelated = new Comment(CommentId.of(UUID.randomUUID()), tenant, "Güzel otel", 5, Fixtures.randomId(), null, null,
                Fixtures.HOUSEKEEPING, Actor.customer(), T0.plusSeconds(12));
        store.saveComment(unrelated);
        assertThat(store.responsesFor(tenant, f)).containsExactly(answered);
        assertThat(store.commentsFor(tenant, f)).containsExactly(comment);
        assertThat(store.commentsFor(Fixtures.newTenant("other"), f)).isEmpty();

        int changed = store.redact(tenant, f, "[anonymised]");

        assertThat(changed).isEqualTo(3);
        Response r = store.responsesFor(tenant, f).get(0);
        assertThat(r.answers()).containsExactly(Answer.score("overall", 2), Answer.text("why", "[anonymised]"));
        assertThat(r.submittedAt()).isEqualTo(answered.submittedAt());
        assertThat(store.commentsFor(tenant, f)).singleElement()
                .satisfies(c -> {
                    assertThat(c.text()).isEqualTo("[anonymised]");
                    assertThat(c.rating()).isEqualTo(1);
                });
        assertThat(store.findInvitation(tenant, inv.tokenHash()).orElseThrow().recipient()).isNull();
        assertThat(store.findInvitation(tenant, inv.tokenHash()).orElseThrow().isAnswered()).isTrue();
        assertThat(store.comments(tenant, T0, T0.plusSeconds(13))).contains(unrelated);
    }
    @Test
    void aCommentGivenWithAResponseIsAboutTheFeedbackTheResponseFollowsAndIsRedactedWithIt() {
        store.saveSurvey(survey(1));
        FeedbackId f = Fixtures.randomId();
        Invitation inv = invitation(T0, f);
        store.saveInvitation(inv);
        Response answered = new Response(ResponseId.of(UUID.randomUUID()), tenant, SURVEY, 1, inv.id(), f, Fixtures.HOUSEKEEPING, null,
                T0.plusSeconds(10), List.of(Answer.score("overall", 2)));
        store.saveResponse(answered);
        // the survey page records the comment with the response it came with and names no feedback itself
        Comment withResponse = new Comment(CommentId.of(UUID.randomUUID()), tenant, "Şükrü Çağlayan, oda 204: berbat", 1, null, answered.id(),
                null, Fixtures.HOUSEKEEPING, Actor.customer(), T0.plusSeconds(11));
        store.saveComment(withResponse);
        Response open = response(null, T0.plusSeconds(12));
        store.saveResponse(open);
        Comment withOtherResponse = new Comment(CommentId.of(UUID.randomUUID()), tenant, "Ayşe Hanım: güzel", 5, null, open.id(), null,
                Fixtures.HOUSEKEEPING, Actor.customer(), T0.plusSeconds(13));
        store.saveComment(withOtherResponse);

        assertThat(store.commentsFor(tenant, f)).containsExactly(withResponse);
        assertThat(store.commentsFor(Fixtures.newTenant("other"), f)).isEmpty();

        assertThat(store.redact(tenant, f, "[anonymised]")).as("the comment; the invitation names nobody, the response has no text").isEqualTo(1);

        assertThat(store.commentsFor(tenant, f)).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("[anonymised]");
            assertThat(c.response()).isEqualTo(answered.id());
            assertThat(c.rating()).isEqualTo(1);
        });
        assertThat(store.comments(tenant, T0, T0.plusSeconds(14))).contains(withOtherResponse);
    }
}
