package io.memnun.routing;

import io.memnun.feedback.FeedbackTypeId;
import java.util.Objects;

/** A user-defined feedback type (geri bildirim tipi), e.g. "Hizmet kalitesi / Service quality". */
public record FeedbackType(FeedbackTypeId id, LocalizedText name, boolean active) implements CatalogEntry {
    public FeedbackType {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /** An active type. */
    public static FeedbackType of(FeedbackTypeId id, LocalizedText name) {
        return new FeedbackType(id, name, true);
    }

    @Override
    public Kind kind() {
        return Kind.TYPE;
    }

    @Override
    public String key() {
        return id.value();
    }

    @Override
    public FeedbackType withActive(boolean active) {
        return new FeedbackType(id, name, active);
    }
}
