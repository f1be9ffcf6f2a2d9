package io.memnun.feedback;

import io.memnun.internal.Checks;

/** A department or unit (departman, birim) from the host's catalogue. Any single-line text of up to 64 characters the host uses as a stable id. */
public record DepartmentId(String value) {
    public DepartmentId {
        Checks.code(value, "departmentId", 64);
    }

    public static DepartmentId of(String value) {
        return new DepartmentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
