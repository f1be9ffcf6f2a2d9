package io.memnun.survey;

import java.util.Objects;
import java.util.UUID;

/** The internal id of a {@link Comment}: a time-ordered UUID. */
public record CommentId(UUID value) {
    public CommentId {
        Objects.requireNonNull(value, "value");
    }

    public static CommentId of(UUID value) {
        return new CommentId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
