package io.memnun.routing;

import io.memnun.error.ValidationException;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Passes new feedback to the related department and person by the tenant's active {@link RuleSet}: the first
 * rule whose conditions hold decides, and the {@link RoutingDecision} says which rule fired and why. Wire one into
 * the desk with {@code FeedbackDesk.builder().router(router)}; the desk routes every feedback whose intake names
 * no department.
 *
 * <pre>{@code
 * Router router = Router.builder().catalogs(catalogStore).ruleSets(ruleSetStore).clock(clock).build();
 * router.activate(tenant, RuleSet.builder()
 *         .rule(RoutingRule.builder("12").when(Condition.subjectUnder("housekeeping"))
 *                 .department("housekeeping").assign(AssigneeStrategy.leastLoad()))
 *         .rule(RoutingRule.builder("default").department("guest-relations"))
 *         .build());
 * }</pre>
 *
 * <p>Thread-safe. A rule set is compiled into an index once per version (see the class comment of the index:
 * candidates by subject and location ancestors, by keyword prefix and by the other facts), so a decision costs
 * a few look-ups however many rules there are. Round-robin turns are counted in this instance, per tenant,
 * department and role: exact within one application node; several nodes each take their own turns.
 */
public final class Router {
    private final CatalogSource catalogs;
    private final RuleSetRepository ruleSets;
    private final Clock clock;
    private final ConcurrentMap<TenantId, RuleIndex> indexes = new ConcurrentHashMap<>();
    private final ConcurrentMap<Turn, AtomicLong> turns = new ConcurrentHashMap<>();

    /** Whose turn counter: one per tenant, department, role and strategy. */
    private record Turn(TenantId tenant, DepartmentId department, @Nullable String role, String strategy) {}

    private Router(Builder b) {
        this.catalogs = Objects.requireNonNull(b.catalogs, "catalogs");
        this.ruleSets = Objects.requireNonNull(b.ruleSets, "ruleSets");
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks {@code rules} against the tenant's current catalogue; activates nothing. */
    public RuleSetReport validate(TenantId tenant, RuleSet rules) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(rules, "rules");
        return RuleSetValidator.validate(rules, catalogs.catalog(tenant));
    }

    /**
     * Validates {@code rules} and makes them the tenant's next rule set version.
     *
     * @throws RuleSetValidationException listing every problem; nothing was activated
     * @throws io.memnun.error.VersionConflictException if another version was activated meanwhile
     */
    public ActiveRuleSet activate(TenantId tenant, RuleSet rules) {
        RuleSetReport report = validate(tenant, rules);
        if (!report.isValid()) {
            throw new RuleSetValidationException(report.problems());
        }
        long current = ruleSets.active(tenant).map(ActiveRuleSet::version).orElse(0L);
        return ruleSets.activate(tenant, rules, current, clock.instant());
    }

    /** The tenant's active rule set, if any. */
    public Optional<ActiveRuleSet> active(TenantId tenant) {
        return ruleSets.active(Objects.requireNonNull(tenant, "tenant"));
    }

    /**
     * Decides where a new feedback goes. Empty when the tenant has no active rule set, or when no rule holds (the
     * default rule's department was deactivated since activation).
     *
     * <p>A rule whose department is unknown or inactive by now is passed over, and the next rule that holds
     * decides; the reason says so. Load-aware strategies ask {@code load} for the current open load of the
     * department's staff.
     */
    public Optional<RoutingDecision> route(Intake intake, StaffLoad load) {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(load, "load");
        TenantId tenant = intake.tenant();
        Optional<ActiveRuleSet> active = ruleSets.active(tenant);
        if (active.isEmpty()) {
            return Optional.empty();
        }
        RuleIndex index = indexFor(active.get());
        Catalog catalog = catalogs.catalog(tenant);
        RoutingInput in = RoutingInput.of(intake, catalog);
        List<String> passedOver = new ArrayList<>(0);
        int from = 0;
        while (true) {
            int ord = index.firstMatch(in, from);
            if (ord == RuleIndex.NONE) {
                return Optional.empty();
            }
            RoutingRule rule = index.rule(ord);
            DepartmentId department = rule.department();
            if (department != null && !catalog.isActive(department)) {
                passedOver.add(rule.title() + " (department '" + department + "' is "
                        + (catalog.department(department).isPresent() ? "inactive" : "unknown") + ")");
                from = ord + 1;
                continue;
            }
            return Optional.of(decide(tenant, index, ord, rule, in, intake.priority(), catalog, load, passedOver));
        }
    }

