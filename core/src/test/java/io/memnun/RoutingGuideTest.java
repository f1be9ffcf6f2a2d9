package io.memnun;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.ActiveRuleSet;
import io.memnun.routing.AssigneeStrategy;
import io.memnun.routing.Catalog;
import io.memnun.routing.Condition;
import io.memnun.routing.Department;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Location;
import io.memnun.routing.Router;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.routing.RuleSetReport;
import io.memnun.routing.Staff;
import io.memnun.routing.Subject;
import io.memnun.routing.json.CatalogJson;
import io.memnun.store.memory.InMemoryCatalogStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryRuleSetStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example of docs/routing.md, kept compiling and passing. */
class RoutingGuideTest {

    @Test
    void theGuideExampleWorks() {
        TenantId hotel = TenantId.of("bosphorus-hotels");
        InMemoryCatalogStore catalogs = new InMemoryCatalogStore();
        catalogs.put(hotel,
                Subject.of(SubjectId.of("housekeeping"), LocalizedText.of("Kat Hizmetleri", "Housekeeping")),
                Subject.of(SubjectId.of("room-cleanliness"), SubjectId.of("housekeeping"),
                        LocalizedText.of("Oda temizliği", "Room cleanliness")),
                Location.of(LocationId.of("besiktas"), LocalizedText.of("Beşiktaş", "Besiktas"), "hotel-24-7"),
                Department.of(DepartmentId.of("hk"), LocalizedText.of("Kat Hizmetleri", "Housekeeping"), StaffId.of("ayse")),
                Department.of(DepartmentId.of("guest-relations"), LocalizedText.of("Misafir İlişkileri", "Guest Relations")),
                Staff.builder("ayse", "Ayşe Yılmaz").department("hk").role("supervisor").build(),
                Staff.builder("zeynep", "Zeynep Kaya").department("hk").maxOpenLoad(15).build(),
                Staff.builder("gul", "Gül Arslan").department("guest-relations").build());

        Router router = Router.builder().catalogs(catalogs).ruleSets(new InMemoryRuleSetStore()).build();
        RuleSet rules = RuleSet.builder()
                .rule(RoutingRule.builder("vip").label("VIP guests")
                        .when(Condition.customer("vip", "true"))
                        .department("guest-relations").assign(AssigneeStrategy.fixed(StaffId.of("gul")))
                        .raisePriority(1))
                .rule(RoutingRule.builder("12")
                        .when(Condition.subjectUnder("housekeeping"))
                        .department("hk").assign(AssigneeStrategy.leastLoad())
                        .watchers(StaffId.of("ayse")))
                .rule(RoutingRule.builder("13")
                        .when(Condition.keywords("havlu", "çarşaf", "temizlik"))
                        .department("hk").assign(AssigneeStrategy.roundRobin()))
                .rule(RoutingRule.builder("default").department("guest-relations"))
                .build();
        RuleSetReport report = router.validate(hotel, rules);
        assertThat(report.problems()).isEmpty();
        ActiveRuleSet active = router.activate(hotel, rules);
        assertThat(active.version()).isEqualTo(1);

        FeedbackDesk desk = FeedbackDesk.builder()
                .store(new InMemoryFeedbackStore())
                .router(router)
                .duplicateWindow(Duration.ofHours(24))
                .build();
        Feedback f = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Oda temizlenmemiş")
                .subject(SubjectId.of("room-cleanliness"))
                .customer(Customer.builder().email("mehmet@example.com").build())
                .build());
        assertThat(f.department()).contains(DepartmentId.of("hk"));
        assertThat(f.assignee()).contains(StaffId.of("ayse"));
        assertThat(f.watchers()).containsExactly(StaffId.of("ayse"));
        assertThat(desk.history(hotel, f.reference()).get(0).note()).isEqualTo("routed to Housekeeping by rule 12: "
                + "subject Room cleanliness is under Housekeeping; assigned to Ayşe Yılmaz, who had the fewest open feedback (0)");

        Feedback towels = desk.receive(Intake.builder(hotel, FeedbackKind.REQUEST, Channel.PHONE, "HAVLULAR eksik").build());
        assertThat(towels.department()).contains(DepartmentId.of("hk"));

        Feedback vip = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.EMAIL, "Geç check-in")
                .customer(Customer.builder().attribute("vip", "true").build()).build());
        assertThat(vip.assignee()).contains(StaffId.of("gul"));
        assertThat(vip.priority()).isEqualTo(Priority.URGENT);

        String json = CatalogJson.write(catalogs.catalog(hotel));
        Catalog copy = CatalogJson.read(json);
        catalogs.importCatalog(TenantId.of("another-hotel"), copy);
        assertThat(catalogs.catalog(TenantId.of("another-hotel")).entries()).isEqualTo(catalogs.catalog(hotel).entries());
    }
}
