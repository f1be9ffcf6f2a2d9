package io.memnun;

import static io.memnun.NotificationFixture.HOTEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Consent;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.notify.MessageCategory;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.OutboxMessage;
import io.memnun.routing.LocalizedText;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemorySurveyStore;
import io.memnun.survey.AlreadyAnsweredException;
import io.memnun.survey.Answer;
import io.memnun.survey.Choice;
import io.memnun.survey.Invitation;
import io.memnun.survey.InvitationDelivery;
import io.memnun.survey.InvitationExpiredException;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.SurveyAccess;
import io.memnun.survey.SurveyId;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SurveyDeskTest {
    private static final SurveyId AFTER = SurveyId.of("after-closing");
    private static final Pattern LINK = Pattern.compile("https://hotel\\.example/survey/([A-Za-z0-9_-]{43})");

    private final MutableClock clock = NotificationFixture.clock();
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private FeedbackDesk desk;
    private SurveyDesk surveys;

    @BeforeEach
    void setUp() {
        desk = FeedbackDesk.builder().store(store).clock(clock).notifications(NotificationFixture.notifications().build()).build();
        surveys = SurveyDesk.builder(desk).store(new InMemorySurveyStore()).surveyUrl("https://hotel.example/survey/{token}")
                .invitationValidity(Duration.ofDays(14)).afterClosing(AFTER).build();
        surveys.publish(HOTEL, AFTER, LocalizedText.of("Memnuniyet anketi", "Satisfaction survey"), List.of(
                Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?"),
                Question.of("nps", QuestionType.NPS_0_10, "Bizi tavsiye eder misiniz?", "Would you recommend us?").optional(),
                Question.of("why", QuestionType.FREE_TEXT, "Neden?", "Why?").optional(),
                Question.of("again", QuestionType.YES_NO, "Tekrar gelir misiniz?", "Would you come again?").optional(),
                Question.choice("what", QuestionType.MULTIPLE_CHOICE, "Ne iyiydi?", "What was good?",
                        Choice.of("room", "Oda", "Room"), Choice.of("staff", "Personel", "Staff")).optional()));
    }

    private Feedback closedFeedback(Consent consent) {
        Feedback f = desk.receive(NotificationFixture.complaint(NotificationFixture.customer().toBuilder().consent(consent).build()).build());
        desk.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
        desk.resolve(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Klima değiştirildi");
        return desk.accept(HOTEL, f.id(), null);
    }

    private List<Notification> invitationsInOutbox() {
        List<Notification> out = new ArrayList<>();
        for (OutboxMessage m : store.outbox().claim("test", clock.instant().plus(Duration.ofDays(1)), Duration.ofMinutes(1), 1000)) {
            if (m.notification().event() == EventType.SURVEY_INVITED) {
                out.add(m.notification());
            }
        }
        return out;
    }

    private String tokenOf(Notification n) {
        Matcher m = LINK.matcher(n.text());
        assertThat(m.find()).as("the message carries the link: %s", n.text()).isTrue();
        return m.group(1);
    }

    @Test
    void closingInvitesTheConsentingCustomerThroughTheOutboxWithoutKeepingTheToken() {
        Feedback f = closedFeedback(new Consent(true, false, false));

        List<Notification> sent = invitationsInOutbox();
        assertThat(sent).hasSize(1);
        Notification n = sent.get(0);
        assertThat(n.category()).isEqualTo(MessageCategory.SURVEY);
        assertThat(n.template()).isEqualTo("customer/SURVEY_INVITED");
        String token = tokenOf(n);
        assertThat(n.text()).contains("Memnuniyet anketi");

        FeedbackEvent invited = desk.history(HOTEL, f.id()).stream().filter(e -> e.type() == EventType.SURVEY_INVITED).findFirst().orElseThrow();
        assertThat(invited.details()).containsKeys("invitation", "expiresAt").containsEntry("survey", "after-closing");
        assertThat(invited.details().toString()).doesNotContain(token);
        Invitation inv = surveys.invitation(HOTEL, token).orElseThrow();
        assertThat(inv.tokenHash()).doesNotContain(token);
        assertThat(inv.expiresAt()).isEqualTo(inv.issuedAt().plus(Duration.ofDays(14)));
        assertThat(inv.department()).isEqualTo(NotificationFixture.HOUSEKEEPING);

        // a second call finds the first invitation and sends nothing more
        assertThat(surveys.inviteAfterClosing(HOTEL, f.id())).contains(inv);
        assertThat(desk.history(HOTEL, f.id())).filteredOn(e -> e.type() == EventType.SURVEY_INVITED).hasSize(1);
    }

    @Test
    void withoutConsentToSurveysNobodyIsInvited() {
        Feedback f = closedFeedback(Consent.none());
        assertThat(invitationsInOutbox()).isEmpty();
        assertThat(surveys.inviteAfterClosing(HOTEL, f.id())).isEmpty();
        assertThat(desk.history(HOTEL, f.id())).noneMatch(e -> e.type() == EventType.SURVEY_INVITED);
    }

    @Test
    void anOpenFeedbackIsNotInvited() {
        Feedback f = desk.receive(NotificationFixture.complaint(NotificationFixture.customer()).build());
        assertThatThrownBy(() -> surveys.inviteAfterClosing(HOTEL, f.id())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not CLOSED");
    }

    @Test
    void aLinkIsAnsweredOnceAndTheSecondAnswerIsRefused() {
        closedFeedback(new Consent(true, false, false));
        String token = tokenOf(invitationsInOutbox().get(0));
        clock.advance(Duration.ofHours(2));
        surveys.respond(HOTEL, token, List.of(Answer.score("overall", 5), Answer.score("nps", 9), Answer.yesNo("again", true)), null);

        assertThatThrownBy(() -> surveys.respond(HOTEL, token, List.of(Answer.score("overall", 1)), null))
                .isInstanceOf(AlreadyAnsweredException.class);
        assertThat(surveys.store().responses(HOTEL, Instant.EPOCH, clock.instant().plusSeconds(1))).hasSize(1);
    }

    @Test
    void answersThatDoNotFitTheirQuestionAreRefusedAndNothingIsRecorded() {
        closedFeedback(new Consent(true, false, false));
        String token = tokenOf(invitationsInOutbox().get(0));
        assertRefused(token, "answers.overall", Answer.score("overall", 6));
        assertRefused(token, "answers.overall", Answer.score("overall", 0));
        assertRefused(token, "answers.overall", Answer.text("overall", "çok iyi"));
        assertRefused(token, "answers.nps", Answer.score("overall", 4), Answer.score("nps", 11));
        assertRefused(token, "answers.why", Answer.score("overall", 4), Answer.score("why", 3));
        assertRefused(token, "answers.again", Answer.score("overall", 4), Answer.choices("again", "room"));
        assertRefused(token, "answers.what", Answer.score("overall", 4), Answer.choices("what", "pool"));
        assertRefused(token, "answers.overall", Answer.score("nps", 9));
        assertRefused(token, "answers.nope", Answer.score("overall", 4), Answer.score("nope", 1));
        assertRefused(token, "answers.overall", Answer.score("overall", 4), Answer.score("overall", 5));
        assertThat(surveys.store().responses(HOTEL, Instant.EPOCH, clock.instant().plusSeconds(1))).isEmpty();
        // the link still works
        surveys.respond(HOTEL, token, List.of(Answer.score("overall", 4), Answer.choices("what", "room", "staff")), null);
    }

    private void assertRefused(String token, String field, Answer... answers) {
        assertThatThrownBy(() -> surveys.respond(HOTEL, token, List.of(answers), null)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo(field);
    }

    @Test
    void anExpiredLinkIsRefused() {
        closedFeedback(new Consent(true, false, false));
        String token = tokenOf(invitationsInOutbox().get(0));
        clock.advance(Duration.ofDays(14));
        assertThatThrownBy(() -> surveys.respond(HOTEL, token, List.of(Answer.score("overall", 5)), null))
                .isInstanceOf(InvitationExpiredException.class);
    }

    @Test
    void ofConcurrentAnswersThroughOneLinkOneIsRecorded() throws Exception {
        closedFeedback(new Consent(true, false, false));
        String token = tokenOf(invitationsInOutbox().get(0));
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int rating = 1 + i % 5;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        surveys.respond(HOTEL, token, List.of(Answer.score("overall", rating)), null);
                        return true;
                    } catch (AlreadyAnsweredException e) {
                        return false;
                    }
                }));
            }
            int recorded = 0;
            for (Future<Boolean> r : results) {
                recorded += r.get(20, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(recorded).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(surveys.store().responses(HOTEL, Instant.EPOCH, clock.instant().plusSeconds(1))).hasSize(1);
    }

    @Test
    void aSurveyForInvitationLinksOnlyTakesNoAnswerWithoutALinkAndRecordsNothing() {
        assertThat(surveys.survey(HOTEL, AFTER).orElseThrow().access()).isEqualTo(SurveyAccess.INVITATION_ONLY);

        assertThatThrownBy(() -> surveys.respondOpenly(HOTEL, AFTER, List.of(Answer.score("overall", 1)), NotificationFixture.HOUSEKEEPING, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("survey");
                    assertThat(e.getMessage()).contains("after-closing").contains("invitation links only");
                });
        // refused before its answers are looked at: the questions of a survey not open to all are nobody else's business
        assertThatThrownBy(() -> surveys.respondOpenly(HOTEL, AFTER, List.of(Answer.score("nope", 1)), null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("survey"));
        assertThat(surveys.store().responses(HOTEL, Instant.EPOCH, clock.instant().plusSeconds(1))).isEmpty();
        assertThatThrownBy(() -> surveys.respondOpenly(HOTEL, SurveyId.of("unknown"), List.of(Answer.score("overall", 1)), null, null))
                .isInstanceOf(io.memnun.error.NotFoundException.class);
    }

    @Test
    void anOpenSurveyTakesAnswersWithoutALinkAndThroughLinksUntilAVersionForLinksOnlyIsPublished() {
        SurveyId lobby = SurveyId.of("lobby-kiosk");
        List<Question> questions = List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?"));
        surveys.publish(HOTEL, lobby, LocalizedText.of("Lobi anketi", "Lobby survey"), questions, SurveyAccess.OPEN);
        assertThat(surveys.survey(HOTEL, lobby).orElseThrow().isOpen()).isTrue();

        var kiosk = surveys.respondOpenly(HOTEL, lobby, List.of(Answer.score("overall", 5)), NotificationFixture.HOUSEKEEPING, null);
        assertThat(kiosk.invitation()).isNull();
        assertThat(kiosk.surveyVersion()).isEqualTo(1);
        String token = surveys.startCampaign(HOTEL, lobby, "2026-H1", List.of("a@example.com"), null).get(0).token();
        surveys.respond(HOTEL, token, List.of(Answer.score("overall", 4)), null);

        // the next version, published for links only, closes it to answers without one
        surveys.publish(HOTEL, lobby, LocalizedText.of("Lobi anketi", "Lobby survey"), questions);
        assertThatThrownBy(() -> surveys.respondOpenly(HOTEL, lobby, List.of(Answer.score("overall", 5)), null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("survey"));
        assertThat(surveys.store().responses(HOTEL, Instant.EPOCH, clock.instant().plusSeconds(1))).hasSize(2);
    }

    @Test
    void aCommentNamingAFeedbackOrAResponseThatDoesNotExistInTheTenantIsRefusedAndNothingIsRecorded() {
        Feedback f = closedFeedback(new Consent(true, false, false));
        var response = surveys.respond(HOTEL, tokenOf(invitationsInOutbox().get(0)), List.of(Answer.score("overall", 2)), null);
        io.memnun.feedback.TenantId other = io.memnun.feedback.TenantId.of("another-hotel");
        Actor guest = Actor.customer();

        assertThatThrownBy(() -> surveys.comment(HOTEL, "Oda soğuktu", 2, io.memnun.feedback.FeedbackId.of(java.util.UUID.randomUUID()), null,
                null, null, guest)).isInstanceOfSatisfying(io.memnun.error.NotFoundException.class,
                        e -> assertThat(e.what()).startsWith("feedback"));
        assertThatThrownBy(() -> surveys.comment(other, "Oda soğuktu", 2, f.id(), null, null, null, guest))
                .isInstanceOf(io.memnun.error.NotFoundException.class);
        assertThatThrownBy(() -> surveys.comment(HOTEL, "Oda soğuktu", 2, null, io.memnun.survey.ResponseId.of(java.util.UUID.randomUUID()),
                null, null, guest)).isInstanceOfSatisfying(io.memnun.error.NotFoundException.class,
                        e -> assertThat(e.what()).startsWith("survey response"));
        assertThatThrownBy(() -> surveys.comment(other, "Oda soğuktu", 2, null, response.id(), null, null, guest))
                .isInstanceOf(io.memnun.error.NotFoundException.class);

        assertThat(surveys.store().comments(HOTEL, Instant.EPOCH, clock.instant().plusSeconds(1))).isEmpty();
        assertThat(surveys.store().comments(other, Instant.EPOCH, clock.instant().plusSeconds(1))).isEmpty();
    }

    @Test
    void aCommentWithAResponseIsAboutTheFeedbackTheResponseFollowsAndNoOther() {
        Feedback f = closedFeedback(new Consent(true, false, false));
        var response = surveys.respond(HOTEL, tokenOf(invitationsInOutbox().get(0)), List.of(Answer.score("overall", 2)), null);
        Feedback another = desk.receive(NotificationFixture.complaint(NotificationFixture.customer()).build());
        Actor guest = Actor.customer();

        // a response about one feedback and a comment about another: one of them is wrong, and scores and an
        // anonymisation would follow the wrong one
        assertThatThrownBy(() -> surveys.comment(HOTEL, "Oda soğuktu", 2, another.id(), response.id(), null, null, guest))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("feedback");
                    assertThat(e.getMessage()).contains(response.id().toString()).contains(f.id().toString());
                });
        assertThat(surveys.store().comments(HOTEL, Instant.EPOCH, clock.instant().plusSeconds(1))).isEmpty();

        var naming = surveys.comment(HOTEL, "Oda soğuktu", 2, f.id(), response.id(), null, null, guest);
        var notNaming = surveys.comment(HOTEL, "Klima gürültülü", 1, null, response.id(), null, null, guest);
        assertThat(surveys.store().commentsFor(HOTEL, f.id())).containsExactly(naming, notNaming);

        // an answer from the lobby follows no feedback: a comment given with it may name one
        SurveyId lobby = SurveyId.of("lobby-kiosk");
        surveys.publish(HOTEL, lobby, LocalizedText.of("Lobi anketi", "Lobby survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")), SurveyAccess.OPEN);
        var kiosk = surveys.respondOpenly(HOTEL, lobby, List.of(Answer.score("overall", 1)), null, null);
        var withKiosk = surveys.comment(HOTEL, "Şikâyetim hâlâ çözülmedi", 1, another.id(), kiosk.id(), null, null, guest);
        assertThat(surveys.store().commentsFor(HOTEL, another.id())).containsExactly(withKiosk);
    }

    @Test
    void aCampaignIssuesOneLinkPerRecipientAndTheScoresCountIt() {
        List<SurveyDesk.IssuedInvitation> issued = surveys.startCampaign(HOTEL, AFTER, "2026-H1", List.of("a@example.com", "b@example.com"),
                NotificationFixture.HOUSEKEEPING);
        assertThat(issued).hasSize(2);
        assertThat(issued.get(0).token()).isNotEqualTo(issued.get(1).token());
        assertThat(issued.get(0).url()).startsWith("https://hotel.example/survey/");
        surveys.respond(HOTEL, issued.get(0).token(), List.of(Answer.score("overall", 4)), null);
        surveys.comment(HOTEL, "Resepsiyon çok ilgiliydi", 5, null, null, null, NotificationFixture.HOUSEKEEPING, Actor.customer());

        var score = surveys.scores(HOTEL, io.memnun.survey.Period.halfYear(2026, 1, NotificationFixture.ISTANBUL)).get(0);
        assertThat(score.csat().value()).isEqualTo(100.0);
        assertThat(score.responseRate().value()).isEqualTo(50.0);
        assertThat(score.comments()).isEqualTo(1);
    }

    @Test
    void aCampaignMessageUnderWayWhileItsRecipientIsErasedRecordsItsDeliveryWithoutTheAddress() {
        SurveyId halfYear = SurveyId.of("half-year");
        InMemorySurveyStore surveyStore = new InMemorySurveyStore(store.outbox());
        SurveyDesk campaigns = SurveyDesk.builder(desk).store(surveyStore).surveyUrl("https://hotel.example/survey/{token}").build();
        campaigns.publish(HOTEL, halfYear, LocalizedText.of("Altı aylık memnuniyet anketi", "Half-yearly satisfaction survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));
        Customer ayse = Customer.builder().externalId("guest-1").name("Ayşe Çelik").email("ayse@example.com.tr").language("tr")
                .consent(new Consent(true, false, false)).build();
        Invitation invitation = campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", List.of(ayse), null).invited().get(0);
        PrivacyDesk privacy = PrivacyDesk.builder(desk, new io.memnun.store.memory.InMemoryPrivacyStore())
                .accessLogKey(io.memnun.tck.Fixtures.accessLogKey()).surveys(surveyStore).build();
        NotificationDispatcher dispatcher = NotificationDispatcher.builder(desk).channel(ContactChannel.EMAIL, n -> {
                    privacy.erase(HOTEL, io.memnun.privacy.PersonKey.externalId("guest-1"), Actor.staff("kvkk"));
                    return io.memnun.notify.SendResult.delivered("<campaign-1@otel.example>");
                }).recorder(MessageOwner.SURVEY_INVITATION, campaigns.deliveries()).build();

        dispatcher.tick();

        Invitation after = surveyStore.findInvitation(HOTEL, invitation.id()).orElseThrow();
        assertThat(after.recipient()).isNull();
        assertThat(after.delivery().state()).isEqualTo(InvitationDelivery.State.SENT);
        assertThat(after.delivery().detail()).isEqualTo("EMAIL: <campaign-1@otel.example>");
    }

    /** A survey desk writing to the feedback store's outbox, {@code survey} published, its links valid for 30 days. */
    private SurveyDesk halfYearCampaigns(SurveyId survey) {
        SurveyDesk campaigns = SurveyDesk.builder(desk).store(new InMemorySurveyStore(store.outbox())).surveyUrl("https://hotel.example/survey/{token}")
                .invitationValidity(Duration.ofDays(30)).build();
        campaigns.publish(HOTEL, survey, LocalizedText.of("Altı aylık memnuniyet anketi", "Half-yearly satisfaction survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));
        return campaigns;
    }

    @Test
    void anInvitationsDeliveryRecordSaysWhenItsSmsWasCutToFitAsAHistoryWould() {
        SurveyId halfYear = SurveyId.of("half-year");
        SurveyDesk campaigns = halfYearCampaigns(halfYear);
        Consent surveysOnly = new Consent(true, false, false);
        Customer john = Customer.builder().externalId("guest-2").name("John Smith").phone("+447700900123").preferredChannel(ContactChannel.SMS)
                .language("en").consent(surveysOnly).build();
        Customer jane = Customer.builder().externalId("guest-3").name("Jane Doe").phone("+447700900456").preferredChannel(ContactChannel.SMS)
                .language("en").consent(surveysOnly).build();
        List<Invitation> invited = campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", List.of(john, jane), null).invited();
        java.util.Map<String, String> cut = new java.util.LinkedHashMap<>();
        cut.put("cut", "true");
        cut.put("segments", "2");
        cut.put("length", "306");
        cut.put("originalSegments", "4");
        cut.put("originalLength", "539");
        // John's text was cut, Jane's went whole
        io.memnun.spi.NotificationChannel sms = n -> n.address().equals("+447700900123") ? io.memnun.notify.SendResult.delivered("smsc-1", cut)
                : io.memnun.notify.SendResult.delivered("smsc-2");

        NotificationDispatcher.builder(desk).channel(ContactChannel.SMS, sms).recorder(MessageOwner.SURVEY_INVITATION, campaigns.deliveries())
                .build().tick();

        InvitationDelivery toJohn = campaigns.store().findInvitation(HOTEL, invited.get(0).id()).orElseThrow().delivery();
        InvitationDelivery toJane = campaigns.store().findInvitation(HOTEL, invited.get(1).id()).orElseThrow().delivery();
        assertThat(toJohn.detail()).isEqualTo(
                "SMS to +447700900123: smsc-1 (cut=true, segments=2, length=306, originalSegments=4, originalLength=539)");
        assertThat(toJohn.cut()).isTrue();
        assertThat(toJohn.facts()).containsExactlyEntriesOf(cut);
        assertThat(toJane.detail()).isEqualTo("SMS to +447700900456: smsc-2");
        assertThat(toJane.cut()).isFalse();
        assertThat(toJane.facts()).isEmpty();
    }

    @Test
    void anInvitationsFailureWhoseErrorIsCutToFitTheDetailIsCutBetweenCharactersAndRecorded() {
        SurveyId halfYear = SurveyId.of("half-year");
        SurveyDesk campaigns = halfYearCampaigns(halfYear);
        Customer john = Customer.builder().externalId("guest-2").name("John Smith").phone("+447700900123").preferredChannel(ContactChannel.SMS)
                .language("en").consent(new Consent(true, false, false)).build();
        Invitation invited = campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", List.of(john), null).invited().get(0);
        // "SMS to +447700900123: " and the error: an emoji across the detail's 1,000th character
        String error = "x".repeat(977) + "\uD83D\uDE1E" + "y".repeat(20);
        io.memnun.spi.NotificationChannel refusing = n -> io.memnun.notify.SendResult.permanent(error);

        NotificationDispatcher.builder(desk).channel(ContactChannel.SMS, refusing).recorder(MessageOwner.SURVEY_INVITATION, campaigns.deliveries())
                .build().tick();

        InvitationDelivery dead = campaigns.store().findInvitation(HOTEL, invited.id()).orElseThrow().delivery();
        assertThat(dead).isNotNull();
        assertThat(dead.state()).isEqualTo(InvitationDelivery.State.DEAD);
        assertThat(dead.detail()).isEqualTo("SMS to +447700900123: " + "x".repeat(977));
    }

    @Test
    void aCampaignInALanguageWithoutTemplatesWritesItsDatesInTheLanguageOfTheText() {
        SurveyId halfYear = SurveyId.of("half-year");
        SurveyDesk campaigns = halfYearCampaigns(halfYear);
        Customer amelie = Customer.builder().externalId("guest-5").name("Amélie Martin").email("amelie@example.fr").language("fr")
                .consent(new Consent(true, false, false)).build();

        campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", List.of(amelie), null);

        Notification toAmelie = store.outbox().all().stream().map(OutboxMessage::notification).findFirst().orElseThrow();
        assertThat(toAmelie.language()).isEqualTo(Locale.ENGLISH);
        assertThat(toAmelie.text()).contains("15 April 2026").doesNotContain("avril");
    }

    @Test
    void aCampaignWithARecipientTwiceOrMalformedOrAlreadyInvitedIsRefusedWholeAndIssuesNoLink() {
        Instant from = Instant.EPOCH;
        Instant to = clock.instant().plusSeconds(1);
        assertThatThrownBy(() -> surveys.startCampaign(HOTEL, AFTER, "2026-H1", List.of("a@example.com", "b@example.com", "a@example.com"), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    // by position: an address in a message would end up in the host's logs
                    assertThat(e.field()).isEqualTo("recipients");
                    assertThat(e.getMessage()).contains("[2]").contains("[0]").doesNotContain("example.com");
                });
        assertThatThrownBy(() -> surveys.startCampaign(HOTEL, AFTER, "2026-H1", List.of("a@example.com", " b@example.com"), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("recipients"));
        // nothing was issued, so no link was lost: every recipient can still be invited, once
        assertThat(surveys.store().invitations(HOTEL, from, to)).isEmpty();
        assertThat(surveys.startCampaign(HOTEL, AFTER, "2026-H1", List.of("a@example.com"), null)).hasSize(1);
        assertThatThrownBy(() -> surveys.startCampaign(HOTEL, AFTER, "2026-H1", List.of("b@example.com", "a@example.com"), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("recipients");
                    assertThat(e.getMessage()).contains("[1]").contains("already invited").doesNotContain("example.com");
                });
        assertThat(surveys.store().invitations(HOTEL, from, to)).extracting(Invitation::recipient).containsExactly("a@example.com");
        assertThat(surveys.startCampaign(HOTEL, AFTER, "2026-H1", List.of("b@example.com"), null)).hasSize(1);
        // an address in another case is the same person
        assertThatThrownBy(() -> surveys.startCampaign(HOTEL, AFTER, "2026-H1", List.of("c@example.com", "C@Example.com"), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("named twice"));
        assertThatThrownBy(() -> surveys.startCampaign(HOTEL, AFTER, "2026-H1", List.of("A@Example.COM"), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("already invited"));
        assertThat(surveys.store().invitations(HOTEL, from, to)).hasSize(2);
    }

    @Test
    void aTrendNamesBothOfItsPeriodsAlsoWhenOneOfThemHasNoScores() {
        io.memnun.survey.Period earlier = io.memnun.survey.Period.halfYear(2025, 2, NotificationFixture.ISTANBUL);
        io.memnun.survey.Period later = io.memnun.survey.Period.halfYear(2026, 1, NotificationFixture.ISTANBUL);
        SurveyId lobby = SurveyId.of("lobby-kiosk");
        surveys.publish(HOTEL, lobby, LocalizedText.of("Lobi anketi", "Lobby survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")), SurveyAccess.OPEN);
        surveys.respondOpenly(HOTEL, lobby, List.of(Answer.score("overall", 5)), NotificationFixture.HOUSEKEEPING, null);

        var trend = surveys.trend(HOTEL, earlier, later);
        assertThat(trend).singleElement().satisfies(t -> {
            assertThat(t.earlier().period()).isEqualTo(earlier);
            assertThat(t.earlier().csat().isEmpty()).isTrue();
            assertThat(t.later().period()).isEqualTo(later);
            assertThat(t.csatChange()).isEmpty();
        });
        // and the other way round: the later half year has nothing yet
        var next = io.memnun.survey.Period.halfYear(2026, 2, NotificationFixture.ISTANBUL);
        assertThat(surveys.trend(HOTEL, later, next)).singleElement().satisfies(t -> {
            assertThat(t.earlier().period()).isEqualTo(later);
            assertThat(t.later().period()).isEqualTo(next);
        });
    }

    @Test
    void aCampaignIsSentThroughTheOutboxInEachCustomersLanguageHonouringConsentAndPreferenceAndDeliveryIsRecordedOnTheInvitation() {
        SurveyId halfYear = SurveyId.of("half-year");
        SurveyDesk campaigns = halfYearCampaigns(halfYear);
        Consent surveysOnly = new Consent(true, false, false);
        Customer ayse = Customer.builder().externalId("guest-1").name("Ayşe Çelik").email("ayse@example.com.tr").language("tr")
                .consent(surveysOnly).build();
        Customer john = Customer.builder().externalId("guest-2").name("John Smith").email("john@example.com").phone("+447700900123")
                .preferredChannel(ContactChannel.SMS).language("en").consent(surveysOnly).build();
        Customer noConsent = Customer.builder().externalId("guest-3").email("guest3@example.com").consent(Consent.none()).build();
        Customer byPostOnly = Customer.builder().externalId("guest-4").email("guest4@example.com").preferredChannel(ContactChannel.NONE)
                .consent(surveysOnly).build();

        SurveyDesk.CampaignSending sending = campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", List.of(ayse, john, noConsent, byPostOnly),
                NotificationFixture.HOUSEKEEPING);

        assertThat(sending.invited()).extracting(Invitation::recipient).containsExactly("guest-1", "guest-2");
        assertThat(sending.notInvited()).containsEntry("guest-3", "no consent to survey messages")
                .containsEntry("guest-4", "does not wish to be contacted").hasSize(2);

        ScriptedChannel mail = new ScriptedChannel();
        ScriptedChannel sms = new ScriptedChannel().then(io.memnun.notify.SendResult.permanent("unknown subscriber"));
        NotificationDispatcher dispatcher = NotificationDispatcher.builder(desk).channel(ContactChannel.EMAIL, mail).channel(ContactChannel.SMS, sms)
                .recorder(MessageOwner.SURVEY_INVITATION, campaigns.deliveries()).build();
        assertThat(dispatcher.tick()).isEqualTo(2);

        Notification toAyse = mail.sent.get(0);
        assertThat(toAyse.owner()).isEqualTo(new MessageOwner(MessageOwner.SURVEY_INVITATION, sending.invited().get(0).id().value(), "2026-H1"));
        assertThat(toAyse.feedbackId()).isEmpty();
        assertThat(toAyse.category()).isEqualTo(MessageCategory.SURVEY);
        assertThat(toAyse.address()).isEqualTo("ayse@example.com.tr");
        assertThat(toAyse.subject()).isEqualTo("Boğaziçi Otel: Altı aylık memnuniyet anketi");
        assertThat(toAyse.text()).startsWith("Sayın Ayşe Çelik,").contains("15 Nisan 2026");
        Notification toJohn = sms.sent.get(0);
        assertThat(toJohn.channel()).isEqualTo(ContactChannel.SMS);
        assertThat(toJohn.text()).startsWith("Boğaziçi Otel: how are we doing? A short survey: https://hotel.example/survey/");
        String ayseToken = tokenOf(toAyse);
        assertThat(tokenOf(toJohn)).isNotEqualTo(ayseToken);

        Invitation ayseInvitation = campaigns.invitation(HOTEL, ayseToken).orElseThrow();
        assertThat(ayseInvitation.campaign()).isEqualTo("2026-H1");
        assertThat(ayseInvitation.expiresAt()).isEqualTo(ayseInvitation.issuedAt().plus(Duration.ofDays(30)));
        assertThat(ayseInvitation.delivery().state()).isEqualTo(InvitationDelivery.State.SENT);
        assertThat(ayseInvitation.delivery().message()).isEqualTo(toAyse.id());
        assertThat(ayseInvitation.delivery().detail()).isEqualTo("EMAIL to ayse@example.com.tr: provider-1");
        Invitation johnInvitation = campaigns.invitation(HOTEL, tokenOf(toJohn)).orElseThrow();
        assertThat(johnInvitation.delivery().state()).isEqualTo(InvitationDelivery.State.DEAD);
        assertThat(johnInvitation.delivery().detail()).contains("unknown subscriber");
        assertThat(store.outbox().deadLetters(10)).extracting(OutboxMessage::id).containsExactly(toJohn.id());

        // the link answers once; sending the campaign again reaches only those not invited yet
        campaigns.respond(HOTEL, ayseToken, List.of(Answer.score("overall", 5)), null);
        assertThatThrownBy(() -> campaigns.respond(HOTEL, ayseToken, List.of(Answer.score("overall", 1)), null))
                .isInstanceOf(AlreadyAnsweredException.class);
        Customer late = Customer.builder().externalId("guest-5").email("guest5@example.com").consent(surveysOnly).build();
        SurveyDesk.CampaignSending again = campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", List.of(ayse, late), null);
        assertThat(again.invited()).extracting(Invitation::recipient).containsExactly("guest-5");
        assertThat(again.notInvited()).containsEntry("guest-1", "already invited to half-year in 2026-H1");
        // a customer known by address only is invited once whatever the case it is written in, in one call or later
        Customer byAddress = Customer.builder().email("Deniz@Example.com").consent(surveysOnly).build();
        Customer sameLowered = Customer.builder().email("deniz@example.com").consent(surveysOnly).build();
        SurveyDesk.CampaignSending cased = campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", List.of(byAddress, sameLowered), null);
        assertThat(cased.invited()).hasSize(1);
        assertThat(cased.notInvited()).containsOnlyKeys("deniz@example.com");
        assertThat(campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", List.of(sameLowered), null).invited()).isEmpty();
        dispatcher.tick();
        assertThat(mail.sent).hasSize(3);
    }

    /**
     * A campaign follows memnun's rule for loops: a recipient whose invitation cannot be saved is reported and logged,
     * and the others are invited; sending the campaign again invites only those left. A conflict in the host's
     * transaction ends the sending and is thrown, since the invitations saved in that transaction are lost with it.
     */
    @Test
    void aRecipientWhoseInvitationCannotBeSavedIsReportedAndTheOthersAreInvitedButAConflictInTheHostsTransactionEndsTheSending() {
        SurveyId halfYear = SurveyId.of("half-year");
        Consent surveysOnly = new Consent(true, false, false);
        List<Customer> guests = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            guests.add(Customer.builder().externalId("guest-" + i).name("Misafir " + i).email("guest" + i + "@example.com")
                    .language("tr").consent(surveysOnly).build());
        }
        for (RuntimeException failure : List.of(new io.memnun.error.StoreException("could not save invitation: connection reset"),
                SlaMonitorTest.conflict(false), SlaMonitorTest.conflict(true))) {
            InMemoryFeedbackStore own = new InMemoryFeedbackStore();
            FeedbackDesk d = FeedbackDesk.builder().store(own).clock(clock).notifications(NotificationFixture.notifications().build()).build();
            List<String> tried = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
            SurveyDesk campaigns = SurveyDesk.builder(d).store(new io.memnun.testing.ForwardingSurveyStore(new InMemorySurveyStore(own.outbox())) {
                @Override
                public void saveInvitation(Invitation invitation, List<io.memnun.notify.Notification> outbox) {
                    tried.add(invitation.recipient());
                    if ("guest-2".equals(invitation.recipient()) && failures.getAndIncrement() == 0) {
                        throw failure;
                    }
                    super.saveInvitation(invitation, outbox);
                }
            }).surveyUrl("https://hotel.example/survey/{token}").build();
            campaigns.publish(HOTEL, halfYear, LocalizedText.of("Altı aylık memnuniyet anketi", "Half-yearly satisfaction survey"),
                    List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));

            if (failure instanceof io.memnun.error.TransactionConflictException c && c.inHostTransaction()) {
                assertThatThrownBy(() -> campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", guests, null)).isSameAs(failure);
                assertThat(tried).containsExactly("guest-1", "guest-2");
                // the host rolls back and runs it again; here guest-1's invitation stayed, as a commit of the part before
                // the conflict would have left it
                SurveyDesk.CampaignSending again = campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", guests, null);
                assertThat(again.invited()).extracting(Invitation::recipient).containsExactly("guest-2", "guest-3");
                assertThat(again.failed()).isEmpty();
                continue;
            }
            SurveyDesk.CampaignSending[] sent = new SurveyDesk.CampaignSending[1];
            String log = io.memnun.testing.CapturedLog.during(() -> sent[0] = campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", guests, null));
            SurveyDesk.CampaignSending sending = sent[0];

            assertThat(tried).containsExactly("guest-1", "guest-2", "guest-3");
            assertThat(sending.invited()).extracting(Invitation::recipient).containsExactly("guest-1", "guest-3");
            assertThat(sending.notInvited()).isEmpty();
            assertThat(sending.failed()).containsOnlyKeys("guest-2");
            assertThat(sending.failed().get("guest-2")).contains(failure.getClass().getSimpleName())
                    .doesNotContain("guest2@example.com", "Misafir");
            assertThat(log).contains("2026-H1", "recipients[1]").doesNotContain("guest-2", "guest2@example.com", "Misafir");
            assertThat(own.outbox().all()).hasSize(2);

            // sending it again reaches only the recipient left
            SurveyDesk.CampaignSending again = campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", guests, null);
            assertThat(again.invited()).extracting(Invitation::recipient).containsExactly("guest-2");
            assertThat(again.notInvited()).containsOnlyKeys("guest-1", "guest-3");
            assertThat(again.failed()).isEmpty();
            assertThat(own.outbox().all()).hasSize(3);
        }
    }

    @Test
    void aPersonListedTwiceWhoseFirstInvitationFailsIsTriedAgainWithTheSecondCopy() {
        SurveyId halfYear = SurveyId.of("half-year");
        Consent surveysOnly = new Consent(true, false, false);
        List<Customer> guests = List.of(
                Customer.builder().name("Misafir").email("Guest@Example.com").language("tr").consent(surveysOnly).build(),
                Customer.builder().name("Misafir").email("guest@example.com").language("tr").consent(surveysOnly).build());
        InMemoryFeedbackStore own = new InMemoryFeedbackStore();
        FeedbackDesk d = FeedbackDesk.builder().store(own).clock(clock).notifications(NotificationFixture.notifications().build()).build();
        java.util.concurrent.atomic.AtomicInteger saves = new java.util.concurrent.atomic.AtomicInteger();
        SurveyDesk campaigns = SurveyDesk.builder(d).store(new io.memnun.testing.ForwardingSurveyStore(new InMemorySurveyStore(own.outbox())) {
            @Override
            public void saveInvitation(Invitation invitation, List<io.memnun.notify.Notification> outbox) {
                if (saves.getAndIncrement() == 0) {
                    throw new io.memnun.error.StoreException("could not save invitation: connection reset");
                }
                super.saveInvitation(invitation, outbox);
            }
        }).surveyUrl("https://hotel.example/survey/{token}").build();
        campaigns.publish(HOTEL, halfYear, LocalizedText.of("Altı aylık memnuniyet anketi", "Half-yearly satisfaction survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));

        SurveyDesk.CampaignSending[] sent = new SurveyDesk.CampaignSending[1];
        io.memnun.testing.CapturedLog.during(() -> sent[0] = campaigns.sendCampaign(HOTEL, halfYear, "2026-H1", guests, null));

        // not "already invited": the first copy was not
        assertThat(sent[0].invited()).hasSize(1);
        assertThat(sent[0].notInvited()).isEmpty();
        assertThat(sent[0].failed()).hasSize(1);
        assertThat(own.outbox().all()).hasSize(1);
    }

    @Test
    void aCampaignNeedsNotificationsAndAStoreWithAnOutbox() {
        FeedbackDesk silent = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
        SurveyDesk noNotifications = SurveyDesk.builder(silent).store(new InMemorySurveyStore()).surveyUrl("https://hotel.example/s/{token}").build();
        noNotifications.publish(HOTEL, AFTER, LocalizedText.of("Anket", "Survey"), List.of(Question.of("overall", QuestionType.RATING_1_5, "?", "?")));
        assertThatThrownBy(() -> noNotifications.sendCampaign(HOTEL, AFTER, "2026-H1", List.of(NotificationFixture.customer()), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("notifications"));
    }

    @Test
    void theBuilderRefusesBadSettings() {
        assertThatThrownBy(() -> SurveyDesk.builder(desk).surveyUrl("https://x.example/{token}").build()).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("store");
        assertThatThrownBy(() -> SurveyDesk.builder(desk).surveyUrl("ftp://x")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> SurveyDesk.builder(desk).invitationValidity(Duration.ZERO)).isInstanceOf(ValidationException.class);
    }

    @Test
    void theAfterClosingInvitationShowsItsExpiryInTheCustomersZone() {
        Feedback f = desk.receive(NotificationFixture.complaint(NotificationFixture.customer().toBuilder()
                .language("en").attribute("timeZone", "Europe/London").consent(new Consent(true, false, false)).build()).build());
        desk.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
        desk.resolve(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Air conditioner replaced");
        desk.accept(HOTEL, f.id(), null);

        Notification invitation = invitationsInOutbox().get(0);
        java.time.Instant expires = surveys.inviteAfterClosing(HOTEL, f.id()).orElseThrow().expiresAt();
        java.time.format.DateTimeFormatter hours = java.time.format.DateTimeFormatter.ofPattern("HH:mm");

        assertThat(invitation.zone()).isEqualTo(java.time.ZoneId.of("Europe/London"));
        assertThat(invitation.text()).contains(hours.withZone(java.time.ZoneId.of("Europe/London")).format(expires))
                .doesNotContain(hours.withZone(java.time.ZoneId.of("Europe/Istanbul")).format(expires));
    }

    /** A desk whose store fails the next change that records SURVEY_INVITED, as a database hiccup would. */
    private static final class FailingInvitationChange extends io.memnun.testing.ForwardingFeedbackStore
            implements io.memnun.spi.TransactionalOutbox {
        private final InMemoryFeedbackStore real;
        volatile boolean armed;
        volatile RuntimeException failure = new io.memnun.error.StoreException("connection reset");

        FailingInvitationChange(InMemoryFeedbackStore real) {
            super(real);
            this.real = real;
        }

        @Override
        public void save(io.memnun.spi.FeedbackChange change) {
            if (armed && change.events().stream().anyMatch(e -> e.type() == EventType.SURVEY_INVITED)) {
                armed = false;
                throw failure;
            }
            super.save(change);
        }

        @Override
        public io.memnun.spi.OutboxStore outbox() {
            return real.outbox();
        }
    }

    @Test
    void anInvitationWhoseMessageCouldNotBeWrittenIsIssuedAnewAndSentOnce() {
        FailingInvitationChange failing = new FailingInvitationChange(store);
        FeedbackDesk flaky = FeedbackDesk.builder().store(failing).referenceSequence(store).clock(clock)
                .notifications(NotificationFixture.notifications().build()).build();
        InMemorySurveyStore surveyStore = new InMemorySurveyStore();
        SurveyDesk flakySurveys = SurveyDesk.builder(flaky).store(surveyStore).surveyUrl("https://hotel.example/survey/{token}")
                .invitationValidity(Duration.ofDays(14)).afterClosing(AFTER).build();
        flakySurveys.publish(HOTEL, AFTER, LocalizedText.of("Memnuniyet anketi", "Satisfaction survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));
        Feedback f = flaky.receive(NotificationFixture.complaint(NotificationFixture.customer().toBuilder()
                .consent(new Consent(true, false, false)).build()).build());
        flaky.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
        flaky.resolve(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Klima değiştirildi");
        failing.armed = true;

        // the closing invites the customer (the survey desk listens to the desk); that change fails, and is logged
        flaky.accept(HOTEL, f.id(), null);

        assertThat(failing.armed).as("the invitation's change was tried").isFalse();
        assertThat(surveyStore.invitationFor(HOTEL, AFTER, f.id())).as("taken back with its failed message").isEmpty();
        Invitation issued = flakySurveys.inviteAfterClosing(HOTEL, f.id()).orElseThrow();

        assertThat(flakySurveys.inviteAfterClosing(HOTEL, f.id())).contains(issued);
        assertThat(store.outbox().all()).filteredOn(m -> m.notification().event() == EventType.SURVEY_INVITED).singleElement()
                .satisfies(m -> assertThat(m.notification().text()).contains("https://hotel.example/survey/"));
    }

    /**
     * The invitation a closing issues is written in the closing's transaction: when that is the host's and the
     * invitation meets a conflict there, the database aborted it, the closing included, so the closing throws it
     * rather than answer as if it stood. A conflict in a store call's own transaction is logged like any other
     * failure of the invitation, and the closing stands.
     */
    @Test
    void anInvitationsConflictInTheHostsTransactionFailsTheClosingAndOneOutsideItDoesNot() {
        for (boolean inHostTransaction : new boolean[] {false, true}) {
            InMemoryFeedbackStore own = new InMemoryFeedbackStore();
            FailingInvitationChange failing = new FailingInvitationChange(own);
            FeedbackDesk d = FeedbackDesk.builder().store(failing).referenceSequence(own).clock(clock)
                    .notifications(NotificationFixture.notifications().build()).build();
            SurveyDesk s = SurveyDesk.builder(d).store(new InMemorySurveyStore()).surveyUrl("https://hotel.example/survey/{token}")
                    .afterClosing(AFTER).build();
            s.publish(HOTEL, AFTER, LocalizedText.of("Memnuniyet anketi", "Satisfaction survey"),
                    List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));
            Feedback f = d.receive(NotificationFixture.complaint(NotificationFixture.customer().toBuilder()
                    .consent(new Consent(true, false, false)).build()).build());
            d.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
            d.resolve(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Klima değiştirildi");
            io.memnun.error.TransactionConflictException conflict = SlaMonitorTest.conflict(inHostTransaction);
            failing.failure = conflict;
            failing.armed = true;

            if (inHostTransaction) {
                assertThatThrownBy(() -> d.accept(HOTEL, f.id(), null)).isSameAs(conflict);
            } else {
                assertThat(d.accept(HOTEL, f.id(), null).status()).isEqualTo(io.memnun.feedback.Status.CLOSED);
            }
            assertThat(failing.armed).as("the invitation's change was tried").isFalse();
        }
    }

    @Test
    void anInvitationLeftWithoutItsMessageIsIssuedAnewOnceItIsNoLongerAnotherCallsInFlight() {
        InMemoryFeedbackStore own = new InMemoryFeedbackStore();
        FeedbackDesk d = FeedbackDesk.builder().store(own).clock(clock).notifications(NotificationFixture.notifications().build()).build();
        InMemorySurveyStore surveyStore = new InMemorySurveyStore();
        SurveyDesk manual = SurveyDesk.builder(d).store(surveyStore).surveyUrl("https://hotel.example/survey/{token}")
                .invitationValidity(Duration.ofDays(14)).afterClosing(AFTER).build();
        manual.publish(HOTEL, AFTER, LocalizedText.of("Memnuniyet anketi", "Satisfaction survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));
        Feedback f = d.receive(NotificationFixture.complaint(NotificationFixture.customer().toBuilder()
                .consent(new Consent(true, false, false)).build()).build());
        d.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
        d.resolve(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Klima değiştirildi");
        // as a node that died between saving the invitation and writing its message left it
        Invitation orphan = new Invitation(io.memnun.survey.InvitationId.of(java.util.UUID.randomUUID()), HOTEL, AFTER, 1,
                io.memnun.survey.SurveyToken.hash(io.memnun.survey.SurveyToken.generate(new java.security.SecureRandom())), clock.instant(),
                clock.instant().plus(Duration.ofDays(14)), f.id(), null, null, null, null, null);
        surveyStore.saveInvitation(orphan);

        // the closing's invitation finds it: maybe another call's, still writing its message
        d.accept(HOTEL, f.id(), null);
        assertThat(manual.inviteAfterClosing(HOTEL, f.id())).contains(orphan);
        clock.advance(Duration.ofMinutes(10));
        Invitation issued = manual.inviteAfterClosing(HOTEL, f.id()).orElseThrow();

        assertThat(issued.id()).isNotEqualTo(orphan.id());
        assertThat(surveyStore.findInvitation(HOTEL, orphan.id())).isEmpty();
        assertThat(manual.inviteAfterClosing(HOTEL, f.id())).contains(issued);
        assertThat(own.outbox().all()).filteredOn(m -> m.notification().event() == EventType.SURVEY_INVITED).hasSize(1);
    }
}
