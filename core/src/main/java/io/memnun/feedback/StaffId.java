package io.memnun.feedback;

import io.memnun.internal.Checks;

/** A staff member (görevli) from the host's catalogue or user directory. Any single-line text of up to 64 characters the host uses as a stable id. */
public record StaffId(String value) {
    public StaffId {
        Checks.code(value, "staffId", 64);
    }

    public static StaffId of(String value) {
        return new StaffId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
