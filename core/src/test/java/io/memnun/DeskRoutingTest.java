package io.memnun;

import static io.memnun.routing.HotelCatalog.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Command;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.AssigneeStrategy;
import io.memnun.routing.CatalogRef;
import io.memnun.routing.Condition;
import io.memnun.routing.HotelCatalog;
import io.memnun.routing.Router;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.store.memory.InMemoryCatalogStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryRuleSetStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeskRoutingTest {
    static final TenantId TENANT = TenantId.of("bosphorus");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-14T19:40:00Z"), ZoneOffset.UTC);

    InMemoryFeedbackStore store;
    Router router;
    FeedbackDesk desk;

    @BeforeEach
    void setUp() {
        InMemoryCatalogStore catalogs = new InMemoryCatalogStore();
        catalogs.importCatalog(TENANT, HotelCatalog.catalog());
        router = Router.builder().catalogs(catalogs).ruleSets(new InMemoryRuleSetStore()).clock(CLOCK).build();
        router.activate(TENANT, RuleSet.builder()
                .rule(RoutingRule.builder("12").when(Condition.subjectUnder(HOUSEKEEPING)).department(HK)
                        .assign(AssigneeStrategy.leastLoad()).watchers(GUL))
                .rule(RoutingRule.builder("vip").when(Condition.customer("vip", "true")).department(GUEST_RELATIONS).raisePriority(1))
                .rule(RoutingRule.builder("default").department(GUEST_RELATIONS))
                .build());
        store = new InMemoryFeedbackStore();
        desk = FeedbackDesk.builder().store(store).clock(CLOCK).router(router).build();
    }

    static Intake.Builder intake(String description) {
        return Intake.builder(TENANT, FeedbackKind.COMPLAINT, Channel.WEB_FORM, description);
    }

    @Test
    void aReceivedFeedbackIsRoutedBeforeItIsStoredAndTheEventSaysWhy() {
        Feedback f = desk.receive(intake("Oda temizlenmemiş").subject(ROOM_CLEANLINESS).build());
        assertThat(f.department()).contains(HK);
        assertThat(f.assignee()).contains(AYSE);
        assertThat(f.watchers()).containsExactly(GUL);
        assertThat(f.routingVersion()).contains(1L);
        assertThat(store.find(TENANT, f.id())).contains(f);
        FeedbackEvent received = desk.history(TENANT, f.id()).get(0);
        assertThat(received.type()).isEqualTo(EventType.RECEIVED);
        assertThat(received.details()).containsEntry("routingRule", "12").containsEntry("routingVersion", "1")
                .containsEntry("department", "hk").containsEntry("assignee", "ayse").containsEntry("watchers", "gul");
        assertThat(received.note()).isEqualTo("routed to Housekeeping by rule 12: subject Room cleanliness is under "
                + "Housekeeping; assigned to Ayşe Yılmaz, who had the fewest open feedback (0)");
    }

    @Test
    void theRoutedPriorityIsStored() {
        Feedback f = desk.receive(intake("x").customer(Customer.builder().attribute("vip", "true").build()).build());
        assertThat(f.priority()).isEqualTo(Priority.URGENT);
        assertThat(desk.history(TENANT, f.id()).get(0).details()).containsEntry("priority", "URGENT").containsEntry("routingRule", "vip");
    }

    @Test
    void anIntakeThatNamesADepartmentIsNotRouted() {
        Feedback f = desk.receive(intake("x").subject(LINEN).department(TECH).build());
        assertThat(f.department()).contains(TECH);
        assertThat(f.assignee()).isEmpty();
        assertThat(f.routingVersion()).isEmpty();
        assertThat(desk.history(TENANT, f.id()).get(0).details()).doesNotContainKey("routingRule");
    }

    @Test
    void anIntakeAssigneeIsKept() {
        Feedback f = desk.receive(intake("x").subject(LINEN).assignee(ZEYNEP).build());
        assertThat(f.department()).contains(HK);
        assertThat(f.assignee()).contains(ZEYNEP);
    }

    @Test
    void aTenantWithoutRulesIsNotRouted() {
        Feedback f = desk.receive(Intake.builder(TenantId.of("other"), FeedbackKind.COMPLAINT, Channel.EMAIL, "x").build());
        assertThat(f.department()).isEmpty();
        assertThat(f.routingVersion()).isEmpty();
    }

    @Test
    void withoutARouterNothingChanges() {
        FeedbackDesk plain = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(CLOCK).build();
        Feedback f = plain.receive(intake("x").subject(LINEN).build());
        assertThat(f.department()).isEmpty();
        assertThat(f.watchers()).isEmpty();
        assertThat(plain.history(TENANT, f.id()).get(0).note()).isNull();
    }

    @Test
    void aRedirectMovesTheFeedbackAndItsLoad() {
        Feedback first = desk.receive(intake("x").subject(LINEN).build());
        assertThat(first.assignee()).contains(AYSE);
        assertThat(store.openLoad(TENANT, java.util.Set.of(AYSE, GUL, ZEYNEP))).isEqualTo(Map.of(AYSE, 1));
        Feedback moved = desk.redirect(TENANT, first.id(), Actor.staff(AYSE), TECH, MERT, "the shower is broken, not dirty");
        assertThat(moved.department()).contains(TECH);
        assertThat(moved.assignee()).contains(MERT);
        assertThat(moved.routingVersion()).contains(1L);
        assertThat(store.openLoad(TENANT, java.util.Set.of(AYSE, MERT))).isEqualTo(Map.of(MERT, 1));
        // ayse has nothing open again, so least load offers her the next one after gul and zeynep
        StaffId second = desk.receive(intake("x").subject(LINEN).build()).assignee().orElseThrow();
        StaffId third = desk.receive(intake("x").subject(LINEN).build()).assignee().orElseThrow();
        StaffId fourth = desk.receive(intake("x").subject(LINEN).build()).assignee().orElseThrow();
        assertThat(java.util.List.of(second, third, fourth)).containsExactlyInAnyOrder(AYSE, GUL, ZEYNEP);
    }

    @Test
    void aRedirectDropsTheWatchersRoutingAddedForTheOldDepartment() {
        Feedback routed = desk.receive(intake("Oda temizlenmemiş").subject(ROOM_CLEANLINESS).build());
        assertThat(routed.watchers()).containsExactly(GUL);

        Feedback moved = desk.redirect(TENANT, routed.id(), Actor.staff(AYSE), TECH, MERT, "the shower is broken, not dirty");

        // routing adds watchers only at receipt, for the department it chose; a redirect names the department, as an
        // intake that names one (which routing leaves alone), so the new department gets none
        assertThat(moved.watchers()).isEmpty();
        assertThat(store.find(TENANT, routed.id()).orElseThrow().watchers()).isEmpty();
        FeedbackEvent redirected = desk.history(TENANT, routed.id()).get(1);
        assertThat(redirected.type()).isEqualTo(EventType.REDIRECTED);
        assertThat(redirected.details()).containsEntry("watchersRemoved", "gul");
        // a redirect of feedback nobody watches says nothing of watchers
        Feedback unwatched = desk.receive(intake("x").subject(LINEN).department(TECH).build());
        desk.redirect(TENANT, unwatched.id(), Actor.staff(MERT), HK, null, "linen is housekeeping's");
        assertThat(desk.history(TENANT, unwatched.id()).get(1).details()).doesNotContainKey("watchersRemoved");
    }

    @Test
    void aRedirectOrAssignmentToAnUnknownOrInactiveDepartmentOrPersonIsRefusedNamingTheFieldAndChangesNothing() {
        InMemoryCatalogStore catalogs = new InMemoryCatalogStore();
        catalogs.importCatalog(TENANT, HotelCatalog.catalog());
        catalogs.deactivate(TENANT, CatalogRef.of(FNB));
        Router withInactive = Router.builder().catalogs(catalogs).ruleSets(new InMemoryRuleSetStore()).clock(CLOCK).build();
        withInactive.activate(TENANT, RuleSet.builder().rule(RoutingRule.builder("default").department(HK)).build());
        InMemoryFeedbackStore feedback = new InMemoryFeedbackStore();
        FeedbackDesk d = FeedbackDesk.builder().store(feedback).clock(CLOCK).router(withInactive).build();
        Feedback f = d.receive(intake("Oda kirli").build());
        Actor ayse = Actor.staff(AYSE);

        assertRefused(() -> d.redirect(TENANT, f.id(), ayse, FNB, null, "restaurant"), "department", "inactive");
        assertRefused(() -> d.redirect(TENANT, f.id(), ayse, DepartmentId.of("laundry"), null, "laundry"), "department", "unknown");
        assertRefused(() -> d.redirect(TENANT, f.id(), ayse, TECH, ELIF, "shower"), "assignee", "not active");
        assertRefused(() -> d.redirect(TENANT, f.id(), ayse, TECH, ZEYNEP, "shower"), "assignee", "not in");
        assertRefused(() -> d.redirect(TENANT, f.id(), ayse, TECH, StaffId.of("nobody"), "shower"), "assignee", "unknown");
        assertRefused(() -> d.assign(TENANT, f.id(), ayse, ELIF), "assignee", "not active");
        // the same commands issued directly
        assertRefused(() -> d.execute(TENANT, f.id(), new Command.Redirect(ayse, FNB, null, "restaurant")), "department", "inactive");
        assertRefused(() -> d.execute(TENANT, f.id(), f.version(), new Command.Assign(ayse, ELIF, null)), "assignee", "not active");
        assertRefused(() -> d.executeAll(TENANT, f.id(), java.util.List.of(new Command.AddNote(ayse, "önce not"),
                new Command.Redirect(ayse, TECH, ZEYNEP, "shower"))), "assignee", "not in");

        assertThat(feedback.find(TENANT, f.id()).orElseThrow().version()).isEqualTo(f.version());
        assertThat(d.redirect(TENANT, f.id(), ayse, TECH, CAN, "shower").assignee()).contains(CAN);
    }

    @Test
    void anIntakeNamingAnUnknownOrInactiveDepartmentOrPersonIsRefusedNamingTheFieldAndStoresNothing() {
        InMemoryCatalogStore catalogs = new InMemoryCatalogStore();
        catalogs.importCatalog(TENANT, HotelCatalog.catalog());
        catalogs.deactivate(TENANT, CatalogRef.of(FNB));
        Router withInactive = Router.builder().catalogs(catalogs).ruleSets(new InMemoryRuleSetStore()).clock(CLOCK).build();
        withInactive.activate(TENANT, RuleSet.builder().rule(RoutingRule.builder("default").department(HK)).build());
        InMemoryFeedbackStore feedback = new InMemoryFeedbackStore();
        FeedbackDesk d = FeedbackDesk.builder().store(feedback).clock(CLOCK).router(withInactive).build();

        // the host's form offered a department that was deactivated meanwhile, or a stale id: the same check as a redirect
        assertRefused(() -> d.receive(intake("Restoran kirli").department(FNB).build()), "department", "inactive");
        assertRefused(() -> d.receiveTracked(intake("Çamaşırhane").department(DepartmentId.of("laundry")).build()), "department", "unknown");
        assertRefused(() -> d.receive(intake("Duş").department(TECH).assignee(ZEYNEP).build()), "assignee", "not in");
        assertRefused(() -> d.receive(intake("Duş").department(TECH).assignee(StaffId.of("nobody")).build()), "assignee", "unknown");
        // a person named without a department is checked like an assignment: routing chooses the department
        assertRefused(() -> d.receive(intake("Havlu").assignee(ELIF).build()), "assignee", "not active");

        assertThat(feedback.query(io.memnun.feedback.FeedbackQuery.builder(TENANT).build()).items()).isEmpty();
        // nothing was taken either: the first feedback received gets the first reference number
        Feedback first = d.receive(intake("Duş").department(TECH).assignee(CAN).build());
        assertThat(first.reference().sequence()).isEqualTo(1);
        assertThat(first.department()).contains(TECH);
        assertThat(first.assignee()).contains(CAN);
        assertThat(d.receive(intake("Havlu").assignee(ZEYNEP).build()).department()).contains(HK);
    }

    @Test
    void anIntakeKeyReceivedBeforeTheDepartmentWasDeactivatedStillAnswersWithItsFeedback() {
        InMemoryCatalogStore catalogs = new InMemoryCatalogStore();
        catalogs.importCatalog(TENANT, HotelCatalog.catalog());
        Router r = Router.builder().catalogs(catalogs).ruleSets(new InMemoryRuleSetStore()).clock(CLOCK).build();
        FeedbackDesk d = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(CLOCK).router(r).build();
        Intake submitted = intake("Restoran kirli").department(FNB).intakeKey("web-42").build();
        Feedback received = d.receive(submitted);

        catalogs.deactivate(TENANT, CatalogRef.of(FNB));

        // the form sent again (a retry after a timeout) is the same submission, not a new choice of department
        assertThat(d.receive(submitted)).isEqualTo(received);
        assertRefused(() -> d.receive(intake("Restoran kirli").department(FNB).intakeKey("web-43").build()), "department", "inactive");
    }

    @Test
    void anIntakeIsNotCheckedForATenantWithAnEmptyCatalogueNorWithoutARouter() {
        TenantId elsewhere = TenantId.of("no-catalogue");
        Feedback f = desk.receive(Intake.builder(elsewhere, FeedbackKind.COMPLAINT, Channel.EMAIL, "x")
                .department(DepartmentId.of("their-own")).assignee(StaffId.of("someone")).build());
        assertThat(f.department()).contains(DepartmentId.of("their-own"));
        FeedbackDesk plain = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(CLOCK).build();
        assertThat(plain.receive(intake("x").department(DepartmentId.of("laundry")).build()).department())
                .contains(DepartmentId.of("laundry"));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String why) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(why);
        });
    }

    @Test
    void closedFeedbackNoLongerCountsAsLoad() {
        Feedback a = desk.receive(intake("x").subject(LINEN).build());
        desk.cancel(TENANT, a.id(), Actor.staff(AYSE), "out of scope");
        assertThat(store.openLoad(TENANT, java.util.Set.of(AYSE))).isEmpty();
    }
}
