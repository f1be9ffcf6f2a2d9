package io.memnun.survey;

import java.util.Objects;
import java.util.UUID;

/** The internal id of a {@link Invitation}: a time-ordered UUID. */
public record InvitationId(UUID value) {
    public InvitationId {
        Objects.requireNonNull(value, "value");
    }

    public static InvitationId of(UUID value) {
        return new InvitationId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
