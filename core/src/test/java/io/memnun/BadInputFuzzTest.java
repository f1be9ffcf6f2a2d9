package io.memnun;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.error.MemnunException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.InvalidReferenceNumberException;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.CustomerReplies;
import io.memnun.inbound.InboundMessage;
import io.memnun.inbound.InboundProcessor;
import io.memnun.notify.TemplateCatalog;
import io.memnun.notify.TemplatePart;
import io.memnun.routing.Catalog;
import io.memnun.routing.Condition;
import io.memnun.routing.HotelCatalog;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.routing.json.CatalogJson;
import io.memnun.routing.json.RuleSetJson;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemorySurveyStore;
import io.memnun.survey.Answer;
import io.memnun.survey.Choice;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.SurveyId;
import io.memnun.tck.Fixtures;
import io.memnun.tck.IntakeFuzz;
import io.memnun.tck.NastyText;
import io.memnun.testing.MutableClock;
import io.memnun.testing.ReliabilityFigures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of every public entry point that takes outside data: feedback intake, reference numbers, catalogue
 * and rule JSON, survey answers, templates, inbound mail and SMS, the customer's yes/no replies. Each input is
 * refused with a typed {@link MemnunException} or accepted and kept faithfully; nothing else is thrown and a refusal
 * changes nothing. The base seed is printed; rerun one with {@code -Dmemnun.fuzz.seed=<seed>}.
 */
