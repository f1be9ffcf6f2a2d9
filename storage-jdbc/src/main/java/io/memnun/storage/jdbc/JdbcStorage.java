package io.memnun.storage.jdbc;

import io.memnun.error.StoreException;
import io.memnun.error.ValidationException;
import io.memnun.spi.CatalogStore;
import io.memnun.spi.RuleSetStore;
import io.memnun.spi.AttachmentStore;
import io.memnun.spi.PrivacyStore;
import io.memnun.spi.TrackingTokenStore;
import io.memnun.spi.OutboxStore;
import io.memnun.storage.jdbc.internal.Migrations;
import io.memnun.storage.jdbc.internal.SqlCatalogStore;
import io.memnun.storage.jdbc.internal.SqlDialect;
import io.memnun.spi.CapaStore;
import io.memnun.spi.ReportStore;
import io.memnun.spi.SurveyStore;
import io.memnun.storage.jdbc.internal.SqlAttachmentStore;
import io.memnun.storage.jdbc.internal.SqlPrivacyStore;
import io.memnun.storage.jdbc.internal.SqlTrackingTokenStore;
import io.memnun.storage.jdbc.internal.SqlCapaStore;
import io.memnun.storage.jdbc.internal.SqlReportStore;
import io.memnun.storage.jdbc.internal.SqlFeedbackStore;
import io.memnun.storage.jdbc.internal.SqlRuleSetStore;
import io.memnun.storage.jdbc.internal.SqlSurveyStore;
import io.memnun.storage.jdbc.internal.SqlOutboxStore;
import io.memnun.storage.jdbc.internal.Tables;
import io.memnun.storage.jdbc.internal.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * memnun's storage in a host's database: the schema and the stores on it. Build one per data source and share
 * it; it is thread-safe and holds no connection between calls.
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.builder()
 *         .dataSource(dataSource)          // the host's pool; memnun borrows a connection per call
 *         .tablePrefix("memnun_")          // the default
 *         .migrateOnStart(true)            // or call storage.migrate() from the host's deployment
 *         .build();
 * FeedbackDesk desk = FeedbackDesk.builder().store(storage.feedbackStore()).build();
 * }</pre>
 *
 * <p>{@link Builder#build()} connects once to detect the dialect and then migrates the schema or, with
 * migrate-on-start off (the default), checks that it matches this code and refuses to start with a
 * {@link SchemaVersionException} when it does not.
 */
public final class JdbcStorage implements AutoCloseable {
    /** How many reference numbers a storage takes from the database at a time unless {@link Builder#referenceBlock} says otherwise. */
    public static final int DEFAULT_REFERENCE_BLOCK = 20;

    private final Dialect dialect;
    private final Tables tables;
    private final Transactions transactions;
    private final Migrations migrations;
    private final SqlFeedbackStore feedbackStore;
    private final SqlCatalogStore catalogStore;
    private final SqlRuleSetStore ruleSetStore;
    private final SqlSurveyStore surveyStore;
    private final SqlCapaStore capaStore;
    private final SqlReportStore reportStore;
    private final SqlOutboxStore outboxStore;
    private final SqlAttachmentStore attachmentStore;
    private final SqlTrackingTokenStore trackingTokenStore;
    private final SqlPrivacyStore privacyStore;

    private JdbcStorage(Builder b, Dialect dialect) {
        this.dialect = dialect;
        this.tables = new Tables(b.tablePrefix);
        this.transactions = new Transactions(Objects.requireNonNull(b.dataSource), b.connectionProvider, dialect == Dialect.POSTGRESQL);
        this.migrations = new Migrations(b.dataSource, dialect, tables);
        SqlDialect sql = SqlDialect.of(dialect);
        this.outboxStore = new SqlOutboxStore(transactions, sql, tables);
        this.attachmentStore = new SqlAttachmentStore(transactions, tables);
        this.feedbackStore = new SqlFeedbackStore(transactions, sql, tables, outboxStore, b.referenceBlock);
        this.catalogStore = new SqlCatalogStore(transactions, sql, tables);
        this.ruleSetStore = new SqlRuleSetStore(transactions, sql, tables);
        this.surveyStore = new SqlSurveyStore(transactions, sql, tables, outboxStore);
        this.capaStore = new SqlCapaStore(transactions, sql, tables, outboxStore);
        this.trackingTokenStore = new SqlTrackingTokenStore(transactions, sql, tables);
        this.privacyStore = new SqlPrivacyStore(transactions, sql, tables);
        this.reportStore = new SqlReportStore(transactions, sql, tables);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The database's dialect. */
    public Dialect dialect() {
        return dialect;
    }

    /** The prefix of memnun's table names. */
    public String tablePrefix() {
        return tables.prefix();
    }

    /** The feedback store, which also issues reference numbers. */
    public JdbcFeedbackStore feedbackStore() {
        return feedbackStore;
    }

    /**
     * Gives the reference numbers taken in a block and not issued back to the database (see
     * {@link Builder#referenceBlock}), so that the next start goes on without a gap; call it when the application
     * stops. The storage stays usable (later numbers are drawn one at a time) and the data source stays open: it
     * is the host's.
     *
     * @throws StoreException if the database cannot be reached (the numbers then stay unissued)
     */
    @Override
    public void close() {
        feedbackStore.releaseReferenceBlocks();
    }

    /** The store of survey versions, invitations, responses and comments, for {@code SurveyDesk.builder(desk).store(...)}. */
    public SurveyStore surveyStore() {
        return surveyStore;
    }

    /**
     * The report queries as SQL aggregates over the feedback store's tables, for {@code Reports.builder(...)}; see
     * {@code docs/reports.md}.
     */
    public ReportStore reportStore() {
        return reportStore;
    }

    /** The store of corrective and preventive actions and their histories, for {@code CapaDesk.builder(desk).store(...)}. */
    public CapaStore capaStore() {
        return capaStore;
    }

    /**
     * The tenants' routing catalogues, one row per tenant, changed by compare-and-set on its revision; for
     * {@code Router.builder().catalogs(...)}.
     */
    public CatalogStore catalogStore() {
        return catalogStore;
    }

    /** The tenants' routing rule set versions, one row per activation; for {@code Router.builder().ruleSets(...)}. */
    public RuleSetStore ruleSetStore() {
        return ruleSetStore;
    }

    /**
     * The outbox of notifications, which the {@link #feedbackStore() feedback store} writes in the same transaction
     * as the change that caused them; give it to the {@code NotificationDispatcher} (the desk finds it on its own
     * through {@link JdbcFeedbackStore#outbox()}). Dispatchers on several nodes may share it.
     */
    public OutboxStore outboxStore() {
        return outboxStore;
    }

    /** Tracking tokens' hashes (schema 12), for {@code FeedbackDesk.builder().tracking(...)}. */
    public TrackingTokenStore trackingTokenStore() {
        return trackingTokenStore;
    }

    /** Consent records and legal holds (schema 12) and the access log (schema 22), for {@code io.memnun.PrivacyDesk}. */
    public PrivacyStore privacyStore() {
        return privacyStore;
    }

    /** The bytes of files that arrive with feedback, in a binary column. */
    public AttachmentStore attachmentStore() {
        return attachmentStore;
    }

    /**
     * Brings the schema up to this code's version; safe to call on every start and from several nodes at once
     * (Flyway locks its history table). Returns how many migrations ran.
     *
     * @throws SchemaVersionException if a newer memnun migrated the schema beyond this code's version
     */
    public int migrate() {
        return migrations.migrate();
    }

    /** The schema version in the database, empty when memnun's tables are not there. */
    public Optional<String> schemaVersion() {
        return Optional.ofNullable(migrations.currentVersion());
    }

    /** The schema version this code needs. */
    public String requiredSchemaVersion() {
        return migrations.requiredVersion();
    }

    /**
     * Refuses a schema that does not match the code.
     *
     * @throws SchemaVersionException if memnun's tables are missing, older or newer than this code
     */
    public void checkSchema() {
        migrations.check();
    }

    /**
     * Runs {@code work} inside the host's transaction on {@code connection}: every store call made on this
     * thread meanwhile uses that connection and neither commits nor closes it, so memnun's writes commit or roll
     * back with the host's own. The connection must not be in auto-commit mode. A store call that fails rolls back
     * to a savepoint taken at its start, leaving the host's transaction usable; but when the database aborted the
     * transaction (a serialization failure at REPEATABLE READ or SERIALIZABLE, a deadlock) the call throws a
     * {@link io.memnun.error.TransactionConflictException} and leaves it aborted: roll it back and run it again.
     *
     * <pre>{@code
     * try (Connection c = dataSource.getConnection()) {
     *     c.setAutoCommit(false);
     *     moveGuest(c, reservation, newRoom);                      // the host's own statements
     *     storage.withConnection(c, () -> desk.receive(intake));   // memnun's, in the same transaction
     *     c.commit();
     * }
     * }</pre>
     */
    public <T> T withConnection(Connection connection, Supplier<T> work) {
        return transactions.withConnection(connection, work);
    }

    /** {@link #withConnection(Connection, Supplier)} for work without a result. */
    public void withConnection(Connection connection, Runnable work) {
        Objects.requireNonNull(work, "work");
        transactions.withConnection(connection, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public String toString() {
        return "JdbcStorage[" + dialect + ", prefix '" + tables.prefix() + "']";
    }

    /** Settings of a {@link JdbcStorage}; each is checked when set, an error names the property. */
    public static final class Builder {
        private @Nullable DataSource dataSource;
        private @Nullable Dialect dialect;
        private String tablePrefix = Tables.DEFAULT_PREFIX;
        private boolean migrateOnStart;
        private @Nullable ConnectionProvider connectionProvider;
        private int referenceBlock = DEFAULT_REFERENCE_BLOCK;

        private Builder() {}

        /** The host's data source (normally a pool); required, also with a {@link #connectionProvider}. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** The database's dialect; detected from the data source when not set. */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * The prefix of every table memnun creates ({@code memnun_} by default; {@code ""} for none): lower-case
         * letters, digits and '_', starting with a letter, at most 30 characters.
         *
         * @throws io.memnun.error.ValidationException naming {@code tablePrefix} otherwise
         */
        public Builder tablePrefix(String tablePrefix) {
            this.tablePrefix = Tables.requireValidPrefix(tablePrefix);
            return this;
        }

        /** Whether {@link #build()} migrates the schema (off by default: then it only checks the version). */
        public Builder migrateOnStart(boolean migrateOnStart) {
            this.migrateOnStart = migrateOnStart;
            return this;
        }

        /** Runs every store call inside the host's current transaction; see {@link ConnectionProvider}. */
        public Builder connectionProvider(ConnectionProvider connectionProvider) {
            this.connectionProvider = Objects.requireNonNull(connectionProvider, "connectionProvider");
            return this;
        }

        /**
         * How many reference numbers the feedback store takes from the database at a time
         * ({@value #DEFAULT_REFERENCE_BLOCK} by default, 1 to 1,000). Each storage (each node) takes a block in one statement
         * and hands it out from memory: one statement per block instead of one per receipt, and receipts do not
         * queue on the sequence's row lock. Numbers stay unique across every node sharing the database; they follow
         * the order of receipt per node, and {@link JdbcStorage#close()} gives the numbers not issued back, so one
         * node that is closed when it stops leaves no gaps. A node that stops without closing, or whose block another
         * node drew after, leaves the rest of its block unissued (a gap). With 1, every number is drawn on its own
         * and numbers are consecutive in the order of receipt across all nodes. Inside a host's transaction numbers
         * are always drawn one at a time (a block drawn there could be rolled back with it).
         *
         * @throws ValidationException naming {@code referenceBlock} outside 1 to 1,000
         */
        public Builder referenceBlock(int referenceBlock) {
            if (referenceBlock < 1 || referenceBlock > 1000) {
                throw new ValidationException("referenceBlock", "must be 1 to 1000, was " + referenceBlock);
            }
            this.referenceBlock = referenceBlock;
            return this;
        }

        /**
         * Connects, migrates or checks the schema, and returns the storage.
         *
         * @throws IllegalStateException if no data source was set
         * @throws SchemaVersionException if migrate-on-start is off and the schema does not match this code
         * @throws StoreException if the database cannot be reached or is not supported
         */
        public JdbcStorage build() {
            if (dataSource == null) {
                throw new IllegalStateException("dataSource is required: JdbcStorage.builder().dataSource(...)");
            }
            Dialect d = dialect;
            if (d == null) {
                try (Connection c = dataSource.getConnection()) {
                    d = Dialect.of(c);
                } catch (SQLException e) {
                    throw new StoreException("could not connect to detect the database: " + e.getMessage(), e);
                }
            }
            JdbcStorage storage = new JdbcStorage(this, d);
            if (migrateOnStart) {
                storage.migrate();
            } else {
                storage.checkSchema();
            }
            return storage;
        }
    }
}
