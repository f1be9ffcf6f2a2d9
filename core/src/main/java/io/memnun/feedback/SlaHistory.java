package io.memnun.feedback;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a feedback's history says about its response-time clocks in event details, as the SLA rules write it and the
 * reports read it back: under the key {@code sla.<TARGET>} (e.g. {@code sla.RESOLUTION}), a value beginning
 * {@value #NOT_COUNTED} when the target's calendar could not count it (the clock was not started, or stopped because
 * the rest could not be counted), and one beginning {@value #STARTED_BY_RECOMPUTE} when a recompute started its clock
 * after all. The clocks themselves keep no mark of it: a clock not started is absent, and one stopped is CANCELLED like
 * any other.
 */
public final class SlaHistory {
    /** How the details of a target its calendar could not count begin. */
    public static final String NOT_COUNTED = "not counted: ";

    /** How the details of a resolution clock a recompute started (counted from its round's start) begin. */
    public static final String STARTED_BY_RECOMPUTE = "started by the recompute";

    private SlaHistory() {}

    /** The details key of what happened to the clock of {@code kind}: {@code sla.RESOLUTION}. */
    public static String key(SlaKind kind) {
        return "sla." + kind.name();
    }

    /**
     * The targets that {@code history} (one feedback's, oldest first) says could not be counted, and that no later
     * recompute started a clock for: each target whose last not-counted detail comes after the last
     * {@value #STARTED_BY_RECOMPUTE} detail, if any. Such a target's round is in no compliance figure, neither met nor
     * missed. Only the targets a policy sets are looked at: the rules never write the planned completion (an instant,
     * counted on no calendar) as not counted, and a detail of that name was written by someone else (a host's customer
     * message, a channel's delivery facts). {@code storage-jdbc} asks the same of its event table in SQL.
     */
    public static Set<SlaKind> notCounted(List<FeedbackEvent> history) {
        Set<SlaKind> kinds = EnumSet.noneOf(SlaKind.class);
        for (FeedbackEvent e : history) {
            if (e.details().isEmpty()) {
                continue;
            }
            for (SlaKind kind : SlaKind.values()) {
                if (!kind.isPolicyTarget()) {
                    continue;
                }
                String said = e.details().get(key(kind));
                if (said == null) {
                    continue;
                }
                if (said.startsWith(NOT_COUNTED)) {
                    kinds.add(kind);
                } else if (said.startsWith(STARTED_BY_RECOMPUTE)) {
                    kinds.remove(kind);
                }
            }
        }
        return kinds;
    }
}
