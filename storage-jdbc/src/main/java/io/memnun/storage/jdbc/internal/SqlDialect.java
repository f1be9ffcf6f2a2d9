package io.memnun.storage.jdbc.internal;

import io.memnun.storage.jdbc.Dialect;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Every difference between H2 and PostgreSQL that the stores' SQL meets, in one place. The column types differ
 * only in the migration scripts ({@code db/memnun/h2}, {@code db/memnun/postgresql}).
 */
public abstract class SqlDialect {
    private static final SqlDialect H2 = new H2();
    private static final SqlDialect POSTGRESQL = new Postgres();

    public static SqlDialect of(Dialect dialect) {
        return switch (dialect) {
            case H2 -> H2;
            case POSTGRESQL -> POSTGRESQL;
        };
    }

    public abstract Dialect dialect();

    /**
     * An expression for an event's chain hash: SHA-256 over {@code previousHash} (a scalar subquery; 32 zero bytes
     * when it finds nothing, as for the receipt) followed by one binary parameter, the event's content digest. See
     * {@code io.memnun.feedback.HistoryChain}: computing this step in the statement that inserts the event keeps a
     * command one statement, with no read of the previous hash first.
     */
    public abstract String chainHash(String previousHash);

    /** The placeholder of a JSON column's value bound as a string. */
    public abstract String jsonParameter();

    /**
     * One statement that adds n to the sequence row of (tenant, prefix, year), creating it at n, and returns the
     * new value (the last of the n numbers taken); parameters: tenant, prefix, year, n.
     */
    public abstract String nextSequenceValue(String table);

    /**
     * The keyset condition for paging after (received_at, id) in ascending or descending order; its parameters
     * are laid out as {@link #keysetParameters()} says.
     */
    public abstract String keysetAfter(boolean ascending);

    /** The parameters {@link #keysetAfter} takes, in order. */
    public abstract KeysetParameters keysetParameters();

    /**
     * What follows a {@code SELECT} of claim candidates: on PostgreSQL rows locked by another claimer are skipped
     * instead of waited for; on H2 nothing (the conditional {@code UPDATE} of the claim settles races).
     */
    public abstract String skipLocked();

    /**
     * One statement that runs {@code write} (an INSERT or UPDATE of one feedback row) and, for the row it wrote,
     * inserts one history event: {@code eventInsert} ({@code INSERT INTO t (cols)}) of the row's tenant and id
     * followed by {@code eventValues}. If the write matched no row, no event is inserted. A store call is then one
     * statement, atomic without a transaction of its own: one round trip, one commit. The parameters: with
     * {@link #eventParametersFirst()} the event's, then the write's; otherwise the write's, then the event's.
     */
    public abstract String writeWithEvent(String write, String eventInsert, String eventValues);

    /** True when the event's parameters come before the write's in {@link #writeWithEvent}. */
    public abstract boolean eventParametersFirst();

    /**
     * What follows an {@code INSERT ... VALUES} so that a row whose key exists is skipped instead of failing: on
     * PostgreSQL {@code ON CONFLICT DO NOTHING}, since a failed statement would abort a host's transaction; on H2
     * nothing, where the statement fails with a unique violation ({@link #isUniqueViolation}) that leaves the
     * transaction usable. Callers count both as "no row inserted".
     */
    public abstract String onConflictDoNothing();

    /**
     * An insert of {@code columns} (all as plain {@code ?} parameters, in that order) that replaces the row whose
     * {@code keys} match, in one atomic statement: {@code ON CONFLICT ... DO UPDATE} on PostgreSQL, {@code MERGE ... KEY}
     * on H2.
     */
    public abstract String upsert(String table, java.util.List<String> keys, java.util.List<String> columns);

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /**
     * A timestamp column as whole milliseconds since the epoch (BIGINT), for percentiles over instants: H2's
     * {@code PERCENTILE_CONT} fails on some DOUBLE values (it converts them to a NUMERIC of negative scale), so the
     * percentile expressions are BIGINT on both databases.
     */
    public String epochMillis(String column) {
        return "CAST(FLOOR(EXTRACT(EPOCH FROM " + column + ") * 1000) AS BIGINT)";
    }

