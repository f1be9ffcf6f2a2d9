package io.memnun.routing;

import io.memnun.feedback.Channel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.internal.Checks;
import java.util.Objects;

/** Names one catalogue entry by its kind and id, e.g. {@code CatalogRef.of(SubjectId.of("housekeeping"))}. */
public record CatalogRef(CatalogEntry.Kind kind, String id) {
    public CatalogRef {
        Objects.requireNonNull(kind, "kind");
        Checks.code(id, "id", 64);
    }

    public static CatalogRef of(FeedbackTypeId id) {
        return new CatalogRef(CatalogEntry.Kind.TYPE, id.value());
    }

    public static CatalogRef of(SubjectId id) {
        return new CatalogRef(CatalogEntry.Kind.SUBJECT, id.value());
    }

    public static CatalogRef of(LocationId id) {
        return new CatalogRef(CatalogEntry.Kind.LOCATION, id.value());
    }

    public static CatalogRef of(DepartmentId id) {
        return new CatalogRef(CatalogEntry.Kind.DEPARTMENT, id.value());
    }

    public static CatalogRef of(StaffId id) {
        return new CatalogRef(CatalogEntry.Kind.STAFF, id.value());
    }

    public static CatalogRef of(Channel channel) {
        return new CatalogRef(CatalogEntry.Kind.CHANNEL, channel.code());
    }

    @Override
    public String toString() {
        return kind.plural() + "[" + id + "]";
    }
}
