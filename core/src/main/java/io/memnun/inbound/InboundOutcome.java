package io.memnun.inbound;

import io.memnun.feedback.Feedback;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What {@link InboundProcessor#process} did with one message. */
public sealed interface InboundOutcome {

    /** The message started a new feedback; {@code linkedTo} is the closed feedback it answered, if any. */
    record Created(Feedback feedback, @Nullable Feedback linkedTo) implements InboundOutcome {
        public Created {
            Objects.requireNonNull(feedback, "feedback");
        }
    }

    /** What a reply did to the feedback it answers. */
    enum Effect {
        /** Recorded as a customer message for staff to read. */
        MESSAGE,
        /** The answer to a question staff asked: the feedback is worked on again. */
        RESPONDED,
        /** The customer accepted the resolution: closed as ACCEPTED. */
        ACCEPTED,
        /** The customer rejected the resolution: open again. */
        REJECTED,
        /** A reply to a closed feedback reopened it as an appeal. */
        APPEALED
    }

    /** The message was added to the feedback it answers, with {@code effect}. */
    record Threaded(Feedback feedback, Effect effect) implements InboundOutcome {
        public Threaded {
            Objects.requireNonNull(feedback, "feedback");
            Objects.requireNonNull(effect, "effect");
        }
    }

    /** The message was processed before (read again after a crash, or delivered twice); nothing was written. */
    record AlreadyProcessed(Feedback feedback) implements InboundOutcome {
        public AlreadyProcessed {
            Objects.requireNonNull(feedback, "feedback");
        }
    }

    /** The message was not for a person to read (an auto-reply, a bounce); nothing was written. */
    record Ignored(String reason) implements InboundOutcome {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