    /** The instant {@code column} minus a number of milliseconds bound as one BIGINT parameter. */
    public abstract String minusMillis(String column);

    /**
     * A text column ordered by its characters' codes, as Java's {@code String.compareTo} orders them, whatever the
     * database's collation: ties at a {@code LIMIT} then fall the same way on every store.
     */
    public abstract String binaryOrder(String column);

    /**
     * A condition that the history event details in {@code column} (a flat JSON object of strings) hold {@code key}
     * with a value that begins with {@code prefix}. Both are constants of memnun's own (detail keys and the texts the
     * SLA rules write), written into the statement as literals: on PostgreSQL the key's value is taken from the
     * {@code jsonb}; H2 keeps the JSON text as written, with no space around the colon and a quote inside a key or a
     * value escaped, so {@code "key":"prefix} right after the object's opening brace or a comma can only match the key
     * itself (not one that ends in it after a quote, {@code "note\"key":"prefix}, which a host's detail may be).
     */
    public abstract String detailStartsWith(String column, String key, String prefix);

    /**
     * What follows a table's name in {@code FROM} for a read that must go through {@code index}. On H2 a hint: H2 costs
     * an index whose rows it must look up by the index columns the conditions use, less those they leave unused, so
     * the status index {@code (status, tenant, department_id, subject_id)} under {@code status = 'X' AND tenant = ?}
     * ties with any two-column index that starts with the tenant, and H2 takes the first of those, reading every row
     * of the tenant. On PostgreSQL nothing: it plans by its statistics.
     */
    public abstract String useIndex(String index);

    /** {@code text} as a SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code text} with LIKE's wildcards escaped by a backslash, for a pattern with {@code ESCAPE '\'}. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** True when {@code e} reports a unique or primary key violation (23505 on both databases). */
    public boolean isUniqueViolation(SQLException e) {
        return SqlFailure.of(e) == SqlFailure.UNIQUE_VIOLATION;
    }

    /** The text of {@code e} and its causes in lower case, where the violated constraint's name appears. */
    public static String messages(SQLException e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** The parameter layout of a keyset condition. */
    public enum KeysetParameters {
        /** {@code (received_at, id) > (?, ?)}. */
        TIME_ID,
        /** {@code received_at > ? OR (received_at = ? AND id > ?)}. */
        TIME_TIME_ID
    }

    private static final class H2 extends SqlDialect {
        @Override
        public Dialect dialect() {
            return Dialect.H2;
        }

        @Override
        public String chainHash(String previousHash) {
            return "HASH('SHA-256', COALESCE(" + previousHash + ", X'" + "00".repeat(32) + "') || CAST(? AS VARBINARY(32)))";
        }

        @Override
        public String jsonParameter() {
            return "?";
        }

        @Override
        public String nextSequenceValue(String table) {
            // a data change delta table makes the MERGE and the read of its result one statement
            return "SELECT last_value FROM FINAL TABLE (MERGE INTO " + table + " t USING (VALUES (CAST(? AS VARCHAR(64)),"
                    + " CAST(? AS VARCHAR(5)), CAST(? AS INTEGER), CAST(? AS BIGINT))) s(tenant, prefix, ref_year, n)"
                    + " ON t.tenant = s.tenant AND t.prefix = s.prefix AND t.ref_year = s.ref_year"
                    + " WHEN MATCHED THEN UPDATE SET last_value = t.last_value + s.n"
                    + " WHEN NOT MATCHED THEN INSERT (tenant, prefix, ref_year, last_value) VALUES (s.tenant, s.prefix, s.ref_year, s.n))";
        }

        @Override
        public String keysetAfter(boolean ascending) {
            // spelled out: H2 does not use an index for a row value comparison
            String op = ascending ? ">" : "<";
            return "(received_at " + op + " ? OR (received_at = ? AND id " + op + " ?))";
        }

        @Override
        public KeysetParameters keysetParameters() {
            return KeysetParameters.TIME_TIME_ID;
        }

        @Override
        public String skipLocked() {
            return "";
        }

        @Override
        public String onConflictDoNothing() {
            return "";
        }

        @Override
        public String upsert(String table, java.util.List<String> keys, java.util.List<String> columns) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", keys) + ") VALUES ("
                    + placeholders(columns.size()) + ")";
        }

        @Override
        public String writeWithEvent(String write, String eventInsert, String eventValues) {
            // a data change delta table: the rows the write left, as a table to select from
            return eventInsert + " SELECT w.tenant, w.id, " + eventValues + " FROM FINAL TABLE (" + write + ") w";
        }

        @Override
        public boolean eventParametersFirst() {
            return true;
        }

        @Override
        public String minusMillis(String column) {
            return "DATEADD(MILLISECOND, -CAST(? AS BIGINT), " + column + ")";
        }

        @Override
        public String binaryOrder(String column) {
            // H2 compares strings by their UTF-16 code units unless a collation is set for the database
            return column;
        }

        @Override
        public String useIndex(String index) {
            return " USE INDEX (" + index + ")";
        }

        @Override
        public String detailStartsWith(String column, String key, String prefix) {
            // the JSON text as memnun writes it, which H2 stores as it is; H2 has no operator to read a member. The key is
            // the first member or follows a comma: an unescaped quote after either opens a key
            String member = "\"" + likeEscaped(key) + "\":\"" + likeEscaped(prefix) + "%";
            return "(" + column + " LIKE " + literal("{" + member) + " ESCAPE '\\' OR " + column + " LIKE " + literal("%," + member)
                    + " ESCAPE '\\')";
        }
    }

