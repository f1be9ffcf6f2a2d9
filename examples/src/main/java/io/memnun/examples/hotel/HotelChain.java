package io.memnun.examples.hotel;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Consent;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Contact;
import io.memnun.routing.AssigneeStrategy;
import io.memnun.routing.Catalog;
import io.memnun.routing.CatalogEntry;
import io.memnun.routing.Condition;
import io.memnun.routing.Department;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Location;
import io.memnun.routing.Router;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.routing.Staff;
import io.memnun.routing.Subject;
import io.memnun.sla.BusinessCalendar;
import io.memnun.sla.CalendarRegistry;
import io.memnun.sla.EscalationLevel;
import io.memnun.sla.Recipient;
import io.memnun.sla.SlaPolicy;
import io.memnun.sla.SlaTarget;
import io.memnun.sla.TurkishHolidays;
import io.memnun.spi.CatalogStore;
import io.memnun.store.memory.InMemoryRecipientDirectory;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.SurveyId;
import io.memnun.SurveyDesk;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hotel chain the desk app runs: two hotels and a head office, five departments, their staff, the subjects
 * guests complain about, the business calendars, the response-time policy and the routing rules. A host would load
 * all of this from its own configuration; here it is code so it can be read in one place.
 */
final class HotelChain {
    static final TenantId TENANT = TenantId.of("memnun-hotels");
    static final ZoneId ZONE = ZoneId.of("Europe/Istanbul");
    static final String NAME = "Memnun Hotels";
    static final SurveyId SURVEY = SurveyId.of("after-closing");

    /** The hotels' front offices never close; the head office keeps office hours and Turkish public holidays. */
    static final String ROUND_THE_CLOCK = "front-office-24-7";
    static final String OFFICE_HOURS = "head-office";

    static final DepartmentId FRONT_OFFICE = DepartmentId.of("front-office");
    static final DepartmentId HOUSEKEEPING = DepartmentId.of("housekeeping");
    static final DepartmentId TECHNICAL = DepartmentId.of("technical-service");
    static final DepartmentId FOOD = DepartmentId.of("food-and-beverage");
    static final DepartmentId GUEST_RELATIONS = DepartmentId.of("guest-relations");

    static final LocationId ISTANBUL = LocationId.of("istanbul-bosphorus");
    static final LocationId ANTALYA = LocationId.of("antalya-lara");
    static final LocationId HEAD_OFFICE = LocationId.of("head-office");

    private static final Locale TR = Locale.forLanguageTag("tr");

    /** A staff member as the app's login list and the notification directory know them. */
    record Member(String id, String name, DepartmentId department, boolean head, String role) {
        String email() {
            return id + "@hotel.example";
        }
    }

    static final List<Member> STAFF = List.of(
            new Member("elif.sahin", "Elif Şahin", FRONT_OFFICE, true, "manager"),
            new Member("kerem.aydin", "Kerem Aydın", FRONT_OFFICE, false, "agent"),
            new Member("ayse.yilmaz", "Ayşe Yılmaz", HOUSEKEEPING, true, "supervisor"),
            new Member("zeynep.kaya", "Zeynep Kaya", HOUSEKEEPING, false, "agent"),
            new Member("murat.demir", "Murat Demir", TECHNICAL, true, "chief-engineer"),
            new Member("emre.celik", "Emre Çelik", TECHNICAL, false, "technician"),
            new Member("selin.koc", "Selin Koç", FOOD, true, "manager"),
            new Member("burak.arslan", "Burak Arslan", FOOD, false, "agent"),
            new Member("gul.arslan", "Gül Arslan", GUEST_RELATIONS, true, "manager"),
            new Member("deniz.ozturk", "Deniz Öztürk", GUEST_RELATIONS, false, "agent"),
            new Member("nur.aksoy", "Nur Aksoy", GUEST_RELATIONS, false, "quality-manager"));

    private HotelChain() {}

