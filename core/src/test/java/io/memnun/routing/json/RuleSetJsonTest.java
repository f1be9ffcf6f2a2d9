package io.memnun.routing.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.routing.AssigneeStrategy;
import io.memnun.routing.Condition;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSetJsonTest {

    @Test
    void everyConditionStrategyAndPriorityChangeSurvivesTheRoundTrip() {
        RuleSet rules = RuleSet.of(
                RoutingRule.builder("vip").label("VIP guests").when(Condition.customer("vip", "true", "yes"))
                        .department("guest-relations").assign(AssigneeStrategy.fixed(StaffId.of("gul"))).raisePriority(2).build(),
                RoutingRule.builder("12").when(Condition.subjectUnder("housekeeping", "linen"), Condition.locationUnder(LocationId.of("lara")))
                        .department("hk").assign(AssigneeStrategy.leastLoad("supervisor")).watchers(StaffId.of("ayse"), StaffId.of("gul")).build(),
                RoutingRule.builder("13").when(new Condition.Keywords(List.of("klima", "air conditioning"), false, true),
                                Condition.kind(FeedbackKind.COMPLAINT, FeedbackKind.REQUEST), Condition.channel(Channel.EMAIL),
                                Condition.priorityAtLeast(Priority.URGENT), Condition.type(FeedbackTypeId.of("service")))
                        .department("tech").assign(AssigneeStrategy.roundRobin()).setPriority(Priority.VERY_URGENT).build(),
                RoutingRule.builder("default").department("guest-relations").build());
        String json = RuleSetJson.write(rules);
        assertThat(RuleSetJson.read(json)).isEqualTo(rules);
        assertThat(json).contains("\"format\" : \"memnun-rules/1\"", "\"subjectUnder\" : [ \"housekeeping\", \"linen\" ]");
    }

    @Test
    void keywordOptionsDefaultToTurkishFriendlyMatching() {
        RuleSet read = RuleSetJson.read("""
                {"rules": [{"id": "k", "when": [{"keywords": ["şikayet"]}], "department": "hk"}, {"id": "d"}]}""");
        assertThat(read.rules().get(0).conditions()).containsExactly(Condition.keywords("şikayet"));
        assertThat(read.defaultRule()).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            duplicate rule id      | {"rules": [{"id": "a"}, {"id": "a"}]} | rules[1].id
            blank id               | {"rules": [{"id": " "}]} | rules[0].id
            unknown kind           | {"rules": [{"id": "a", "when": [{"kind": ["GRIPE"]}]}]} | rules[0].when[0].kind[0]
            empty subject list     | {"rules": [{"id": "a", "when": [{"subjectUnder": []}]}]} | rules[0].when[0].subjectUnder
            two facts in one       | {"rules": [{"id": "a", "when": [{"kind": ["COMPLAINT"], "channel": ["email"]}]}]} | rules[0].when[0]
            no fact                | {"rules": [{"id": "a", "when": [{}]}]} | rules[0].when[0]
            bad channel            | {"rules": [{"id": "a", "when": [{"channel": ["E Mail"]}]}]} | rules[0].when[0].channel[0]
            blank keyword          | {"rules": [{"id": "a", "when": [{"keywords": ["!!"]}]}]} | rules[0].when[0].keywords
            unknown strategy       | {"rules": [{"id": "a", "assign": {"strategy": "random"}}]} | rules[0].assign.strategy
            fixed without staff    | {"rules": [{"id": "a", "assign": {"strategy": "fixed"}}]} | rules[0].assign.staff
            fixed with a role      | {"rules": [{"id": "a", "assign": {"strategy": "fixed", "staff": "x", "role": "r"}}]} | rules[0].assign.role
            both priority changes  | {"rules": [{"id": "a", "priority": {"set": "LOW", "raise": 1}}]} | rules[0].priority
            raise too far          | {"rules": [{"id": "a", "priority": {"raise": 7}}]} | rules[0].priority.raise
            unknown priority       | {"rules": [{"id": "a", "priority": {"set": "SOON"}}]} | rules[0].priority.set
            watcher not a string   | {"rules": [{"id": "a", "watchers": [1]}]} | rules[0].watchers[0]
            unknown rule field     | {"rules": [{"id": "a", "then": {}}]} | rules[0].then
            other format           | {"format": "memnun-rules/2", "rules": []} | format
            """)
    void badJsonNamesThePath(String problem, String json, String path) {
        assertThatThrownBy(() -> RuleSetJson.read(json))
                .as(problem)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(path));
    }

    @Test
    void subjectsAreReadAsIds() {
        RuleSet read = RuleSetJson.read("""
                {"rules": [{"id": "a", "when": [{"subjectUnder": ["housekeeping"]}], "department": "hk"}]}""");
        assertThat(read.rules().get(0).conditions()).containsExactly(Condition.subjectUnder(SubjectId.of("housekeeping")));
    }
}
