package io.memnun.capa;

import java.util.Objects;
import java.util.UUID;

/** The id of a corrective action: a time-ordered UUID. */
public record CapaId(UUID value) {
    public CapaId {
        Objects.requireNonNull(value, "value");
    }

    public static CapaId of(UUID value) {
        return new CapaId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
