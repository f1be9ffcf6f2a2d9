package io.memnun.report;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.SubjectId;
import org.jspecify.annotations.Nullable;

/** What a report groups feedback by. A group's key is the id or code as stored; feedback without one groups under null. */
public enum Dimension {
    SUBJECT,
    LOCATION,
    DEPARTMENT,
    CHANNEL,
    KIND,
    STATUS;

    /** The group {@code f} falls in. */
    public @Nullable String keyOf(Feedback f) {
        return switch (this) {
            case SUBJECT -> f.subject().map(SubjectId::value).orElse(null);
            case LOCATION -> f.location().map(LocationId::value).orElse(null);
            case DEPARTMENT -> f.department().map(DepartmentId::value).orElse(null);
            case CHANNEL -> f.channel().code();
            case KIND -> f.kind().name();
            case STATUS -> f.status().name();
        };
    }
}
