package io.memnun.routing;

import io.memnun.feedback.TenantId;

/**
 * Where the {@link Router} reads a tenant's catalogue from. Every {@code io.memnun.spi.CatalogStore} is one; the
 * interface lives here so that routing does not depend on the SPI package.
 */
@FunctionalInterface
public interface CatalogSource {
    /** The tenant's current catalogue; {@link Catalog#empty()} for a tenant without one. */
    Catalog catalog(TenantId tenant);
}
