package io.memnun.storage.jdbc.internal;

import io.memnun.error.StoreException;
import io.memnun.error.ValidationException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.TenantId;
import io.memnun.routing.Catalog;
import io.memnun.routing.json.CatalogJson;
import io.memnun.spi.CatalogStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * {@link CatalogStore} on memnun's tables: one row per tenant holding the catalogue's revision and the whole
 * catalogue as a {@link CatalogJson} document. A catalogue is always read, checked and changed as a whole, so a row
 * per entry would buy nothing but joins. A change is one statement guarded by the revision ({@code UPDATE ... WHERE
 * tenant = ? AND revision = ?}; the first one an insert that skips an existing row), so of two nodes changing the
 * same catalogue one wins and the other gets a {@link VersionConflictException}, which the SPI's default methods
 * answer by reading again and retrying. Nothing is cached: every {@link #catalog} reads the database, so a change on
 * one node is seen by the next call on any other.
 */
public final class SqlCatalogStore implements CatalogStore {
    private final Transactions tx;
    private final SqlDialect dialect;
    private final String select;
    private final String selectRevision;
    private final String insert;
    private final String update;

    public SqlCatalogStore(Transactions tx, SqlDialect dialect, Tables tables) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        String table = tables.catalog();
        this.select = "SELECT revision, document FROM " + table + " WHERE tenant = ?";
        this.selectRevision = "SELECT revision FROM " + table + " WHERE tenant = ?";
        this.insert = "INSERT INTO " + table + " (tenant, revision, document) VALUES (?, 1, " + dialect.jsonParameter() + ")"
                + dialect.onConflictDoNothing();
        this.update = "UPDATE " + table + " SET revision = revision + 1, document = " + dialect.jsonParameter()
                + " WHERE tenant = ? AND revision = ?";
    }

    @Override
    public Catalog catalog(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return tx.read("read the catalogue of tenant " + tenant, c -> {
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, tenant.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Catalog.empty();
                    }
                    long revision = rs.getLong(1);
                    return parse(tenant, rs.getString(2), revision);
                }
            }
        });
    }

    @Override
    public Catalog replace(TenantId tenant, Catalog catalog, long expectedRevision) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(catalog, "catalog");
        String document = CatalogJson.write(catalog);
        return tx.statement("replace the catalogue of tenant " + tenant, c -> {
            int written;
            if (expectedRevision == 0) {
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    ps.setString(1, tenant.value());
                    ps.setString(2, document);
                    written = insertedRows(ps);
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(update)) {
                    ps.setString(1, document);
                    ps.setString(2, tenant.value());
                    ps.setLong(3, expectedRevision);
                    written = ps.executeUpdate();
                }
            }
            if (written == 0) {
                throw new VersionConflictException("catalog of tenant " + tenant, expectedRevision, revision(c, tenant));
            }
            return catalog.withRevision(expectedRevision + 1);
        });
    }

    private int insertedRows(PreparedStatement ps) throws SQLException {
        try {
            return ps.executeUpdate();
        } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)) {
                return 0;
            }
            throw e;
        }
    }

    private long revision(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(selectRevision)) {
            ps.setString(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static Catalog parse(TenantId tenant, String document, long revision) {
        try {
            return CatalogJson.read(document).withRevision(revision);
        } catch (ValidationException e) {
            throw new StoreException("the stored catalogue of tenant " + tenant + " (revision " + revision
                    + ") is not one this memnun can read: " + JsonValues.problem(e), e);
        }
    }
}
