package io.memnun.feedback;

import io.memnun.internal.Checks;

/** A subject or category (konu başlığı) from the catalogue. Any single-line text of up to 64 characters the host uses as a stable id. */
public record SubjectId(String value) {
    public SubjectId {
        Checks.code(value, "subjectId", 64);
    }

    public static SubjectId of(String value) {
        return new SubjectId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
