package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.DeskConfig;
import io.memnun.FeedbackDesk;
import io.memnun.HistoryVerifier;
import io.memnun.Notifications;
import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.IllegalTransitionException;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Page;
import io.memnun.feedback.Priority;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.sla.SlaPolicy;
import io.memnun.tck.Fixtures;
import io.memnun.testing.MutableClock;
import io.memnun.testing.ReliabilityFigures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sixteen threads send random commands, valid and invalid, through two desks (two nodes) on one database to a
 * shared set of feedback, while two SLA monitors on the two desks tick as a shared clock moves on. Bounded by a
 * count of operations and by time. Afterwards: each history replays to its stored state (versions 1..n without a
 * gap or a repeat, each event starting from the status the previous one left, the last leaving the stored status
 * at the stored version, the hash chain intact), reference numbers are unique, every outbox message belongs to a
 * stored event of the type it names, and every SLA checkpoint (warning, breach, escalation level of one clock run)
 * fired once between two recomputes (a priority change, a redirect). The seed is printed; rerun with {@code -Dmemnun.stress.seed=<seed>}.
 */
class StressTest extends OnEachDatabase {
    @Override
    int poolSize() {
        return 24;
    }

    private static final int THREADS = 16;
    private static final int OPS_PER_THREAD = 200;
    private static final int SHARED_FEEDBACK = 40;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(40);

    private final MutableClock clock = MutableClock.at("2026-05-04T06:00:00.000001Z");

    private final TenantId tenant = Fixtures.newTenant("stress");
    private final TenantId other = Fixtures.newTenant("stress-other");

