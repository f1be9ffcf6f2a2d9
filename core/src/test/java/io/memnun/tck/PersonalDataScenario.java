package io.memnun.tck;

import io.memnun.FeedbackDesk;
import io.memnun.Notifications;
import io.memnun.PrivacyDesk;
import io.memnun.SurveyDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Command;
import io.memnun.feedback.Consent;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.PersonKey;
import io.memnun.spi.AttachmentStore;
import io.memnun.spi.SurveyStore;
import io.memnun.spi.TrackingTokenStore;
import io.memnun.store.memory.InMemoryRecipientDirectory;
import io.memnun.routing.LocalizedText;
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
import io.memnun.survey.SurveyId;
import io.memnun.survey.SurveyToken;
import io.memnun.tracking.TrackingSettings;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.PrivacyStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One guest's personal data spread over every store the library writes: feedback rows, history notes and details,
 * a customer message, an attachment's name and bytes, outbox messages (address, name, text), a tracking token,
 * survey invitation, answers and a comment, a consent record, and the access log's record of an export of their
 * data. Another guest's feedback sits beside it and must
 * survive an erasure untouched. The anonymisation tests run it on each store and then look for {@link #needles()}.
 */
public final class PersonalDataScenario {
    public static final String NAME = "Şükrü Çağlayan-Öztürk";
    public static final String EMAIL = "sukru.caglayan@ornek.com.tr";
    public static final String PHONE = "+905321234567";
    /** How people write the same number in text. */
    public static final String PHONE_NATIONAL = "5321234567";
    public static final String EXTERNAL_ID = "guest-4711-sukru";
    public static final String ADDRESS = "Gül Sokak No 7, Kadıköy";
    public static final String DESCRIPTION = "Oda dört yüz on ikide klima bozuk, gece boyunca üşüdüm";
    public static final String REMEDY = "Bir gecelik ücretin iadesini istiyorum";
    public static final String NOTE = "Misafirle telefonda görüşüldü, öfkeliydi";
    public static final String MESSAGE = "Hala bir cevap bekliyorum, lütfen arayın";
    public static final String MESSAGE_SUBJECT = "Yanit: klima sikayeti";
    public static final String RESOLUTION = "Klima değiştirildi ve bir gece ücreti iade edildi";
    public static final String FILE_NAME = "sukru-kimlik-fotokopisi.jpg";
    public static final String FILE_CONTENT = "GIZLI-KIMLIK-BELGESI-ICERIGI";
    public static final String SURVEY_TEXT = "Resepsiyondaki görevli kaba davrandı";
    public static final String COMMENT_TEXT = "Bir daha bu otele gelmem";
    public static final String ROOM = "oda-412-rezervasyon-R889";
    /** The reference of the guest's access request, which the access log keeps. */
    public static final String ACCESS_REQUEST = "KVKK-2026-0042";
    /** The other guest, whose data must stay. */
    public static final String OTHER_NAME = "Ayşe Demirtaş";
    public static final String OTHER_DESCRIPTION = "Kahvaltı çok güzeldi, teşekkürler";

    public static final DepartmentId HOUSEKEEPING = DepartmentId.of("kat-hizmetleri");
    public static final SurveyId SURVEY = SurveyId.of("memnuniyet");
    public static final SurveyId HALF_YEAR = SurveyId.of("yari-yil");

    private final FeedbackDesk desk;
    private final PrivacyDesk privacy;
    private final AttachmentStore files;
    private final SurveyStore surveys;
    private final SurveyDesk campaigns;

    /**
     * The guest's feedback, the other guest's, the key to erase by, every key the guest is known by (the campaign
     * invitation names them by their external id), and the campaign invitation.
     */
    public record Result(Feedback first, Feedback second, Feedback other, PersonKey person, List<PersonKey> persons, Invitation campaign) {}

    public PersonalDataScenario(FeedbackStore store, TrackingTokenStore tokens, AttachmentStore files, SurveyStore surveys,
            PrivacyStore privacyStore, Clock clock) {
        this.desk = FeedbackDesk.builder().store(store).clock(clock)
                .notifications(Notifications.builder("Boğaziçi Otel")
                        .directory(InMemoryRecipientDirectory.builder().build())
                        .trackingUrl("https://otel.example/takip/{reference}").build())
                .tracking(tokens, TrackingSettings.builder().linkBase("https://otel.example/takip?no={reference}&kod={token}").build())
                .build();
        this.privacy = PrivacyDesk.builder(desk, privacyStore)
                .accessLogKey(Fixtures.accessLogKey()).attachments(files).surveys(surveys).build();
        this.files = files;
        this.surveys = surveys;
        this.campaigns = SurveyDesk.builder(desk).store(surveys).surveyUrl("https://otel.example/anket/{token}").build();
    }

    public FeedbackDesk desk() {
        return desk;
    }

    public PrivacyDesk privacy() {
        return privacy;
    }

    /** Every value of the guest that must be gone after an erasure. */
    public static List<String> needles() {
        return List.of(NAME, "Şükrü", "Çağlayan", EMAIL, PHONE, PHONE_NATIONAL, EXTERNAL_ID, ADDRESS, DESCRIPTION, REMEDY, NOTE, MESSAGE,
                MESSAGE_SUBJECT, RESOLUTION, FILE_NAME, FILE_CONTENT, SURVEY_TEXT, COMMENT_TEXT, ROOM);
    }

    public static Customer guest() {
        return Customer.builder().name(NAME).email(EMAIL).phone(PHONE).externalId(EXTERNAL_ID).address(ADDRESS).language("tr")
                .attribute("rezervasyon", ROOM).build();
    }

    public Result run(TenantId tenant) {
        Actor ayse = Actor.staff("ayse.yilmaz");
        PersonKey person = PersonKey.email(EMAIL);
        privacy.recordConsent(tenant, person, "surveys", "web-form", "Anket onay kutusu işaretlendi: " + NAME + " " + EMAIL);

        AttachmentRef file = files.store(tenant, FILE_NAME, "image/jpeg", FILE_CONTENT.getBytes(StandardCharsets.UTF_8));
        Feedback first = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, DESCRIPTION)
                .department(HOUSEKEEPING).customer(guest()).desiredRemedy(REMEDY).attachment(file).context("rezervasyon", ROOM)
                .intakeKey("<ilk-" + UUID.randomUUID() + "." + EMAIL + ">").build());
        desk.take(tenant, first.id(), ayse);
        desk.addNote(tenant, first.id(), ayse, NOTE + " (" + NAME + ", " + PHONE_NATIONAL + ")");
        AttachmentRef replyFile = files.store(tenant, "ek-" + FILE_NAME, "image/jpeg", FILE_CONTENT.getBytes(StandardCharsets.UTF_8));
        desk.execute(tenant, first.id(), new Command.AddCustomerMessage(Actor.customer(), MESSAGE + "\n-- " + NAME + " " + PHONE,
                Map.of("messageId", "<yanit-" + UUID.randomUUID() + "@ornek.com.tr>", "subject", MESSAGE_SUBJECT,
                        "attachments", replyFile.id())));
        desk.resolve(tenant, first.id(), ayse, RESOLUTION);
        first = desk.accept(tenant, first.id(), "Teşekkürler, " + NAME);
        // a hold placed and released while the guest's lawyer wrote: its reason names the guest and stays on record
        // until the erasure
        privacy.placeHold(tenant, first.id(), "ihtar-2026-031", "İhtarname: " + NAME + ", " + ADDRESS, Actor.staff("hukuk"));
        privacy.releaseHold(tenant, first.id(), "ihtar-2026-031", Actor.staff("hukuk.muduru"));

        Feedback second = desk.receive(Intake.builder(tenant, FeedbackKind.REQUEST, Channel.PHONE, DESCRIPTION + " (ikinci)")
                .department(HOUSEKEEPING).customer(guest()).build());
        second = desk.cancel(tenant, second.id(), ayse, "Misafir " + NAME + " vazgeçti");

        Feedback other = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLIMENT, Channel.WEB_FORM, OTHER_DESCRIPTION)
                .department(HOUSEKEEPING)
                .customer(Customer.builder().name(OTHER_NAME).email("ayse.demirtas@ornek.com.tr").language("tr").build()).build());

        Invitation invitation = new Invitation(InvitationId.of(UUID.randomUUID()), tenant, SURVEY, 1,
                SurveyToken.hash(SurveyToken.generate(new SecureRandom())), desk.clock().instant(),
                desk.clock().instant().plus(Duration.ofDays(30)), first.id(), null, HOUSEKEEPING, EMAIL, null, null);
        surveys.saveInvitation(invitation);
        Response response = new Response(ResponseId.of(UUID.randomUUID()), tenant, SURVEY, 1, invitation.id(), first.id(), HOUSEKEEPING,
                null, desk.clock().instant(), List.of(Answer.score("genel", 2), Answer.text("neden", SURVEY_TEXT)));
        surveys.saveResponse(response);
        surveys.saveComment(new Comment(CommentId.of(UUID.randomUUID()), tenant, COMMENT_TEXT + " — " + NAME, 1, first.id(), response.id(),
                null, HOUSEKEEPING, Actor.customer(), desk.clock().instant()));
        // a half-yearly campaign through the outbox: the invitation names the guest, its message carries their name and
        // address, and its recorded delivery the address again
        campaigns.publish(tenant, HALF_YEAR, LocalizedText.of("Altı aylık memnuniyet anketi", "Half-yearly satisfaction survey"),
                List.of(Question.of("genel", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));
        Customer campaignGuest = Customer.builder().name(NAME).email(EMAIL).phone(PHONE).externalId(EXTERNAL_ID).language("tr")
                .consent(new Consent(true, false, false)).build();
        Customer campaignOther = Customer.builder().name(OTHER_NAME).email("ayse.demirtas@ornek.com.tr").language("tr")
                .consent(new Consent(true, false, false)).build();
        SurveyDesk.CampaignSending sending = campaigns.sendCampaign(tenant, HALF_YEAR, "2026-H1", List.of(campaignGuest, campaignOther),
                HOUSEKEEPING);
        if (sending.invited().size() != 2) {
            throw new IllegalStateException("the campaign left out " + sending.notInvited());
        }
        Invitation campaign = sending.invited().get(0);
        surveys.recordDelivery(tenant, campaign.id(), new InvitationDelivery(InvitationDelivery.State.SENT, desk.clock().instant(),
                UUID.randomUUID(), "EMAIL to " + EMAIL + ": smtp-1"));
        // the guest asked what is held on them: the access log records the export under their keys
        privacy.export(tenant, person, Actor.staff("kvkk.sorumlusu"), ACCESS_REQUEST);
        return new Result(first, second, other, person,
                List.of(person, PersonKey.phone(PHONE), PersonKey.externalId(EXTERNAL_ID)), campaign);
    }
}
