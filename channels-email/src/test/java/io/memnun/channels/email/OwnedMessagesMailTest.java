package io.memnun.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.memnun.CapaDesk;
import io.memnun.FeedbackDesk;
import io.memnun.NotificationDispatcher;
import io.memnun.Notifications;
import io.memnun.SurveyDesk;
import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaEventType;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Consent;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Contact;
import io.memnun.notify.MessageOwner;
import io.memnun.routing.LocalizedText;
import io.memnun.store.memory.InMemoryCapaStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryRecipientDirectory;
import io.memnun.store.memory.InMemorySurveyStore;
import io.memnun.survey.Invitation;
import io.memnun.survey.InvitationDelivery;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.SurveyId;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Messages that belong to no feedback (a survey campaign's invitation, a corrective action's overdue item) go from the
 * outbox to a real SMTP server (GreenMail) and their delivery is recorded with their owner.
 */
class OwnedMessagesMailTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Instant AT = Instant.parse("2026-03-16T07:00:00Z");
    private static final TenantId HOTEL = TenantId.of("bogazici-otel");
    private static final DepartmentId TEKNIK = DepartmentId.of("teknik");
    private static final Locale TR = Locale.forLanguageTag("tr");

    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(Clock.fixed(AT, ZoneOffset.UTC))
            .notifications(Notifications.builder("Boğaziçi Otel").zone(ZoneId.of("Europe/Istanbul"))
                    .directory(InMemoryRecipientDirectory.builder()
                            .staff("ali", Contact.email("ali", "Ali Demir", "ali@otel.example", TR))
                            .departmentHead("teknik", Contact.email("fatma", "Fatma Kaya", "fatma@otel.example", Locale.ENGLISH))
                            .build())
                    .build())
            .build();

    private static String text(MimeMessage m) throws Exception {
        return ((String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    @Test
    void aCampaignInvitationAndAnOverdueItemArriveByMailAndTheirDeliveryIsRecordedWithTheirOwners() throws Exception {
        SurveyDesk surveys = SurveyDesk.builder(desk).store(new InMemorySurveyStore(store.outbox())).surveyUrl("https://otel.example/anket/{token}")
                .build();
        SurveyId halfYear = SurveyId.of("half-year");
        surveys.publish(HOTEL, halfYear, LocalizedText.of("Altı aylık anket", "Half-yearly survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));
        Customer ayse = Customer.builder().externalId("guest-1").name("Ayşe Çelik").email("ayse@example.com.tr").language("tr")
                .consent(new Consent(true, false, false)).build();
        Invitation invitation = surveys.sendCampaign(HOTEL, halfYear, "2026-H1", List.of(ayse), null).invited().get(0);

        CapaDesk capa = CapaDesk.builder(desk).store(new InMemoryCapaStore(store.outbox())).build();
        CorrectiveAction a = capa.open(HOTEL, CapaKind.CORRECTIVE, "Asansör", "Asansör sık arızalanıyor", Origin.standalone(), TEKNIK,
                Actor.staff("kalite"));
        capa.execute(HOTEL, a.id(), new CapaCommand.AddItem(Actor.staff("kalite"), ActionItem.Kind.TRAINING, "Bakım eğitimi", TEKNIK,
                StaffId.of("ali"), AT.plus(Duration.ofDays(2))));
        Instant later = AT.plus(Duration.ofDays(3));
        assertThat(capa.tick(later)).isEqualTo(1);

        SmtpEmailChannel mail = SmtpEmailChannel.builder("127.0.0.1", SMTP.getSmtp().getPort()).security(SmtpEmailChannel.Security.NONE)
                .from("bildirim@otel.example", "Boğaziçi Otel").messageIdDomain("otel.example").clock(Clock.fixed(AT, ZoneOffset.UTC)).build();
        NotificationDispatcher dispatcher = NotificationDispatcher.builder(desk).channel(ContactChannel.EMAIL, mail)
                .recorder(MessageOwner.SURVEY_INVITATION, surveys.deliveries()).recorder(MessageOwner.CORRECTIVE_ACTION, capa.deliveries())
                .build();
        assertThat(dispatcher.tick(later)).isEqualTo(3);

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(3);
        MimeMessage toAyse = Arrays.stream(received).filter(m -> to(m).equals("ayse@example.com.tr")).findFirst().orElseThrow();
        assertThat(toAyse.getSubject()).isEqualTo("Boğaziçi Otel: Altı aylık anket");
        assertThat(text(toAyse)).startsWith("Sayın Ayşe Çelik,").contains("https://otel.example/anket/");
        assertThat(toAyse.getHeader("X-Memnun-Reference")).containsExactly("2026-H1");
        assertThat(toAyse.getHeader("References")).containsExactly("<survey-invitation-" + invitation.id().value() + "@otel.example>");
        MimeMessage toAli = Arrays.stream(received).filter(m -> to(m).equals("ali@otel.example")).findFirst().orElseThrow();
        assertThat(toAli.getSubject()).isEqualTo("Eylem maddesi gecikti: " + a.number() + " madde 1");
        assertThat(text(toAli)).startsWith("Merhaba Ali Demir,").contains("Bakım eğitimi").contains("18 Mart 2026 10:00");
        assertThat(toAli.getHeader("X-Memnun-Reference")).containsExactly(a.number().toString());
        MimeMessage toHead = Arrays.stream(received).filter(m -> to(m).equals("fatma@otel.example")).findFirst().orElseThrow();
        assertThat(toHead.getSubject()).isEqualTo("Action item overdue: " + a.number() + " item 1");
        assertThat(text(toHead)).startsWith("Hello Fatma Kaya,").contains("was due 18 March 2026 10:00 and is not done yet");

        InvitationDelivery delivery = surveys.store().findInvitation(HOTEL, invitation.id()).orElseThrow().delivery();
        assertThat(delivery.state()).isEqualTo(InvitationDelivery.State.SENT);
        assertThat(delivery.detail()).isEqualTo("EMAIL to ayse@example.com.tr: " + toAyse.getMessageID());
        assertThat(capa.history(HOTEL, a.id())).filteredOn(e -> e.type() == CapaEventType.NOTIFICATION_SENT)
                .extracting(e -> e.details().get("address")).containsExactlyInAnyOrder("ali@otel.example", "fatma@otel.example");
    }

    @Test
    void aRecipientTheServerRefusesIsRecordedWithTheReplyCodesAndWithoutTheAddressInTheError() throws Exception {
        SurveyDesk surveys = SurveyDesk.builder(desk).store(new InMemorySurveyStore(store.outbox())).surveyUrl("https://otel.example/anket/{token}")
                .build();
        SurveyId halfYear = SurveyId.of("half-year");
        surveys.publish(HOTEL, halfYear, LocalizedText.of("Altı aylık anket", "Half-yearly survey"),
                List.of(Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?")));
        Customer ayse = Customer.builder().externalId("guest-1").name("Ayşe Çelik").email("ayse.celik@example.com.tr").language("tr")
                .consent(new Consent(true, false, false)).build();
        Invitation invitation = surveys.sendCampaign(HOTEL, halfYear, "2026-H1", List.of(ayse), null).invited().get(0);

        try (ScriptedSmtpServer refusing = new ScriptedSmtpServer("550 5.1.1 <ayse.celik@example.com.tr>: Recipient address rejected: "
                + "User unknown (Ayse Celik)")) {
            SmtpEmailChannel mail = SmtpEmailChannel.builder("127.0.0.1", refusing.port()).security(SmtpEmailChannel.Security.NONE)
                    .from("bildirim@otel.example", "Boğaziçi Otel").build();
            NotificationDispatcher dispatcher = NotificationDispatcher.builder(desk).channel(ContactChannel.EMAIL, mail)
                    .recorder(MessageOwner.SURVEY_INVITATION, surveys.deliveries()).build();
            assertThat(dispatcher.tick(AT)).isEqualTo(1);
        }

        String error = "Invalid Addresses / recipient refused (SMTP 550 5.1.1): <[email]>: Recipient address rejected: User unknown ([name])";
        assertThat(store.outbox().deadLetters(10)).singleElement().satisfies(m -> assertThat(m.lastError()).isEqualTo(error));
        InvitationDelivery delivery = surveys.store().findInvitation(HOTEL, invitation.id()).orElseThrow().delivery();
        assertThat(delivery.state()).isEqualTo(InvitationDelivery.State.DEAD);
        // the delivery record names its recipient, as the invitation does; the error repeats nothing of theirs
        assertThat(delivery.detail()).isEqualTo("EMAIL to ayse.celik@example.com.tr: " + error);
    }

    private static String to(MimeMessage m) {
        try {
            return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
