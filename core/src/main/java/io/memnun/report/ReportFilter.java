package io.memnun.report;

import io.memnun.feedback.Channel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.TenantId;
import io.memnun.routing.Catalog;
import io.memnun.routing.Location;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which feedback a report counts: one tenant's feedback received in a period, optionally narrowed to a set of
 * locations (e.g. a location and everything under it in the routing catalogue), a department, a kind and a
 * channel. Immutable; the {@code with...} methods return narrowed copies.
 *
 * @param tenant the tenant
 * @param period the receipt period
 * @param locations the locations counted; empty counts every location and feedback without one
 * @param department the department, or null for all
 * @param kind the kind, or null for all
 * @param channel the channel of receipt, or null for all
 * @param scope the departments whose feedback the report may see at all, or null for every department and feedback
 *     without one; feedback outside it is left out of every figure as if it did not exist, also as the earlier
 *     feedback a repeat is measured against (a staff member's report: {@code Reports.scopedTo(viewer)})
 */
public record ReportFilter(TenantId tenant, ReportPeriod period, Set<LocationId> locations, @Nullable DepartmentId department,
        @Nullable FeedbackKind kind, @Nullable Channel channel, @Nullable Set<DepartmentId> scope) {

    public ReportFilter {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(period, "period");
        locations = Set.copyOf(locations);
        scope = scope == null ? null : Set.copyOf(scope);
    }

    /** Everything the tenant received in {@code period}. */
    public static ReportFilter of(TenantId tenant, ReportPeriod period) {
        return new ReportFilter(tenant, period, Set.of(), null, null, null, null);
    }

    /**
     * Only feedback of {@code departments} exists for this filter (intersected with any scope already set, so a scope
     * can only narrow); feedback without a department is outside every scope.
     */
    public ReportFilter withinDepartments(Set<DepartmentId> departments) {
        Set<DepartmentId> narrowed = new LinkedHashSet<>(departments);
        if (scope != null) {
            narrowed.retainAll(scope);
        }
        return new ReportFilter(tenant, period, locations, department, kind, channel, narrowed);
    }

    /** True when {@code f}'s department is within the scope (always, without a scope). */
    public boolean inScope(Feedback f) {
        return scope == null || f.department().map(scope::contains).orElse(false);
    }

    /** True when figures about {@code d} (its corrective actions, survey scores) belong in a report of this filter. */
    public boolean covers(DepartmentId d) {
        return (department == null || department.equals(d)) && (scope == null || scope.contains(d));
    }

    public ReportFilter withPeriod(ReportPeriod p) {
        return new ReportFilter(tenant, p, locations, department, kind, channel, scope);
    }

    /** Only {@code location} and the locations under it in {@code catalog}. */
    public ReportFilter withLocationSubtree(Catalog catalog, LocationId location) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(location, "location");
        if (catalog.location(location).isEmpty()) {
            throw new io.memnun.error.ValidationException("location", "'" + location.value() + "' is not in the catalogue");
        }
        Set<LocationId> subtree = new LinkedHashSet<>();
        subtree.add(location);
        for (Location l : catalog.locations()) {
            if (catalog.isUnder(l.id(), location)) {
                subtree.add(l.id());
            }
        }
        return new ReportFilter(tenant, period, subtree, department, kind, channel, scope);
    }

    public ReportFilter withDepartment(@Nullable DepartmentId d) {
        return new ReportFilter(tenant, period, locations, d, kind, channel, scope);
    }

    public ReportFilter withKind(@Nullable FeedbackKind k) {
        return new ReportFilter(tenant, period, locations, department, k, channel, scope);
    }

    public ReportFilter withChannel(@Nullable Channel c) {
        return new ReportFilter(tenant, period, locations, department, kind, c, scope);
    }

    /** The same filter over the previous period of the same length. */
    public ReportFilter previous() {
        return withPeriod(period.previous());
    }

    /** True when {@code f} is counted, received in the period included. */
    public boolean matches(Feedback f) {
        return matchesIgnoringPeriod(f) && period.contains(f.receivedAt());
    }

    /** True when {@code f} passes every condition but the period (the backlog counts what is still open). */
    public boolean matchesIgnoringPeriod(Feedback f) {
        return f.tenant().equals(tenant)
                && (locations.isEmpty() || f.location().map(locations::contains).orElse(false))
                && (department == null || f.department().map(department::equals).orElse(false))
                && (kind == null || f.kind() == kind)
                && (channel == null || f.channel().equals(channel))
                && inScope(f);
    }
}
