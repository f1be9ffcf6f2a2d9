package io.memnun.storage.jdbc.internal;

import static io.memnun.storage.jdbc.internal.Params.getInstant;
import static io.memnun.storage.jdbc.internal.Params.getRequiredInstant;
import static io.memnun.storage.jdbc.internal.Params.getUuid;
import static io.memnun.storage.jdbc.internal.Params.setInstant;
import static io.memnun.storage.jdbc.internal.Params.setString;
import static io.memnun.storage.jdbc.internal.Params.setUuid;

import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.StoreException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Cursor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKey;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.HistorySeals;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Page;
import io.memnun.feedback.Priority;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.Status;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.report.SlaRound;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.FeedbackRedaction;
import io.memnun.spi.FeedbackStore;
import io.memnun.storage.jdbc.JdbcFeedbackStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JdbcFeedbackStore} on memnun's tables. One row per feedback with the values queries filter on in columns of
 * their own and nested values as JSON; one row per history event. A save that ends response-time clock rounds also
 * adds them to the row's totals for reports ({@link RoundTotals}). A save with one event is one statement (the row and
 * its event, see {@link SqlDialect#writeWithEvent}), atomic without a transaction of its own; a save with
 * several events, or with notifications for the outbox ({@link SqlOutboxStore#insert}), is one transaction. An update
 * is guarded by the version column ({@code WHERE tenant = ? AND id = ? AND version = ?}); when it matches nothing, a
 * second look tells a missing feedback from a stale version. A command starts from the state this store last wrote
 * or read when it still has it ({@link KnownStates}).
 */
public final class SqlFeedbackStore implements JdbcFeedbackStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqlFeedbackStore.class);
    /** How many rows beyond its limit the SLA work list reads, to stand in for rows it cannot read. */
    private static final int UNREADABLE_ROOM = 16;

    /** Columns written once, at receipt. */
    private static final String KEY_COLUMNS = "tenant, id, ref_prefix, ref_year, ref_seq, intake_key, received_at";
    private static final int KEY_COUNT = 7;
    static final String EVENT_COLUMNS =
            "tenant, feedback_id, version, event_type, actor_kind, actor_id, occurred_at, note, from_status, to_status, details";

    private final Transactions tx;
    private final SqlDialect dialect;
    private final String feedbackTable;
    private final String selectFeedback;
    private final String insertFeedback;
    /** UPDATE statements by the mask of the columns they set. */
    private final Map<Long, String> updates = new ConcurrentHashMap<>();
    /** The same, adding clock rounds to the row's totals too. */
    private final Map<Long, String> updatesWithRounds = new ConcurrentHashMap<>();
    /**
     * Feedback written or read lately: a command starts from here without a read ({@link #lastKnown}), an update
     * based on a state found here writes only the columns that differ and links its event in Java. Otherwise an
     * update writes every column and its statement looks the previous chain hash up.
     */
    private final KnownStates known = new KnownStates();
    /** The clocks and customers last read or written, so that a read of the same text does not parse it again. */
    private final ParsedColumns parsed = new ParsedColumns();
    private final String insertEvent;
    private final String insertEventLinked;
    private final String eventTable;
    /** The feedback row and its one event in one statement (a receipt's event always links to the chain's start). */
    private final String insertFeedbackWithEvent;
    /** An update and its one event in one statement, by their shape. */
    private final Map<UpdateShape, String> updatesWithEvent = new ConcurrentHashMap<>();

    /** The columns an update sets, whether its event's chain hash is a parameter, whether it adds clock rounds. */
    private record UpdateShape(long mask, boolean linked, boolean rounds) {}
    private final String selectClocksAt;
    private final String selectVersion;
    /** The SLA monitor's list ({@link #dueForSlaCheck}) from the start, and after a row (check time, id). */
    private final String selectSlaDue;
    private final String selectSlaDueAfter;
    /** The closing job's list ({@link #closingDue}) from the start, and after an id. */
    private final String selectClosingDue;
    private final String selectClosingDueAfter;
    private final String countFeedback;
    /** Per grouping, the text of {@link #countBy} around its conditions. */
    private final Map<GroupBy, Around> countByParts = new EnumMap<>(GroupBy.class);

    /** The text of a read before and after its conditions. */
    private record Around(String head, String tail) {}
    private static final String PAGE_ASCENDING = " ORDER BY received_at, id LIMIT ?";
    private static final String PAGE_DESCENDING = " ORDER BY received_at DESC, id DESC LIMIT ?";
    /**
     * The text of each shape of read built so far: the same shape gets the same {@code String}, whose hash the
     * driver's statement cache then finds computed, and no text is joined again. A count on H2 takes a few
     * microseconds, and building and hashing its text was a good part of them. Bounded by
     * {@link #MAX_READ_SHAPES}; conditions are a fixed set, so in practice far fewer.
     */
    private final Map<ReadShape, String> readSqls = new ConcurrentHashMap<>();
    private static final int MAX_READ_SHAPES = 1024;

    private record ReadShape(String head, long shape, String tail) {}
    private final String selectHistory;
    private final String updateEventText;
    private final String updateIntakeKey;
    private final String updateSeal;
    private final String selectSealedHistory;
    private final String nextSequence;
    private final SqlOutboxStore outbox;

    /** How many numbers {@link #next} takes from the database at a time. */
    private final int referenceBlock;
    /** The numbers taken and not issued yet, per sequence. */
    private final Map<SequenceKey, Block> blocks = new ConcurrentHashMap<>();
    /** Set once the blocks were given back ({@link #releaseReferenceBlocks}): numbers are then drawn one at a time. */
    private volatile boolean released;
    private final String giveBackSequence;

    private record SequenceKey(TenantId tenant, String prefix, int year) {}

    /**
     * A sequence's numbers taken from the database: the current range, replaced under the block's monitor when it
     * runs out, and the ranges taken ahead of need. Numbers are issued from the current range without the monitor,
     * so receipts on many threads do not queue behind one another (on two cores a thread that waits for a monitor
     * waits for the scheduler too), and the next range is taken while half of the current one is left, so that
     * when it runs out the threads seldom wait for the database.
     */
    private static final class Block {
        volatile Range range = new Range(new AtomicLong(1), 0);
        /** Ranges taken ahead, in the order taken; guarded by the block's monitor. */
        final ArrayDeque<Range> ahead = new ArrayDeque<>(2);
        /**
         * Whether a range is being taken ahead (guarded by the monitor, which is notified when it is in): a thread
         * that finds the numbers run out meanwhile waits for it rather than taking another, so that the node issues
         * its ranges in the order the database gave them.
         */
        boolean takingAhead;
    }

    /** Numbers up to {@code last}; {@code next} is the next to issue and may run past {@code last}: none are left. */
    private record Range(AtomicLong next, long last) {
        /** The next number, or -1 when none is left. */
        long take() {
            long n = next.get();
            // no increment past the end: a range that ran out stays at last + 1, which a give-back reads
            while (n <= last) {
                if (next.compareAndSet(n, n + 1)) {
                    return n;
                }
                n = next.get();
            }
            return -1;
        }
    }

    public SqlFeedbackStore(Transactions tx, SqlDialect dialect, Tables tables, SqlOutboxStore outbox, int referenceBlock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        if (referenceBlock < 1) {
            throw new IllegalArgumentException("referenceBlock must be positive: " + referenceBlock);
        }
        this.referenceBlock = referenceBlock;
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.feedbackTable = tables.feedback();
        List<String> state = new ArrayList<>();
        List<String> statePlaceholders = new ArrayList<>();
        for (StateColumns.Column c : StateColumns.ALL) {
            state.add(c.name());
            statePlaceholders.add(placeholder(c));
        }
        String stateColumns = String.join(", ", state);
        this.selectFeedback = "SELECT " + KEY_COLUMNS + ", " + stateColumns + " FROM " + feedbackTable;
        this.insertFeedback = "INSERT INTO " + feedbackTable + " (" + KEY_COLUMNS + ", " + stateColumns + ", "
                + String.join(", ", RoundTotals.COLUMNS) + ") VALUES (" + "?, ".repeat(KEY_COUNT) + String.join(", ", statePlaceholders)
                + ", ?".repeat(RoundTotals.COLUMNS.size()) + ")";
        this.eventTable = tables.feedbackEvent();
        this.insertEvent = insertEventSql(false);
        this.insertEventLinked = insertEventSql(true);
        this.insertFeedbackWithEvent = withEvent(insertFeedback, true);
        this.selectClocksAt = "SELECT sla_clocks FROM " + feedbackTable + " WHERE tenant = ? AND id = ? AND version = ?";
        this.selectVersion = "SELECT version FROM " + feedbackTable + " WHERE tenant = ? AND id = ?";
        this.selectSlaDue = selectFeedback + " WHERE next_sla_check_at <= ? ORDER BY next_sla_check_at, id LIMIT ?";
        this.selectSlaDueAfter = selectFeedback + " WHERE next_sla_check_at <= ?"
                + " AND (next_sla_check_at > ? OR next_sla_check_at = ? AND id > ?) ORDER BY next_sla_check_at, id LIMIT ?";
        this.selectClosingDue = closingDueSql(tables, false);
        this.selectClosingDueAfter = closingDueSql(tables, true);
        this.countFeedback = "SELECT COUNT(*) FROM " + feedbackTable;
        for (GroupBy g : GroupBy.values()) {
            String column = switch (g) {
                case STATUS -> "status";
                case KIND -> "kind";
                case PRIORITY -> "priority";
                case CHANNEL -> "channel";
                case TYPE -> "type_id";
                case LOCATION -> "location_id";
                case SUBJECT -> "subject_id";
                case DEPARTMENT -> "department_id";
                case ASSIGNEE -> "assignee_id";
            };
            countByParts.put(g, new Around("SELECT " + column + ", COUNT(*) FROM " + feedbackTable,
                    " GROUP BY " + column + " ORDER BY " + column + " NULLS LAST"));
        }
        this.selectHistory = "SELECT " + EVENT_COLUMNS + " FROM " + tables.feedbackEvent()
                + " WHERE tenant = ? AND feedback_id = ? ORDER BY version";
        this.selectSealedHistory = "SELECT " + EVENT_COLUMNS + ", " + EventSeals.COLUMNS + " FROM " + tables.feedbackEvent()
                + " WHERE tenant = ? AND feedback_id = ? ORDER BY version";
        this.nextSequence = dialect.nextSequenceValue(tables.referenceSequence());
        // only while the sequence still ends where this store's block ended: no other node has drawn since
        this.giveBackSequence = "UPDATE " + tables.referenceSequence() + " SET last_value = ?"
                + " WHERE tenant = ? AND prefix = ? AND ref_year = ? AND last_value = ?";
        this.updateIntakeKey = "UPDATE " + feedbackTable + " SET intake_key = ? WHERE tenant = ? AND id = ?";
        this.updateEventText = "UPDATE " + tables.feedbackEvent() + " SET note = ?, details = " + dialect.jsonParameter()
                + " WHERE tenant = ? AND feedback_id = ? AND version = ?";
        this.updateSeal = EventSeals.updateSql(tables.feedbackEvent());
    }

    /**
     * The ids whose closing period ended, one select per rule, each through the status index (named to H2, see
     * {@link SqlDialect#useIndex}): statuses as literals (H2 looks a value list up in an index only on its first column,
     * which is the status there), the instants checked on the rows of those statuses only. Parameters per half: tenant,
     * instant and, {@code after}, the id; then the limit.
     */
    private String closingDueSql(Tables tables, boolean after) {
        String from = " FROM " + feedbackTable + dialect.useIndex(tables.feedbackStatusIndex());
        String afterId = after ? " AND id > ?" : "";
        return "SELECT id" + from + " WHERE status = '" + Status.RESOLVED + "' AND tenant = ?"
                + " AND (resolved_at IS NULL OR resolved_at <= ?)" + afterId
                + " UNION ALL SELECT id" + from + " WHERE status IN ('" + Status.IN_PROGRESS + "', '"
                + Status.PLANNED + "', '" + Status.AWAITING_CUSTOMER + "') AND tenant = ? AND last_rejected_at <= ?" + afterId
                + " ORDER BY id LIMIT ?";
    }

    private String insertEventSql(boolean linked) {
        return "INSERT INTO " + eventTable + " (" + EVENT_COLUMNS + ", " + EventSeals.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + dialect.jsonParameter() + ", " + EventSeals.values(dialect, eventTable, linked) + ")";
    }

    private String placeholder(StateColumns.Column c) {
        return c.json() ? dialect.jsonParameter() : "?";
    }

    private String updateSql(long mask, boolean rounds) {
        return cached(rounds ? updatesWithRounds : updates, mask, m -> {
            List<String> assignments = new ArrayList<>();
            for (int c = 0; c < StateColumns.ALL.size(); c++) {
                if ((m & (1L << c)) != 0) {
                    StateColumns.Column column = StateColumns.ALL.get(c);
                    assignments.add(column.name() + " = " + placeholder(column));
                }
            }
            if (rounds) {
                assignments.add(RoundTotals.increments());
            }
            return "UPDATE " + feedbackTable + " SET " + String.join(", ", assignments)
                    + " WHERE tenant = ? AND id = ? AND version = ?";
        });
    }

    /**
     * {@code write} and the insert of its event in one statement; the event's parameters as {@link #bindEvent}, laid
     * out as {@link SqlDialect#writeWithEvent} says.
     */
    private String withEvent(String write, boolean linked) {
        return dialect.writeWithEvent(write, "INSERT INTO " + eventTable + " (" + EVENT_COLUMNS + ", " + EventSeals.COLUMNS + ")",
                "?, ?, ?, ?, ?, ?, ?, ?, " + dialect.jsonParameter() + ", " + EventSeals.values(dialect, eventTable, linked));
    }

    private String updateWithEventSql(UpdateShape shape) {
        return cached(updatesWithEvent, shape, k -> withEvent(updateSql(k.mask(), k.rounds()), k.linked()));
    }

    /**
     * {@code map}'s value for {@code key}, computed once. A look-up first: {@code computeIfAbsent} locks the key's bin
     * even when the key is there (unless it heads the bin), and every change on every thread asks for one of a handful
     * of keys.
     */
    private static <K, V> V cached(Map<K, V> map, K key, Function<? super K, ? extends V> compute) {
        V value = map.get(key);
        return value != null ? value : map.computeIfAbsent(key, compute);
    }

    @Override
    public void save(FeedbackChange change) {
        Objects.requireNonNull(change, "change");
        Feedback f = change.feedback();
        EventSeals.Chain chain = new EventSeals.Chain(previousHash(change), change.events());
        if (change.events().size() == 1 && change.outbox().isEmpty() && change.unchanged() == null) {
            saveInOneStatement(change, chain);
        } else {
            tx.write("save feedback", c -> {
                if (change.unchanged() != null) {
                    lockUnchanged(c, f.tenant(), change.unchanged());
                }
                RoundTotals rounds = roundsEnded(c, change);
                if (change.isCreate()) {
                    insert(c, f, rounds);
                } else {
                    update(c, f, change.expectedVersion(), rounds);
                }
                insertEvents(c, f.tenant(), change.events(), chain);
                if (!change.outbox().isEmpty()) {
                    // last: a refused feedback write (a duplicate, a stale version) has then written no message either
                    outbox.insert(c, change.outbox());
                }
                return null;
            });
        }
        if (!tx.inHostTransaction()) {
            known.written(f, chain.head());
        }
    }

    /**
     * Checks that the other feedback a change depends on is still at its version, and locks its row until the
     * transaction ends, so that it cannot change between this check and the commit (a redirect waits, then finds the
     * new state).
     */
    private void lockUnchanged(Connection c, TenantId tenant, FeedbackChange.Unchanged other) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(selectVersion + " FOR UPDATE")) {
            ps.setString(1, tenant.value());
            ps.setObject(2, other.id().value());
            try (ResultSet rs = ps.executeQuery()) {
                long found = rs.next() ? rs.getLong(1) : 0;
                if (found != other.version()) {
                    throw new VersionConflictException(other.id().toString(), other.version(), found);
                }
            }
        }
    }

    /**
     * The clock rounds {@code change} ends ({@link SlaRound#endedBetween}), from the clocks of the state it was based
     * on: none for a receipt, known here, or read on {@code c}. Read only when no clock of the new state stopped at
     * the instant of one of the change's events rules out that a round ended.
     */
    private RoundTotals roundsEnded(Connection c, FeedbackChange change) throws SQLException {
        Feedback f = change.feedback();
        if (change.isCreate()) {
            return RoundTotals.of(SlaRound.endedBetween(List.of(), f));
        }
        KnownStates.Known before = known.at(f.tenant(), f.id(), change.expectedVersion());
        if (before != null) {
            return RoundTotals.of(SlaRound.endedBetween(before.feedback().slaClocks(), f));
        }
        if (SlaRound.completedIn(f, change.events()).isEmpty()) {
            return RoundTotals.NONE;
        }
        return RoundTotals.of(SlaRound.endedBetween(storedClocks(c, f, change.expectedVersion()), f));
    }

    /**
     * The clocks of {@code f}'s row at {@code version}; none when it is not at that version, where the update that
     * follows finds nothing to change and fails.
     */
    private List<SlaClock> storedClocks(Connection c, Feedback f, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(selectClocksAt)) {
            ps.setString(1, f.tenant().value());
            setUuid(ps, 2, f.id().value());
            ps.setLong(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? parsed.readClocks(f.id(), rs.getString(1)) : List.of();
            }
        }
    }

    /** The chain hash before a change's first event, when known: the chain's start for a receipt. */
    private byte @Nullable [] previousHash(FeedbackChange change) {
        if (change.isCreate()) {
            return HistoryChain.genesis();
        }
        Feedback f = change.feedback();
        KnownStates.Known before = known.at(f.tenant(), f.id(), change.expectedVersion());
        return before == null ? null : before.head();
    }

    @Override
    public Optional<Feedback> lastKnown(TenantId tenant, FeedbackKey key) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(key, "key");
        if (tx.inHostTransaction()) {
            // the host's transaction may have changed the row; read it there
            return Optional.empty();
        }
        KnownStates.Known k = known.of(tenant, key);
        return k == null ? Optional.empty() : Optional.of(k.feedback());
    }

    @Override
    public void redact(FeedbackRedaction redaction) {
        Objects.requireNonNull(redaction, "redaction");
        Feedback f = redaction.feedback();
        // the state before holds the text about to be removed: keep no copy of it, whatever the outcome
        known.forget(f);
        tx.write("redact feedback", c -> {
            update(c, f, redaction.expectedVersion(), RoundTotals.NONE);
            // a key column, which no command changes, but an anonymisation clears it when it names the person
            try (PreparedStatement ps = c.prepareStatement(updateIntakeKey)) {
                setString(ps, 1, f.intakeKey().orElse(null));
                ps.setString(2, f.tenant().value());
                setUuid(ps, 3, f.id().value());
                ps.executeUpdate();
            }
            // read after the update, which holds the row against every other change of this feedback's history
            HistorySeals.Reseal reseal = redaction.reseal(sealedHistory(c, f.tenant(), f.id()));
            if (!redaction.rewritten().isEmpty()) {
                rewriteText(c, f, redaction.rewritten());
            }
            if (!reseal.writes().isEmpty()) {
                writeSeals(c, f, reseal.writes());
            }
            // linked in the statement to the hash just written before it (none, if it was cleared)
            List<FeedbackEvent> recorded = List.of(redaction.recorded());
            insertEvents(c, f.tenant(), recorded, new EventSeals.Chain(null, recorded));
            return null;
        });
        if (!tx.inHostTransaction()) {
            known.written(f, null);
        }
    }

    /** The text of {@code rewritten} events written over theirs; an event whose row is missing is skipped. */
    private void rewriteText(Connection c, Feedback f, List<FeedbackEvent> rewritten) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(updateEventText)) {
            for (FeedbackEvent e : rewritten) {
                setString(ps, 1, e.note());
                setString(ps, 2, Json.map(e.details()));
                ps.setString(3, f.tenant().value());
                setUuid(ps, 4, f.id().value());
                ps.setLong(5, e.version());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The seals of {@code sealed} events (digests and chain hash) written over theirs. */
    private void writeSeals(Connection c, Feedback f, List<SealedEvent> sealed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(updateSeal)) {
            for (SealedEvent s : sealed) {
                setString(ps, 1, EventSeals.stored(s));
                ps.setBytes(2, s.hash() == null ? null : HistoryChain.bytes(s.hash()));
                ps.setString(3, f.tenant().value());
                setUuid(ps, 4, f.id().value());
                ps.setLong(5, s.event().version());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The row (with the clock rounds the change ends) and its one event in one statement: atomic on its own, one round
     * trip, one commit.
     */
    private void saveInOneStatement(FeedbackChange change, EventSeals.Chain chain) {
        Feedback f = change.feedback();
        FeedbackEvent event = change.events().get(0);
        boolean eventFirst = dialect.eventParametersFirst();
        tx.statement("save feedback", c -> {
            RoundTotals rounds = roundsEnded(c, change);
            if (change.isCreate()) {
                try (PreparedStatement ps = c.prepareStatement(insertFeedbackWithEvent)) {
                    int i = eventFirst ? bindEvent(ps, 1, f.tenant(), event, chain, 0) : 1;
                    i = rounds.bind(ps, StateColumns.bind(ps, bindKeys(ps, i, f), f, StateColumns.all(), parsed));
                    if (!eventFirst) {
                        bindEvent(ps, i, f.tenant(), event, chain, 0);
                    }
                    ps.executeUpdate();
                } catch (SQLException e) {
                    if (dialect.isUniqueViolation(e)) {
                        throw duplicate(e, f);
                    }
                    throw e;
                }
                return null;
            }
            long mask = changedSince(f, change.expectedVersion());
            int rows;
            try (PreparedStatement ps = c.prepareStatement(updateWithEventSql(new UpdateShape(mask, chain.linked(), !rounds.isEmpty())))) {
                int i = 1;
                if (eventFirst) {
                    i = bindEvent(ps, i, f.tenant(), event, chain, 0);
                }
                i = bindUpdate(ps, i, f, mask, rounds, change.expectedVersion());
                if (!eventFirst) {
                    bindEvent(ps, i, f.tenant(), event, chain, 0);
                }
                rows = ps.executeUpdate();
            }
            if (rows != 1) {
                throw missingOrConflict(c, f, change.expectedVersion());
            }
            return null;
        });
    }

    /** Binds the key columns of an insert from {@code start}; returns the next parameter index. */
    private static int bindKeys(PreparedStatement ps, int start, Feedback f) throws SQLException {
        ps.setString(start, f.tenant().value());
        setUuid(ps, start + 1, f.id().value());
        ps.setString(start + 2, f.reference().prefix());
        ps.setInt(start + 3, f.reference().year());
        ps.setLong(start + 4, f.reference().sequence());
        setString(ps, start + 5, f.intakeKey().orElse(null));
        setInstant(ps, start + 6, f.receivedAt());
        return start + KEY_COUNT;
    }

    /**
     * Binds an event's columns after its tenant and feedback id, then its seal (the {@code index}-th of
     * {@code chain}), from {@code start}; returns the next index.
     */
    private static int bindEvent(PreparedStatement ps, int start, TenantId tenant, FeedbackEvent e, EventSeals.Chain chain, int index)
            throws SQLException {
        int i = start;
        ps.setLong(i++, e.version());
        ps.setString(i++, e.type().name());
        ps.setString(i++, e.actor().kind().name());
        ps.setString(i++, e.actor().id());
        setInstant(ps, i++, e.at());
        setString(ps, i++, e.note());
        setString(ps, i++, e.from() == null ? null : e.from().name());
        ps.setString(i++, e.to().name());
        setString(ps, i++, Json.map(e.details()));
        return chain.bind(ps, i, tenant, index, e);
    }

    private void insert(Connection c, Feedback f, RoundTotals rounds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertFeedback)) {
            rounds.bind(ps, StateColumns.bind(ps, bindKeys(ps, 1, f), f, StateColumns.all(), parsed));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)) {
                throw duplicate(e, f);
            }
            throw e;
        }
    }

    private static DuplicateKeyException duplicate(SQLException e, Feedback f) {
        String text = SqlDialect.messages(e);
        if (text.contains("feedback_intake_key_uq")) {
            // not the key: it can be an e-mail's Message-ID, and the caller has it in hand. Nor the driver's exception
            // as the cause, since its text quotes the key (a log prints causes); the kind of failure is told by this
            return new DuplicateKeyException("intakeKey", "feedback " + f.id() + " has the intake key of a feedback received before");
        }
        DuplicateKeyException d = text.contains("feedback_reference_uq")
                ? new DuplicateKeyException("reference", f.reference().toString())
                : new DuplicateKeyException("id", f.id().toString());
        d.initCause(e);
        return d;
    }

    private void update(Connection c, Feedback f, long expectedVersion, RoundTotals rounds) throws SQLException {
        long mask = changedSince(f, expectedVersion);
        int rows;
        try (PreparedStatement ps = c.prepareStatement(updateSql(mask, !rounds.isEmpty()))) {
            bindUpdate(ps, 1, f, mask, rounds, expectedVersion);
            rows = ps.executeUpdate();
        }
        if (rows != 1) {
            throw missingOrConflict(c, f, expectedVersion);
        }
    }

    /**
     * Binds an update of the columns in {@code mask}, adding {@code rounds} unless empty, and its condition from
     * {@code start}; returns the next parameter index.
     */
    private int bindUpdate(PreparedStatement ps, int start, Feedback f, long mask, RoundTotals rounds, long expectedVersion)
            throws SQLException {
        int i = StateColumns.bind(ps, start, f, mask, parsed);
        if (!rounds.isEmpty()) {
            i = rounds.bind(ps, i);
        }
        ps.setString(i++, f.tenant().value());
        setUuid(ps, i++, f.id().value());
        ps.setLong(i++, expectedVersion);
        return i;
    }

    /**
     * The columns to write for {@code f}: those that differ from the state at {@code expectedVersion} when this
     * store read that state, otherwise all. If the version check then passes, the row holds exactly that state.
     */
    private long changedSince(Feedback f, long expectedVersion) {
        KnownStates.Known before = known.at(f.tenant(), f.id(), expectedVersion);
        return before != null ? StateColumns.changed(before.feedback(), f) : StateColumns.all();
    }

    /** Nothing matched an update: tells a missing feedback from one that someone else changed first. */
    private RuntimeException missingOrConflict(Connection c, Feedback f, long expectedVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(selectVersion)) {
            ps.setString(1, f.tenant().value());
            setUuid(ps, 2, f.id().value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new NotFoundException("feedback " + f.id() + " in tenant " + f.tenant());
                }
                return new VersionConflictException(f.id().toString(), expectedVersion, rs.getLong(1));
            }
        }
    }

    private void insertEvents(Connection c, TenantId tenant, List<FeedbackEvent> events, EventSeals.Chain chain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(chain.linked() ? insertEventLinked : insertEvent)) {
            for (int n = 0; n < events.size(); n++) {
                FeedbackEvent e = events.get(n);
                ps.setString(1, tenant.value());
                setUuid(ps, 2, e.feedbackId().value());
                bindEvent(ps, 3, tenant, e, chain, n);
                if (events.size() == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (events.size() > 1) {
                ps.executeBatch();
            }
        }
    }

    @Override
    public Optional<Feedback> find(TenantId tenant, FeedbackId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return tx.read("find feedback", c -> {
            try (PreparedStatement ps = c.prepareStatement(selectFeedback + " WHERE tenant = ? AND id = ?")) {
                ps.setString(1, tenant.value());
                setUuid(ps, 2, id.value());
                return one(ps);
            }
        });
    }

    @Override
    public Optional<Feedback> findByReference(TenantId tenant, ReferenceNumber reference) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(reference, "reference");
        return tx.read("find feedback", c -> {
            try (PreparedStatement ps = c.prepareStatement(selectFeedback
                    + " WHERE tenant = ? AND ref_prefix = ? AND ref_year = ? AND ref_seq = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, reference.prefix());
                ps.setInt(3, reference.year());
                ps.setLong(4, reference.sequence());
                return one(ps);
            }
        });
    }

    @Override
    public Optional<Feedback> findByIntakeKey(TenantId tenant, String intakeKey) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(intakeKey, "intakeKey");
        return tx.read("find feedback by intake key", c -> {
            try (PreparedStatement ps = c.prepareStatement(selectFeedback + " WHERE tenant = ? AND intake_key = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, intakeKey);
                return one(ps);
            }
        });
    }

    private Optional<Feedback> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Feedback f = feedback(rs);
            if (!tx.inHostTransaction()) {
                known.read(f);
            }
            return Optional.of(f);
        }
    }

    @Override
    public List<FeedbackEvent> history(TenantId tenant, FeedbackId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return tx.read("read the history of a feedback", c -> {
            try (PreparedStatement ps = c.prepareStatement(selectHistory)) {
                ps.setString(1, tenant.value());
                setUuid(ps, 2, id.value());
                List<FeedbackEvent> events = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(event(rs));
                    }
                }
                return List.copyOf(events);
            }
        });
    }

    /** Reads the event of a row that starts with {@link #EVENT_COLUMNS}. */
    static FeedbackEvent event(ResultSet rs) throws SQLException {
        String from = rs.getString(9);
        return new FeedbackEvent(new FeedbackId(getUuid(rs, 2)), rs.getLong(3),
                EventType.valueOf(rs.getString(4)), new Actor(Actor.Kind.valueOf(rs.getString(5)), rs.getString(6)),
                getRequiredInstant(rs, 7), rs.getString(8), from == null ? null : Status.valueOf(from),
                Status.valueOf(rs.getString(10)), Json.map(rs.getString(11)));
    }

    @Override
    public List<SealedEvent> sealedHistory(TenantId tenant, FeedbackId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return tx.read("read the sealed history of a feedback", c -> sealedHistory(c, tenant, id));
    }

    private List<SealedEvent> sealedHistory(Connection c, TenantId tenant, FeedbackId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(selectSealedHistory)) {
            ps.setString(1, tenant.value());
            setUuid(ps, 2, id.value());
            List<SealedEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(EventSeals.sealed(event(rs), rs.getString(12), rs.getBytes(13)));
                }
            }
            return List.copyOf(events);
        }
    }

    @Override
    public Page<Feedback> query(FeedbackQuery query) {
        Objects.requireNonNull(query, "query");
        boolean ascending = query.order() == FeedbackQuery.Order.OLDEST_FIRST;
        Where where = criteria(query);
        Cursor after = query.after();
        if (after != null) {
            // the stored times are microseconds: compare with the cursor's time as it was stored
            where.add(dialect.keysetAfter(ascending));
            where.params.add(Params.micros(after.receivedAt()));
            if (dialect.keysetParameters() == SqlDialect.KeysetParameters.TIME_TIME_ID) {
                where.params.add(Params.micros(after.receivedAt()));
            }
            where.params.add(after.id().value());
        }
        String sql = readSql(selectFeedback, where, ascending ? PAGE_ASCENDING : PAGE_DESCENDING);
        where.params.add(query.limit() + 1);
        List<Feedback> items = tx.read("query feedback", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                where.bind(ps);
                List<Feedback> list = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(feedback(rs));
                    }
                }
                return list;
            }
        });
        if (items.size() <= query.limit()) {
            return new Page<>(items, null);
        }
        List<Feedback> page = items.subList(0, query.limit());
        return new Page<>(page, Cursor.of(page.get(page.size() - 1)));
    }

    @Override
    public long count(FeedbackQuery query) {
        Where where = criteria(Objects.requireNonNull(query, "query"));
        String sql = readSql(countFeedback, where, "");
        return tx.read("count feedback", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<GroupCount> countBy(FeedbackQuery query, GroupBy groupBy) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(groupBy, "groupBy");
        Around parts = countByParts.get(groupBy);
        Where where = criteria(query);
        String sql = readSql(parts.head(), where, parts.tail());
        return tx.read("count feedback", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                where.bind(ps);
                List<GroupCount> counts = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.add(new GroupCount(rs.getString(1), rs.getLong(2)));
                    }
                }
                return List.copyOf(counts);
            }
        });
    }

    /** The text of a read: {@code head}, the conditions of {@code where}, {@code tail}. */
    private String readSql(String head, Where where, String tail) {
        ReadShape shape = new ReadShape(head, where.shape(), tail);
        String sql = readSqls.get(shape);
        if (sql == null) {
            sql = head + where.sql() + tail;
            if (readSqls.size() < MAX_READ_SHAPES) {
                readSqls.putIfAbsent(shape, sql);
            }
        }
        return sql;
    }

    private static Where criteria(FeedbackQuery q) {
        Where w = new Where();
        w.add("tenant = ?", q.tenant().value());
        w.in("kind", q.kinds(), FeedbackKind.values());
        w.addIfSet("department_id = ?", q.department() == null ? null : q.department().value());
        w.addIfSet("assignee_id = ?", q.assignee() == null ? null : q.assignee().value());
        w.addIfSet("subject_id = ?", q.subject() == null ? null : q.subject().value());
        w.addIfSet("location_id = ?", q.location() == null ? null : q.location().value());
        w.addIfSet("channel = ?", q.channel() == null ? null : q.channel().code());
        w.addIfSet("received_at >= ?", q.receivedFrom() == null ? null : Params.micros(q.receivedFrom()));
        w.addIfSet("received_at < ?", q.receivedBefore() == null ? null : Params.micros(q.receivedBefore()));
        w.addIfSet("customer_external_id = ?", q.customerExternalId());
        w.addIfSet("customer_email_key = ?", q.customerEmail() == null ? null : q.customerEmail().matchKey());
        w.addIfSet("customer_phone = ?", q.customerPhone() == null ? null : q.customerPhone().e164());
        // last: H2 takes an index's conditions in the reverse of their written order, and looks a list of statuses up
        // in the status index (which leads with the status) only when it meets it first; after the department's, it
        // read every entry of the index (H2QueryPlanTest). PostgreSQL plans the same whatever the order
        w.in("status", q.statuses(), Status.values());
        return w;
    }

    /**
     * A conjunction of conditions and their parameters, and its shape: which conditions it has, one bit each in the
     * order they are offered (for an enum's {@code IN} list, one bit per constant: which it holds), so that the same
     * shape always has the same text. A read finds its text by the shape ({@link #readSql}); the text is built only
     * for a shape not seen yet.
     */
    private static final class Where {
        /** A condition's text, or an {@link In} rendered when the text is built. */
        private final List<Object> conditions = new ArrayList<>(4);
        final List<Object> params = new ArrayList<>(8);
        private long shape;
        private int bit;

        /** {@code column IN (...)} over the constants of {@code all} whose bits are set in {@code mask}. */
        private record In(String column, Enum<?>[] all, long mask) {}

        void add(String condition, Object... values) {
            shape |= 1L << bit++;
            conditions.add(condition);
            Collections.addAll(params, values);
        }

        void addIfSet(String condition, @Nullable Object value) {
            if (value != null) {
                add(condition, value);
            } else {
                bit++;
            }
        }

        /**
         * {@code column IN (...)} over the constants in {@code set}, written as literals (none when the set is
         * empty): their names are this library's own identifiers, the set of texts is bounded by the subsets, and
         * the database sees the values it plans for (and, on H2, compares no parameters before reusing a cached
         * result).
         */
        <E extends Enum<E>> void in(String column, Set<E> set, E[] all) {
            long mask = 0;
            for (E e : set) {
                mask |= 1L << e.ordinal();
            }
            if (mask != 0) {
                shape |= mask << bit;
                conditions.add(new In(column, all, mask));
            }
            bit += all.length;
        }

        long shape() {
            if (bit > Long.SIZE) {
                throw new IllegalStateException("more conditions than a shape holds: " + bit + " bits");
            }
            return shape;
        }

        String sql() {
            List<String> texts = new ArrayList<>(conditions.size());
            for (Object c : conditions) {
                texts.add(c instanceof In in ? in(in) : (String) c);
            }
            return " WHERE " + String.join(" AND ", texts);
        }

        private static String in(In in) {
            List<String> literals = new ArrayList<>();
            for (Enum<?> e : in.all()) {
                if ((in.mask() & 1L << e.ordinal()) != 0) {
                    literals.add("'" + e.name() + "'");
                }
            }
            return in.column() + " IN (" + String.join(", ", literals) + ")";
        }

        void bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                Params.set(ps, i + 1, params.get(i));
            }
        }
    }

    /**
     * Reads the row {@link #selectFeedback} lists: the key columns, then the state columns. A row it cannot read (a
     * column changed by hand) fails naming the feedback's id and tenant, so that it can be found and repaired; the
     * reason names the column's problem, never its value.
     */
    private Feedback feedback(ResultSet rs) throws SQLException {
        try {
            return readFeedback(rs);
        } catch (RuntimeException unreadable) {
            throw new StoreException("the stored row of feedback " + getUuid(rs, 2) + " of tenant " + rs.getString(1)
                    + " cannot be read: " + unreadable.getMessage(), unreadable);
        }
    }

    private Feedback readFeedback(ResultSet rs) throws SQLException {
        FeedbackId id = new FeedbackId(getUuid(rs, 2));
        Feedback.Restorer r = Feedback.restore(id, new TenantId(rs.getString(1)),
                new ReferenceNumber(rs.getString(3), rs.getInt(4), rs.getLong(5)), rs.getLong(8));
        r.intakeKey(rs.getString(6));
        r.receivedAt(getRequiredInstant(rs, 7));
        int i = KEY_COUNT + 2;
        r.kind(FeedbackKind.valueOf(rs.getString(i++)));
        String type = rs.getString(i++);
        r.type(type == null ? null : new FeedbackTypeId(type));
        r.priority(Priority.valueOf(rs.getString(i++)));
        r.channel(new Channel(rs.getString(i++)));
        String location = rs.getString(i++);
        r.location(location == null ? null : new LocationId(location));
        String subject = rs.getString(i++);
        r.subject(subject == null ? null : new SubjectId(subject));
        String department = rs.getString(i++);
        r.department(department == null ? null : new DepartmentId(department));
        String assignee = rs.getString(i++);
        r.assignee(assignee == null ? null : new StaffId(assignee));
        String externalId = rs.getString(i++);
        String name = rs.getString(i++);
        String email = rs.getString(i++);
        String phone = rs.getString(i++);
        r.customer(parsed.readCustomer(id, new ParsedColumns.CustomerText(rs.getString(i++), externalId, name, email, phone)));
        r.description(rs.getString(i++));
        r.desiredRemedy(rs.getString(i++));
        r.immediateAction(rs.getString(i++));
        r.assessment(Json.assessment(rs.getString(i++)));
        r.attachments(Json.attachments(rs.getString(i++)));
        r.context(Json.map(rs.getString(i++)));
        r.status(Status.valueOf(rs.getString(i++)));
        String pausedFrom = rs.getString(i++);
        r.pausedFrom(pausedFrom == null ? null : Status.valueOf(pausedFrom));
        r.updatedAt(getRequiredInstant(rs, i++));
        r.plannedUntil(getInstant(rs, i++));
        r.resolution(rs.getString(i++));
        r.resolvedAt(getInstant(rs, i++));
        r.rejectionCount(rs.getInt(i++));
        r.lastRejectedAt(getInstant(rs, i++));
        r.recourseOffered(Json.recourse(rs.getString(i++)));
        String closure = rs.getString(i++);
        r.closureReason(closure == null ? null : ClosureReason.valueOf(closure));
        r.closedAt(getInstant(rs, i++));
        r.cancellationReason(rs.getString(i++));
        r.appealCount(rs.getInt(i++));
        r.slaClocks(parsed.readClocks(id, rs.getString(i++)));
        i++; // next_sla_check_at is derived from the clocks: written for the index, never read back
        r.watchers(Json.staff(rs.getString(i++)));
        long routingVersion = rs.getLong(i);
        r.routingVersion(rs.wasNull() ? null : routingVersion);
        i++;
        UUID possibleDuplicateOf = rs.getObject(i++, UUID.class);
        r.possibleDuplicateOf(possibleDuplicateOf == null ? null : new FeedbackId(possibleDuplicateOf));
        UUID mergedInto = rs.getObject(i, UUID.class);
        r.mergedInto(mergedInto == null ? null : new FeedbackId(mergedInto));
        return r.build();
    }

    /** One {@code GROUP BY assignee} over the tenant's open feedback instead of paging through it. */
    @Override
    public Map<StaffId, Integer> openLoad(TenantId tenant, Set<StaffId> staff) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(staff, "staff");
        if (staff.isEmpty()) {
            return Map.of();
        }
        Map<StaffId, Integer> load = new java.util.HashMap<>();
        for (GroupCount g : countBy(FeedbackQuery.builder(tenant).open().build(), GroupBy.ASSIGNEE)) {
            if (g.key() != null && staff.contains(new StaffId(g.key()))) {
                load.put(new StaffId(g.key()), Math.toIntExact(g.count()));
            }
        }
        return load;
    }

    /**
     * One statement selecting the ids alone, through the status index: no row is read into Java, so a row this store
     * cannot read fails only its own closing. Ordered by the id column as the database orders uuids (which need not
     * be {@link UUID#compareTo}'s order), the same for the cursor.
     */
    @Override
    public List<FeedbackId> closingDue(TenantId tenant, Instant endedBy, @Nullable FeedbackId after, int limit) {
        FeedbackStore.checkClosingDue(tenant, endedBy, limit);
        String sql = after == null ? selectClosingDue : selectClosingDueAfter;
        return tx.read("list feedback due for closing", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (int half = 0; half < 2; half++) {
                    ps.setString(i++, tenant.value());
                    setInstant(ps, i++, endedBy);
                    if (after != null) {
                        setUuid(ps, i++, after.value());
                    }
                }
                ps.setInt(i, limit);
                List<FeedbackId> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(new FeedbackId(getUuid(rs, 1)));
                    }
                }
                return List.copyOf(ids);
            }
        });
    }

    @Override
    public List<Feedback> dueForSlaCheck(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return tx.read("list feedback due for an SLA check", c -> {
            List<Feedback> due = new ArrayList<>();
            // the position (check time, id) of the last row read, readable or not
            Instant lastAt = null;
            UUID lastId = null;
            while (true) {
                // room for rows that cannot be read, so that a few of them still leave a full list in one statement
                int asked = (int) Math.min((long) limit - due.size() + UNREADABLE_ROOM, Integer.MAX_VALUE);
                int read = 0;
                try (PreparedStatement ps = c.prepareStatement(lastId == null ? selectSlaDue : selectSlaDueAfter)) {
                    int p = 1;
                    Params.setInstant(ps, p++, now);
                    if (lastId != null) {
                        Params.setInstant(ps, p++, lastAt);
                        Params.setInstant(ps, p++, lastAt);
                        setUuid(ps, p++, lastId);
                    }
                    ps.setInt(p, asked);
                    try (ResultSet rs = ps.executeQuery()) {
                        int checkAt = rs.findColumn("next_sla_check_at");
                        while (due.size() < limit && rs.next()) {
                            read++;
                            lastAt = getRequiredInstant(rs, checkAt);
                            lastId = getUuid(rs, 2);
                            try {
                                due.add(feedback(rs));
                            } catch (RuntimeException unreadable) {
                                // the list spans every tenant: one row changed by hand must not stop every other feedback's
                                // checkpoints. It stays due and is reported on every pass, by id only (the message may
                                // quote the stored value)
                                LOG.error("feedback {} is due for an SLA check but its stored row cannot be read ({}); it is left out"
                                        + " until the row is repaired", lastId, unreadable.getClass().getSimpleName());
                            }
                        }
                    }
                }
                // more unreadable rows than the room: read on after them rather than return a list shortened by them,
                // which the monitor takes for the end of what is due (with a limit's worth of them, for good)
                if (due.size() >= limit || read < asked) {
                    return List.copyOf(due);
                }
            }
        });
    }

    @Override
    public long next(TenantId tenant, String prefix, int year) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(prefix, "prefix");
        if (referenceBlock == 1 || tx.inHostTransaction() || released) {
            return take(tenant, prefix, year, 1);
        }
        SequenceKey key = new SequenceKey(tenant, prefix, year);
        Block block = cached(blocks, key, k -> new Block());
        while (true) {
            Range range = block.range;
            long n = range.take();
            if (n > 0) {
                if (n == range.last() - referenceBlock / 2) {
                    // exactly one thread issues this number, so one takes the next range
                    takeAhead(key, block);
                }
                return n;
            }
            synchronized (block) {
                awaitTakeAhead(block);
                if (block.range != range) {
                    continue; // another thread installed a new range meanwhile
                }
                if (released) {
                    // released while this thread waited: a block taken now would not be given back
                    return take(tenant, prefix, year, 1);
                }
                Range ahead = block.ahead.poll();
                block.range = ahead != null ? ahead : takeRange(key);
            }
        }
    }

    /** Waits, holding {@code block}'s monitor, until no range is being taken ahead for it. */
    private static void awaitTakeAhead(Block block) {
        boolean interrupted = false;
        while (block.takingAhead) {
            try {
                block.wait();
            } catch (InterruptedException e) {
                // the take ahead is one statement: it ends soon, and then the receipt has its number
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes the sequence's next range while the current one still has numbers, outside the block's monitor: the other
     * threads go on issuing meanwhile. Its caller already holds its number, so a failure here is not its failure: the
     * range is then taken when the current one runs out.
     */
    private void takeAhead(SequenceKey key, Block block) {
        synchronized (block) {
            // one at a time: two in flight could add their ranges in the other order than the database gave them. A
            // thread that issued a range's middle number can reach here late, when the range in flight was asked for
            // by the one after; that one then serves both
            if (released || block.takingAhead) {
                return;
            }
            block.takingAhead = true;
        }
        Range taken = null;
        try {
            taken = takeRange(key);
        } catch (RuntimeException e) {
            LOG.warn("could not take reference numbers ahead for {}; they are taken when the current ones run out", key, e);
        } finally {
            synchronized (block) {
                block.takingAhead = false;
                if (taken != null) {
                    // also when released meanwhile: the release waits for this range and gives it back with the rest
                    block.ahead.add(taken);
                }
                block.notifyAll();
            }
        }
    }

    private Range takeRange(SequenceKey key) {
        long last = take(key.tenant(), key.prefix(), key.year(), referenceBlock);
        return new Range(new AtomicLong(last - referenceBlock + 1), last);
    }

    /**
     * Gives the numbers of this store's blocks that were not issued back to the database, where no other node took
     * numbers of the same sequence since (then they stay unissued: a gap); from then on numbers are drawn one at a
     * time.
     */
    public void releaseReferenceBlocks() {
        released = true;
        for (Map.Entry<SequenceKey, Block> e : blocks.entrySet()) {
            Block block = e.getValue();
            synchronized (block) {
                awaitTakeAhead(block);
                List<Range> ranges = new ArrayList<>(block.ahead);
                ranges.add(block.range);
                block.ahead.clear();
                // the highest first: once it is back, the range below may end where the sequence then ends
                ranges.sort(Comparator.comparingLong(Range::last).reversed());
                for (Range range : ranges) {
                    giveBack(e.getKey(), range);
                }
            }
        }
    }

    /**
     * Closes {@code range} (a thread taking a number from it from now on finds none) and gives its numbers not issued
     * back, if the sequence still ends where the range ends.
     */
    private void giveBack(SequenceKey k, Range range) {
        long first = range.next().getAndSet(range.last() + 1);
        if (first > range.last()) {
            return;
        }
        tx.statement("give back reference numbers", c -> {
            try (PreparedStatement ps = c.prepareStatement(giveBackSequence)) {
                ps.setLong(1, first - 1);
                ps.setString(2, k.tenant().value());
                ps.setString(3, k.prefix());
                ps.setInt(4, k.year());
                ps.setLong(5, range.last());
                return ps.executeUpdate();
            }
        });
    }

    /** Takes {@code n} numbers from the database's sequence; returns the last of them. */
    private long take(TenantId tenant, String prefix, int year, int n) {
        return tx.statement("issue a reference number", c -> {
            for (int attempt = 1; ; attempt++) {
                try (PreparedStatement ps = c.prepareStatement(nextSequence)) {
                    ps.setString(1, tenant.value());
                    ps.setString(2, prefix);
                    ps.setInt(3, year);
                    ps.setLong(4, n);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new StoreException("the reference sequence returned no value");
                        }
                        return rs.getLong(1);
                    }
                } catch (SQLException e) {
                    // H2: two nodes inserted the first row of a year at once; the loser now finds it and increments
                    if (!dialect.isUniqueViolation(e) || attempt >= 3) {
                        throw e;
                    }
                }
            }
        });
    }

    @Override
    public SqlOutboxStore outbox() {
        return outbox;
    }

    @Override
    public String toString() {
        return "SqlFeedbackStore[" + dialect.dialect() + " " + feedbackTable + "]";
    }
}
