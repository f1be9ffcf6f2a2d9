package io.memnun.routing;

import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import java.util.Map;
import java.util.Set;

/**
 * The current open load of staff: how many open feedback each has assigned. Load-aware strategies ask it at
 * the moment they choose; the desk answers from its feedback store, so a redirect or a closing is counted as soon
 * as it is stored, with no counter to keep in step.
 */
@FunctionalInterface
public interface StaffLoad {
    /** Knows no load: everyone counts as free. For previews and tests. */
    StaffLoad NONE = (tenant, staff) -> Map.of();

    /** The open load of each of {@code staff}; anyone missing from the answer has none. */
    Map<StaffId, Integer> openLoad(TenantId tenant, Set<StaffId> staff);
}
