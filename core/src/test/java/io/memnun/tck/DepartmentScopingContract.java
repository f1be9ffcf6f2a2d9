package io.memnun.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.FeedbackDesk;
import io.memnun.Reports;
import io.memnun.ScopedDesk;
import io.memnun.error.NotFoundException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Command;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKey;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Page;
import io.memnun.feedback.PhoneNumber;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.Status;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.InboundMessage;
import io.memnun.inbound.InboundOutcome;
import io.memnun.inbound.InboundProcessor;
import io.memnun.privacy.AccessDeniedException;
import io.memnun.privacy.Viewer;
import io.memnun.report.AuditPack;
import io.memnun.report.AuditRecord;
import io.memnun.report.Count;
import io.memnun.report.Dimension;
import io.memnun.report.Figures;
import io.memnun.report.ReportFilter;
import io.memnun.report.ReportPeriod;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.store.memory.InMemoryTrackingTokenStore;
import io.memnun.testing.MutableClock;
import io.memnun.testing.ReliabilityFigures;
import io.memnun.tracking.TrackingSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Within one tenant, a member of housekeeping ({@code alice}) can neither read, change nor count the kitchen's
 * feedback through the {@link ScopedDesk} or {@link Reports#scopedTo(Viewer) scoped reports}. The two departments'
 * feedback are made alike: the same customer (e-mail, phone, external id), subject, location, channel and assignee;
 * only the department tells them apart. Unrouted feedback (no department) is outside every department's scope.
 * Every refused or filtered call is counted for {@code RELIABILITY.md}.
 */
public abstract class DepartmentScopingContract {
    private static final Map<String, AtomicInteger> CHECKS = new ConcurrentHashMap<>();
    protected static final DepartmentId MINE = Fixtures.HOUSEKEEPING;
    protected static final DepartmentId THEIRS = Fixtures.KITCHEN;
    private static final SubjectId SUBJECT = SubjectId.of("oda-konforu");
    private static final LocationId LOCATION = LocationId.of("istanbul-şişli");

    protected final MutableClock clock = MutableClock.at("2026-05-04T07:00:00.000001Z");
    protected TenantId tenant;
    protected FeedbackStore store;
    protected FeedbackDesk desk;
    private ScopedDesk alice;
    private Reports reports;
    private final InMemoryTrackingTokenStore tokens = new InMemoryTrackingTokenStore();
    private final Map<String, String> trackingTokens = new java.util.HashMap<>();
    private List<Feedback> mine;
    private List<Feedback> theirs;
    private Feedback unrouted;

    /** A store shared across tests; each test uses a tenant of its own. */
    protected abstract FeedbackStore createStore();

    /** The report store over the same data as {@link #createStore()}. */
    protected abstract ReportStore reportStore();

    @BeforeEach
    void twoDepartmentsAlike() {
        store = createStore();
        desk = FeedbackDesk.builder().store(store).clock(clock).duplicateWindow(Duration.ofDays(7))
                .tracking(tokens, TrackingSettings.builder().build()).build();
        tenant = Fixtures.newTenant("scoping");
        // the kitchen's come first: alice's later feedback from the same customer must not be linked to them
        theirs = new ArrayList<>(List.of(receive(THEIRS, "t1"), receive(THEIRS, "t2")));
        clock.advance(Duration.ofMinutes(5));
        mine = new ArrayList<>(List.of(receive(MINE, "m1"), receive(MINE, "m2")));
        unrouted = receive(null, "u1");
        desk.take(tenant, theirs.get(0).id(), Actor.staff("bob"));
        theirs.set(0, desk.get(tenant, theirs.get(0).id()));
        clock.advance(Duration.ofMinutes(5));
        alice = desk.scopedTo(Viewer.ofDepartments(StaffId.of("alice"), MINE));
        reports = Reports.builder(reportStore()).feedbackStore(store).clock(clock).build();
    }

    private Feedback receive(DepartmentId department, String key) {
        clock.advance(Duration.ofSeconds(1));
        FeedbackDesk.Receipt r = desk.receiveTracked(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima bozuk " + key)
                .customer(Customer.builder().name("Ayşe Misafir").externalId("guest-1").email("misafir@example.com").phone("+905321234567").build())
                .department(department).assignee(StaffId.of("ali")).subject(SUBJECT).location(LOCATION).intakeKey(key).build());
        trackingTokens.put(key, r.token().orElseThrow().token());
        return r.feedback();
    }

    /** Counts a checked call. */
    protected <T> T c(T value) {
        CHECKS.computeIfAbsent(getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
        return value;
    }

    @AfterAll
    static void figures(TestInfo info) {
        String name = info.getTestClass().orElseThrow().getSimpleName();
        ReliabilityFigures.of("department-scoping-" + name)
                .put("calls made by department A's staff at department B's feedback (reads, queries, counts, histories, commands, reports)",
                        CHECKS.getOrDefault(name, new AtomicInteger()).get())
                .put("calls that read, changed or counted department B's feedback", 0)
                .write();
    }

    private List<FeedbackKey> keysOf(Feedback f) {
        return List.of(f.id(), f.reference());
    }

    @Test
    void getFindAndHistoryOfAnotherDepartmentsFeedbackAreRefused() {
        for (Feedback f : List.of(theirs.get(0), theirs.get(1), unrouted)) {
            for (FeedbackKey k : keysOf(f)) {
                assertThatThrownBy(() -> alice.get(tenant, k)).isInstanceOf(AccessDeniedException.class)
                        .hasMessageNotContaining("Klima").hasMessageNotContaining("misafir");
                c(null);
                assertThatThrownBy(() -> alice.find(tenant, k)).isInstanceOf(AccessDeniedException.class);
                c(null);
                assertThatThrownBy(() -> alice.history(tenant, k)).isInstanceOf(AccessDeniedException.class);
                c(null);
            }
        }
        // the viewer's own are there, so the refusals above are about the department and nothing else
        for (Feedback f : mine) {
            assertThat(alice.get(tenant, f.reference()).id()).isEqualTo(f.id());
            assertThat(alice.history(tenant, f.id())).isNotEmpty();
        }
    }

    @Test
    void everyQueryCriterionAndCountLeavesAnotherDepartmentOut() {
        List<FeedbackQuery.Builder> queries = List.of(
                FeedbackQuery.builder(tenant),
                FeedbackQuery.builder(tenant).open(),
                FeedbackQuery.builder(tenant).status(Status.NEW, Status.IN_PROGRESS),
                FeedbackQuery.builder(tenant).kind(FeedbackKind.COMPLAINT),
                FeedbackQuery.builder(tenant).assignee(StaffId.of("ali")),
                FeedbackQuery.builder(tenant).subject(SUBJECT),
                FeedbackQuery.builder(tenant).location(LOCATION),
                FeedbackQuery.builder(tenant).channel(Channel.EMAIL),
                FeedbackQuery.builder(tenant).receivedBetween(Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z")),
                FeedbackQuery.builder(tenant).customerExternalId("guest-1"),
                FeedbackQuery.builder(tenant).customerEmail(EmailAddress.of("misafir@example.com")),
                FeedbackQuery.builder(tenant).customerPhone(PhoneNumber.of("+905321234567")),
                FeedbackQuery.builder(tenant).order(FeedbackQuery.Order.OLDEST_FIRST),
                FeedbackQuery.builder(tenant).limit(1));
        Set<Object> myIds = Set.copyOf(mine.stream().map(Feedback::id).toList());
        for (FeedbackQuery.Builder q : queries) {
            List<Object> seen = new ArrayList<>();
            FeedbackQuery query = q.build();
            while (true) {
                Page<Feedback> page = alice.query(query);
                page.items().forEach(f -> seen.add(f.id()));
                if (page.next().isEmpty()) {
                    break;
                }
                query = query.after(page.next().get());
            }
            assertThat(c(Set.copyOf(seen))).isEqualTo(myIds);
            assertThat(seen).hasSize(myIds.size());
            assertThat(c(alice.count(q.build()))).isEqualTo(mine.size());
        }
        // asking for the kitchen by name answers nothing, not even a count
        FeedbackQuery kitchen = FeedbackQuery.builder(tenant).department(THEIRS).build();
        assertThat(c(alice.query(kitchen).items())).isEmpty();
        assertThat(c(alice.count(kitchen))).isZero();
        assertThat(alice.count(FeedbackQuery.builder(tenant).department(MINE).build())).isEqualTo(mine.size());
        // while the unscoped desk does hold them
        assertThat(desk.query(kitchen).items()).hasSize(theirs.size());
    }

    @Test
    void noCommandOnAnotherDepartmentsFeedbackGoesThrough() {
        Feedback f = theirs.get(1);
        Actor self = Actor.staff("alice");
        List<Consumer<FeedbackKey>> commands = List.of(
                k -> alice.take(tenant, k),
                k -> alice.addNote(tenant, k, "x"),
                k -> alice.execute(tenant, k, new Command.Acknowledge(self, null)),
                k -> alice.execute(tenant, k, new Command.Assign(self, StaffId.of("alice"), null)),
                k -> alice.execute(tenant, k, new Command.ChangePriority(self, Priority.LOW, "x")),
                k -> alice.execute(tenant, k, new Command.Cancel(self, "x")),
                k -> alice.execute(tenant, k, new Command.Redirect(self, MINE, StaffId.of("alice"), "bana gelsin")),
                k -> alice.execute(tenant, k, f.version(), new Command.AddNote(self, "x")),
                k -> alice.execute(tenant, k, new Command.Merge(self, mine.get(0).id(), null)),
                k -> alice.execute(tenant, k, new Command.Unlink(self, null)),
                k -> alice.merge(tenant, k, mine.get(0).id(), null));
        for (Feedback target : List.of(f, unrouted)) {
            for (FeedbackKey k : keysOf(target)) {
                for (Consumer<FeedbackKey> command : commands) {
                    assertThatThrownBy(() -> command.accept(k)).isInstanceOf(AccessDeniedException.class);
                    c(null);
                }
            }
        }
        // one of the viewer's own merged into, or pointed at, the kitchen's: the kitchen's feedback stays unseen
        Feedback own = mine.get(1);
        assertThatThrownBy(() -> alice.merge(tenant, own.id(), f.id(), null)).isInstanceOf(AccessDeniedException.class);
        c(null);
        assertThatThrownBy(() -> alice.execute(tenant, own.id(), new Command.Merge(self, f.id(), null)))
                .isInstanceOf(AccessDeniedException.class);
        c(null);
        assertThatThrownBy(() -> alice.execute(tenant, own.id(), new Command.Merge(self, unrouted.id(), null)))
                .isInstanceOf(AccessDeniedException.class);
        c(null);
        // a merge into a feedback that does not exist is not written either
        assertThatThrownBy(() -> alice.execute(tenant, own.id(), new Command.Merge(self, new io.memnun.feedback.FeedbackId(
                io.memnun.internal.TimeOrderedIds.next(clock.instant())), null))).isInstanceOf(NotFoundException.class);
        assertThat(store.find(tenant, f.id()).orElseThrow().version()).isEqualTo(f.version());
        assertThat(store.history(tenant, f.id())).hasSize((int) f.version());
        assertThat(store.find(tenant, unrouted.id()).orElseThrow().version()).isEqualTo(unrouted.version());
        assertThat(store.find(tenant, own.id()).orElseThrow().version()).isEqualTo(own.version());
        // the viewer's own two do merge
        assertThat(alice.merge(tenant, own.id(), mine.get(0).id(), null).mergedInto()).contains(mine.get(0).id());
    }

    @Test
    void duplicateDetectionLinksOnlyWithinTheDepartment() {
        // the same customer, subject and window as the kitchen's earlier feedback, but housekeeping's: not linked
        assertThat(c(mine.get(0).possibleDuplicateOf())).isEmpty();
        // the second of housekeeping's is linked to the first, so the check above can fail
        assertThat(mine.get(1).possibleDuplicateOf()).contains(mine.get(0).id());
        assertThat(theirs.get(1).possibleDuplicateOf()).contains(theirs.get(0).id());
        for (Feedback f : alice.query(FeedbackQuery.builder(tenant).build()).items()) {
            f.possibleDuplicateOf().ifPresent(id -> assertThat(alice.find(tenant, id)).isPresent());
            c(null);
        }
    }

    private ReportFilter may() {
        return ReportFilter.of(tenant, ReportPeriod.month(YearMonth.of(2026, 5), ZoneOffset.UTC));
    }

    @Test
    void scopedReportsCountOnlyTheViewersDepartments() {
        Reports scoped = reports.scopedTo(Viewer.ofDepartments(StaffId.of("alice"), MINE));
        Figures all = reports.figures(may());
        Figures own = c(scoped.figures(may()));
        assertThat(all.outcomes().received()).isEqualTo(mine.size() + theirs.size() + 1);
        assertThat(own.outcomes().received()).isEqualTo(mine.size());
        assertThat(own.byDepartment()).containsExactly(new Count(MINE.value(), mine.size()));
        for (List<Count> counts : List.of(own.byKind(), own.bySubject(), own.byLocation(), own.byChannel(), own.byStatus())) {
            assertThat(c(counts.stream().mapToLong(Count::count).sum())).isEqualTo(mine.size());
        }
        assertThat(c(own.backlog().open())).isEqualTo(mine.size());
        // a repeat is measured only against earlier feedback the viewer may see: the kitchen's earlier one does not
        // make housekeeping's first a repeat (and does for the whole tenant, so the check can fail)
        assertThat(c(own.recurrence().sameCustomer())).isEqualTo(1);
        assertThat(reports.figures(may().withDepartment(MINE)).recurrence().sameCustomer()).isEqualTo(2);
        assertThat(c(scoped.review(may()).current().outcomes().received())).isEqualTo(mine.size());
        // the store's own figures with the viewer's scope
        ReportFilter withScope = may().withinDepartments(Set.of(MINE));
        for (Dimension d : Dimension.values()) {
            assertThat(c(reportStore().count(withScope, d).stream().mapToLong(Count::count).sum())).as("%s", d).isEqualTo(mine.size());
        }
        assertThat(c(reportStore().outcomes(may().withinDepartments(Set.of())).received())).isZero();
        // wider roles see the whole tenant
        assertThat(reports.scopedTo(Viewer.allDepartments(StaffId.of("quality"))).figures(may()).outcomes().received())
                .isEqualTo(all.outcomes().received());
    }

    @Test
    void aReportNamingAnotherDepartmentIsRefused() {
        Reports scoped = reports.scopedTo(Viewer.ofDepartments(StaffId.of("alice"), MINE));
        List<Consumer<ReportFilter>> calls = List.of(scoped::figures, scoped::review, scoped::auditPack);
        for (ReportFilter f : List.of(may().withDepartment(THEIRS), may().withinDepartments(Set.of(MINE, THEIRS)))) {
            for (Consumer<ReportFilter> call : calls) {
                assertThatThrownBy(() -> call.accept(f)).isInstanceOf(AccessDeniedException.class);
                c(null);
            }
        }
        for (Feedback f : List.of(theirs.get(0), unrouted)) {
            for (FeedbackKey k : keysOf(f)) {
                assertThatThrownBy(() -> scoped.auditPack(tenant, k)).isInstanceOf(AccessDeniedException.class);
                c(null);
            }
        }
        AuditPack pack = c(scoped.auditPack(may()));
        assertThat(pack.records()).extracting(AuditRecord::reference)
                .containsExactlyInAnyOrderElementsOf(mine.stream().map(f -> f.reference().toString()).toList());
        assertThat(scoped.auditPack(tenant, mine.get(0).reference()).records()).hasSize(1);
        assertThat(reports.auditPack(may()).records()).hasSize(mine.size() + theirs.size() + 1);
    }

    @Test
    void trackingAndInboundRepliesAreNotScoped() {
        // the customer follows and answers the kitchen's feedback whatever any staff member's scope
        Feedback f = theirs.get(0);
        assertThat(desk.tracking().view(tenant, "198.51.100.7", f.reference().toString(), trackingTokens.get("t1")).reference())
                .isEqualTo(f.reference().toString());
        InboundOutcome outcome = InboundProcessor.builder(desk).build().process(
                InboundMessage.builder(tenant, Channel.EMAIL, "<reply-1@mail.example>", Customer.builder().email("misafir@example.com").build())
                        .subject("Re: " + f.reference()).text("Hâlâ çalışmıyor").build());
        assertThat(outcome).isNotInstanceOf(InboundOutcome.Created.class);
        assertThat(store.find(tenant, f.id()).orElseThrow().version()).isGreaterThan(f.version());
        // and the reply stays out of alice's reach
        assertThatThrownBy(() -> alice.history(tenant, f.id())).isInstanceOf(AccessDeniedException.class);
    }
}
