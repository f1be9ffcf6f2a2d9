package io.memnun.storage.jdbc.internal;

import io.memnun.error.StoreException;
import io.memnun.storage.jdbc.Dialect;
import io.memnun.storage.jdbc.SchemaVersionException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;

/**
 * memnun's schema migrations with Flyway: scripts under {@code db/memnun/<dialect>}, the table prefix substituted
 * for {@code ${prefix}}, and a history table of memnun's own ({@code <prefix>schema_history}) so that the host's
 * own Flyway, if any, never sees memnun's scripts and the other way round.
 */
public final class Migrations {
    private final DataSource dataSource;
    private final Flyway flyway;

    public Migrations(DataSource dataSource, Dialect dialect, Tables tables) {
        this(dataSource, dialect, tables, new String[0]);
    }

    /** With further script locations: how tests play a newer release of memnun against an older schema. */
    public Migrations(DataSource dataSource, Dialect dialect, Tables tables, String... moreLocations) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        String[] locations = new String[moreLocations.length + 1];
        locations[0] = "classpath:db/memnun/" + dialect.folder();
        System.arraycopy(moreLocations, 0, locations, 1, moreLocations.length);
        this.flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations)
                .table(tables.schemaHistory())
                .placeholders(Map.of("prefix", tables.prefix()))
                // schema 13.1 seals the history written before the hash chain, schema 18 seals anew the histories
                // anonymised before the stores did so themselves; both in Java (HistoryChain)
                .javaMigrations(new V13_1__SealExistingHistory(), new V18__ResealAnonymisedHistories())
                // the schema usually holds the host's tables already: start memnun's history there, before V1
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("memnun tables not yet created")
                .load();
    }

    /**
     * Applies pending migrations; returns how many ran. Refuses a schema that a newer memnun migrated (Flyway itself
     * would leave it as it is and report success), so that migrate-on-start does not let older code write to it, and
     * one on which a migration below its version never ran (Flyway would fail on it with its own message).
     */
    public int migrate() {
        MigrationInfoService info = info();
        String found = currentVersion(info);
        String required = requiredVersion(info);
        refuseNewer(info, found, required);
        refuseSkipped(info, found, required);
        try {
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreException("could not migrate memnun's schema: " + e.getMessage(), e);
        }
    }

    /** The applied version, {@code null} when memnun's tables are not there yet. */
    public @Nullable String currentVersion() {
        return currentVersion(info());
    }

    private static @Nullable String currentVersion(MigrationInfoService info) {
        MigrationInfo current = info.current();
        return current == null || current.getVersion() == null || "0".equals(current.getVersion().getVersion())
                ? null : current.getVersion().getVersion();
    }

    /** The version this code's scripts lead to. */
    public String requiredVersion() {
        return requiredVersion(info());
    }

    private static String requiredVersion(MigrationInfoService info) {
        return Arrays.stream(info.all())
                .filter(m -> m.getVersion() != null && m.getState() != MigrationState.FUTURE_SUCCESS
                        && m.getState() != MigrationState.FUTURE_FAILED && m.getType() != null && !m.getType().isBaseline())
                .map(m -> m.getVersion())
                .max(Comparable::compareTo)
                .map(v -> v.getVersion())
                .orElse("0");
    }

    /**
     * Refuses a schema that does not match the code: missing, behind (pending migrations, or one below the applied
     * version that never ran) or ahead (migrations this code does not know, from a newer memnun), or with a failed
     * migration.
     */
    public void check() {
        MigrationInfoService info = info();
        String found = currentVersion(info);
        String required = requiredVersion(info);
        for (MigrationInfo m : info.all()) {
            if (m.getState() == MigrationState.FAILED || m.getState() == MigrationState.FUTURE_FAILED) {
                throw new SchemaVersionException(found, required, "memnun's migration " + m.getVersion() + " ("
                        + m.getDescription() + ") failed earlier; repair the schema before starting");
            }
        }
        if (info.pending().length > 0) {
            throw new SchemaVersionException(found, required, found == null
                    ? "memnun's tables are missing: run JdbcStorage.migrate() or build it with migrateOnStart(true)"
                    : "memnun's schema is at version " + found + " but this code needs version " + required
                            + ": run JdbcStorage.migrate() or build it with migrateOnStart(true)");
        }
        refuseSkipped(info, found, required);
        refuseNewer(info, found, required);
    }

    /** Refuses a schema on which a migration below its version never ran (Flyway calls it ignored). */
    private static void refuseSkipped(MigrationInfoService info, @Nullable String found, String required) {
        for (MigrationInfo m : info.all()) {
            // below the applied version, so Flyway counts it neither as pending nor applies it on migrate
            if (m.getState() == MigrationState.IGNORED) {
                throw new SchemaVersionException(found, required, "memnun's migration " + m.getVersion() + " ("
                        + m.getDescription() + ") never ran on this schema, which is at version " + found
                        + ": the schema lacks what this code needs; apply that migration before starting");
            }
        }
    }

    /** Refuses a schema with migrations this code does not know: a newer memnun's. */
    private static void refuseNewer(MigrationInfoService info, @Nullable String found, String required) {
        for (MigrationInfo m : info.applied()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                throw new SchemaVersionException(found, required, "memnun's schema is at version " + found
                        + ", newer than this code's version " + required + ": upgrade memnun-storage-jdbc");
            }
        }
    }

    /**
     * Flyway's report of the schema, read on one connection of the host's pool. Flyway itself opens a second one
     * while it holds its first, which on a pool of one connection waits until the pool gives up; reading the
     * history takes no lock that would need a connection of its own.
     */
    private MigrationInfoService info() {
        try (Connection c = dataSource.getConnection()) {
            return Flyway.configure(Migrations.class.getClassLoader()).configuration(flyway.getConfiguration())
                    .dataSource(sharing(c)).load().info();
        } catch (SQLException | FlywayException e) {
            throw new StoreException("could not read memnun's schema history: " + e.getMessage(), e);
        }
    }

    /**
     * The host's data source, but handing out {@code c} every time, with a {@code close()} that leaves it open (the
     * caller closes it).
     */
    private DataSource sharing(Connection c) {
        ClassLoader loader = Migrations.class.getClassLoader();
        Connection kept = (Connection) Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                return null;
            }
            return invoke(c, method, args);
        });
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                return kept;
            }
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals") ? proxy == args[0] : invoke(c, method, args);
            }
            return invoke(dataSource, method, args);
        });
    }

    private static @Nullable Object invoke(Object target, Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
