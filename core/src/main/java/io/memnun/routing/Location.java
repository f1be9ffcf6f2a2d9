package io.memnun.routing;

import io.memnun.error.ValidationException;
import io.memnun.feedback.LocationId;
import io.memnun.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A place where service is given (konum, şube, satış yeri) in the tenant's location tree: a chain, a hotel, an
 * outlet, a point of sale. A rule on a location also matches every location below it.
 *
 * @param parent the location this one belongs to; {@code null} at the top
 * @param calendar the name of the business calendar whose opening hours apply here; {@code null} to use the
 *     parent's (see {@link Catalog#calendarOf})
 */
public record Location(LocationId id, @Nullable LocationId parent, LocalizedText name, @Nullable String calendar, boolean active)
        implements CatalogEntry {
    public Location {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.equals(parent)) {
            throw new ValidationException("parent", "location " + id + " cannot be its own parent");
        }
        calendar = calendar == null ? null : Checks.code(calendar, "calendar", 64);
    }

    /** An active top-level location with its own calendar. */
    public static Location of(LocationId id, LocalizedText name, String calendar) {
        return new Location(id, null, name, calendar, true);
    }

    /** An active location under {@code parent}; {@code calendar} {@code null} uses the parent's. */
    public static Location of(LocationId id, LocationId parent, LocalizedText name, @Nullable String calendar) {
        return new Location(id, Objects.requireNonNull(parent, "parent"), name, calendar, true);
    }

    @Override
    public Kind kind() {
        return Kind.LOCATION;
    }

    @Override
    public String key() {
        return id.value();
    }

    @Override
    public Location withActive(boolean active) {
        return new Location(id, parent, name, calendar, active);
    }
}
