package io.memnun.report;

import java.util.List;
import java.util.Objects;

/**
 * Every figure of one filter, as {@code io.memnun.Reports#figures} gathers them from a report store.
 *
 * @param filter what was counted
 * @param outcomes received, resolved, accepted, reopened, appealed
 * @param byKind counts by kind
 * @param bySubject counts by subject
 * @param byLocation counts by location
 * @param byDepartment counts by department
 * @param byChannel counts by channel
 * @param byStatus counts by current status
 * @param handling business handling time over the whole filter ({@link DurationStats#NONE} without any)
 * @param handlingBySubject business handling time per subject
 * @param handlingByDepartment business handling time per department
 * @param slaByTarget SLA compliance per target
 * @param slaByDepartment SLA compliance per target and department
 * @param slaByLocation SLA compliance per target and location: where a calendar could not count a target, it shows
 * @param recurrence repeats within the recurrence window
 * @param backlog the open feedback received before the period's end
 */
public record Figures(ReportFilter filter, Outcomes outcomes, List<Count> byKind, List<Count> bySubject, List<Count> byLocation,
        List<Count> byDepartment, List<Count> byChannel, List<Count> byStatus, DurationStats handling, List<DurationStats> handlingBySubject,
        List<DurationStats> handlingByDepartment, List<SlaCompliance> slaByTarget, List<SlaCompliance> slaByDepartment,
        List<SlaCompliance> slaByLocation, Recurrence recurrence, Backlog backlog) {

    public Figures {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(outcomes, "outcomes");
        byKind = List.copyOf(byKind);
        bySubject = List.copyOf(bySubject);
        byLocation = List.copyOf(byLocation);
        byDepartment = List.copyOf(byDepartment);
        byChannel = List.copyOf(byChannel);
        byStatus = List.copyOf(byStatus);
        Objects.requireNonNull(handling, "handling");
        handlingBySubject = List.copyOf(handlingBySubject);
        handlingByDepartment = List.copyOf(handlingByDepartment);
        slaByTarget = List.copyOf(slaByTarget);
        slaByDepartment = List.copyOf(slaByDepartment);
        slaByLocation = List.copyOf(slaByLocation);
        Objects.requireNonNull(recurrence, "recurrence");
        Objects.requireNonNull(backlog, "backlog");
    }

    /** The count of {@code key} in {@code counts}, zero when absent. */
    public static long countOf(List<Count> counts, String key) {
        return counts.stream().filter(c -> key.equals(c.key())).mapToLong(Count::count).sum();
    }
}
