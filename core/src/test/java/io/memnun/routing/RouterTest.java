package io.memnun.routing;

import static io.memnun.routing.HotelCatalog.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import io.memnun.store.memory.InMemoryCatalogStore;
import io.memnun.store.memory.InMemoryRuleSetStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterTest {
    static final TenantId TENANT = TenantId.of("bosphorus");
    static final Instant NOW = Instant.parse("2026-07-14T19:40:00Z");

    InMemoryCatalogStore catalogs;
    InMemoryRuleSetStore ruleSets;
    Router router;

    @BeforeEach
    void setUp() {
        catalogs = new InMemoryCatalogStore();
        catalogs.importCatalog(TENANT, HotelCatalog.catalog());
        ruleSets = new InMemoryRuleSetStore();
        router = Router.builder().catalogs(catalogs).ruleSets(ruleSets).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    static Intake.Builder intake(String description) {
        return Intake.builder(TENANT, FeedbackKind.COMPLAINT, Channel.WEB_FORM, description);
    }

    static RoutingRule.Builder rule(String id) {
        return RoutingRule.builder(id);
    }

    static RoutingRule fallback() {
        return rule("default").department(GUEST_RELATIONS).build();
    }

    ActiveRuleSet activate(RoutingRule... rules) {
        return router.activate(TENANT, RuleSet.of(rules));
    }

    RoutingDecision route(Intake.Builder intake) {
        return router.route(intake.build(), StaffLoad.NONE).orElseThrow();
    }

    /** Activates "hit" with {@code condition} before the default, and says which fired for the intake. */
    String firedFor(Condition condition, Intake.Builder intake) {
        activate(rule("hit").when(condition).department(HK).build(), fallback());
        return route(intake).ruleId();
    }

    @Nested
    class Conditions {
        @Test
        void kind() {
            assertThat(firedFor(Condition.kind(FeedbackKind.COMPLAINT, FeedbackKind.REQUEST), intake("x"))).isEqualTo("hit");
            assertThat(route(Intake.builder(TENANT, FeedbackKind.SUGGESTION, Channel.WEB_FORM, "x")).ruleId()).isEqualTo("default");
        }

        @Test
        void type() {
            assertThat(firedFor(Condition.type(SERVICE), intake("x").type(SERVICE))).isEqualTo("hit");
            assertThat(route(intake("x").type(PRODUCT)).ruleId()).isEqualTo("default");
            assertThat(route(intake("x")).ruleId()).isEqualTo("default");
        }

        @Test
        void subjectIncludesItsDescendants() {
            assertThat(firedFor(Condition.subjectUnder(HOUSEKEEPING), intake("x").subject(ROOM_CLEANLINESS))).isEqualTo("hit");
            assertThat(route(intake("x").subject(HOUSEKEEPING)).ruleId()).isEqualTo("hit");
            assertThat(route(intake("x").subject(AIR_CONDITIONING)).ruleId()).isEqualTo("default");
            assertThat(route(intake("x")).ruleId()).isEqualTo("default");
        }

        @Test
        void aSubjectDoesNotMatchItsAncestors() {
            assertThat(firedFor(Condition.subjectUnder(ROOM_CLEANLINESS), intake("x").subject(HOUSEKEEPING))).isEqualTo("default");
        }

        @Test
        void locationIncludesItsDescendants() {
            assertThat(firedFor(Condition.locationUnder(BESIKTAS), intake("x").location(POOL_BAR))).isEqualTo("hit");
            assertThat(route(intake("x").location(BEACH_BAR)).ruleId()).isEqualTo("default");
            assertThat(route(intake("x").location(CHAIN)).ruleId()).isEqualTo("default");
        }

        @Test
        void channel() {
            assertThat(firedFor(Condition.channel(Channel.PHONE), intake("x"))).isEqualTo("default");
            assertThat(route(Intake.builder(TENANT, FeedbackKind.COMPLAINT, Channel.PHONE, "x")).ruleId()).isEqualTo("hit");
        }

        @Test
        void priorityAtLeast() {
            assertThat(firedFor(Condition.priorityAtLeast(Priority.URGENT), intake("x").priority(Priority.VERY_URGENT))).isEqualTo("hit");
            assertThat(route(intake("x").priority(Priority.URGENT)).ruleId()).isEqualTo("hit");
            assertThat(route(intake("x").priority(Priority.NORMAL)).ruleId()).isEqualTo("default");
        }

        @Test
        void customerAttributeIgnoringCase() {
            Customer vip = Customer.builder().attribute("vip", "TRUE").build();
            Customer regular = Customer.builder().attribute("vip", "false").build();
            assertThat(firedFor(Condition.customer("VIP", "true"), intake("x").customer(vip))).isEqualTo("hit");
            assertThat(route(intake("x").customer(regular)).ruleId()).isEqualTo("default");
            assertThat(route(intake("x")).ruleId()).isEqualTo("default");
        }

        @Test
        void allConditionsOfARuleMustHold() {
            activate(rule("hit").when(Condition.subjectUnder(TECHNICAL), Condition.locationUnder(LARA),
                    Condition.keywords("klima")).department(TECH).build(), fallback());
            assertThat(route(intake("Klimam bozuk").subject(AIR_CONDITIONING).location(BEACH_BAR)).ruleId()).isEqualTo("hit");
            assertThat(route(intake("Klimam bozuk").subject(AIR_CONDITIONING).location(POOL_BAR)).ruleId()).isEqualTo("default");
            assertThat(route(intake("Musluk bozuk").subject(AIR_CONDITIONING).location(BEACH_BAR)).ruleId()).isEqualTo("default");
        }
    }

    @Nested
    class Keywords {
        @ParameterizedTest(name = "''{0}'' in ''{1}'': {2}")
        @CsvSource(delimiter = '|', textBlock = """
                şikayet         | ŞİKAYET ediyorum             | true
                ŞİKAYET         | bir şikayetim var            | true
                şikayet         | sikayet ediyorum             | true
                sikayet         | Şikâyetimi iletmek istiyorum | true
                kırık           | KIRIK bardak                 | true
                kirik           | kırık bardak                 | true
                internet        | INTERNET yok                 | true
                ısıtıcı         | ISITICI çalışmıyor           | true
                klima           | klimanın sesi                | true
                klima arızası   | KLİMA ARIZASI var            | true
                klima arızası   | klima yeni, arızası yok      | false
                klima           | iklimlendirme                | false
                havlu           | çarşaf kirli                 | false
                """)
        void turkishAwareWordPrefixMatching(String keyword, String description, boolean matches) {
            String fired = firedFor(Condition.keywords(keyword), intake(description));
            assertThat(fired).isEqualTo(matches ? "hit" : "default");
        }

        @Test
        void diacriticsCanBeKept() {
            activate(rule("hit").when(new Condition.Keywords(List.of("şikayet"), false, false)).department(HK).build(), fallback());
            assertThat(route(intake("ŞİKAYETİM var")).ruleId()).isEqualTo("hit");
            assertThat(route(intake("sikayetim var")).ruleId()).isEqualTo("default");
        }

        @Test
        void wholeWordsCanBeRequired() {
            activate(rule("hit").when(new Condition.Keywords(List.of("oda"), true, true)).department(HK).build(), fallback());
            assertThat(route(intake("ODA kirli")).ruleId()).isEqualTo("hit");
            assertThat(route(intake("odada böcek")).ruleId()).isEqualTo("default");
        }
    }

    @Nested
    class Decisions {
        @Test
        void theFirstMatchingRuleWinsAndSaysWhy() {
            ActiveRuleSet v1 = activate(
                    rule("7").when(Condition.subjectUnder(TECHNICAL)).department(TECH).build(),
                    rule("12").when(Condition.subjectUnder(HOUSEKEEPING)).department(HK).build(),
                    rule("13").when(Condition.keywords("temiz")).department(FNB).build(),
                    fallback());
            RoutingDecision d = route(intake("Oda temiz değildi").subject(ROOM_CLEANLINESS));
            assertThat(d.ruleId()).isEqualTo("12");
            assertThat(d.ruleSetVersion()).isEqualTo(v1.version()).isEqualTo(1);
            assertThat(d.department()).isEqualTo(HK);
            assertThat(d.assignee()).isNull();
            assertThat(d.priority()).isEqualTo(Priority.NORMAL);
            assertThat(d.reason()).isEqualTo("routed to Housekeeping by rule 12: subject Room cleanliness is under Housekeeping");
        }

        @Test
        void theDefaultRuleCatchesTheRest() {
            activate(rule("12").when(Condition.subjectUnder(HOUSEKEEPING)).department(HK).build(), fallback());
            RoutingDecision d = route(intake("Otopark dolu"));
            assertThat(d.ruleId()).isEqualTo("default");
            assertThat(d.department()).isEqualTo(GUEST_RELATIONS);
            assertThat(d.reason()).isEqualTo("routed to Guest Relations by rule default: no earlier rule matched");
        }

        @Test
        void reasonsNameEveryCondition() {
            activate(rule("vip").label("VIP guests").when(Condition.customer("vip", "true"), Condition.locationUnder(BESIKTAS),
                            Condition.keywords("klima"), Condition.channel(Channel.WEB_FORM), Condition.kind(FeedbackKind.COMPLAINT))
                    .department(GUEST_RELATIONS).raisePriority(1).watchers(GUL).build(), fallback());
            RoutingDecision d = route(intake("KLİMA çalışmıyor").location(POOL_BAR)
                    .customer(Customer.builder().attribute("vip", "true").build()));
            assertThat(d.reason()).isEqualTo("routed to Guest Relations by rule vip (VIP guests): customer vip=true and "
                    + "location Pool Bar is under Besiktas and description mentions 'klima' and channel is Web form and "
                    + "kind is COMPLAINT; priority raised from NORMAL to URGENT");
            assertThat(d.priority()).isEqualTo(Priority.URGENT);
            assertThat(d.watchers()).containsExactly(GUL);
        }

        @Test
        void priorityCanBeSetOrRaisedButNotPastTheTop() {
            activate(rule("low").when(Condition.kind(FeedbackKind.SUGGESTION)).department(HK).setPriority(Priority.LOW).build(),
                    rule("up").department(HK).raisePriority(2).build());
            assertThat(route(Intake.builder(TENANT, FeedbackKind.SUGGESTION, Channel.WEB_FORM, "x").priority(Priority.URGENT)).priority())
                    .isEqualTo(Priority.LOW);
            assertThat(route(intake("x").priority(Priority.URGENT)).priority()).isEqualTo(Priority.VERY_URGENT);
            assertThat(route(intake("x").priority(Priority.LOW)).priority()).isEqualTo(Priority.URGENT);
        }

        @Test
        void versionsCountUpAndDecisionsCarryTheirs() {
            assertThat(router.route(intake("x").build(), StaffLoad.NONE)).isEmpty();
            ActiveRuleSet v1 = activate(fallback());
            ActiveRuleSet v2 = activate(rule("all-to-hk").department(HK).build());
            assertThat(v1.version()).isEqualTo(1);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.activatedAt()).isEqualTo(NOW);
            RoutingDecision d = route(intake("x"));
            assertThat(d.ruleSetVersion()).isEqualTo(2);
            assertThat(d.ruleId()).isEqualTo("all-to-hk");
            assertThat(ruleSets.find(TENANT, 1)).get().extracting(ActiveRuleSet::rules).isEqualTo(RuleSet.of(fallback()));
            assertThat(router.active(TENANT)).contains(v2);
        }

        @Test
        void aRuleWhoseDepartmentWasDeactivatedIsPassedOver() {
            activate(rule("12").when(Condition.subjectUnder(HOUSEKEEPING)).department(HK).build(), fallback());
            catalogs.deactivate(TENANT, CatalogRef.of(HK));
            RoutingDecision d = route(intake("x").subject(LINEN));
            assertThat(d.ruleId()).isEqualTo("default");
            assertThat(d.reason()).endsWith("; passed over rule 12 (department 'hk' is inactive)");
        }

        @Test
        void manyPassedOverRulesKeepTheReasonShort() {
            List<RoutingRule> rules = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) {
                rules.add(rule("hk-" + i).when(Condition.kind(FeedbackKind.COMPLAINT), Condition.channel(Channel.WEB_FORM))
                        .department(HK).build());
            }
            rules.add(fallback());
            ruleSets.activate(TENANT, new RuleSet(rules), 0, NOW);
            catalogs.deactivate(TENANT, CatalogRef.of(HK));
            RoutingDecision d = route(intake("x"));
            assertThat(d.ruleId()).isEqualTo("default");
            assertThat(d.reason()).endsWith("rule hk-4 (department 'hk' is inactive) and 495 more");
        }

        @Test
        void inactiveWatchersAreLeftOut() {
            activate(rule("r").department(HK).watchers(GUL, AYSE).build());
            catalogs.deactivate(TENANT, CatalogRef.of(GUL));
            assertThat(route(intake("x")).watchers()).containsExactly(AYSE);
        }

        @Test
        void tenantsHaveTheirOwnRules() {
            activate(fallback());
            assertThat(router.route(Intake.builder(TenantId.of("other"), FeedbackKind.COMPLAINT, Channel.WEB_FORM, "x").build(),
                    StaffLoad.NONE)).isEmpty();
        }

        @Test
        void anInvalidRuleSetIsNotActivated() {
            activate(fallback());
            assertThatThrownBy(() -> activate(rule("r").when(Condition.kind(FeedbackKind.COMPLAINT)).department(HK).build()))
                    .isInstanceOfSatisfying(RuleSetValidationException.class, e -> {
                        assertThat(e.problems()).extracting(RuleSetProblem::kind).containsExactly(RuleSetProblem.Kind.NO_DEFAULT);
                        assertThat(e.field()).isEqualTo("rules");
                    });
            assertThat(router.active(TENANT).orElseThrow().version()).isEqualTo(1);
        }
    }

    @Nested
    class Strategies {
        final Map<StaffId, Integer> loads = new HashMap<>();
        final StaffLoad load = (tenant, staff) -> Map.copyOf(loads);

        RoutingDecision routeWithLoad() {
            return router.route(intake("x").build(), load).orElseThrow();
        }

        @Test
        void fixedPerson() {
            activate(rule("r").department(TECH).assign(AssigneeStrategy.fixed(MERT)).build());
            RoutingDecision d = routeWithLoad();
            assertThat(d.assignee()).isEqualTo(MERT);
            assertThat(d.reason()).endsWith("; assigned to Mert Şahin, named by the rule");
            catalogs.deactivate(TENANT, CatalogRef.of(MERT));
            assertThat(routeWithLoad().assignee()).isNull();
            assertThat(routeWithLoad().reason()).endsWith("; not assigned: Mert Şahin is not active");
        }

        @Test
        void roundRobinTakesActiveStaffInTurn() {
            activate(rule("r").department(HK).assign(AssigneeStrategy.roundRobin()).build());
            // elif is inactive; hk has ayse, gul, zeynep
            assertThat(List.of(routeWithLoad().assignee(), routeWithLoad().assignee(), routeWithLoad().assignee(),
                    routeWithLoad().assignee())).containsExactly(AYSE, GUL, ZEYNEP, AYSE);
            assertThat(routeWithLoad().reason()).endsWith("; assigned to Gül Arslan by round robin");
        }

        @Test
        void roundRobinByRole() {
            activate(rule("r").department(HK).assign(AssigneeStrategy.roundRobin("supervisor")).build());
            assertThat(List.of(routeWithLoad().assignee(), routeWithLoad().assignee())).containsExactly(AYSE, AYSE);
        }

        @Test
        void roundRobinPassesOverStaffAtTheirLimit() {
            activate(rule("r").department(TECH).assign(AssigneeStrategy.roundRobin()).build());
            loads.put(CAN, 2); // can's limit is 2
            assertThat(List.of(routeWithLoad().assignee(), routeWithLoad().assignee(), routeWithLoad().assignee()))
                    .containsExactly(MERT, MERT, MERT);
        }

        @Test
        void leastLoadChoosesTheLeastBusyAndRotatesTies() {
            activate(rule("r").department(HK).assign(AssigneeStrategy.leastLoad()).build());
            loads.putAll(Map.of(AYSE, 3, GUL, 1, ZEYNEP, 2));
            RoutingDecision d = routeWithLoad();
            assertThat(d.assignee()).isEqualTo(GUL);
            assertThat(d.reason()).endsWith("; assigned to Gül Arslan, who had the fewest open feedback (1)");
            loads.putAll(Map.of(AYSE, 0, GUL, 0, ZEYNEP, 0));
            assertThat(List.of(routeWithLoad().assignee(), routeWithLoad().assignee(), routeWithLoad().assignee()))
                    .containsExactlyInAnyOrder(AYSE, GUL, ZEYNEP);
        }

        @Test
        void leastLoadRespectsLimits() {
            activate(rule("r").department(TECH).assign(AssigneeStrategy.leastLoad()).build());
            loads.putAll(Map.of(MERT, 5, CAN, 2));
            assertThat(routeWithLoad().assignee()).isEqualTo(MERT);
            catalogs.deactivate(TENANT, CatalogRef.of(MERT));
            RoutingDecision d = routeWithLoad();
            assertThat(d.assignee()).isNull();
            assertThat(d.department()).isEqualTo(TECH);
            assertThat(d.reason()).endsWith("; not assigned: everyone eligible is at their open-load limit");
        }

        @Test
        void nobodyEligibleLeavesTheFeedbackWithTheDepartment() {
            activate(rule("r").department(HK).assign(AssigneeStrategy.leastLoad()).build());
            for (StaffId s : List.of(AYSE, GUL, ZEYNEP)) {
                catalogs.deactivate(TENANT, CatalogRef.of(s));
            }
            RoutingDecision d = routeWithLoad();
            assertThat(d.assignee()).isNull();
            assertThat(d.department()).isEqualTo(HK);
            assertThat(d.reason()).endsWith("; not assigned: Housekeeping has no active staff");
        }

        @Test
        void plainRoundRobinDoesNotAskForLoad() {
            activate(rule("r").department(HK).assign(AssigneeStrategy.roundRobin()).build());
            Consumer<Object> fail = x -> {
                throw new AssertionError("load was read");
            };
            StaffLoad noLoad = (t, s) -> {
                fail.accept(s);
                return Map.of();
            };
            assertThat(router.route(intake("x").build(), noLoad).orElseThrow().assignee()).isEqualTo(AYSE);
        }
    }
}
