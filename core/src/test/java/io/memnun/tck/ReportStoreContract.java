package io.memnun.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.memnun.FeedbackDesk;
import io.memnun.Reports;
import io.memnun.report.json.ReportJson;
import io.memnun.store.memory.InMemoryFeedbackStore;
import java.time.Clock;
import io.memnun.feedback.Actor;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.Intake;
import io.memnun.testing.MutableClock;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.SlaKind;
import io.memnun.report.Backlog;
import io.memnun.report.Count;
import io.memnun.report.Dimension;
import io.memnun.report.DurationStats;
import io.memnun.report.Outcomes;
import io.memnun.report.Recurrence;
import io.memnun.report.RecurringProblem;
import io.memnun.report.ReportFilter;
import io.memnun.report.ReportPeriod;
import io.memnun.report.SlaCompliance;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.tck.ReportDataSet.Planned;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rules every {@link ReportStore} must follow. A generated data set ({@link ReportDataSet}: thousands of feedback
 * over two years at hotels in three time zones) is loaded once through a desk on the implementation's feedback store;
 * each figure is then compared with the value this class computes from the data set's plan, independently of the
 * code under test. Every implementation meets the same numbers, so the in-memory store, H2 and PostgreSQL agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReportStoreContract {
    /** The seed of the data set; a failure names it with the figure that differed. */
    public static final long SEED = 20261124L;
    public static final int FEEDBACK = 2400;
    private static final Comparator<@Nullable String> KEYS = Comparator.nullsLast(Comparator.naturalOrder());

    protected ReportDataSet data;
    protected ReportStore reports;

    /** A feedback store to load the data set into; it must also be (or share its data with) {@link #reportStore}. */
    protected abstract FeedbackStore feedbackStore();

    protected abstract ReportStore reportStore();

    @BeforeAll
    void load() {
        data = new ReportDataSet(SEED, FEEDBACK, "report");
        data.load(feedbackStore());
        reports = reportStore();
    }

    /** The filters every figure is checked on: months and weeks in several zones, subtrees, departments, kinds, channels. */
    protected List<ReportFilter> filters() {
        ReportPeriod twoYears = new ReportPeriod(ReportDataSet.FIRST_DAY, ReportDataSet.END_DAY, ReportDataSet.ISTANBUL);
        return List.of(
                ReportFilter.of(data.tenant, twoYears),
                ReportFilter.of(data.tenant, ReportPeriod.month(YearMonth.of(2025, 3), ReportDataSet.NEW_YORK)),
                ReportFilter.of(data.tenant, ReportPeriod.month(YearMonth.of(2025, 10), ReportDataSet.BERLIN)),
                ReportFilter.of(data.tenant, ReportPeriod.isoWeek(2025, 13, ReportDataSet.BERLIN)),
                ReportFilter.of(data.tenant, ReportPeriod.months(YearMonth.of(2026, 1), 6, ReportDataSet.ISTANBUL))
                        .withLocationSubtree(data.catalog, ReportDataSet.IST),
                ReportFilter.of(data.tenant, ReportPeriod.months(YearMonth.of(2025, 7), 6, ReportDataSet.NEW_YORK))
                        .withDepartment(DepartmentId.of("housekeeping")).withKind(FeedbackKind.COMPLAINT),
                ReportFilter.of(data.tenant, twoYears).withChannel(Channel.EMAIL).withLocationSubtree(data.catalog, ReportDataSet.BER));
    }

    // ---- the answer key, computed from the plan ----

    private Stream<Planned> selected(ReportFilter f) {
        return data.planned.stream().filter(p -> f.period().contains(p.receivedAt) && passes(f, p));
    }

    private static boolean passes(ReportFilter f, Planned p) {
        return (f.locations().isEmpty() || p.location != null && f.locations().contains(p.location))
                && (f.department() == null || f.department().value().equals(p.department))
                && (f.kind() == null || f.kind() == p.kind)
                && (f.channel() == null || f.channel().equals(p.channel));
    }

    private static @Nullable String key(Dimension d, Planned p) {
        return switch (d) {
            case SUBJECT -> p.subject;
            case LOCATION -> p.location == null ? null : p.location.value();
            case DEPARTMENT -> p.department;
            case CHANNEL -> p.channel.code();
            case KIND -> p.kind.name();
            case STATUS -> p.status.name();
        };
    }

    private static <T> Map<@Nullable String, List<T>> groups(Stream<Planned> planned, @Nullable Dimension by, Function<Planned, List<T>> values) {
        Map<@Nullable String, List<T>> groups = new TreeMap<>(KEYS);
        planned.forEach(p -> {
            List<T> v = values.apply(p);
            if (!v.isEmpty()) {
                groups.computeIfAbsent(by == null ? null : key(by, p), k -> new ArrayList<>()).addAll(v);
            }
        });
        return groups;
    }

    /** The continuous percentile: interpolated at p * (n - 1) between the two nearest sorted values. */
    private static double percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        double pos = p * (sorted.size() - 1);
        int lo = (int) pos;
        int hi = Math.min(lo + 1, sorted.size() - 1);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    private String context(ReportFilter f, String figure) {
        return figure + " for " + f.period() + " locations=" + f.locations() + " department=" + f.department() + " kind=" + f.kind()
                + " channel=" + f.channel() + " (data set seed " + SEED + ")";
    }

    // ---- the checks ----

    @Test
    void countsByEveryDimension() {
        for (ReportFilter f : filters()) {
            assertThat(selected(f).count()).as("the filter selects something: " + f).isPositive();
            for (Dimension d : Dimension.values()) {
                List<Count> expected = new ArrayList<>();
                groups(selected(f), d, List::of).forEach((k, list) -> expected.add(new Count(k, list.size())));
                assertThat(reports.count(f, d)).as(context(f, "count by " + d)).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void monthBoundariesFollowTheChosenZone() {
        // the same calendar month holds different feedback in Istanbul and in New York
        YearMonth march = YearMonth.of(2026, 3);
        long inIstanbul = reports.count(ReportFilter.of(data.tenant, ReportPeriod.month(march, ReportDataSet.ISTANBUL)), Dimension.KIND)
                .stream().mapToLong(Count::count).sum();
        long inNewYork = reports.count(ReportFilter.of(data.tenant, ReportPeriod.month(march, ReportDataSet.NEW_YORK)), Dimension.KIND)
                .stream().mapToLong(Count::count).sum();
        assertThat(inIstanbul).isEqualTo(selected(ReportFilter.of(data.tenant, ReportPeriod.month(march, ReportDataSet.ISTANBUL))).count());
        assertThat(inNewYork).isEqualTo(selected(ReportFilter.of(data.tenant, ReportPeriod.month(march, ReportDataSet.NEW_YORK))).count());
        assertThat(inIstanbul).as("feedback near the month's first midnight falls into different months").isNotEqualTo(inNewYork);
    }

    @Test
    void businessHandlingTimeBySubjectAndDepartment() {
        for (ReportFilter f : filters()) {
            for (Dimension d : new Dimension[] {null, Dimension.SUBJECT, Dimension.DEPARTMENT, Dimension.LOCATION}) {
                List<DurationStats> actual = reports.handlingTime(f, d);
                Map<@Nullable String, List<Long>> expected = groups(selected(f), d,
                        p -> p.hasHandlingTime() ? List.of(p.handlingMillis()) : List.of());
                assertThat(actual).extracting(DurationStats::key).as(context(f, "handling time groups by " + d))
                        .containsExactlyElementsOf(expected.keySet());
                for (DurationStats s : actual) {
                    List<Long> values = expected.get(s.key());
                    String what = context(f, "handling time of " + s.key() + " by " + d);
                    assertThat(s.count()).as(what).isEqualTo(values.size());
                    assertThat((double) s.mean().toMillis()).as(what + ": mean")
                            .isCloseTo(values.stream().mapToLong(Long::longValue).average().orElseThrow(), within(1.0));
                    assertThat((double) s.median().toMillis()).as(what + ": median").isCloseTo(percentile(values, 0.5), within(1.0));
                    assertThat((double) s.p90().toMillis()).as(what + ": p90").isCloseTo(percentile(values, 0.9), within(1.0));
                }
            }
        }
    }

    @Test
    void handlingTimeIsBusinessTimeNotElapsedTime() {
        ReportFilter f = filters().get(0);
        DurationStats all = reports.handlingTime(f, null).get(0);
        double elapsedMedian = percentile(selected(f).filter(Planned::hasHandlingTime)
                .map(p -> Duration.between(p.receivedAt, p.actions.stream().filter(a -> a.step() == ReportDataSet.Step.RESOLVE)
                        .findFirst().orElseThrow().at()).toMillis()).toList(), 0.5);
        assertThat((double) all.median().toMillis()).as("office hours are fewer than all hours").isLessThan(elapsedMedian);
    }

    @Test
    void slaCompliancePerTargetAndDepartment() {
        for (ReportFilter f : filters()) {
            for (Dimension d : new Dimension[] {null, Dimension.DEPARTMENT, Dimension.SUBJECT}) {
                List<SlaCompliance> expected = new ArrayList<>();
                for (SlaKind kind : Stream.of(SlaKind.values()).sorted(Comparator.comparing(Enum::name)).toList()) {
                    groups(selected(f), d, p -> p.rounds.stream().filter(r -> r.kind() == kind).toList()).forEach((k, rounds) -> {
                        long met = rounds.stream().filter(ReportDataSet.Round::met).count();
                        expected.add(new SlaCompliance(kind, k, met, rounds.size() - met));
                    });
                }
                assertThat(reports.slaCompliance(f, d)).as(context(f, "SLA compliance by " + d)).containsExactlyElementsOf(expected);
            }
        }
        List<SlaCompliance> overall = reports.slaCompliance(filters().get(0), null);
        assertThat(overall).as("the data set meets and misses every target").allSatisfy(c -> {
            assertThat(c.met()).isPositive();
            assertThat(c.missed()).isPositive();
        });
    }

    @Test
    void outcomeRates() {
        for (ReportFilter f : filters()) {
            List<Planned> s = selected(f).toList();
            Predicate<Planned> closedAfterResolution = p -> p.closureReason == ClosureReason.ACCEPTED
                    || p.closureReason == ClosureReason.NO_RESPONSE || p.closureReason == ClosureReason.UNRESOLVED;
            Outcomes expected = new Outcomes(s.size(), s.stream().filter(p -> p.resolved).count(),
                    s.stream().filter(closedAfterResolution).count(),
                    s.stream().filter(p -> p.closureReason == ClosureReason.ACCEPTED).count(),
                    s.stream().filter(p -> p.resolved && p.rejections > 0).count(),
                    s.stream().filter(p -> p.resolved && p.appeals > 0).count());
            assertThat(reports.outcomes(f)).as(context(f, "outcomes")).isEqualTo(expected);
        }
        Outcomes all = reports.outcomes(filters().get(0));
        assertThat(all.acceptanceRate().orElseThrow()).isBetween(50.0, 95.0);
        assertThat(all.reopened()).isPositive();
        assertThat(all.appealed()).isPositive();
    }

    @Test
    void recurrenceWithinAWindow() {
        Duration window = Duration.ofDays(30);
        for (ReportFilter f : filters()) {
            List<Planned> s = selected(f).toList();
            long sameCustomer = s.stream().filter(p -> hasEarlier(p, window, ReportStoreContract::sameCustomer)).count();
            long sameProblem = s.stream().filter(p -> hasEarlier(p, window, ReportStoreContract::sameSubjectAndLocation)).count();
            assertThat(reports.recurrence(f, window)).as(context(f, "recurrence"))
                    .isEqualTo(new Recurrence(window, s.size(), sameCustomer, sameProblem));
        }
        assertThat(reports.recurrence(filters().get(0), window).sameCustomer()).isPositive();
    }

    private boolean hasEarlier(Planned p, Duration window, java.util.function.BiPredicate<Planned, Planned> same) {
        Instant from = p.receivedAt.minus(window);
        return data.planned.stream().anyMatch(g -> g.receivedAt.isBefore(p.receivedAt) && !g.receivedAt.isBefore(from) && same.test(p, g));
    }

    private static boolean sameCustomer(Planned a, Planned b) {
        return a.email != null && a.email.equals(b.email) || a.phone != null && a.phone.equals(b.phone)
                || a.externalId != null && a.externalId.equals(b.externalId);
    }

    private static boolean sameSubjectAndLocation(Planned a, Planned b) {
        return a.subject != null && a.location != null && a.subject.equals(b.subject) && a.location.equals(b.location);
    }

    @Test
    void recurringProblemsMostFirst() {
        for (ReportFilter f : filters()) {
            Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
            selected(f).filter(p -> p.subject != null && p.location != null)
                    .forEach(p -> counts.merge(List.of(p.subject, p.location.value()), 1L, Long::sum));
            List<RecurringProblem> expected = counts.entrySet().stream().filter(e -> e.getValue() >= 3)
                    .map(e -> new RecurringProblem(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                    .sorted(Comparator.comparingLong(RecurringProblem::count).reversed()
                            .thenComparing(RecurringProblem::subject).thenComparing(RecurringProblem::location))
                    .limit(8).toList();
            assertThat(reports.recurringProblems(f, 3, 8)).as(context(f, "recurring problems")).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void backlogAgeAtAnInstant() {
        for (ReportFilter f : filters()) {
            Instant end = f.period().end();
            List<Long> ages = data.planned.stream().filter(p -> p.isOpen() && passes(f, p) && p.receivedAt.isBefore(end))
                    .map(p -> Duration.between(p.receivedAt, ReportDataSet.AS_OF).toMillis()).toList();
            Backlog b = reports.backlog(f, ReportDataSet.AS_OF);
            String what = context(f, "backlog");
            long day = Duration.ofDays(1).toMillis();
            assertThat(b.open()).as(what).isEqualTo(ages.size());
            assertThat(b.underOneDay()).as(what).isEqualTo(ages.stream().filter(a -> a < day).count());
            assertThat(b.underOneWeek()).as(what).isEqualTo(ages.stream().filter(a -> a >= day && a < 7 * day).count());
            assertThat(b.underOneMonth()).as(what).isEqualTo(ages.stream().filter(a -> a >= 7 * day && a < 30 * day).count());
            assertThat(b.older()).as(what).isEqualTo(ages.stream().filter(a -> a >= 30 * day).count());
            if (!ages.isEmpty()) {
                assertThat((double) b.medianAge().toMillis()).as(what + ": median").isCloseTo(percentile(ages, 0.5), within(1.0));
                assertThat(b.oldestAge().toMillis()).as(what + ": oldest").isEqualTo(ages.stream().mapToLong(Long::longValue).max().orElseThrow());
            }
        }
        assertThat(reports.backlog(filters().get(0), ReportDataSet.AS_OF).older()).isPositive();
    }

    @Test
    void aRoundEndedBySeveralSavesAtOneInstantCountsOnce() {
        MutableClock clock = new MutableClock(ReportDataSet.END.plus(Duration.ofDays(3)));
        ReportDataSet other = new ReportDataSet(SEED, 0, "same-instant");
        FeedbackDesk desk = other.desk(feedbackStore(), clock);
        Feedback f = desk.receive(Intake.builder(other.tenant, FeedbackKind.COMPLAINT, Channel.PHONE, "Oda soğuk").build());
        Actor staff = Actor.staff("reception");
        desk.take(other.tenant, f.id(), staff);
        desk.resolve(other.tenant, f.id(), staff, "Isıtıcı verildi");
        desk.accept(other.tenant, f.id(), null);
        ReportFilter all = ReportFilter.of(other.tenant, new ReportPeriod(ReportDataSet.FIRST_DAY, ReportDataSet.END_DAY.plusMonths(1),
                ReportDataSet.ISTANBUL));
        assertThat(reports.slaCompliance(all, null)).extracting(SlaCompliance::target, c -> c.met() + c.missed())
                .containsExactly(tuple(SlaKind.ACKNOWLEDGEMENT, 1L), tuple(SlaKind.FIRST_RESPONSE, 1L), tuple(SlaKind.RESOLUTION, 1L));
        assertThat(reports.handlingTime(all, null)).extracting(DurationStats::count).containsExactly(1L);
    }

    @Test
    void targetsACalendarCouldNotCountAreCountedPerTargetAndLocationBesideTheRoundsMetAndMissed() {
        // a beach bar whose season calendar knows three days of June 2025 so far, and a lobby on office hours
        io.memnun.feedback.TenantId tenant = Fixtures.newTenant("not-counted");
        io.memnun.feedback.LocationId beach = io.memnun.feedback.LocationId.of("beach-bar");
        io.memnun.feedback.LocationId lobby = io.memnun.feedback.LocationId.of("lobby");
        java.util.function.Function<java.time.LocalDate, io.memnun.sla.SlaEngine> engine = lastDay -> {
            io.memnun.sla.BusinessCalendar season = io.memnun.sla.BusinessCalendar.builder("beach-season", ReportDataSet.ISTANBUL)
                    .openOn(java.time.LocalDate.of(2025, 6, 2).datesUntil(lastDay.plusDays(1)).toList(), "09:00-18:00").build();
            io.memnun.sla.BusinessCalendar office = io.memnun.sla.BusinessCalendar.builder("office", ReportDataSet.ISTANBUL)
                    .weekdays("09:00-18:00").build();
            io.memnun.sla.SlaPolicy policy = io.memnun.sla.SlaPolicy.builder(io.memnun.sla.CalendarRegistry.of(season, office))
                    .target(io.memnun.feedback.Priority.NORMAL, io.memnun.sla.SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(6), "office"))
                    .target(io.memnun.feedback.Priority.NORMAL, io.memnun.sla.SlaTarget.of(SlaKind.FIRST_RESPONSE, Duration.ofHours(9), "office"))
                    .target(io.memnun.feedback.Priority.NORMAL, io.memnun.sla.SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(12), "office"))
                    .build();
            return io.memnun.sla.SlaEngine.of(policy, (f, t) -> f.location().filter(beach::equals).map(l -> "beach-season"));
        };
        java.util.function.Function<String, Instant> at = local -> java.time.LocalDateTime.parse(local).atZone(ReportDataSet.ISTANBUL).toInstant();
        MutableClock clock = new MutableClock(at.apply("2025-06-03T10:00"));
        FeedbackDesk season = FeedbackDesk.builder().store(feedbackStore()).clock(clock).sla(engine.apply(java.time.LocalDate.of(2025, 6, 4))).build();
        FeedbackDesk extended = FeedbackDesk.builder().store(feedbackStore()).clock(clock).sla(engine.apply(java.time.LocalDate.of(2025, 9, 30)))
                .build();
        Actor staff = Actor.staff("bar");
        java.util.function.Function<io.memnun.feedback.LocationId, Intake> complaint = location ->
                Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.FACE_TO_FACE, "Şezlong kırık").location(location).build();

        // answered after the last day the calendar knows: its resolution clock stops as not counted
        Feedback answeredLate = season.receive(complaint.apply(beach));
        clock.set(at.apply("2025-06-03T11:00"));
        season.take(tenant, answeredLate.id(), staff);
        clock.set(at.apply("2025-06-03T12:00"));
        season.awaitCustomer(tenant, answeredLate.id(), staff, "Hangisi?");
        // received with 8 working hours left: first response and resolution are not counted
        clock.set(at.apply("2025-06-04T10:00"));
        Feedback neverCounted = season.receive(complaint.apply(beach));
        Feedback countedLater = season.receive(complaint.apply(beach));
        Feedback inLobby = season.receive(complaint.apply(lobby));
        clock.set(at.apply("2025-06-04T10:30"));
        for (Feedback f : List.of(neverCounted, countedLater, inLobby)) {
            season.take(tenant, f.id(), staff);
        }
        // the host enters the rest of the season and recomputes one: its resolution is counted from receipt after all
        clock.set(at.apply("2025-06-04T12:00"));
        extended.recomputeSla(tenant, countedLater.id(), Actor.system("policy-update"));
        clock.set(at.apply("2025-06-04T13:00"));
        for (Feedback f : List.of(neverCounted, countedLater, inLobby)) {
            extended.resolve(tenant, f.id(), staff, "Değiştirildi");
        }
        clock.set(at.apply("2025-06-05T10:00"));
        season.customerResponded(tenant, answeredLate.id(), "12 numara");

        ReportFilter june = ReportFilter.of(tenant, ReportPeriod.month(YearMonth.of(2025, 6), ReportDataSet.ISTANBUL));
        assertThat(reports.slaCompliance(june, null)).containsExactly(
                new SlaCompliance(SlaKind.ACKNOWLEDGEMENT, null, 4, 0, 0),
                new SlaCompliance(SlaKind.FIRST_RESPONSE, null, 2, 0, 2),
                new SlaCompliance(SlaKind.RESOLUTION, null, 2, 0, 2));
        assertThat(reports.slaCompliance(june, Dimension.LOCATION)).containsExactly(
                new SlaCompliance(SlaKind.ACKNOWLEDGEMENT, "beach-bar", 3, 0, 0),
                new SlaCompliance(SlaKind.ACKNOWLEDGEMENT, "lobby", 1, 0, 0),
                new SlaCompliance(SlaKind.FIRST_RESPONSE, "beach-bar", 1, 0, 2),
                new SlaCompliance(SlaKind.FIRST_RESPONSE, "lobby", 1, 0, 0),
                new SlaCompliance(SlaKind.RESOLUTION, "beach-bar", 1, 0, 2),
                new SlaCompliance(SlaKind.RESOLUTION, "lobby", 1, 0, 0));
        assertThat(reports.slaCompliance(june, null)).filteredOn(c -> c.target() == SlaKind.RESOLUTION).singleElement()
                .satisfies(c -> assertThat(c.percentMet()).hasValue(100.0));
        // a group with only targets not counted is a group: the figure is not lost for want of a round
        assertThat(reports.slaCompliance(june, Dimension.STATUS)).contains(new SlaCompliance(SlaKind.RESOLUTION, "IN_PROGRESS", 0, 0, 1),
                new SlaCompliance(SlaKind.RESOLUTION, "RESOLVED", 2, 0, 1));
    }

    @Test
    void targetsNotCountedAreTheInMemoryStoresForEveryGroupAndReadOnlyFromWhatTheSlaRulesWrite() {
        io.memnun.feedback.TenantId tenant = Fixtures.newTenant("not-counted-alike");
        InMemoryFeedbackStore reference = new InMemoryFeedbackStore();
        notCountedHistories(reference, tenant);
        notCountedHistories(feedbackStore(), tenant);

        ReportFilter june = ReportFilter.of(tenant, ReportPeriod.month(YearMonth.of(2025, 6), ReportDataSet.ISTANBUL));
        // counted again by a recompute, then not counted once more: still not counted
        assertThat(reference.slaCompliance(june, Dimension.LOCATION))
                .contains(new SlaCompliance(SlaKind.RESOLUTION, "beach-bar", 0, 0, 1))
                // a customer message whose details a host named like the SLA rules' (a key ending in the rules' key,
                // a target that no calendar counts) says nothing about the lobby's targets
                .noneMatch(c -> "lobby".equals(c.key()) && c.notCounted() > 0);
        List<@Nullable Dimension> groupings = new ArrayList<>(List.of(Dimension.values()));
        groupings.add(null);
        for (Dimension by : groupings) {
            assertThat(reports.slaCompliance(june, by)).as("SLA compliance by " + by).isEqualTo(reference.slaCompliance(june, by));
        }
    }

    /**
     * Feedback at a beach bar whose calendar knows three days of June 2025 until the host enters the season, and in a
     * lobby on office hours, with histories that say a target was not counted, counted again, and not counted once more.
     */
    private static void notCountedHistories(FeedbackStore store, io.memnun.feedback.TenantId tenant) {
        io.memnun.feedback.LocationId beach = io.memnun.feedback.LocationId.of("beach-bar");
        io.memnun.feedback.LocationId lobby = io.memnun.feedback.LocationId.of("lobby");
        Function<java.time.LocalDate, io.memnun.sla.SlaEngine> engine = lastDay -> {
            io.memnun.sla.BusinessCalendar season = io.memnun.sla.BusinessCalendar.builder("beach-season", ReportDataSet.ISTANBUL)
                    .openOn(java.time.LocalDate.of(2025, 6, 2).datesUntil(lastDay.plusDays(1)).toList(), "09:00-18:00").build();
            io.memnun.sla.BusinessCalendar office = io.memnun.sla.BusinessCalendar.builder("office", ReportDataSet.ISTANBUL)
                    .weekdays("09:00-18:00").build();
            io.memnun.sla.SlaPolicy policy = io.memnun.sla.SlaPolicy.builder(io.memnun.sla.CalendarRegistry.of(season, office))
                    .target(io.memnun.feedback.Priority.NORMAL, io.memnun.sla.SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(12), "office"))
                    .target(io.memnun.feedback.Priority.LOW, io.memnun.sla.SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(24), "office"))
                    .build();
            return io.memnun.sla.SlaEngine.of(policy, (f, t) -> f.location().filter(beach::equals).map(l -> "beach-season"));
        };
        Function<String, Instant> at = local -> java.time.LocalDateTime.parse(local).atZone(ReportDataSet.ISTANBUL).toInstant();
        MutableClock clock = new MutableClock(at.apply("2025-06-03T10:00"));
        FeedbackDesk season = FeedbackDesk.builder().store(store).clock(clock).sla(engine.apply(java.time.LocalDate.of(2025, 6, 4))).build();
        FeedbackDesk extended = FeedbackDesk.builder().store(store).clock(clock).sla(engine.apply(java.time.LocalDate.of(2025, 9, 30)))
                .build();
        Actor staff = Actor.staff("bar");
        Function<io.memnun.feedback.LocationId, Intake> complaint = location ->
                Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.FACE_TO_FACE, "Şezlong kırık").location(location).build();

        Feedback f = season.receive(complaint.apply(beach));
        Feedback inLobby = season.receive(complaint.apply(lobby));
        clock.set(at.apply("2025-06-03T11:00"));
        season.take(tenant, f.id(), staff);
        season.take(tenant, inLobby.id(), staff);
        clock.set(at.apply("2025-06-03T12:00"));
        season.awaitCustomer(tenant, f.id(), staff, "Hangisi?");
        season.execute(tenant, inLobby.id(), new io.memnun.feedback.Command.AddCustomerMessage(Actor.customer(), "Teşekkürler",
                Map.of("note\"sla.RESOLUTION", io.memnun.feedback.SlaHistory.NOT_COUNTED + "written by a host", "sla.PLANNED_COMPLETION",
                        io.memnun.feedback.SlaHistory.NOT_COUNTED + "written by a host")));
        // answered after the last day the calendar knows: stopped as not counted
        clock.set(at.apply("2025-06-05T10:00"));
        season.customerResponded(tenant, f.id(), "12 numara");
        // the host enters the season: a recompute runs it again
        clock.set(at.apply("2025-06-05T11:00"));
        extended.recomputeSla(tenant, f.id(), Actor.system("policy-update"));
        // a desk still on the old calendar lowers its priority: the longer target cannot be counted there
        clock.set(at.apply("2025-06-05T12:00"));
        season.changePriority(tenant, f.id(), staff, io.memnun.feedback.Priority.LOW, "bilgi amaçlı");
        clock.set(at.apply("2025-06-05T13:00"));
        extended.resolve(tenant, inLobby.id(), staff, "Değiştirildi");
    }

    @Test
    void theWholeManagementReviewEqualsTheInMemoryStores() {
        InMemoryFeedbackStore reference = new InMemoryFeedbackStore();
        data.load(reference);
        Clock at = Clock.fixed(ReportDataSet.AS_OF, ReportDataSet.ISTANBUL);
        for (ReportFilter f : filters()) {
            String expected = ReportJson.review(Reports.builder(reference).clock(at).build().review(f));
            assertThat(ReportJson.review(Reports.builder(reports).clock(at).build().review(f))).as(context(f, "management review"))
                    .isEqualTo(expected);
        }
    }

    @Test
    void badArgumentsAreRefusedNamingTheField() {
        ReportFilter f = filters().get(0);
        assertThatThrownBy(() -> reports.recurrence(f, Duration.ZERO)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("window"));
        assertThatThrownBy(() -> reports.recurringProblems(f, 0, 5)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("minimum"));
        assertThatThrownBy(() -> reports.recurringProblems(f, 2, 0)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("limit"));
    }

    @Test
    void anotherTenantSeesNothing() {
        ReportFilter other = ReportFilter.of(Fixtures.newTenant("nobody"), filters().get(0).period());
        assertThat(reports.count(other, Dimension.SUBJECT)).isEmpty();
        assertThat(reports.handlingTime(other, null)).isEmpty();
        assertThat(reports.slaCompliance(other, null)).isEmpty();
        assertThat(reports.outcomes(other)).isEqualTo(new Outcomes(0, 0, 0, 0, 0, 0));
        assertThat(reports.recurringProblems(other, 1, 10)).isEmpty();
        assertThat(reports.backlog(other, ReportDataSet.AS_OF).open()).isZero();
        assertThat(Objects.requireNonNull(reports.recurrence(other, Duration.ofDays(1))).counted()).isZero();
    }
}
