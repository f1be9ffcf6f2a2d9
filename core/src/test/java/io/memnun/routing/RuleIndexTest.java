package io.memnun.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index must find exactly the rule that testing every rule in order finds. Random catalogues, rule sets and
 * feedback, from seeds printed with every failure.
 */
class RuleIndexTest {
    private static final TenantId TENANT = TenantId.of("t");
    private static final String[] WORDS = {"klima", "klimanın", "oda", "odada", "şikayet", "sikayet", "KIRIK", "kırık",
        "havlu", "INTERNET", "ılık", "su", "sıcak", "gürültü", "garson", "kahvaltı", "temiz", "kirli"};
    private static final Channel[] CHANNELS = {Channel.WEB_FORM, Channel.EMAIL, Channel.PHONE, Channel.KIOSK};

    static Stream<Long> seeds() {
        long base = Long.getLong("memnun.seed", 20_261_123L);
        return LongStream.range(0, 40).mapToObj(i -> base + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theIndexFindsTheSameRuleAsTestingEveryRuleInOrder(long seed) {
        Random random = new Random(seed);
        Catalog catalog = randomCatalog(random);
        List<SubjectId> subjects = catalog.subjects().stream().map(Subject::id).toList();
        List<LocationId> locations = catalog.locations().stream().map(Location::id).toList();
        List<RoutingRule> rules = new ArrayList<>();
        int n = 1 + random.nextInt(300);
        for (int i = 0; i < n; i++) {
            rules.add(randomRule(random, "r" + i, subjects, locations));
        }
        RuleSet set = new RuleSet(rules);
        RuleIndex index = RuleIndex.compile(1, set);
        for (int k = 0; k < 300; k++) {
            RoutingInput in = RoutingInput.of(randomIntake(random, subjects, locations), catalog);
            int expected = RuleIndex.NONE;
            for (int ord = 0; ord < n; ord++) {
                if (index.matches(ord, in)) {
                    expected = ord;
                    break;
                }
            }
            int from = random.nextInt(3) == 0 ? random.nextInt(n) : 0;
            int expectedFrom = RuleIndex.NONE;
            for (int ord = from; ord < n; ord++) {
                if (index.matches(ord, in)) {
                    expectedFrom = ord;
                    break;
                }
            }
            assertThat(index.firstMatch(in, 0)).as("seed %d, feedback %d", seed, k).isEqualTo(expected);
            assertThat(index.firstMatch(in, from)).as("seed %d, feedback %d from %d", seed, k, from).isEqualTo(expectedFrom);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRuleReportedAsShadowedNeverFires(long seed) {
        Random random = new Random(seed);
        Catalog catalog = randomCatalog(random);
        List<SubjectId> subjects = catalog.subjects().stream().map(Subject::id).toList();
        List<LocationId> locations = catalog.locations().stream().map(Location::id).toList();
        List<RoutingRule> rules = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rules.add(randomRule(random, "r" + i, subjects, locations));
        }
        RuleSet set = new RuleSet(rules);
        RuleSetReport report = RuleSetValidator.validate(set, catalog);
        List<String> shadowed = report.problems(RuleSetProblem.Kind.SHADOWED).stream().map(RuleSetProblem::ruleId).toList();
        RuleIndex index = RuleIndex.compile(1, set);
        for (int k = 0; k < 2000; k++) {
            RoutingInput in = RoutingInput.of(randomIntake(random, subjects, locations), catalog);
            int fired = index.firstMatch(in, 0);
            if (fired != RuleIndex.NONE) {
                assertThat(shadowed).as("seed %d: rule %s fired", seed, index.rule(fired).id()).doesNotContain(index.rule(fired).id());
            }
        }
    }

    static Catalog randomCatalog(Random random) {
        Catalog.Builder b = Catalog.builder();
        List<SubjectId> subjects = new ArrayList<>();
        for (int i = 0; i < 5 + random.nextInt(20); i++) {
            SubjectId id = SubjectId.of("s" + i);
            SubjectId parent = subjects.isEmpty() || random.nextInt(4) == 0 ? null : subjects.get(random.nextInt(subjects.size()));
            b.put(new Subject(id, parent, LocalizedText.of("s" + i, "s" + i), true));
            subjects.add(id);
        }
        List<LocationId> locations = new ArrayList<>();
        for (int i = 0; i < 3 + random.nextInt(15); i++) {
            LocationId id = LocationId.of("l" + i);
            LocationId parent = locations.isEmpty() || random.nextInt(4) == 0 ? null : locations.get(random.nextInt(locations.size()));
            b.put(new Location(id, parent, LocalizedText.of("l" + i, "l" + i), "c", true));
            locations.add(id);
        }
        return b.build();
    }

    static RoutingRule randomRule(Random random, String id, List<SubjectId> subjects, List<LocationId> locations) {
        RoutingRule.Builder r = RoutingRule.builder(id).department("d");
        int conditions = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3);
        for (int c = 0; c < conditions; c++) {
            r.when(switch (random.nextInt(8)) {
                case 0 -> Condition.subjectUnder(pick(random, subjects), pick(random, subjects));
                case 1 -> Condition.locationUnder(pick(random, locations));
                case 2 -> new Condition.Keywords(List.of(phrase(random), phrase(random)), random.nextBoolean(), random.nextInt(4) == 0);
                case 3 -> Condition.kind(pick(random, List.of(FeedbackKind.values())));
                case 4 -> Condition.channel(pick(random, List.of(CHANNELS)), pick(random, List.of(CHANNELS)));
                case 5 -> Condition.priorityAtLeast(pick(random, List.of(Priority.values())));
                case 6 -> Condition.customer(random.nextBoolean() ? "vip" : "VIP", random.nextBoolean() ? "true" : "TRUE");
                default -> Condition.type(FeedbackTypeId.of("t" + random.nextInt(3)));
            });
        }
        return r.build();
    }

    static Intake randomIntake(Random random, List<SubjectId> subjects, List<LocationId> locations) {
        StringBuilder description = new StringBuilder();
        for (int w = 0; w < 1 + random.nextInt(12); w++) {
            description.append(pick(random, List.of(WORDS))).append(random.nextInt(5) == 0 ? ", " : " ");
        }
        Customer customer = random.nextBoolean() ? Customer.ANONYMOUS
                : Customer.builder().attribute(random.nextBoolean() ? "vip" : "Vip", random.nextBoolean() ? "true" : "false").build();
        return Intake.builder(TENANT, pick(random, List.of(FeedbackKind.values())), pick(random, List.of(CHANNELS)),
                        description.toString())
                .subject(random.nextInt(5) == 0 ? null : pick(random, subjects))
                .location(random.nextInt(5) == 0 ? null : pick(random, locations))
                .type(random.nextInt(3) == 0 ? null : FeedbackTypeId.of("t" + random.nextInt(3)))
                .priority(pick(random, List.of(Priority.values())))
                .customer(customer)
                .build();
    }

    private static String phrase(Random random) {
        return random.nextInt(3) == 0 ? pick(random, List.of(WORDS)) + " " + pick(random, List.of(WORDS)) : pick(random, List.of(WORDS));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
