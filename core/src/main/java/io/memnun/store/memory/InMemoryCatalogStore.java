package io.memnun.store.memory;

import io.memnun.error.VersionConflictException;
import io.memnun.feedback.TenantId;
import io.memnun.routing.Catalog;
import io.memnun.spi.CatalogStore;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link CatalogStore} in memory. Catalogues are immutable, so readers share them without copying. */
public final class InMemoryCatalogStore implements CatalogStore {
    private final Map<TenantId, Catalog> catalogs = new ConcurrentHashMap<>();

    @Override
    public Catalog catalog(TenantId tenant) {
        return catalogs.getOrDefault(Objects.requireNonNull(tenant, "tenant"), Catalog.empty());
    }

    @Override
    public Catalog replace(TenantId tenant, Catalog catalog, long expectedRevision) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(catalog, "catalog");
        return catalogs.compute(tenant, (t, current) -> {
            long revision = current == null ? 0 : current.revision();
            if (revision != expectedRevision) {
                throw new VersionConflictException("catalog of tenant " + t, expectedRevision, revision);
            }
            return catalog.withRevision(revision + 1);
        });
    }
}