    private static final class Postgres extends SqlDialect {
        @Override
        public Dialect dialect() {
            return Dialect.POSTGRESQL;
        }

        @Override
        public String chainHash(String previousHash) {
            return "sha256(COALESCE(" + previousHash + ", decode(repeat('00', 32), 'hex')) || CAST(? AS bytea))";
        }

        @Override
        public String jsonParameter() {
            return "CAST(? AS jsonb)";
        }

        @Override
        public String nextSequenceValue(String table) {
            // atomic on any number of nodes: the conflicting insert waits for the row lock, then increments
            return "INSERT INTO " + table + " AS t (tenant, prefix, ref_year, last_value) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (tenant, prefix, ref_year) DO UPDATE SET last_value = t.last_value + EXCLUDED.last_value"
                    + " RETURNING t.last_value";
        }

        @Override
        public String keysetAfter(boolean ascending) {
            return "(received_at, id) " + (ascending ? ">" : "<") + " (?, ?)";
        }

        @Override
        public KeysetParameters keysetParameters() {
            return KeysetParameters.TIME_ID;
        }

        @Override
        public String skipLocked() {
            return " FOR UPDATE SKIP LOCKED";
        }

        @Override
        public String onConflictDoNothing() {
            return " ON CONFLICT DO NOTHING";
        }

        @Override
        public String upsert(String table, java.util.List<String> keys, java.util.List<String> columns) {
            java.util.List<String> set = columns.stream().filter(c -> !keys.contains(c)).map(c -> c + " = EXCLUDED." + c).toList();
            return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + placeholders(columns.size())
                    + ") ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET " + String.join(", ", set);
        }

        @Override
        public String writeWithEvent(String write, String eventInsert, String eventValues) {
            // a data-modifying common table expression
            return "WITH w AS (" + write + " RETURNING tenant, id) " + eventInsert + " SELECT w.tenant, w.id, " + eventValues + " FROM w";
        }

        @Override
        public boolean eventParametersFirst() {
            return false;
        }

        @Override
        public String minusMillis(String column) {
            return "(" + column + " - CAST(? AS BIGINT) * INTERVAL '1 millisecond')";
        }

        @Override
        public String binaryOrder(String column) {
            return column + " COLLATE \"C\"";
        }

        @Override
        public String useIndex(String index) {
            return "";
        }

        @Override
        public String detailStartsWith(String column, String key, String prefix) {
            return "(" + column + " ->> " + literal(key) + ") LIKE " + literal(likeEscaped(prefix) + "%") + " ESCAPE '\\'";
        }
    }
}
