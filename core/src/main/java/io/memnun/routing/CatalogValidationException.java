package io.memnun.routing;

import io.memnun.error.ValidationException;

/**
 * A catalogue that would be inconsistent: a parent that does not exist, a cycle in a tree, a staff member in an
 * unknown department. {@link #field()} is the entry's path, e.g. {@code subjects[room-cleanliness].parent}.
 */
public class CatalogValidationException extends ValidationException {
    private static final long serialVersionUID = 1L;

    private final CatalogRef entry;
    private final String property;

    public CatalogValidationException(CatalogRef entry, String property, String problem) {
        super(entry + "." + property, problem);
        this.entry = entry;
        this.property = property;
    }

    /** The entry at fault. */
    public CatalogRef entry() {
        return entry;
    }

    /** The entry's property at fault, e.g. {@code parent}. */
    public String property() {
        return property;
    }
}
