package io.memnun.storage.jdbc.internal;

import static io.memnun.storage.jdbc.internal.Params.getRequiredInstant;
import static io.memnun.storage.jdbc.internal.Params.micros;
import static io.memnun.storage.jdbc.internal.Params.setInstant;

import io.memnun.error.StoreException;
import io.memnun.error.ValidationException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.TenantId;
import io.memnun.routing.ActiveRuleSet;
import io.memnun.routing.RuleSet;
import io.memnun.routing.json.RuleSetJson;
import io.memnun.spi.RuleSetStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RuleSetStore} on memnun's tables: one row per (tenant, version), never changed, with the rule set as a
 * {@link RuleSetJson} document; the highest version is the active one. An activation reads the current version
 * and inserts the next one in one transaction; the primary key (tenant, version) decides between concurrent
 * activations of the same version, so exactly one wins and the others get a {@link VersionConflictException}.
 * Activation instants are kept to the microsecond, like every instant memnun stores. Nothing is cached.
 */
public final class SqlRuleSetStore implements RuleSetStore {
    private final Transactions tx;
    private final SqlDialect dialect;
    private final String selectLatest;
    private final String selectVersion;
    private final String selectCurrentVersion;
    private final String insert;

    public SqlRuleSetStore(Transactions tx, SqlDialect dialect, Tables tables) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        String table = tables.ruleSet();
        this.selectLatest = "SELECT version, rules, activated_at FROM " + table
                + " WHERE tenant = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY";
        this.selectVersion = "SELECT version, rules, activated_at FROM " + table + " WHERE tenant = ? AND version = ?";
        this.selectCurrentVersion = "SELECT MAX(version) FROM " + table + " WHERE tenant = ?";
        this.insert = "INSERT INTO " + table + " (tenant, version, rules, activated_at) VALUES (?, ?, "
                + dialect.jsonParameter() + ", ?)" + dialect.onConflictDoNothing();
    }

    @Override
    public Optional<ActiveRuleSet> active(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return tx.read("read the active rule set of tenant " + tenant, c -> {
            try (PreparedStatement ps = c.prepareStatement(selectLatest)) {
                ps.setString(1, tenant.value());
                return one(tenant, ps);
            }
        });
    }

    @Override
    public Optional<ActiveRuleSet> find(TenantId tenant, long version) {
        Objects.requireNonNull(tenant, "tenant");
        if (version < 1) {
            return Optional.empty();
        }
        return tx.read("read version " + version + " of the rule set of tenant " + tenant, c -> {
            try (PreparedStatement ps = c.prepareStatement(selectVersion)) {
                ps.setString(1, tenant.value());
                ps.setLong(2, version);
                return one(tenant, ps);
            }
        });
    }

    @Override
    public ActiveRuleSet activate(TenantId tenant, RuleSet rules, long expectedVersion, Instant activatedAt) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(activatedAt, "activatedAt");
        String document = RuleSetJson.write(rules);
        ActiveRuleSet next = new ActiveRuleSet(tenant, Math.max(expectedVersion, 0) + 1, rules, micros(activatedAt));
        return tx.write("activate a rule set for tenant " + tenant, c -> {
            long current = currentVersion(c, tenant);
            if (current != expectedVersion) {
                throw conflict(tenant, expectedVersion, current);
            }
            int inserted;
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, tenant.value());
                ps.setLong(2, next.version());
                ps.setString(3, document);
                setInstant(ps, 4, next.activatedAt());
                inserted = insertedRows(ps);
            }
            if (inserted == 0) {
                // another node activated this version since we read; on H2 the failed insert left the
                // transaction usable, on PostgreSQL the insert did nothing
                throw conflict(tenant, expectedVersion, currentVersion(c, tenant));
            }
            return next;
        });
    }

    private static VersionConflictException conflict(TenantId tenant, long expected, long current) {
        return new VersionConflictException("rule set of tenant " + tenant, expected, current);
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

    private long currentVersion(Connection c, TenantId tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(selectCurrentVersion)) {
            ps.setString(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0; // MAX of no rows is NULL, read as 0
            }
        }
    }

    private static Optional<ActiveRuleSet> one(TenantId tenant, PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long version = rs.getLong(1);
            return Optional.of(new ActiveRuleSet(tenant, version, parse(tenant, version, rs.getString(2)),
                    getRequiredInstant(rs, 3)));
        }
    }

    private static RuleSet parse(TenantId tenant, long version, String document) {
        try {
            return RuleSetJson.read(document);
        } catch (ValidationException e) {
            throw new StoreException("version " + version + " of the rule set of tenant " + tenant
                    + " is stored in a form this memnun cannot read: " + JsonValues.problem(e), e);
        }
    }
}
