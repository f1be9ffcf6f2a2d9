package io.memnun.benchmarks;

import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.AssigneeStrategy;
import io.memnun.routing.Catalog;
import io.memnun.routing.Condition;
import io.memnun.routing.Department;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Location;
import io.memnun.routing.Router;
import io.memnun.routing.RoutingDecision;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.routing.Staff;
import io.memnun.routing.StaffLoad;
import io.memnun.routing.Subject;
import io.memnun.store.memory.InMemoryCatalogStore;
import io.memnun.store.memory.InMemoryRuleSetStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing one feedback against a large rule set: a hotel group with 1,220 subjects in three levels, 221
 * locations (chain, 20 hotels, 10 outlets each), 50 departments of 10 staff, and {@code rules} rules mixing
 * subject, subject-and-location, keyword, location-and-channel and customer-attribute conditions, ending with a
 * default rule. Each call routes the next of 1,024 prepared intakes (random leaf subject, outlet, a description
 * of 12 to 30 words with Turkish letters in mixed case, a VIP attribute for one customer in ten).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RoutingBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class RoutingBenchmark {
    private static final TenantId TENANT = TenantId.of("bench");
    private static final String[] SYLLABLES = {"ka", "şe", "lı", "ğu", "çö", "mi", "ta", "rü", "po", "se", "dı", "ne",
        "bo", "ya", "gü", "ke", "le", "ma", "sı", "ha", "zi", "fa", "ço", "ri"};

    @Param({"1", "10000"}) // one rule (the default) is the baseline: the fixed cost of a decision
    public int rules;

    private Router router;
    private Intake[] intakes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        List<String> vocabulary = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder w = new StringBuilder();
            for (int s = 0; s < 2 + random.nextInt(3); s++) {
                w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            vocabulary.add(w.toString());
        }

        Catalog.Builder catalog = Catalog.builder();
        List<SubjectId> subjects = new ArrayList<>();
        List<SubjectId> leaves = new ArrayList<>();
        for (int a = 0; a < 20; a++) {
            SubjectId top = SubjectId.of("s" + a);
            catalog.put(Subject.of(top, name("s" + a)));
            subjects.add(top);
            for (int b = 0; b < 10; b++) {
                SubjectId mid = SubjectId.of("s" + a + "." + b);
                catalog.put(Subject.of(mid, top, name(mid.value())));
                subjects.add(mid);
                for (int c = 0; c < 5; c++) {
                    SubjectId leaf = SubjectId.of("s" + a + "." + b + "." + c);
                    catalog.put(Subject.of(leaf, mid, name(leaf.value())));
                    subjects.add(leaf);
                    leaves.add(leaf);
                }
            }
        }
        List<LocationId> locations = new ArrayList<>();
        List<LocationId> outlets = new ArrayList<>();
        LocationId chain = LocationId.of("chain");
        catalog.put(Location.of(chain, name("chain"), "head-office"));
        locations.add(chain);
        for (int h = 0; h < 20; h++) {
            LocationId hotel = LocationId.of("h" + h);
            catalog.put(Location.of(hotel, chain, name(hotel.value()), "hotel-24-7"));
            locations.add(hotel);
            for (int o = 0; o < 10; o++) {
                LocationId outlet = LocationId.of("h" + h + ".o" + o);
                catalog.put(Location.of(outlet, hotel, name(outlet.value()), null));
                locations.add(outlet);
                outlets.add(outlet);
            }
        }
        List<DepartmentId> departments = new ArrayList<>();
        for (int d = 0; d < 50; d++) {
            DepartmentId id = DepartmentId.of("d" + d);
            catalog.put(Department.of(id, name(id.value())));
            departments.add(id);
            for (int s = 0; s < 10; s++) {
                catalog.put(Staff.builder(StaffId.of("d" + d + ".p" + s), "Person " + d + "." + s).department(id).build());
            }
        }
        InMemoryCatalogStore catalogs = new InMemoryCatalogStore();
        catalogs.importCatalog(TENANT, catalog.build());

        List<RoutingRule> list = new ArrayList<>();
        for (int i = 0; i < rules - 1; i++) {
            RoutingRule.Builder r = RoutingRule.builder("r" + i).department(pick(random, departments));
            int kind = random.nextInt(100);
            if (kind < 35) {
                r.when(Condition.subjectUnder(pick(random, subjects)));
            } else if (kind < 60) {
                r.when(Condition.subjectUnder(pick(random, subjects)), Condition.locationUnder(pick(random, locations)));
            } else if (kind < 80) {
                r.when(random.nextBoolean() ? Condition.keywords(pick(random, vocabulary))
                        : Condition.keywords(pick(random, vocabulary), pick(random, vocabulary) + " " + pick(random, vocabulary)));
                if (random.nextBoolean()) {
                    r.when(Condition.subjectUnder(pick(random, subjects)));
                }
            } else if (kind < 90) {
                r.when(Condition.locationUnder(pick(random, locations)), Condition.channel(random.nextBoolean() ? Channel.EMAIL : Channel.PHONE));
            } else {
                r.when(Condition.customer("vip", "true"), Condition.kind(pick(random, List.of(FeedbackKind.values()))),
                        Condition.locationUnder(pick(random, locations)));
            }
            if (random.nextInt(10) == 0) {
                r.assign(AssigneeStrategy.roundRobin());
            }
            if (random.nextInt(20) == 0) {
                r.raisePriority(1);
            }
            list.add(r.build());
        }
        list.add(RoutingRule.builder("default").department(departments.get(0)).build());
        InMemoryRuleSetStore ruleSets = new InMemoryRuleSetStore();
        // stored directly: a random set this large shadows many of its own rules, which activate() would refuse
        ruleSets.activate(TENANT, new RuleSet(list), 0, Instant.EPOCH);
        router = Router.builder().catalogs(catalogs).ruleSets(ruleSets).build();

        intakes = new Intake[1024];
        Channel[] channels = {Channel.WEB_FORM, Channel.EMAIL, Channel.PHONE, Channel.FACE_TO_FACE};
        for (int i = 0; i < intakes.length; i++) {
            StringBuilder text = new StringBuilder();
            int words = 12 + random.nextInt(19);
            for (int w = 0; w < words; w++) {
                String word = pick(random, vocabulary);
                text.append(random.nextInt(8) == 0 ? word.toUpperCase(java.util.Locale.forLanguageTag("tr")) : word)
                        .append(random.nextInt(6) == 0 ? ", " : " ");
            }
            Customer customer = random.nextInt(10) == 0 ? Customer.builder().attribute("vip", "true").build() : Customer.ANONYMOUS;
            intakes[i] = Intake.builder(TENANT, pick(random, List.of(FeedbackKind.values())), channels[random.nextInt(channels.length)],
                            text.toString())
                    .subject(pick(random, leaves))
                    .location(pick(random, outlets))
                    .priority(pick(random, List.of(Priority.values())))
                    .customer(customer)
                    .build();
        }
        // a wrong index would be fast for nothing: check a decision is made for every intake
        for (Intake intake : intakes) {
            router.route(intake, StaffLoad.NONE).orElseThrow();
        }
    }

    @Benchmark
    public RoutingDecision route() {
        Intake intake = intakes[next++ & (intakes.length - 1)];
        return router.route(intake, StaffLoad.NONE).orElseThrow();
    }

    private static LocalizedText name(String id) {
        return LocalizedText.of(id, id);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