    /**
     * Checks a move by hand (a redirect, or an intake that names its department) against the tenant's catalogue: {@code department} must be a known, active
     * department, and {@code assignee}, when given, a known, active member of it. A tenant whose catalogue is empty
     * keeps its departments elsewhere and is not checked.
     *
     * @throws ValidationException naming {@code department} or {@code assignee}
     */
    public void checkRedirect(TenantId tenant, DepartmentId department, @Nullable StaffId assignee) {
        Objects.requireNonNull(department, "department");
        Catalog catalog = catalogs.catalog(Objects.requireNonNull(tenant, "tenant"));
        if (catalog.isEmpty()) {
            return;
        }
        if (!catalog.isActive(department)) {
            throw new ValidationException("department", "department '" + department + "' is "
                    + (catalog.department(department).isPresent() ? "inactive" : "unknown") + " in the catalogue of tenant " + tenant);
        }
        if (assignee != null) {
            checkStaff(tenant, catalog, assignee);
            if (!catalog.staff(assignee).orElseThrow().departments().contains(department)) {
                throw new ValidationException("assignee", "staff '" + assignee + "' is not in department '" + department + "'");
            }
        }
    }

    /**
     * Checks an assignment by hand (or an intake that names a person and leaves the department to routing) against the
     * tenant's catalogue: {@code assignee} must be a known, active staff
     * member. A tenant whose catalogue is empty is not checked.
     *
     * @throws ValidationException naming {@code assignee}
     */
    public void checkAssignee(TenantId tenant, StaffId assignee) {
        Objects.requireNonNull(assignee, "assignee");
        Catalog catalog = catalogs.catalog(Objects.requireNonNull(tenant, "tenant"));
        if (!catalog.isEmpty()) {
            checkStaff(tenant, catalog, assignee);
        }
    }

    private static void checkStaff(TenantId tenant, Catalog catalog, StaffId assignee) {
        if (!catalog.isActive(assignee)) {
            throw new ValidationException("assignee", "staff '" + assignee + "' is "
                    + (catalog.staff(assignee).isPresent() ? "not active" : "unknown") + " in the catalogue of tenant " + tenant);
        }
    }

    private RoutingDecision decide(TenantId tenant, RuleIndex index, int ord, RoutingRule rule, RoutingInput in,
            Priority received, Catalog catalog, StaffLoad load, List<String> passedOver) {
        DepartmentId department = rule.department();
        StringBuilder reason = new StringBuilder();
        if (department != null) {
            reason.append("routed to ").append(Reasons.name(catalog, department)).append(" by ").append(rule.title());
        } else {
            reason.append(rule.title()).append(" matched");
        }
        reason.append(": ").append(Reasons.conditions(rule, in, catalog, ord == index.size() - 1, index));
        if (department == null) {
            reason.append("; it names no department");
        }
        StaffId assignee = null;
        if (rule.assignee() != null) {
            Choice choice = choose(tenant, rule.assignee(), department, catalog, load);
            assignee = choice.staff;
            reason.append("; ").append(choice.why);
        }
        Priority priority = rule.priority() == null ? received : rule.priority().apply(received);
        if (priority != received) {
            reason.append("; priority ").append(priority.isMoreUrgentThan(received) ? "raised" : "lowered")
                    .append(" from ").append(received).append(" to ").append(priority);
        }
        Set<StaffId> watchers = new LinkedHashSet<>();
        for (StaffId w : rule.watchers()) {
            if (catalog.isActive(w)) {
                watchers.add(w);
            }
        }
        if (!passedOver.isEmpty()) {
            // many rules may name one deactivated department; the reason stays short enough to record
            int shown = Math.min(passedOver.size(), 5);
            reason.append("; passed over ").append(String.join(", ", passedOver.subList(0, shown)));
            if (passedOver.size() > shown) {
                reason.append(" and ").append(passedOver.size() - shown).append(" more");
            }
        }
        return new RoutingDecision(rule.id(), index.version, department, assignee, priority, watchers, reason.toString());
    }

    private record Choice(@Nullable StaffId staff, String why) {}

