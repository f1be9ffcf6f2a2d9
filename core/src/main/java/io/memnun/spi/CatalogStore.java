package io.memnun.spi;

import io.memnun.error.VersionConflictException;
import io.memnun.feedback.TenantId;
import io.memnun.routing.Catalog;
import io.memnun.routing.CatalogEntry;
import io.memnun.routing.CatalogRef;
import io.memnun.routing.CatalogSource;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where each tenant's {@link Catalog} lives. Implementations need two operations: read the current catalogue
 * and replace it if nobody changed it meanwhile; every change (add, edit, deactivate, import) is built on those
 * by the default methods, so a change is always checked as a whole and applied all or nothing.
 *
 * <p>There is no delete: entries are deactivated, so feedback that refers to them stays readable.
 * Implementations must be thread-safe.
 */
public interface CatalogStore extends CatalogSource {

    /** How often the default methods retry a change that lost a race with another writer. */
    int MAX_ATTEMPTS = 100;

    /** The tenant's catalogue; {@link Catalog#empty()} (revision 0) for a tenant never written. */
    @Override
    Catalog catalog(TenantId tenant);

    /**
     * Stores {@code catalog} as the tenant's catalogue at revision {@code expectedRevision + 1}, if the stored one
     * is still at {@code expectedRevision}.
     *
     * @return the catalogue as stored, with its new revision
     * @throws VersionConflictException if the stored revision is another; nothing was written
     */
    Catalog replace(TenantId tenant, Catalog catalog, long expectedRevision);

    /**
     * Applies {@code change} to the current catalogue and stores the result, retrying on a concurrent change.
     *
     * @throws io.memnun.routing.CatalogValidationException if the result is inconsistent; nothing was written
     */
    default Catalog update(TenantId tenant, UnaryOperator<Catalog> change) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(change, "change");
        VersionConflictException last = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Catalog current = catalog(tenant);
            try {
                return replace(tenant, change.apply(current), current.revision());
            } catch (VersionConflictException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Adds or replaces entries (matched by kind and id), checked together with the rest of the catalogue. */
    default Catalog put(TenantId tenant, CatalogEntry... entries) {
        List<CatalogEntry> list = List.of(entries);
        return update(tenant, c -> c.with(list));
    }

    /** Deactivates an entry: it stays readable but is offered for no new feedback and assigned nothing. */
    default Catalog deactivate(TenantId tenant, CatalogRef ref) {
        return update(tenant, c -> c.withActive(ref, false));
    }

    /** Makes a deactivated entry active again. */
    default Catalog reactivate(TenantId tenant, CatalogRef ref) {
        return update(tenant, c -> c.withActive(ref, true));
    }

    /** Replaces the tenant's whole catalogue with {@code catalog}, e.g. one read from JSON. */
    default Catalog importCatalog(TenantId tenant, Catalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        return update(tenant, c -> catalog);
    }
}
