package io.memnun.examples;

import io.memnun.CapaDesk;
import io.memnun.FeedbackDesk;
import io.memnun.NotificationDispatcher;
import io.memnun.Notifications;
import io.memnun.SurveyDesk;
import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.capa.RootCause;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Consent;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Contact;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;
import io.memnun.routing.LocalizedText;
import io.memnun.store.memory.InMemoryRecipientDirectory;
import io.memnun.storage.jdbc.JdbcStorage;
import io.memnun.survey.Answer;
import io.memnun.survey.DepartmentScore;
import io.memnun.survey.Period;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.SurveyId;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Surveys and a corrective action (DÖF) end to end on an embedded H2 database: a half-yearly survey campaign sent
 * through the outbox and answered, the department scores; complaints on air conditioning rising, a preventive action
 * opened from that trend, its overdue item escalated by the SLA monitor with a notice to its owner, and its
 * effectiveness verified from the complaint counts before it closes. Messages are "sent" by printing them.
 */
public final class SurveysAndCapa {
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final Pattern LINK = Pattern.compile("https://otel\\.example/anket/(\\S+)");

    private SurveysAndCapa() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        ScenarioClock clock = new ScenarioClock(ZonedDateTime.of(2026, 1, 12, 9, 0, 0, 0, ISTANBUL).toInstant(), ISTANBUL);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:surveys-and-capa;DB_CLOSE_DELAY=-1");
        JdbcStorage storage = JdbcStorage.builder().dataSource(h2).migrateOnStart(true).build();
        TenantId hotel = TenantId.of("bosphorus-hotels");
        DepartmentId technical = DepartmentId.of("technical-service");
        FeedbackDesk desk = FeedbackDesk.builder().store(storage.feedbackStore()).clock(clock)
                .notifications(Notifications.builder("Bosphorus Hotels").zone(ISTANBUL)
                        .directory(InMemoryRecipientDirectory.builder()
                                .staff("ali.demir", Contact.email("ali.demir", "Ali Demir", "ali@hotel.example", Locale.forLanguageTag("tr")))
                                .departmentHead("technical-service", Contact.email("fatma.kaya", "Fatma Kaya", "fatma@hotel.example",
                                        Locale.ENGLISH))
                                .build())
                        .build())
                .build();
        SurveyDesk surveys = SurveyDesk.builder(desk).store(storage.surveyStore()).surveyUrl("https://otel.example/anket/{token}").build();
        CapaDesk capa = CapaDesk.builder(desk).store(storage.capaStore()).reminderBefore(Duration.ofDays(3)).build();
        List<Notification> sent = new ArrayList<>();
        NotificationDispatcher dispatcher = NotificationDispatcher.builder(desk)
                .channel(ContactChannel.EMAIL, n -> {
                    sent.add(n);
                    out.println("  mail to " + n.address() + ": " + n.subject());
                    return SendResult.delivered("printed-" + sent.size());
                })
                .recorder(MessageOwner.SURVEY_INVITATION, surveys.deliveries())
                .recorder(MessageOwner.CORRECTIVE_ACTION, capa.deliveries())
                .build();