class BadInputFuzzTest {
    private static final long SEED = Long.getLong("memnun.fuzz.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("memnun.fuzz.cases", 1500);
    private static final Map<String, String> FIGURES = new TreeMap<>();

    private final MutableClock clock = MutableClock.at("2026-05-04T07:00:00.000001Z");

    @AfterAll
    static void figures() {
        ReliabilityFigures r = ReliabilityFigures.of("bad-input-core").put("base seed", SEED);
        FIGURES.forEach(r::put);
        r.write();
    }

    /** The outcome of one case: accepted, or refused with a typed error; anything else fails with the seed. */
    private static <T> boolean typed(long seed, String what, Callable<T> call) {
        try {
            call.call();
            return true;
        } catch (MemnunException e) {
            return false;
        } catch (Exception | Error e) {
            throw new AssertionError(what + " with seed " + seed + " threw " + e, e);
        }
    }

    private static void figure(String entry, int tried, int accepted) {
        FIGURES.put(entry, tried + " inputs, " + accepted + " accepted, " + (tried - accepted) + " refused with a typed error");
    }

    @Test
    void feedbackIntake() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).config(IntakeFuzz.config()).build();
        IntakeFuzz.Figures f = IntakeFuzz.run(desk, store, "fuzz-" + SEED, SEED, CASES);
        assertThat(f.accepted()).as("some accepted").isPositive();
        assertThat(f.accepted()).as("some refused").isLessThan(f.tried());
        figure("feedback intake (in memory)", f.tried(), f.accepted());
        FIGURES.put("feedback intake refusals by field", f.refusedByField().toString());
    }

    @Test
    void referenceNumbers() {
        FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
        TenantId tenant = Fixtures.newTenant("refs");
        Feedback known = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "x").build());
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i;
            NastyText t = NastyText.forCase(seed);
            Random r = t.random();
            String text = switch (r.nextInt(4)) {
                case 0 -> t.next(25, 200);
                case 1 -> mutate(known.reference().toString(), r);
                case 2 -> known.reference().toString().toLowerCase(Locale.ROOT).replace("-", r.nextBoolean() ? " " : "");
                default -> "FB-" + (1900 + r.nextInt(300)) + "-" + r.nextInt(1_000_000) + "-" + r.nextInt(12);
            };
            boolean ok = typed(seed, "ReferenceNumber.parse(" + text + ")", () -> ReferenceNumber.parse(text));
            if (ok) {
                accepted++;
                ReferenceNumber parsed = ReferenceNumber.parse(text);
                assertThat(ReferenceNumber.parse(parsed.toString())).as("seed %d", seed).isEqualTo(parsed);
                assertThat(ReferenceNumber.isValid(text)).isTrue();
            } else {
                assertThat(ReferenceNumber.isValid(text)).as("seed %d", seed).isFalse();
                try {
                    ReferenceNumber.parse(text);
                } catch (InvalidReferenceNumberException expected) {
                    // the typed error for references
                } catch (MemnunException other) {
                    throw new AssertionError("seed " + seed + ": " + other + " instead of InvalidReferenceNumberException");
                }
            }
            typed(seed, "findByReference", () -> desk.findByReference(tenant, text));
        }
        figure("reference numbers (parse, findByReference)", CASES, accepted);
    }

    @Test
    void catalogueAndRuleJson() {
        String catalog = CatalogJson.write(HotelCatalog.catalog());
        RuleSet rules = RuleSet.of(
                RoutingRule.builder("12").when(Condition.subjectUnder("housekeeping")).department("hk").build(),
                RoutingRule.builder("13").when(Condition.keywords("havlu", "çarşaf")).department("hk").build(),
                RoutingRule.builder("default").department("guest-relations").build());
        String ruleJson = RuleSetJson.write(rules);
        int catalogs = 0;
        int ruleSets = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i;
            NastyText t = NastyText.forCase(seed);
            String c = fuzzJson(catalog, t);
            if (typed(seed, "CatalogJson.read", () -> CatalogJson.read(c))) {
                catalogs++;
                Catalog read = CatalogJson.read(c);
                assertThat(CatalogJson.read(CatalogJson.write(read)).entries()).as("seed %d", seed).isEqualTo(read.entries());
            }
            String r = fuzzJson(ruleJson, t);
            if (typed(seed, "RuleSetJson.read", () -> RuleSetJson.read(r))) {
                ruleSets++;
                RuleSet read = RuleSetJson.read(r);
                assertThat(RuleSetJson.read(RuleSetJson.write(read))).as("seed %d", seed).isEqualTo(read);
            }
        }
        figure("catalogue JSON import", CASES, catalogs);
        figure("routing rule JSON import", CASES, ruleSets);
    }

    @Test
    void surveyAnswers() {
        FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
        InMemorySurveyStore surveyStore = new InMemorySurveyStore();
        SurveyDesk surveys = SurveyDesk.builder(desk).store(surveyStore).surveyUrl("https://otel.example/anket/{token}").build();
        TenantId tenant = Fixtures.newTenant("survey");
        SurveyId id = SurveyId.of("after");
        surveys.publish(tenant, id, LocalizedText.of("Anket", "Survey"), List.of(
                Question.of("overall", QuestionType.RATING_1_5, "Genel?", "Overall?"),
                Question.of("nps", QuestionType.NPS_0_10, "Tavsiye?", "Recommend?").optional(),
                Question.of("why", QuestionType.FREE_TEXT, "Neden?", "Why?").optional(),
                Question.of("again", QuestionType.YES_NO, "Tekrar?", "Again?").optional(),
                Question.choice("what", QuestionType.MULTIPLE_CHOICE, "Ne?", "What?",
                        Choice.of("room", "Oda", "Room"), Choice.of("staff", "Personel", "Staff")).optional()),
                io.memnun.survey.SurveyAccess.OPEN); // open, so that respondOpenly reaches the answers
        String[] questions = {"overall", "nps", "why", "again", "what", "unknown", ""};
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i;
            NastyText t = NastyText.forCase(seed);
            Random r = t.random();
            List<Answer> answers = new ArrayList<>();
            boolean built = typed(seed, "answers", () -> {
                java.util.Set<String> answered = new java.util.HashSet<>();
                for (int k = r.nextInt(5); k >= 0; k--) {
                    if (r.nextInt(4) > 0) {
                        // a well-formed answer to a real question, its free text outside data
                        String q = List.of("overall", "nps", "why", "again", "what").get(r.nextInt(5));
                        if (!answered.add(q)) {
                            continue;
                        }
                        answers.add(switch (q) {
                            case "overall" -> Answer.score(q, 1 + r.nextInt(5));
                            case "nps" -> Answer.score(q, r.nextInt(11));
                            case "why" -> Answer.text(q, r.nextBoolean() ? t.clean(1 + r.nextInt(300)) : t.next(100, 20_000));
                            case "again" -> Answer.yesNo(q, r.nextBoolean());
                            default -> Answer.choices(q, "room");
                        });
                        continue;
                    }
                    String q = r.nextInt(10) == 0 ? t.next(10, 200) : questions[r.nextInt(questions.length)];
                    answers.add(switch (r.nextInt(4)) {
                        case 0 -> Answer.score(q, r.nextInt(15) - 2);
                        case 1 -> Answer.text(q, t.next(100, 20_000));
                        case 2 -> Answer.yesNo(q, r.nextBoolean());
                        default -> Answer.choices(q, r.nextBoolean() ? "room" : t.next(8, 100), r.nextBoolean() ? "staff" : "nope");
                    });
                }
                return answers;
            });
            if (!built) {
                continue;
            }
            int before = surveyStore.responses(tenant, java.time.Instant.EPOCH, java.time.Instant.parse("3000-01-01T00:00:00Z")).size();
            if (typed(seed, "respondOpenly", () -> surveys.respondOpenly(tenant, id, answers, null, null))) {
                accepted++;
                assertThat(surveyStore.responses(tenant, java.time.Instant.EPOCH, java.time.Instant.parse("3000-01-01T00:00:00Z"))).as("seed %d", seed).hasSize(before + 1);
                assertThat(surveyStore.responses(tenant, java.time.Instant.EPOCH, java.time.Instant.parse("3000-01-01T00:00:00Z")).get(before).answers()).as("seed %d", seed).isEqualTo(answers);
            } else {
                assertThat(surveyStore.responses(tenant, java.time.Instant.EPOCH, java.time.Instant.parse("3000-01-01T00:00:00Z"))).as("a refused answer stores nothing; seed %d", seed).hasSize(before);
            }
        }
        figure("survey answers", CASES, accepted);
    }

    @Test
    void templates() {
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i;
            NastyText t = NastyText.forCase(seed);
            Random r = t.random();
            String source = switch (r.nextInt(3)) {
                case 0 -> t.next(80, 100_000);
                case 1 -> "Sayın {{customerName}}, " + t.next(40, 1000) + " {{reference}}";
                default -> mutate("Sayın {{customerName}}, {{#resolution}}{{resolution}}{{/resolution}} {{reference}}", r);
            };
            if (typed(seed, "TemplateCatalog template", () -> TemplateCatalog.builder().defaults()
                    .template("custom", Locale.forLanguageTag("tr"), TemplatePart.TEXT, source).build())) {
                accepted++;
                TemplateCatalog catalog = TemplateCatalog.builder().defaults()
                        .template("custom", Locale.forLanguageTag("tr"), TemplatePart.TEXT, source).build();
                // a template is checked against what the event offers when the notifications are set up
                typed(seed, "checkFor", () -> {
                    catalog.checkFor("custom", EventType.RECEIVED, java.util.Set.of(TemplatePart.TEXT));
                    return null;
                });
                // and rendered with a model that has each variable it uses, the values being outside text
                Map<String, Object> model = new java.util.HashMap<>();
                catalog.variables("custom", TemplatePart.TEXT).values().forEach(vs -> vs.forEach(v -> model.put(v, t.next(20, 2000))));
                typed(seed, "render", () -> catalog.render("custom", Locale.forLanguageTag("tr"), TemplatePart.TEXT, model));
            }
        }
        figure("notification templates (load, render)", CASES, accepted);
    }

    @Test
    void inboundMailAndSms() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).build();
        InboundProcessor processor = InboundProcessor.builder(desk).build();
        TenantId tenant = Fixtures.newTenant("inbound");
        Feedback open = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima")
                .customer(Customer.builder().email("misafir@example.com").phone("+905321234567").build()).build());
        desk.take(tenant, open.id(), io.memnun.feedback.Actor.staff("ayse"));
        desk.resolve(tenant, open.id(), io.memnun.feedback.Actor.staff("ayse"), "düzeldi");
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i;
            NastyText t = NastyText.forCase(seed);
            Random r = t.random();
            clock.advance(Duration.ofSeconds(1));
            int before = store.query(FeedbackQuery.builder(tenant).limit(FeedbackQuery.MAX_LIMIT).build()).items().size();
            boolean ok = typed(seed, "inbound", () -> {
                Customer sender = r.nextBoolean() ? Customer.builder().email("misafir@example.com").build()
                        : r.nextBoolean() ? Customer.builder().phone("+905321234567").build()
                        : Customer.builder().email(t.next(20, 400)).build();
                InboundMessage.Builder m = InboundMessage.builder(tenant, r.nextBoolean() ? Channel.EMAIL : Channel.SMS,
                        r.nextBoolean() ? "<m" + seed + "@mail.example>" : t.next(30, 1000), sender);
                if (r.nextBoolean()) {
                    m.subject(r.nextBoolean() ? "Re: " + open.reference() + " " + t.next(20, 500) : t.next(40, 2000));
                }
                m.text(r.nextInt(4) == 0 ? (r.nextBoolean() ? "EVET" : "hayır, " + t.next(10, 100)) : t.next(200, 200_000));
                if (r.nextInt(5) == 0) {
                    m.reference(t.next(30, 1000));
                }
                return processor.process(m.build());
            });
            int after = store.query(FeedbackQuery.builder(tenant).limit(FeedbackQuery.MAX_LIMIT).build()).items().size();
            if (ok) {
                accepted++;
                assertThat(after).as("seed %d", seed).isBetween(before, before + 1);
            } else {
                assertThat(after).as("a refused message stores nothing; seed %d", seed).isEqualTo(before);
            }
            typed(seed, "CustomerReplies.decision", () -> CustomerReplies.decision(t.next(30, 10_000)));
        }
        assertThat(desk.history(tenant, open.id())).allMatch(e -> e.type() != EventType.ANONYMISED);
        figure("inbound e-mail and SMS (InboundProcessor.process, CustomerReplies.decision)", CASES, accepted);
    }

    /** A valid JSON document changed: a character dropped, inserted or replaced, a cut, or a string value swapped. */
    private static String fuzzJson(String json, NastyText t) {
        Random r = t.random();
        int mode = r.nextInt(5);
        if (mode == 0) {
            return json.substring(0, r.nextInt(json.length()));
        }
        if (mode == 1) {
            // replace one string value with nasty text (escaped, so the document stays JSON)
            List<int[]> strings = new ArrayList<>();
            for (int i = json.indexOf('"'); i >= 0; ) {
                int end = json.indexOf('"', i + 1);
                if (end < 0) {
                    break;
                }
                strings.add(new int[] {i, end});
                i = json.indexOf('"', end + 1);
            }
            int[] s = strings.get(r.nextInt(strings.size()));
            return json.substring(0, s[0]) + quote(t.next(20, 5000)) + json.substring(s[1] + 1);
        }
        return mutate(json, r);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static final String INSERTED = "{}[]\":,0-9a\\\u0000ı";

    /** One to three random character edits. */
    private static String mutate(String s, Random r) {
        StringBuilder sb = new StringBuilder(s);
        for (int k = 1 + r.nextInt(3); k > 0 && sb.length() > 0; k--) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, INSERTED.charAt(r.nextInt(INSERTED.length())));
                default -> sb.setCharAt(at, (char) r.nextInt(0x10000));
            }
        }
        return sb.toString();
    }

}
