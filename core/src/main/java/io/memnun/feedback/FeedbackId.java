package io.memnun.feedback;

import io.memnun.error.ValidationException;
import java.util.Objects;
import java.util.UUID;

/** The internal, immutable id of a feedback: a time-ordered UUID (version 7). */
public record FeedbackId(UUID value) implements FeedbackKey {
    public FeedbackId {
        Objects.requireNonNull(value, "value");
    }

    public static FeedbackId of(UUID value) {
        return new FeedbackId(value);
    }

    /** Parses the canonical UUID text form. */
    public static FeedbackId parse(String text) {
        try {
            return new FeedbackId(UUID.fromString(Objects.requireNonNull(text, "text").strip()));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("feedbackId", "is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
