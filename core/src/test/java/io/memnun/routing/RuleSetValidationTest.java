package io.memnun.routing;

import static io.memnun.routing.HotelCatalog.*;
import static io.memnun.routing.RuleSetProblem.Kind.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Channel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetValidationTest {
    private final Catalog catalog = HotelCatalog.catalog()
            .withActive(CatalogRef.of(LINEN), false)
            .with(io.memnun.routing.Department.of(DepartmentId.of("empty"), LocalizedText.of("Boş", "Empty")));

    private RuleSetReport validate(RoutingRule... rules) {
        return RuleSetValidator.validate(RuleSet.of(rules), catalog);
    }

    private static RoutingRule.Builder rule(String id) {
        return RoutingRule.builder(id);
    }

    private static RoutingRule fallback() {
        return rule("default").department(GUEST_RELATIONS).build();
    }

    @Test
    void aGoodRuleSetHasNoProblems() {
        RuleSetReport report = validate(
                rule("1").when(Condition.subjectUnder(ROOM_CLEANLINESS)).department(HK).assign(AssigneeStrategy.roundRobin()).build(),
                rule("2").when(Condition.subjectUnder(HOUSEKEEPING), Condition.locationUnder(LARA)).department(HK).build(),
                rule("3").when(Condition.keywords("klima arızası")).department(TECH).assign(AssigneeStrategy.fixed(MERT)).build(),
                rule("4").when(Condition.keywords("klima")).department(TECH).assign(AssigneeStrategy.leastLoad()).build(),
                fallback());
        assertThat(report.problems()).isEmpty();
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void unknownAndInactiveReferencesAreReported() {
        RuleSetReport report = validate(
                rule("1").when(Condition.subjectUnder(SubjectId.of("spa")), Condition.type(FeedbackTypeId.of("x")),
                        Condition.locationUnder(LocationId.of("ankara")), Condition.channel(Channel.of("instagram")))
                        .department(DepartmentId.of("spa")).watchers(StaffId.of("ghost")).build(),
                rule("2").when(Condition.subjectUnder(LINEN)).department(HK).watchers(ELIF).build(),
                rule("3").department(HK).assign(AssigneeStrategy.fixed(StaffId.of("nobody"))).build());
        assertThat(report.problemsOf("1")).extracting(RuleSetProblem::message).containsExactly(
                "unknown subject 'spa'", "unknown type 'x'", "unknown location 'ankara'", "unknown channel 'instagram'",
                "unknown department 'spa'", "unknown watcher 'ghost'");
        assertThat(report.problemsOf("1")).extracting(RuleSetProblem::kind).containsOnly(UNKNOWN_REFERENCE);
        assertThat(report.problemsOf("2")).extracting(RuleSetProblem::kind).containsOnly(INACTIVE_REFERENCE);
        assertThat(report.problemsOf("2")).extracting(RuleSetProblem::message)
                .containsExactly("subject 'linen' is inactive", "watcher 'elif' is inactive");
        assertThat(report.problemsOf("3")).extracting(RuleSetProblem::message).containsExactly("unknown assignee 'nobody'");
    }

    @Test
    void channelsAreCheckedOnlyWhenTheCatalogueListsThem() {
        Catalog noChannels = Catalog.builder().put(io.memnun.routing.Department.of(HK, LocalizedText.of("Kat", "HK"))).build();
        RuleSetReport report = RuleSetValidator.validate(RuleSet.of(
                rule("1").when(Condition.channel(Channel.of("instagram"))).department(HK).build(),
                rule("d").department(HK).build()), noChannels);
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void aMissingDefaultIsReported() {
        RuleSetReport report = validate(rule("1").when(Condition.kind(FeedbackKind.COMPLAINT)).department(HK).build());
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(NO_DEFAULT);
            assertThat(p.ruleId()).isNull();
            assertThat(p.message()).contains("rule 1", "has conditions");
        });
        assertThat(validate().problems(NO_DEFAULT)).hasSize(1);
    }

    @Test
    void strategiesWithNobodyToChooseAreReported() {
        RuleSetReport report = validate(
                rule("1").department(DepartmentId.of("empty")).assign(AssigneeStrategy.roundRobin()).build(),
                rule("2").department(HK).assign(AssigneeStrategy.leastLoad("chef")).build(),
                rule("3").assign(AssigneeStrategy.roundRobin()).build(),
                rule("4").department(HK).assign(AssigneeStrategy.fixed(ELIF)).build(),
                fallback());
        assertThat(report.problems(NO_ELIGIBLE_STAFF)).extracting(RuleSetProblem::ruleId).containsExactly("1", "2", "3", "4");
        assertThat(report.problemsOf("2").get(0).message()).isEqualTo(
                "least load has nobody to choose: department 'hk' has no active staff with role 'chef'");
    }

    @Test
    void anUnconditionalRuleShadowsEverythingAfterIt() {
        RuleSetReport report = validate(rule("all").department(HK).build(),
                rule("1").when(Condition.kind(FeedbackKind.COMPLAINT)).department(TECH).build(), fallback());
        assertThat(report.problems(SHADOWED)).extracting(RuleSetProblem::ruleId).containsExactly("1", "default");
        assertThat(report.problemsOf("1").get(0).message())
                .isEqualTo("can never fire: the earlier rule all holds whenever it does (it has no conditions)");
    }

    @Test
    void aRuleUnderAnEarlierSubjectIsShadowed() {
        RuleSetReport report = validate(
                rule("hk").when(Condition.subjectUnder(HOUSEKEEPING)).department(HK).build(),
                rule("rooms").when(Condition.subjectUnder(ROOM_CLEANLINESS), Condition.locationUnder(LARA)).department(FNB).build(),
                rule("tech").when(Condition.subjectUnder(TECHNICAL)).department(TECH).build(),
                fallback());
        assertThat(report.problems(SHADOWED)).singleElement().satisfies(p -> {
            assertThat(p.ruleId()).isEqualTo("rooms");
            assertThat(p.message()).contains("rule hk");
        });
    }

    @Test
    void aNarrowerEarlierRuleDoesNotShadowAWiderLaterOne() {
        RuleSetReport report = validate(
                rule("rooms").when(Condition.subjectUnder(ROOM_CLEANLINESS)).department(HK).build(),
                rule("hk").when(Condition.subjectUnder(HOUSEKEEPING)).department(HK).build(),
                rule("hk-lara").when(Condition.subjectUnder(HOUSEKEEPING), Condition.locationUnder(LARA)).department(HK).build(),
                fallback());
        assertThat(report.problems(SHADOWED)).extracting(RuleSetProblem::ruleId).containsExactly("hk-lara");
    }

    @Test
    void shadowingByEveryKindOfCondition() {
        RuleSetReport report = validate(
                rule("a").when(Condition.kind(FeedbackKind.COMPLAINT, FeedbackKind.REQUEST)).department(HK).build(),
                rule("a2").when(Condition.kind(FeedbackKind.REQUEST), Condition.channel(Channel.PHONE)).department(HK).build(),
                rule("b").when(Condition.priorityAtLeast(Priority.URGENT)).department(HK).build(),
                rule("b2").when(Condition.priority(Priority.VERY_URGENT)).department(HK).build(),
                rule("c").when(Condition.customer("vip", "true", "yes")).department(HK).build(),
                rule("c2").when(Condition.customer("VIP", "TRUE")).department(HK).build(),
                rule("d").when(Condition.keywords("klima")).department(HK).build(),
                rule("d2").when(Condition.keywords("KLİMAM bozuk")).department(HK).build(),
                rule("e").when(Condition.type(SERVICE)).department(HK).build(),
                rule("e2").when(Condition.type(SERVICE), Condition.locationUnder(SPA)).department(HK).build(),
                rule("f").when(Condition.locationUnder(LARA)).department(HK).build(),
                rule("f2").when(Condition.locationUnder(BEACH_BAR)).department(HK).build(),
                rule("g").when(Condition.channel(Channel.EMAIL)).department(HK).build(),
                rule("g2").when(Condition.channel(Channel.EMAIL), Condition.channel(Channel.EMAIL, Channel.PHONE)).department(HK).build(),
                fallback());
        assertThat(report.problems(SHADOWED)).extracting(RuleSetProblem::ruleId)
                .containsExactly("a2", "b2", "c2", "d2", "e2", "f2", "g2");
    }

    @Test
    void keywordShadowingRespectsMatchingModes() {
        RuleSetReport report = validate(
                rule("whole").when(new Condition.Keywords(List.of("oda"), true, true)).department(HK).build(),
                rule("prefix").when(new Condition.Keywords(List.of("odada"), true, false)).department(HK).build(),
                rule("marked").when(new Condition.Keywords(List.of("şikayet"), false, false)).department(HK).build(),
                rule("unmarked").when(new Condition.Keywords(List.of("şikayetim"), true, false)).department(HK).build(),
                rule("folding").when(new Condition.Keywords(List.of("ŞİKAYETİM var"), false, false)).department(HK).build(),
                fallback());
        // "oda" as a whole word says nothing about "odada"; "şikayet" keeping marks misses "sikayetim"
        assertThat(report.problems(SHADOWED)).extracting(RuleSetProblem::ruleId).containsExactly("folding");
    }

    @Test
    void conditionsThatExcludeEachOtherAreReported() {
        RuleSetReport report = validate(
                rule("1").when(Condition.subjectUnder(HOUSEKEEPING), Condition.subjectUnder(TECHNICAL)).department(HK).build(),
                rule("2").when(Condition.subjectUnder(HOUSEKEEPING), Condition.subjectUnder(LINEN)).department(HK).build(),
                rule("3").when(Condition.kind(FeedbackKind.COMPLAINT), Condition.kind(FeedbackKind.REQUEST)).department(HK).build(),
                fallback());
        assertThat(report.problems(NEVER_MATCHES)).extracting(RuleSetProblem::ruleId).containsExactly("1", "3");
    }
}
