package io.memnun.routing;

import io.memnun.feedback.Priority;
import io.memnun.internal.Checks;
import java.util.Objects;

/** How a rule changes the priority a feedback was received with. */
public sealed interface PriorityChange {

    /** The priority after the change. */
    Priority apply(Priority received);

    /** Set this priority. */
    record SetTo(Priority priority) implements PriorityChange {
        public SetTo {
            Objects.requireNonNull(priority, "priority");
        }

        @Override
        public Priority apply(Priority received) {
            return priority;
        }
    }

    /** Make it {@code levels} steps more urgent, stopping at the most urgent. */
    record Raise(int levels) implements PriorityChange {
        public Raise {
            Checks.argument(levels >= 1 && levels < Priority.values().length, "levels",
                    "must be between 1 and " + (Priority.values().length - 1) + ", was " + levels);
        }

        @Override
        public Priority apply(Priority received) {
            return Priority.values()[Math.max(0, received.ordinal() - levels)];
        }
    }

    static PriorityChange setTo(Priority priority) {
        return new SetTo(priority);
    }

    static PriorityChange raise(int levels) {
        return new Raise(levels);
    }
}