    private FeedbackDesk desk() {
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource()).build();
        // the other tenant's numbers differ from this one's, so a command naming one in the wrong tenant finds nothing
        return FeedbackDesk.builder().store(storage.feedbackStore()).clock(clock).sla(SlaPolicy.defaults())
                .config(DeskConfig.builder().tenantPrefix(other, "OT").build())
                .notifications(Notifications.builder("Otel").build()).build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void sixteenThreadsOfRandomCommandsLeaveConsistentHistories(String database) throws Exception {
        on(database);
        long seed = Long.getLong("memnun.stress.seed", System.nanoTime());
        System.out.println("[stress " + name() + "] seed " + seed);
        FeedbackDesk[] desks = {desk(), desk()};
        List<ReferenceNumber> shared = new CopyOnWriteArrayList<>();
        for (int i = 0; i < SHARED_FEEDBACK; i++) {
            shared.add(desks[i % 2].receive(intake(tenant, i)).reference());
        }
        ReferenceNumber foreign = desks[0].receive(intake(other, 0)).reference();
        assertThat(foreign.prefix()).isEqualTo("OT");

        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicLong operations = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        CountDownLatch workers = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            // mixed: Randoms seeded with consecutive numbers start out alike
            Random random = new Random(new java.util.SplittableRandom(seed + t).nextLong());
            threads.add(new Thread(() -> {
                try {
                    for (int op = 0; op < OPS_PER_THREAD && System.nanoTime() < deadline; op++) {
                        FeedbackDesk desk = desks[random.nextInt(2)];
                        String kind;
                        try {
                            kind = command(desk, tenant, other, foreign, shared, random);
                        } catch (IllegalTransitionException e) {
                            kind = "refused: illegal transition";
                        } catch (VersionConflictException e) {
                            kind = "refused: version conflict";
                        } catch (NotFoundException e) {
                            kind = "refused: not found";
                        } catch (ValidationException e) {
                            kind = "refused: validation (" + e.field() + ")";
                        } catch (RuntimeException e) {
                            kind = "unexpected";
                            unexpected.add(e.toString());
                        }
                        operations.incrementAndGet();
                        outcomes.computeIfAbsent(kind.startsWith("refused: validation") ? "refused: validation" : kind,
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                } finally {
                    workers.countDown();
                }
            }, "stress-" + t));
        }
        AtomicInteger slaFired = new AtomicInteger();
        List<Thread> monitors = new ArrayList<>();
        for (FeedbackDesk desk : desks) {
            monitors.add(new Thread(() -> {
                while (!done.get()) {
                    try {
                        slaFired.addAndGet(desk.slaMonitor().tick(clock.advance(Duration.ofMinutes(7)).instant()));
                    } catch (RuntimeException e) {
                        unexpected.add("monitor: " + e);
                    }
                }
            }, "monitor"));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        monitors.forEach(Thread::start);
        workers.await();
        done.set(true);
        for (Thread m : monitors) {
            m.join();
        }
        // both monitors race over what the run left due a month later, then nothing is left
        Instant later = clock.advance(Duration.ofDays(30)).instant();
        List<Thread> last = new ArrayList<>();
        for (FeedbackDesk desk : desks) {
            last.add(new Thread(() -> slaFired.addAndGet(desk.slaMonitor().tick(later))));
        }
        last.forEach(Thread::start);
        for (Thread l : last) {
            l.join();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(unexpected).as("seed %d", seed).isEmpty();
        assertThat(desks[0].slaMonitor().tick(later)).as("nothing left to fire, seed %d", seed).isZero();

        // every history replays to its stored state
        HistoryVerifier verifier = HistoryVerifier.of(JdbcStorage.builder().dataSource(dataSource()).build().feedbackStore());
        Set<String> references = new HashSet<>();
        Map<String, Integer> slaEvents = new HashMap<>();
        int feedbackCount = 0;
        long events = 0;
        Map<String, Set<Long>> eventVersions = new HashMap<>();
        Map<String, Map<Long, EventType>> eventTypes = new HashMap<>();
        FeedbackQuery q = FeedbackQuery.builder(tenant).limit(100).build();
        while (true) {
            Page<Feedback> page = desks[0].query(q);
            for (Feedback f : page.items()) {
                feedbackCount++;
                assertThat(references.add(f.reference().toString())).as("unique reference %s", f.reference()).isTrue();
                List<FeedbackEvent> history = desks[0].history(tenant, f.id());
                events += history.size();
                assertReplays(f, history, seed);
                assertThat(verifier.verify(tenant, f.id()).intact()).as("chain of %s, seed %d", f.reference(), seed).isTrue();
                Map<Long, EventType> types = new HashMap<>();
                java.util.Set<String> firedThisRun = new java.util.HashSet<>();
                for (FeedbackEvent e : history) {
                    types.put(e.version(), e.type());
                    if (e.type() == EventType.PRIORITY_CHANGED || e.type() == EventType.REDIRECTED || e.type() == EventType.SLA_RECOMPUTED) {
                        // a recompute starts a new run of the clocks: a checkpoint it leaves in the past fires again, once
                        // (a priority changed and changed back fires the restored deadline's checkpoints again; docs/sla.md)
                        firedThisRun.clear();
                    }
                    String key = switch (e.type()) {
                        case SLA_WARNING -> "warning " + e.details().get("sla") + " " + e.details().get("dueAt") + " " + e.details().get("percent");
                        case SLA_BREACHED -> "breach " + e.details().get("sla") + " " + e.details().get("dueAt");
                        case SLA_ESCALATED -> "level " + e.details().get("level") + " " + e.details().get("sla") + " " + e.details().get("dueAt");
                        default -> null;
                    };
                    if (key != null) {
                        slaEvents.merge(f.id() + " " + key, 1, Integer::sum);
                        assertThat(firedThisRun.add(key)).as("%s fired once on %s, seed %d", key, f.reference(), seed).isTrue();
                    }
                }
                eventTypes.put(f.id().toString(), types);
            }
            if (page.next().isEmpty()) {
                break;
            }
            q = q.after(page.next().get());
        }
        assertThat(slaEvents).as("the run fired SLA checkpoints").isNotEmpty();
        assertThat(slaEvents.keySet().stream().filter(k -> k.contains(" level ")).count()).as("escalations").isPositive();

        // every outbox message belongs to a stored (committed) event of the type it names
        int messages = 0;
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT feedback_id, event_version, event_type FROM memnun_outbox WHERE tenant = ?")) {
            ps.setString(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    messages++;
                    Map<Long, EventType> types = eventTypes.get(rs.getObject(1).toString());
                    assertThat(types).as("feedback of a message").isNotNull();
                    assertThat(types.get(rs.getLong(2))).as("event of a message").isEqualTo(EventType.valueOf(rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(messages).isPositive();
        // the other tenant's feedback saw the SLA monitor only: no staff command reached it through this tenant
        assertThat(desks[0].history(other, foreign)).as("the other tenant's feedback untouched")
                .allMatch(e -> e.version() == 1 || e.actor().kind() == Actor.Kind.SYSTEM);

        ReliabilityFigures figures = ReliabilityFigures.of("stress-" + name())
                .put("threads", THREADS + " workers + 2 SLA monitors on 2 desks")
                .put("operations", operations.get())
                .put("milliseconds", millis)
                .put("feedback", feedbackCount)
                .put("history events checked", events)
                .put("SLA checkpoints fired (warnings, breaches, escalations)", slaFired.get())
                .put("outbox messages checked", messages)
                .put("unexpected exceptions", unexpected.size())
                .put("seed", seed);
        outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> figures.put("outcome " + e.getKey(), e.getValue().get()));
        figures.write();
    }

    private static void assertReplays(Feedback f, List<FeedbackEvent> history, long seed) {
        assertThat(history).as("history of %s", f.reference()).isNotEmpty();
        Status status = null;
        for (int i = 0; i < history.size(); i++) {
            FeedbackEvent e = history.get(i);
            assertThat(e.version()).as("version %d of %s, seed %d", i + 1, f.reference(), seed).isEqualTo(i + 1);
            assertThat(e.from()).as("event %d of %s starts where the previous left, seed %d", i + 1, f.reference(), seed)
                    .isEqualTo(status);
            status = e.to();
        }
        assertThat(history.get(history.size() - 1).version()).isEqualTo(f.version());
        assertThat(status).as("stored status of %s, seed %d", f.reference(), seed).isEqualTo(f.status());
    }

    private static Intake intake(TenantId tenant, int i) {
        return Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "Şikayet " + i + ": " + Fixtures.TURKISH_TEXT)
                .customer(Customer.builder().email("guest" + i + "@example.com").build()).build();
    }

    /** One random command; returns its name when it went through. */
    private String command(FeedbackDesk desk, TenantId tenant, TenantId other, ReferenceNumber foreign,
            List<ReferenceNumber> shared, Random random) {
        ReferenceNumber ref = shared.get(random.nextInt(shared.size()));
        Actor staff = Actor.staff("staff-" + random.nextInt(4));
        int pick = random.nextInt(COMMANDS.length + 1);
        switch (pick) {
            case 0 -> {
                shared.add(desk.receive(intake(tenant, 1000 + random.nextInt(1_000_000))).reference());
                return "receive";
            }
            case 1 -> desk.take(tenant, ref, staff);
            case 2 -> desk.plan(tenant, ref, staff, clock.instant().plus(Duration.ofDays(3)), "plan");
            case 3 -> desk.resolve(tenant, ref, staff, "çözüldü " + random.nextInt(100));
            case 4 -> desk.accept(tenant, ref, null);
            case 5 -> desk.reject(tenant, ref, "olmadı");
            case 6 -> desk.cancel(tenant, ref, staff, "iptal");
            case 7 -> desk.appeal(tenant, ref, staff, "itiraz");
            case 8 -> desk.addNote(tenant, ref, staff, "not " + random.nextInt(1000));
            case 9 -> desk.assign(tenant, ref, staff, StaffId.of("staff-" + random.nextInt(4)));
            case 10 -> desk.changePriority(tenant, ref, staff, Priority.values()[random.nextInt(Priority.values().length)], "öncelik");
            case 11 -> desk.acknowledge(tenant, ref, staff, null);
            case 12 -> desk.awaitCustomer(tenant, ref, staff, "oda numaranız?");
            case 13 -> desk.customerResponded(tenant, ref, "412");
            case 14 -> desk.redirect(tenant, ref, staff, Fixtures.KITCHEN, null, "mutfak");
            // invalid input: refused with a validation error, nothing written
            case 15 -> desk.addNote(tenant, ref, staff, " ");
            case 16 -> desk.resolve(tenant, ref, staff, "");
            // another tenant's feedback, a feedback that does not exist
            case 17 -> desk.take(other, ref, staff);
            case 18 -> desk.take(tenant, foreign, staff);
            case 19 -> desk.take(tenant, new ReferenceNumber("FB", 2026, 999_999), staff);
            // a command based on a version read earlier: a conflict unless nobody wrote since
            case 20 -> {
                Feedback f = desk.get(tenant, ref);
                Thread.yield();
                desk.execute(tenant, ref, f.version(), new io.memnun.feedback.Command.AddNote(staff, "stale?"));
            }
            default -> {
                // a read: never fails
                desk.get(tenant, ref);
                desk.history(tenant, ref);
                return "read";
            }
        }
        return COMMANDS[pick];
    }

    private static final String[] COMMANDS = {"receive", "take", "plan", "resolve", "accept", "reject", "cancel", "appeal",
        "addNote", "assign", "changePriority", "acknowledge", "awaitCustomer", "customerResponded", "redirect",
        "addNote blank (invalid)", "resolve empty (invalid)", "take in the other tenant", "take the other tenant's number",
        "take an unknown number", "addNote on the version read"};
}
