package io.memnun.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a feedback's response-time clocks follow its lifecycle: started at receipt, paused and resumed,
 * stopped when a step is done, recomputed when priority or department changes. The {@link Lifecycle} asks
 * after every change; {@code io.memnun.sla.SlaEngine} is the implementation that counts business hours.
 */
public interface SlaRules {
    /** Keeps no clocks. */
    SlaRules NONE = new SlaRules() {
        @Override
        public Update onReceive(Feedback received, Instant now) {
            return Update.NONE;
        }

        @Override
        public Update onChange(Feedback before, Feedback after, EventType event, Instant now) {
            return new Update(after.slaClocks(), Map.of());
        }
    };

    /** The clocks of a new feedback. */
    Update onReceive(Feedback received, Instant now);

    /** The clocks after {@code event} changed {@code before} into {@code after} (whose clocks are still the old ones). */
    Update onChange(Feedback before, Feedback after, EventType event, Instant now);

    /**
     * New clocks and what changed about them, for the history event (e.g. {@code sla.RESOLUTION=met}).
     */
    record Update(List<SlaClock> clocks, Map<String, String> details) {
        public static final Update NONE = new Update(List.of(), Map.of());

        public Update {
            clocks = List.copyOf(clocks);
            details = Map.copyOf(Objects.requireNonNull(details, "details"));
        }
    }
}
