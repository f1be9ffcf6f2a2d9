package io.memnun.feedback;

import io.memnun.internal.Checks;

/** A user-defined feedback type (geri bildirim tipi) from the catalogue. Any single-line text of up to 64 characters the host uses as a stable id. */
public record FeedbackTypeId(String value) {
    public FeedbackTypeId {
        Checks.code(value, "feedbackTypeId", 64);
    }

    public static FeedbackTypeId of(String value) {
        return new FeedbackTypeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
