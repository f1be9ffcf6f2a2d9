package io.memnun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.feedback.Actor;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.Status;
import io.memnun.feedback.SubjectId;
import io.memnun.report.AuditGap;
import io.memnun.report.AuditPack;
import io.memnun.report.AuditPackHtml;
import io.memnun.report.AuditRecord;
import io.memnun.report.AuditStage;
import io.memnun.report.ManagementReview;
import io.memnun.report.ReportFilter;
import io.memnun.report.ReportPeriod;
import io.memnun.report.ReviewCsv;
import io.memnun.report.ReviewHtml;
import io.memnun.report.Suggestion;
import io.memnun.report.TrendPoint;
import io.memnun.report.json.ReportJson;
import io.memnun.store.memory.InMemoryCapaStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemorySurveyStore;
import io.memnun.routing.LocalizedText;
import io.memnun.survey.Answer;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.SurveyId;
import io.memnun.tck.ReportDataSet;
import io.memnun.tck.ReportDataSet.Planned;
import io.memnun.tck.ReportDataSet.Step;
import io.memnun.testing.HeadlessChromium;
import io.memnun.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The management review and the audit pack over the generated data set: what they conclude is checked against the
 * plan, their HTML is rendered by a real headless chromium (screenshots under {@code target/reports/}), their CSV and
 * JSON are parsed back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsTest {
    private static final Path OUT = Path.of("target", "reports");
    private static final Actor QUALITY = Actor.staff("kalite.muduru");
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final InMemoryCapaStore capaStore = new InMemoryCapaStore();
    private final MutableClock clock = new MutableClock(ReportDataSet.AS_OF);
    private ReportDataSet data;
    private Reports reports;
    private ReportFilter lastSixMonths;
    private CorrectiveAction cleanliness;
    private CorrectiveAction hostile;

    @BeforeAll
    void load() throws Exception {
        Files.createDirectories(OUT);
        data = new ReportDataSet(7, 1800, "review");
        data.load(store);
        CapaDesk capa = CapaDesk.builder(data.desk(store, clock)).store(capaStore).build();
        cleanliness = capa.open(data.tenant, CapaKind.CORRECTIVE, "Oda temizliği denetimi", "Temizlik şikâyetleri arttı",
                Origin.trend(SubjectId.of("cleanliness")), DepartmentId.of("housekeeping"), QUALITY);
        capa.execute(data.tenant, cleanliness.id(), new CapaCommand.AddItem(QUALITY, ActionItem.Kind.TRAINING, "Kat görevlileri eğitimi",
                DepartmentId.of("housekeeping"), null, ReportDataSet.AS_OF.plus(Duration.ofDays(2))));
        // a title a spreadsheet would run as a formula, with a comma and quotes
        hostile = capa.open(data.tenant, CapaKind.PREVENTIVE, "=HYPERLINK(\"http://x.example\",\"klima, bakım\")", "Klima bakımı",
                Origin.standalone(), DepartmentId.of("technical-service"), QUALITY);
        clock.set(ReportDataSet.AS_OF.plus(Duration.ofDays(5))); // the training is now overdue
        reports = Reports.builder(store).feedbackStore(store).capaStore(capaStore).clock(clock).build();
        lastSixMonths = ReportFilter.of(data.tenant, ReportPeriod.lastMonths(6, LocalDate.of(2026, 11, 10), ReportDataSet.ISTANBUL));
    }

    private long complaints(String subject, ReportPeriod period) {
        return data.planned.stream().filter(p -> p.kind == FeedbackKind.COMPLAINT && subject.equals(p.subject) && period.contains(p.receivedAt))
                .count();
    }

    @Test
    void theReviewComparesWithThePreviousPeriodAndSuggestsActions() {
        ManagementReview review = reports.review(lastSixMonths);
        assertThat(review.current().filter().period().label()).isEqualTo("2026-05..2026-10");
        assertThat(review.previous().filter().period().label()).isEqualTo("2025-11..2026-04");
        assertThat(review.trend()).extracting(TrendPoint::month).hasSize(12).startsWith("2025-11").endsWith("2026-10");
        assertThat(review.trend().subList(6, 12).stream().mapToLong(TrendPoint::received).sum()).isEqualTo(review.current().outcomes().received());

        // a subject whose complaints grew by more than 20% (at least 5 now) with no open corrective action for it
        Set<String> expected = new TreeSet<>();
        ReportPeriod now = lastSixMonths.period();
        ReportPeriod before = now.previous();
        for (String subject : data.planned.stream().map(p -> p.subject).filter(s -> s != null).collect(Collectors.toSet())) {
            long cur = complaints(subject, now);
            long prev = complaints(subject, before);
            if (cur >= 5 && (prev == 0 || 100.0 * (cur - prev) / prev > 20) && !subject.equals("cleanliness")) {
                expected.add(subject);
            }
        }
        assertThat(expected).as("the data set's surge").contains("noise");
        assertThat(review.suggestions()).filteredOn(s -> s.rule().equals("SUBJECT_GROWTH_WITHOUT_CAPA")).extracting(Suggestion::subject)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(complaints("cleanliness", now)).as("cleanliness surged too, but has an open action").isGreaterThan(
                complaints("cleanliness", before) * 6 / 5);
        assertThat(review.suggestions()).filteredOn(s -> s.rule().equals("OVERDUE_CAPA")).extracting(Suggestion::subject)
                .containsExactly(cleanliness.id().toString());
        assertThat(review.openCapas()).hasSize(2);
    }

    @Test
    void theHtmlReviewRendersInAHeadlessBrowser() throws Exception {
        String html = ReviewHtml.render(reports.review(lastSixMonths));
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain(" src=").doesNotContain("url(")
                .as("a formula in a title is shown as text, escaped").contains("=HYPERLINK(&quot;http://x.example&quot;");
        Path file = OUT.resolve("management-review.html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        Path png = OUT.resolve("management-review.png");
        HeadlessChromium.screenshot(file, png, 2000);
        assertPng(png);
        String dom = HeadlessChromium.dumpDom(file);
        assertThat(count(dom, "<svg class=\"chart bar-chart\"")).as("bar charts").isGreaterThanOrEqualTo(5);
        assertThat(count(dom, "<svg class=\"chart line-chart\"")).as("line chart").isEqualTo(1);
        assertThat(count(dom, "<polyline")).isEqualTo(2);
        assertThat(count(dom, "<rect")).isGreaterThan(20);
        assertThat(dom).contains("Management review 2026-05..2026-10").contains("Suggestions").contains("noise");
    }

    private static void assertPng(Path png) throws Exception {
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).as("a screenshot with content, not a blank page").isGreaterThan(40_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void csvFollowsRfc4180AndDefusesFormulas() throws Exception {
        String csv = ReviewCsv.render(reports.review(lastSixMonths));
        Files.writeString(OUT.resolve("management-review.csv"), csv, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("section,figure,key,previous,current\r\n").endsWith("\r\n");
        assertThat(csv.replace("\r\n", "")).doesNotContain("\n");
        List<List<String>> rows = parseCsv(csv);
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(5));
        assertThat(rows).anySatisfy(r -> assertThat(r).containsExactly("outcomes", "received", "",
                Long.toString(data.planned.stream().filter(p -> lastSixMonths.period().previous().contains(p.receivedAt)).count()),
                Long.toString(data.planned.stream().filter(p -> lastSixMonths.period().contains(p.receivedAt)).count())));
        List<String> capaRow = rows.stream().filter(r -> r.get(0).equals("open capa") && r.get(1).contains("HYPERLINK")).findFirst().orElseThrow();
        assertThat(capaRow.get(1)).isEqualTo("'" + hostile.title());
        for (List<String> r : rows) {
            for (String cell : r) {
                assertThat(cell.isEmpty() || "=+@\t\r".indexOf(cell.charAt(0)) < 0).as("no cell starts a formula: " + cell).isTrue();
            }
        }
    }

    /** A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF. */
    private static List<List<String>> parseCsv(String csv) {
        List<List<String>> rows = new java.util.ArrayList<>();
        List<String> row = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new java.util.ArrayList<>();
                i++;
            } else {
                assertThat(c).as("a bare quote or line break outside quotes at " + i).isNotIn('"', '\n', '\r');
                field.append(c);
            }
            i++;
        }
        return rows.subList(1, rows.size());
    }

    @Test
    void jsonCarriesTheFigures() throws Exception {
        ManagementReview review = reports.review(lastSixMonths);
        String json = ReportJson.review(review);
        Files.writeString(OUT.resolve("management-review.json"), json, StandardCharsets.UTF_8);
        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.at("/current/outcomes/received").asLong()).isEqualTo(review.current().outcomes().received());
        assertThat(tree.at("/current/handling/medianMillis").asLong()).isEqualTo(review.current().handling().median().toMillis());
        assertThat(tree.at("/current/filter/zone").asText()).isEqualTo("Europe/Istanbul");
        assertThat(tree.get("trend")).hasSize(12);
        assertThat(tree.get("suggestions")).hasSize(review.suggestions().size());
        assertThat(tree.at("/openCapas").findValuesAsText("title")).contains(hostile.title());
        assertThat(tree.at("/current/slaByTarget").findValuesAsText("target")).containsExactly("ACKNOWLEDGEMENT", "FIRST_RESPONSE", "RESOLUTION");
    }

    @Test
    void theAuditPackListsEachRecordAndItsGaps() throws Exception {
        ReportFilter march = ReportFilter.of(data.tenant, ReportPeriod.month(YearMonth.of(2026, 3), ReportDataSet.ISTANBUL));
        AuditPack pack = reports.auditPack(march);
        List<Planned> planned = data.planned.stream().filter(p -> march.period().contains(p.receivedAt)).toList();
        assertThat(pack.records()).hasSize(planned.size());

        Map<AuditGap.Type, Long> expected = new EnumMap<>(AuditGap.Type.class);
        for (Planned p : planned) {
            add(expected, AuditGap.Type.NOT_ACKNOWLEDGED, p.actions.isEmpty() ? 1 : 0);
            add(expected, AuditGap.Type.ACKNOWLEDGED_LATE, p.rounds.stream().filter(r -> r.kind() == SlaKind.ACKNOWLEDGEMENT && !r.met()).count());
            add(expected, AuditGap.Type.RESOLVED_LATE, p.rounds.stream().filter(r -> r.kind() == SlaKind.RESOLUTION && !r.met()).count());
            add(expected, AuditGap.Type.NOT_ASSESSED, p.resolved ? 1 : 0); // the data set records no assessments
            add(expected, AuditGap.Type.CLOSED_WITHOUT_CUSTOMER_ANSWER, p.closureReason == ClosureReason.NO_RESPONSE ? 1 : 0);
            add(expected, AuditGap.Type.REJECTED_WITHOUT_ALTERNATIVES, p.actions.stream().filter(a -> a.step() == Step.REJECT).count());
            add(expected, AuditGap.Type.OVERDUE, p.isOpen() && p.status != Status.RESOLVED && p.status != Status.AWAITING_CUSTOMER ? 1 : 0);
        }
        assertThat(new TreeMap<>(AuditRecord.countGaps(pack.records()))).isEqualTo(new TreeMap<>(expected));
        assertThat(expected.values()).as("the month has gaps of several kinds").filteredOn(n -> n > 0).hasSizeGreaterThan(4);

        AuditRecord accepted = pack.records().stream().filter(r -> r.status() == Status.CLOSED && r.gaps().stream()
                .noneMatch(g -> g.type() == AuditGap.Type.CLOSED_WITHOUT_CUSTOMER_ANSWER)).findFirst().orElseThrow();
        assertThat(accepted.steps()).extracting(s -> s.stage()).containsSubsequence(AuditStage.RECEIPT, AuditStage.ACKNOWLEDGEMENT,
                AuditStage.RESPONSE, AuditStage.DECISION);
        assertThat(accepted.steps().get(1).actor()).isEqualTo("STAFF:reception");

        String html = AuditPackHtml.render(pack, ReportDataSet.ISTANBUL);
        Path file = OUT.resolve("audit-pack.html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        HeadlessChromium.screenshot(file, OUT.resolve("audit-pack.png"), 1600);
        assertPng(OUT.resolve("audit-pack.png"));
        String dom = HeadlessChromium.dumpDom(file);
        assertThat(count(dom, "<section class=\"record\">")).isEqualTo(planned.size());

        JsonNode tree = new ObjectMapper().readTree(ReportJson.auditPack(pack));
        assertThat(tree.get("records")).hasSize(planned.size());
        Matcher m = Pattern.compile("\"type\":\"REJECTED_WITHOUT_ALTERNATIVES\"").matcher(ReportJson.auditPack(pack));
        long rejections = m.results().count();
        assertThat(rejections).isEqualTo(expected.get(AuditGap.Type.REJECTED_WITHOUT_ALTERNATIVES));
    }

    private static void add(Map<AuditGap.Type, Long> counts, AuditGap.Type type, long n) {
        if (n > 0) {
            counts.merge(type, n, Long::sum);
        }
    }

    @Test
    void theReviewShowsTheMonthsSurveyScores() {
        SurveyDesk surveys = SurveyDesk.builder(data.desk(store, clock)).store(new InMemorySurveyStore())
                .surveyUrl("https://hotel.example/survey/{token}").build();
        SurveyId id = SurveyId.of("stay");
        surveys.publish(data.tenant, id, LocalizedText.of("Konaklama", "Stay"),
                List.of(Question.of("rooms", QuestionType.RATING_1_5, "Odalar?", "Rooms?").forDepartment(DepartmentId.of("housekeeping"))),
                io.memnun.survey.SurveyAccess.OPEN);
        for (int rating : new int[] {5, 4, 2, 1}) {
            surveys.respondOpenly(data.tenant, id, List.of(Answer.score("rooms", rating)), null, null);
        }
        ManagementReview review = Reports.builder(store).surveys(surveys).clock(clock).build()
                .review(ReportFilter.of(data.tenant, ReportPeriod.month(YearMonth.of(2026, 11), ReportDataSet.ISTANBUL)));
        assertThat(review.surveys()).singleElement().satisfies(line -> {
            assertThat(line.department()).isEqualTo("housekeeping");
            assertThat(line.responses()).isEqualTo(4);
            assertThat(line.csat()).hasValue(50.0); // two of four ratings are 4 or 5
        });
        assertThat(ReviewHtml.render(review)).contains("<td>housekeeping</td><td class=\"num\">50.0%</td>");
    }

    @Test
    void theAuditPackOfOneFeedbackByReference() {
        Planned p = data.planned.stream().filter(x -> x.closureReason == ClosureReason.ACCEPTED && x.rejections > 0).findFirst().orElseThrow();
        var feedback = store.find(data.tenant, p.id).orElseThrow();
        AuditPack pack = reports.auditPack(data.tenant, feedback.reference());
        assertThat(pack.records()).singleElement().satisfies(r -> {
            assertThat(r.reference()).isEqualTo(feedback.reference().toString());
            assertThat(r.steps()).extracting(s -> s.event().name()).containsSubsequence("RECEIVED", "TAKEN", "RESOLVED", "REJECTED", "RESOLVED",
                    "ACCEPTED");
        });
    }
}
