package io.memnun.storage.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Claims rows for one worker among several nodes sharing a database: the building block for work that must run
 * once, such as firing an SLA escalation or sending an outbox message. A claim is a lease: the row's owner column
 * is set to the worker and its until column to the lease's end; a worker that dies loses its rows when the lease
 * runs out, and another claims them again.
 *
 * <p>One claim is one short transaction. It selects due rows whose lease is free or over, then takes each with a
 * conditional {@code UPDATE ... WHERE <key> = ? AND (<due>) AND (<until> IS NULL OR <until> <= ?)} and keeps only those it
 * updated: two workers can never both take a row, on either dialect. On PostgreSQL the select also locks its rows
 * with {@code FOR UPDATE SKIP LOCKED}, so concurrent workers pass over each other's candidates instead of waiting for
 * them and then losing the update; on H2 the conditional update alone settles the race (the loser waits for the
 * winner's commit, finds the lease taken and skips the row).
 *
 * <p>Usage by a store: a table with a key column, a {@code claimed_by varchar} and a {@code claimed_until} timestamp
 * column (indexed together with what makes a row due), and
 * <pre>{@code
 * RowClaimer claimer = new RowClaimer(tx, dialect, new RowClaimer.Table(tables.outbox(), "id", "claimed_by", "claimed_until"));
 * List<UUID> mine = claimer.claim(UUID.class, "tenant = ? AND due_at <= ?", List.of(tenant, now), "due_at", 50, node, now, lease);
 * ... work on them, then delete or mark each done, or claimer.release(key, node) to hand one back
 * }</pre>
 */
public final class RowClaimer {
    private final Transactions tx;
    private final SqlDialect dialect;
    private final Table table;

    /**
     * The claimable table and its columns; names come from code, never from input, as they are put into SQL.
     *
     * @param name the table, with the prefix
     * @param key the key column
     * @param owner the column holding the claiming worker's name
     * @param until the timestamp column holding the end of the lease
     */
    public record Table(String name, String key, String owner, String until) {
        public Table {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(until, "until");
        }
    }

    public RowClaimer(Transactions tx, SqlDialect dialect, Table table) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Claims up to {@code limit} rows that match {@code dueCondition} and are not leased to anyone at {@code now}.
     *
     * @param keyType the Java type of the key column
     * @param dueCondition an SQL condition on the table's columns with {@code ?} for {@code dueParameters}
     * @param orderBy the SQL order in which due rows are taken, e.g. {@code "due_at, id"}
     * @param owner the claiming worker, e.g. a node name and thread
     * @param lease how long the claim holds
     * @return the keys now leased to {@code owner} until {@code now + lease}, in {@code orderBy} order
     */
    public <K> List<K> claim(Class<K> keyType, String dueCondition, List<?> dueParameters, String orderBy, int limit,
            String owner, Instant now, Duration lease) {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(owner, "owner");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        String free = "(" + table.until() + " IS NULL OR " + table.until() + " <= ?)";
        String select = "SELECT " + table.key() + " FROM " + table.name() + " WHERE (" + dueCondition + ") AND " + free
                + " ORDER BY " + orderBy + " LIMIT ?" + dialect.skipLocked();
        // still due, too: on H2 the select locks nothing, and another node may have claimed a row since, done its work
        // (so that the row is no longer due) and handed the lease back
        String update = "UPDATE " + table.name() + " SET " + table.owner() + " = ?, " + table.until() + " = ? WHERE "
                + table.key() + " = ? AND (" + dueCondition + ") AND " + free;
        Instant until = now.plus(lease);
        return tx.write("claim rows of " + table.name(), c -> {
            List<K> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select)) {
                int i = 1;
                for (Object p : dueParameters) {
                    Params.set(ps, i++, p);
                }
                Params.set(ps, i++, now);
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getObject(1, keyType));
                    }
                }
            }
            if (candidates.isEmpty()) {
                return List.of();
            }
            List<K> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(update)) {
                for (K key : candidates) {
                    ps.setString(1, owner);
                    Params.setInstant(ps, 2, until);
                    Params.set(ps, 3, key);
                    int i = 4;
                    for (Object p : dueParameters) {
                        Params.set(ps, i++, p);
                    }
                    Params.setInstant(ps, i, now);
                    // one at a time: a batch's update counts are not reported reliably by every driver
                    if (ps.executeUpdate() == 1) {
                        claimed.add(key);
                    }
                }
            }
            return List.copyOf(claimed);
        });
    }

    /** Hands a row back before its lease ends; true if {@code owner} held it. */
    public boolean release(Object key, String owner) {
        String sql = "UPDATE " + table.name() + " SET " + table.owner() + " = NULL, " + table.until() + " = NULL WHERE "
                + table.key() + " = ? AND " + table.owner() + " = ?";
        return tx.write("release a row of " + table.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Params.set(ps, 1, key);
                ps.setString(2, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