    private Choice choose(TenantId tenant, AssigneeStrategy strategy, @Nullable DepartmentId department, Catalog catalog,
            StaffLoad load) {
        if (strategy instanceof AssigneeStrategy.Fixed f) {
            return catalog.isActive(f.staff())
                    ? new Choice(f.staff(), "assigned to " + Reasons.name(catalog, f.staff()) + ", named by the rule")
                    : new Choice(null, "not assigned: " + Reasons.name(catalog, f.staff()) + " is not active");
        }
        String name = strategy instanceof AssigneeStrategy.RoundRobin ? "round robin" : "least load";
        if (department == null) {
            return new Choice(null, "not assigned: " + name + " needs a department");
        }
        List<Staff> eligible = catalog.activeStaffOf(department, strategy.role());
        if (eligible.isEmpty()) {
            return new Choice(null, "not assigned: " + Reasons.name(catalog, department) + " has no active staff"
                    + (strategy.role() == null ? "" : " with role " + strategy.role()));
        }
        AtomicLong turn = turns.computeIfAbsent(new Turn(tenant, department, strategy.role(), name), k -> new AtomicLong());
        if (strategy instanceof AssigneeStrategy.RoundRobin) {
            return roundRobin(tenant, eligible, turn, catalog, load);
        }
        return leastLoad(tenant, eligible, turn, load);
    }

    private static Choice roundRobin(TenantId tenant, List<Staff> eligible, AtomicLong turn, Catalog catalog, StaffLoad load) {
        long t = turn.getAndIncrement();
        boolean limited = false;
        for (Staff s : eligible) {
            limited |= s.maxOpenLoad() != null;
        }
        // load is read only when someone has a limit: plain round robin needs no load and takes no lock
        Map<StaffId, Integer> loads = limited ? load.openLoad(tenant, ids(eligible)) : Map.of();
        int n = eligible.size();
        for (int i = 0; i < n; i++) {
            Staff s = eligible.get((int) Math.floorMod(t + i, (long) n));
            if (belowLimit(s, loads)) {
                return new Choice(s.id(), "assigned to " + s.name() + " by round robin");
            }
        }
        return new Choice(null, "not assigned: everyone eligible is at their open-load limit");
    }

    private static Choice leastLoad(TenantId tenant, List<Staff> eligible, AtomicLong turn, StaffLoad load) {
        Map<StaffId, Integer> loads = load.openLoad(tenant, ids(eligible));
        int least = Integer.MAX_VALUE;
        List<Staff> tied = new ArrayList<>();
        for (Staff s : eligible) {
            if (!belowLimit(s, loads)) {
                continue;
            }
            int l = loads.getOrDefault(s.id(), 0);
            if (l < least) {
                least = l;
                tied.clear();
            }
            if (l == least) {
                tied.add(s);
            }
        }
        if (tied.isEmpty()) {
            return new Choice(null, "not assigned: everyone eligible is at their open-load limit");
        }
        Staff s = tied.get((int) Math.floorMod(turn.getAndIncrement(), (long) tied.size()));
        return new Choice(s.id(), "assigned to " + s.name() + ", who had the fewest open feedback (" + least + ")");
    }

    private static boolean belowLimit(Staff s, Map<StaffId, Integer> loads) {
        return s.maxOpenLoad() == null || loads.getOrDefault(s.id(), 0) < s.maxOpenLoad();
    }

    private static Set<StaffId> ids(List<Staff> staff) {
        Set<StaffId> ids = new LinkedHashSet<>();
        staff.forEach(s -> ids.add(s.id()));
        return ids;
    }

    private RuleIndex indexFor(ActiveRuleSet active) {
        RuleIndex index = indexes.get(active.tenant());
        if (index == null || index.version != active.version()) {
            // versions are immutable once activated, so the version alone says whether the index is current
            index = RuleIndex.compile(active.version(), active.rules());
            indexes.put(active.tenant(), index);
        }
        return index;
    }

    /** Wires a router. A catalogue source and a rule set repository are required. */
    public static final class Builder {
        private @Nullable CatalogSource catalogs;
        private @Nullable RuleSetRepository ruleSets;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Where tenants' catalogues come from: any {@code CatalogStore}. */
        public Builder catalogs(CatalogSource catalogs) {
            this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
            return this;
        }

        /** Where tenants' rule set versions are kept: any {@code RuleSetStore}. */
        public Builder ruleSets(RuleSetRepository ruleSets) {
            this.ruleSets = Objects.requireNonNull(ruleSets, "ruleSets");
            return this;
        }

        /** The time source of activation timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Router build() {
            if (catalogs == null) {
                throw new IllegalStateException("catalogs is required: Router.builder().catalogs(catalogStore)");
            }
            if (ruleSets == null) {
                throw new IllegalStateException("ruleSets is required: Router.builder().ruleSets(ruleSetStore)");
            }
            return new Router(this);
        }
    }
}
