package io.memnun.routing;

import io.memnun.error.ValidationException;
import io.memnun.feedback.SubjectId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A subject or category (konu başlığı) in the tenant's subject tree, e.g. "Room cleanliness" under
 * "Housekeeping". A rule on a subject also matches every subject below it.
 *
 * @param parent the subject this one sits under; {@code null} for a top-level subject
 */
public record Subject(SubjectId id, @Nullable SubjectId parent, LocalizedText name, boolean active) implements CatalogEntry {
    public Subject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.equals(parent)) {
            throw new ValidationException("parent", "subject " + id + " cannot be its own parent");
        }
    }

    /** An active top-level subject. */
    public static Subject of(SubjectId id, LocalizedText name) {
        return new Subject(id, null, name, true);
    }

    /** An active subject under {@code parent}. */
    public static Subject of(SubjectId id, SubjectId parent, LocalizedText name) {
        return new Subject(id, Objects.requireNonNull(parent, "parent"), name, true);
    }

    @Override
    public Kind kind() {
        return Kind.SUBJECT;
    }

    @Override
    public String key() {
        return id.value();
    }

    @Override
    public Subject withActive(boolean active) {
        return new Subject(id, parent, name, active);
    }
}
