package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Channel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.AssigneeStrategy;
import io.memnun.routing.Condition;
import io.memnun.routing.Department;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Router;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.routing.Staff;
import io.memnun.routing.Subject;
import io.memnun.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A desk whose router reads the catalogue and rule sets from PostgreSQL routes a new feedback and records the rule
 * and its version; with two nodes on one database, what one node changes the other routes by at once.
 */
class PostgresRoutingTest {
    private static final TenantId HOTEL = TenantId.of("bosphorus-hotels");
    @RegisterExtension
    static final PostgresSchema db = new PostgresSchema(4);

    private static RuleSet rules(String housekeepingDepartment) {
        return RuleSet.builder()
                .rule(RoutingRule.builder("12").label("housekeeping")
                        .when(Condition.subjectUnder("housekeeping"))
                        .department(housekeepingDepartment).assign(AssigneeStrategy.leastLoad()).watchers(StaffId.of("ayse")))
                .rule(RoutingRule.builder("default").department("guest-relations"))
                .build();
    }

    @Test
    void aDeskRoutesByTheCatalogueAndRulesInTheDatabase() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        // two nodes: each its own db.storage(), router and desk on the same database
        JdbcStorage other = JdbcStorage.builder().dataSource(db.dataSource()).build();
        Router admin = Router.builder().catalogs(db.storage().catalogStore()).ruleSets(db.storage().ruleSetStore()).clock(clock).build();
        Router node = Router.builder().catalogs(other.catalogStore()).ruleSets(other.ruleSetStore()).clock(clock).build();
        FeedbackDesk desk = FeedbackDesk.builder().store(other.feedbackStore()).router(node).clock(clock).build();

        db.storage().catalogStore().put(HOTEL,
                Subject.of(SubjectId.of("housekeeping"), LocalizedText.of("Kat Hizmetleri", "Housekeeping")),
                Subject.of(SubjectId.of("room-cleanliness"), SubjectId.of("housekeeping"),
                        LocalizedText.of("Oda temizliği", "Room cleanliness")),
                Department.of(DepartmentId.of("hk"), LocalizedText.of("Kat Hizmetleri", "Housekeeping"), StaffId.of("ayse")),
                Department.of(DepartmentId.of("guest-relations"), LocalizedText.of("Misafir İlişkileri", "Guest Relations")),
                Staff.builder("ayse", "Ayşe Yılmaz").department("hk").build(),
                Staff.builder("zeynep", "Zeynep Kaya").department("hk").build(),
                Staff.builder("gul", "Gül Arslan").department("guest-relations").build());
        admin.activate(HOTEL, rules("guest-relations"));
        admin.activate(HOTEL, rules("hk"));

        Feedback first = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Oda temizlenmemiş")
                .subject(SubjectId.of("room-cleanliness")).build());
        Feedback second = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Banyo kirli")
                .subject(SubjectId.of("room-cleanliness")).build());

        Feedback stored = db.storage().feedbackStore().find(HOTEL, first.id()).orElseThrow();
        assertThat(stored.department()).contains(DepartmentId.of("hk"));
        assertThat(stored.assignee()).contains(StaffId.of("ayse"));
        assertThat(stored.watchers()).containsExactly(StaffId.of("ayse"));
        assertThat(stored.routingVersion()).contains(2L);
        // least load counted in the database: ayse has one open feedback now, zeynep none
        assertThat(second.assignee()).contains(StaffId.of("zeynep"));

        FeedbackEvent received = desk.history(HOTEL, first.reference()).get(0);
        assertThat(received.type()).isEqualTo(EventType.RECEIVED);
        assertThat(received.details()).containsEntry("routingRule", "12").containsEntry("routingVersion", "2");
        assertThat(received.note()).startsWith("routed to Housekeeping by rule 12");
        assertThat(db.storage().ruleSetStore().find(HOTEL, 2).orElseThrow().rules()).isEqualTo(rules("hk"));
    }
}
