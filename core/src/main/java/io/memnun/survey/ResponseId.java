package io.memnun.survey;

import java.util.Objects;
import java.util.UUID;

/** The internal id of a {@link Response}: a time-ordered UUID. */
public record ResponseId(UUID value) {
    public ResponseId {
        Objects.requireNonNull(value, "value");
    }

    public static ResponseId of(UUID value) {
        return new ResponseId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