    static SlaPolicy slaPolicy() {
        BusinessCalendar frontOffice = BusinessCalendar.alwaysOpen(ROUND_THE_CLOCK, ZONE);
        BusinessCalendar headOffice = BusinessCalendar.builder(OFFICE_HOURS, ZONE)
                .weekdays("09:00-18:00")
                .holidays(TurkishHolidays.provider())
                .build();
        // targets name the head office calendar; feedback at a hotel counts on the hotel's 24/7 calendar instead
        // (LocationCalendars reads it from the location in the catalogue)
        SlaPolicy.Builder policy = SlaPolicy.builder(CalendarRegistry.of(frontOffice, headOffice));
        target(policy, Priority.VERY_URGENT, 1, 2, 12);
        target(policy, Priority.URGENT, 1, 4, 24);
        target(policy, Priority.NORMAL, 2, 8, 48);
        target(policy, Priority.LOW, 4, 24, 120);
        return policy.warnAt(75)
                .escalation(EscalationLevel.of(1, 75, Recipient.ASSIGNEE), EscalationLevel.of(2, 100, Recipient.DEPARTMENT_HEAD),
                        EscalationLevel.of(3, 150, Recipient.role("quality-manager")))
                .build();
    }

    private static void target(SlaPolicy.Builder policy, Priority priority, int ackHours, int firstResponseHours, int resolutionHours) {
        policy.target(priority, SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(ackHours), OFFICE_HOURS))
                .target(priority, SlaTarget.of(SlaKind.FIRST_RESPONSE, Duration.ofHours(firstResponseHours), OFFICE_HOURS))
                .target(priority, SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(resolutionHours), OFFICE_HOURS));
    }

    /** Writes the catalogue unless the database already holds one (the app keeps its data between runs). */
    static void seedCatalog(CatalogStore catalogs) {
        if (!catalogs.catalog(TENANT).isEmpty()) {
            return;
        }
        List<CatalogEntry> entries = new ArrayList<>();
        entries.add(Location.of(LocationId.of("memnun-hotels"), LocalizedText.of("Memnun Oteller", "Memnun Hotels"), OFFICE_HOURS));
        entries.add(Location.of(HEAD_OFFICE, LocationId.of("memnun-hotels"), LocalizedText.of("Genel Müdürlük", "Head office"), OFFICE_HOURS));
        entries.add(Location.of(ISTANBUL, LocationId.of("memnun-hotels"), LocalizedText.of("İstanbul Boğaziçi", "Istanbul Bosphorus"), ROUND_THE_CLOCK));
        entries.add(Location.of(ANTALYA, LocationId.of("memnun-hotels"), LocalizedText.of("Antalya Lara", "Antalya Lara"), ROUND_THE_CLOCK));

        subjects(entries, "front-office", "Ön Büro", "Front office",
                "check-in", "Giriş / çıkış işlemleri", "Check-in and check-out",
                "billing", "Fatura ve ödeme", "Billing and payment",
                "reservation", "Rezervasyon", "Reservation");
        subjects(entries, "housekeeping", "Kat Hizmetleri", "Housekeeping",
                "room-cleanliness", "Oda temizliği", "Room cleanliness",
                "towels-linen", "Havlu ve çarşaf", "Towels and linen");
        subjects(entries, "technical", "Teknik", "Technical",
                "air-conditioning", "Klima", "Air conditioning",
                "plumbing", "Su ve tesisat", "Water and plumbing",
                "wifi", "İnternet", "Wi-Fi");
        subjects(entries, "food-beverage", "Yiyecek ve İçecek", "Food and beverage",
                "restaurant", "Restoran", "Restaurant",
                "room-service", "Oda servisi", "Room service");
        subjects(entries, "guest-relations", "Misafir İlişkileri", "Guest relations",
                "staff-behaviour", "Personel tutumu", "Staff behaviour",
                "other", "Diğer", "Other");

        entries.add(department(FRONT_OFFICE, "Ön Büro", "Front Office"));
        entries.add(department(HOUSEKEEPING, "Kat Hizmetleri", "Housekeeping"));
        entries.add(department(TECHNICAL, "Teknik Servis", "Technical Service"));
        entries.add(department(FOOD, "Yiyecek ve İçecek", "Food and Beverage"));
        entries.add(department(GUEST_RELATIONS, "Misafir İlişkileri", "Guest Relations"));
        for (Member m : STAFF) {
            entries.add(Staff.builder(m.id(), m.name()).department(m.department()).role(m.role()).maxOpenLoad(20).build());
        }
        catalogs.put(TENANT, entries.toArray(CatalogEntry[]::new));
    }

    private static void subjects(List<CatalogEntry> entries, String parent, String tr, String en, String... children) {
        SubjectId parentId = SubjectId.of(parent);
        entries.add(Subject.of(parentId, LocalizedText.of(tr, en)));
        for (int i = 0; i < children.length; i += 3) {
            entries.add(Subject.of(SubjectId.of(parent + "." + children[i]), parentId, LocalizedText.of(children[i + 1], children[i + 2])));
        }
    }

    private static Department department(DepartmentId id, String tr, String en) {
        Member head = STAFF.stream().filter(m -> m.department().equals(id) && m.head()).findFirst().orElseThrow();
        return Department.of(id, LocalizedText.of(tr, en), StaffId.of(head.id()));
    }

    /** "According to the subject, the feedback is passed automatically to the related department." */
    static void activateRules(Router router) {
        if (router.active(TENANT).isPresent()) {
            return;
        }
        router.activate(TENANT, RuleSet.builder()
                .rule(RoutingRule.builder("vip").label("VIP guests go to guest relations")
                        .when(Condition.customer("vip", "true"))
                        .department(GUEST_RELATIONS).assign(AssigneeStrategy.fixed(StaffId.of("gul.arslan"))).raisePriority(1))
                .rule(RoutingRule.builder("front-office").when(Condition.subjectUnder(SubjectId.of("front-office")))
                        .department(FRONT_OFFICE).assign(AssigneeStrategy.leastLoad()))
                .rule(RoutingRule.builder("housekeeping").when(Condition.subjectUnder(SubjectId.of("housekeeping")))
                        .department(HOUSEKEEPING).assign(AssigneeStrategy.leastLoad()))
                .rule(RoutingRule.builder("technical").when(Condition.subjectUnder(SubjectId.of("technical")))
                        .department(TECHNICAL).assign(AssigneeStrategy.roundRobin()))
                .rule(RoutingRule.builder("food").when(Condition.subjectUnder(SubjectId.of("food-beverage")))
                        .department(FOOD).assign(AssigneeStrategy.leastLoad()))
                .rule(RoutingRule.builder("technical-words").label("technical words in a guest's own words")
                        .when(Condition.keywords("klima", "air conditioning", "internet", "wifi", "musluk", "shower"))
                        .department(TECHNICAL).assign(AssigneeStrategy.roundRobin()))
                .rule(RoutingRule.builder("default").department(GUEST_RELATIONS).assign(AssigneeStrategy.leastLoad()))
                .build());
    }

    /**
     * Where staff notifications go: each person by e-mail, each department's duty phone by SMS (told of new
     * feedback), the department heads and the quality manager by e-mail.
     */
    static InMemoryRecipientDirectory directory() {
        InMemoryRecipientDirectory.Builder directory = InMemoryRecipientDirectory.builder();
        int duty = 0;
        for (DepartmentId d : List.of(FRONT_OFFICE, HOUSEKEEPING, TECHNICAL, FOOD, GUEST_RELATIONS)) {
            directory.department(d.value(), Contact.sms(d.value() + ".duty", "Duty phone", "+90555000110" + duty++, TR));
        }
        for (Member m : STAFF) {
            Contact contact = Contact.email(m.id(), m.name(), m.email(), TR);
            directory.staff(m.id(), contact);
            if (m.head()) {
                directory.departmentHead(m.department().value(), contact);
            }
            if (m.role().equals("quality-manager")) {
                directory.role("quality-manager", contact);
            }
        }
        return directory.build();
    }

    static void publishSurvey(SurveyDesk surveys) {
        if (surveys.survey(TENANT, SURVEY).isPresent()) {
            return;
        }
        surveys.publish(TENANT, SURVEY, LocalizedText.of("Memnuniyet anketi", "Satisfaction survey"), List.of(
                Question.of("overall", QuestionType.RATING_1_5, "Başvurunuzun ele alınışından ne kadar memnunsunuz?",
                        "How satisfied are you with how we handled your feedback?"),
                Question.of("nps", QuestionType.NPS_0_10, "Otelimizi bir yakınınıza tavsiye eder misiniz?",
                        "How likely are you to recommend our hotel to a friend?").optional(),
                Question.of("again", QuestionType.YES_NO, "Tekrar konaklar mısınız?", "Would you stay with us again?").optional(),
                Question.of("comment", QuestionType.FREE_TEXT, "Eklemek istedikleriniz", "Anything you would like to add").optional()));
    }

    /**
     * A few guests' feedback from the last hours, seeded on the first start, so the staff desk opens on a realistic
     * queue: two well within their targets, one past the warning threshold of its first response, one past its
     * first-response target (the SLA monitor then sends its warnings and escalations).
     */
    static void seedFeedback(FeedbackDesk desk, Instant now) {
        receive(desk, now.minus(Duration.ofMinutes(7 * 60 + 10)), ISTANBUL, "housekeeping.towels-linen", Priority.NORMAL,
                "Odamdaki havlular değiştirilmemiş, iki kez resepsiyona söyledim.", "Hakan Yıldız", "hakan@example.com.tr", "0532 111 22 33", "tr", Channel.PHONE);
        receive(desk, now.minus(Duration.ofMinutes(5 * 60)), ISTANBUL, "housekeeping.room-cleanliness", Priority.URGENT,
                "Banyoda önceki misafirden kalan saç ve kirli bardaklar vardı.", "Leyla Demir", "leyla@example.com.tr", "0533 444 55 66", "tr", Channel.FACE_TO_FACE);
        receive(desk, now.minus(Duration.ofMinutes(40)), ANTALYA, "technical.air-conditioning", Priority.NORMAL,
                "The air conditioning in room 1207 makes a loud rattling noise all night.", "Emma Clarke", "emma.clarke@example.co.uk", "+44 7700 900123", "en", Channel.EMAIL);
        receive(desk, now.minus(Duration.ofMinutes(5)), ANTALYA, "food-beverage.restaurant", Priority.LOW,
                "Akşam yemeğinde glutensiz seçenek çok azdı.", "Ahmet Kara", "ahmet.kara@example.com.tr", "0542 777 88 99", "tr", Channel.WEB_FORM);
    }

    /** True before the first start's seeding: the app keeps its data between runs. */
    static boolean hasNoFeedback(FeedbackDesk desk) {
        return desk.query(FeedbackQuery.builder(TENANT).limit(1).build()).items().isEmpty();
    }

    private static void receive(FeedbackDesk desk, Instant at, LocationId hotel, String subject, Priority priority, String text,
            String name, String email, String phone, String language, Channel channel) {
        desk.receive(Intake.builder(TENANT, FeedbackKind.COMPLAINT, channel, text)
                .receivedAt(at)
                .location(hotel)
                .subject(SubjectId.of(subject))
                .priority(priority)
                .customer(Customer.builder().name(name).email(email).phone(phone).language(language)
                        .consent(new Consent(true, false, false)).build())
                .recordedBy(channel == Channel.WEB_FORM ? Actor.customer() : Actor.staff("kerem.aydin"))
                .build());
    }

    static Catalog catalog(CatalogStore catalogs) {
        return catalogs.catalog(TENANT);
    }
}
