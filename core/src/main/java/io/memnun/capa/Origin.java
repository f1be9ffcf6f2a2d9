package io.memnun.capa;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.SubjectId;
import io.memnun.internal.Checks;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a corrective action was opened: one or many feedbacks, a subject's trend, or on its own (an audit, an idea).
 *
 * @param type which
 * @param feedback the feedbacks, for {@link Type#FEEDBACK}; empty otherwise
 * @param subject the subject whose complaints rose, for {@link Type#TREND}; may be given for the others
 */
public record Origin(Type type, List<FeedbackId> feedback, @Nullable SubjectId subject) {
    public enum Type {
        FEEDBACK,
        TREND,
        STANDALONE
    }

    public Origin {
        Objects.requireNonNull(type, "type");
        feedback = List.copyOf(feedback);
        Checks.argument(type == Type.FEEDBACK ? !feedback.isEmpty() : feedback.isEmpty(), "origin.feedback",
                type == Type.FEEDBACK ? "name at least one feedback" : type + " names no feedback");
        Checks.argument(type != Type.TREND || subject != null, "origin.subject", "a trend is a subject's trend: name it");
    }

    public static Origin feedback(FeedbackId... ids) {
        return new Origin(Type.FEEDBACK, List.of(ids), null);
    }

    public static Origin trend(SubjectId subject) {
        return new Origin(Type.TREND, List.of(), subject);
    }

    public static Origin standalone() {
        return new Origin(Type.STANDALONE, List.of(), null);
    }
}