        // the half-yearly survey, sent to the guest list through the outbox
        SurveyId halfYear = SurveyId.of("half-year");
        surveys.publish(hotel, halfYear, LocalizedText.of("Altı aylık memnuniyet anketi", "Half-yearly satisfaction survey"), List.of(
                Question.of("overall", QuestionType.RATING_1_5, "Genel memnuniyetiniz?", "Overall satisfaction?").forDepartment(technical),
                Question.of("nps", QuestionType.NPS_0_10, "Bizi tavsiye eder misiniz?", "Would you recommend us?").forDepartment(technical)));
        Consent surveysOnly = new Consent(true, false, false);
        List<Customer> guests = List.of(
                Customer.builder().externalId("g-1").name("Ayşe Çelik").email("ayse@example.com.tr").language("tr").consent(surveysOnly).build(),
                Customer.builder().externalId("g-2").name("John Smith").email("john@example.com").language("en").consent(surveysOnly).build(),
                Customer.builder().externalId("g-3").name("Can Yıldız").email("can@example.com.tr").language("tr").consent(surveysOnly).build(),
                Customer.builder().externalId("g-4").name("Deniz Ak").email("deniz@example.com.tr").consent(Consent.none()).build());
        out.println("Campaign 2026-H1:");
        SurveyDesk.CampaignSending campaign = surveys.sendCampaign(hotel, halfYear, "2026-H1", guests, technical);
        campaign.notInvited().forEach((who, why) -> out.println("  not invited " + who + ": " + why));
        dispatcher.tick();
        int[][] answers = {{5, 10}, {2, 6}, {4, 9}};
        for (int i = 0; i < sent.size(); i++) {
            Matcher link = LINK.matcher(sent.get(i).text());
            link.find();
            // the guest follows the link in the mail
            surveys.respond(hotel, link.group(1), List.of(Answer.score("overall", answers[i][0]), Answer.score("nps", answers[i][1])), null);
        }
        for (DepartmentScore s : surveys.scores(hotel, Period.halfYear(2026, 1, ISTANBUL))) {
            out.printf("Scores of %s: CSAT %.1f%% (n=%d), NPS %+.1f (n=%d), response rate %.1f%%%n", s.department().value(), s.csat().value(),
                    s.csat().sample(), s.nps().value(), s.nps().sample(), s.responseRate().value());
        }

        // complaints on air conditioning rise: a preventive action from the subject's trend
        SubjectId airConditioning = SubjectId.of("technical.air-conditioning");
        for (int i = 0; i < 4; i++) {
            desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima çalışmıyor (" + (i + 1) + ")")
                    .subject(airConditioning).department(technical).build());
            clock.advance(Duration.ofDays(5));
        }
        Actor quality = Actor.staff("quality.manager");
        CorrectiveAction action = capa.open(hotel, CapaKind.PREVENTIVE, "Klima arızaları", "Klima şikâyetleri son ayda arttı",
                Origin.trend(airConditioning), technical, quality);
        capa.execute(hotel, action.id(), new CapaCommand.RecordRootCause(quality, RootCause.fiveWhys(
                List.of("Klimalar arızalanıyor", "Filtreler tıkalı", "Filtreler değiştirilmiyor", "Bakım planı yok"), "Periyodik bakım planı yok")));
        capa.execute(hotel, action.id(), new CapaCommand.AddItem(quality, ActionItem.Kind.PROCESS_CHANGE, "Aylık klima bakım planı",
                technical, StaffId.of("ali.demir"), clock.instant().plus(Duration.ofDays(10))));
        out.println();
        out.println("Corrective action " + action.number() + " opened");
        sent.clear();
        clock.advance(Duration.ofDays(8));
        desk.slaMonitor().tick();   // the reminder before the due date
        clock.advance(Duration.ofDays(3));
        desk.slaMonitor().tick();   // overdue: the person and the head of department are told, once
        dispatcher.tick();
        capa.execute(hotel, action.id(), new CapaCommand.CompleteItem(Actor.staff("ali.demir"), 1, "Bakım planı yürürlükte"));

        // a month later: one complaint instead of four
        clock.advance(Duration.ofDays(20));
        desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima gürültülü").subject(airConditioning).build());
        clock.advance(Duration.ofDays(10));
        CorrectiveAction verified = capa.verifyByComplaints(hotel, action.id(), quality, Duration.ofDays(30));
        out.println("Verification: " + verified.verification().result());
        CorrectiveAction closed = capa.execute(hotel, action.id(), new CapaCommand.Close(quality, "Etkili bulundu"));
        out.println("Corrective action " + capa.find(hotel, closed.number().toString()).orElseThrow().number() + ": " + closed.status());
        out.println();
        printHistory(out, capa.history(hotel, action.id()));
    }

    static void printHistory(PrintStream out, List<CapaEvent> history) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ISTANBUL);
        for (CapaEvent e : history) {
            out.printf("%-3d %s %-20s %-26s %s%n", e.version(), time.format(e.at()), e.type(), e.actor(), e.note() == null ? "" : e.note());
        }
    }
}
