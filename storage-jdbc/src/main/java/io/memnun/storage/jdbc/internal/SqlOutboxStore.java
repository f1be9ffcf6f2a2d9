package io.memnun.storage.jdbc.internal;

import static io.memnun.storage.jdbc.internal.Params.getInstant;
import static io.memnun.storage.jdbc.internal.Params.getRequiredInstant;
import static io.memnun.storage.jdbc.internal.Params.setInstant;
import static io.memnun.storage.jdbc.internal.Params.setString;
import static io.memnun.storage.jdbc.internal.Params.setUuid;

import io.memnun.error.DuplicateKeyException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.MessageCategory;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.OutboxMessage;
import io.memnun.notify.Party;
import io.memnun.spi.OutboxStore;
import io.memnun.storage.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link OutboxStore} on memnun's outbox table: one row per message, due rows found through
 * {@code (next_attempt_at, seq)}, where {@code seq} is an identity column that keeps the order of writing.
 *
 * <p>A claim is one short transaction. On PostgreSQL it is one statement: an {@code UPDATE ... WHERE id IN (SELECT
 * ... FOR UPDATE SKIP LOCKED) RETURNING ...}, so concurrent dispatchers pass over each other's rows instead of
 * waiting for them. On H2 the due rows are selected and each is taken by a conditional {@code UPDATE} that repeats
 * the due condition; a loser of a race waits for the winner's commit, finds the lease taken and skips the row.
 * Every finishing write is conditional on {@code state = 'PENDING' AND claimed_by = ?}: one row updated means the
 * caller still held the message.
 *
 * <p>{@link #insert} is also called by {@link SqlFeedbackStore} inside the transaction that writes a feedback change.
 */
public final class SqlOutboxStore implements OutboxStore {
    private static final String COLUMNS = "id, tenant, owner_kind, owner_id, feedback_id, reference, event_version, event_type, template, party,"
            + " channel, recipient_id, recipient_name, address, language, zone, subject, body_text, body_html, category,"
            + " urgent, acknowledgement, idempotency_key, created_at, state, attempts, next_attempt_at, claimed_by,"
            + " claimed_until, last_error, provider_id, finished_at";
    private static final String DUE = "state = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)";
    private static final int MAX_OWNER = 200;

    private final Transactions tx;
    private final SqlDialect dialect;
    private final String table;
    private final String insert;
    private final String select;
    /** PostgreSQL: the whole claim in one statement. */
    private final String claimAll;
    /** H2: the due ids, then a conditional update of each. */
    private final String selectDue;
    private final String claimOne;

    public SqlOutboxStore(Transactions tx, SqlDialect dialect, Tables tables) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.table = tables.outbox();
        this.insert = "INSERT INTO " + table + " (" + COLUMNS.substring(0, COLUMNS.indexOf(", claimed_by")) + ") VALUES ("
                + "?, ".repeat(24) + "'PENDING', 0, ?)";
        this.select = "SELECT " + COLUMNS + " FROM " + table;
        this.claimAll = "UPDATE " + table + " SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1 WHERE id IN"
                + " (SELECT id FROM " + table + " WHERE " + DUE + " ORDER BY next_attempt_at, seq LIMIT ?" + dialect.skipLocked()
                + ") RETURNING " + COLUMNS + ", seq";
        this.selectDue = "SELECT id FROM " + table + " WHERE " + DUE + " ORDER BY next_attempt_at, seq LIMIT ?" + dialect.skipLocked();
        this.claimOne = "UPDATE " + table + " SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1 WHERE id = ? AND " + DUE;
    }

    @Override
    public void enqueue(List<Notification> notifications) {
        List<Notification> batch = List.copyOf(notifications);
        if (batch.isEmpty()) {
            return;
        }
        tx.write("enqueue notifications", c -> {
            insert(c, batch);
            return null;
        });
    }

    /**
     * Inserts {@code notifications} as new pending messages on {@code c}, in order, within the caller's transaction.
     *
     * @throws DuplicateKeyException if a message with one of the ids or idempotency keys exists (the caller's
     *     transaction must then be rolled back)
     */
    void insert(Connection c, List<Notification> notifications) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (Notification n : notifications) {
                bind(ps, n);
                if (notifications.size() == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (notifications.size() > 1) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            // a batch reports the failed statement's error as its cause or as its next exception, depending on the driver
            if (dialect.isUniqueViolation(e)) {
                DuplicateKeyException d = new DuplicateKeyException("outbox id", notifications.size() == 1
                        ? notifications.get(0).id().toString()
                        : "one of " + notifications.stream().map(n -> n.id().toString()).toList());
                d.initCause(e);
                throw d;
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, Notification n) throws SQLException {
        int i = 1;
        setUuid(ps, i++, n.id());
        ps.setString(i++, n.tenant().value());
        ps.setString(i++, n.owner().kind());
        setUuid(ps, i++, n.owner().id());
        // kept for a feedback's messages, so that queries about a feedback need not know owner kinds
        setUuid(ps, i++, n.feedbackId().map(FeedbackId::value).orElse(null));
        ps.setString(i++, n.owner().label());
        ps.setLong(i++, n.eventVersion());
        setString(ps, i++, n.event() == null ? null : n.event().name());
        ps.setString(i++, n.template());
        ps.setString(i++, n.party().toString());
        ps.setString(i++, n.channel().name());
        setString(ps, i++, n.recipientId());
        setString(ps, i++, n.recipientName());
        ps.setString(i++, n.address());
        ps.setString(i++, n.language().toLanguageTag());
        ps.setString(i++, n.zone().getId());
        setString(ps, i++, n.subject());
        ps.setString(i++, n.text());
        setString(ps, i++, n.html());
        ps.setString(i++, n.category().name());
        ps.setBoolean(i++, n.urgent());
        ps.setBoolean(i++, n.acknowledgement());
        ps.setString(i++, n.idempotencyKey());
        setInstant(ps, i++, n.createdAt());
        // next_attempt_at: a new message is due when it was planned
        setInstant(ps, i, n.createdAt());
    }

    private static OutboxMessage message(ResultSet rs) throws SQLException {
        int i = 1;
        UUID id = rs.getObject(i++, UUID.class);
        TenantId tenant = new TenantId(rs.getString(i++));
        String ownerKind = rs.getString(i++);
        UUID ownerId = rs.getObject(i++, UUID.class);
        i++; // feedback_id: the owner's id for a feedback's message
        MessageOwner owner = new MessageOwner(ownerKind, ownerId, rs.getString(i++));
        long eventVersion = rs.getLong(i++);
        String eventName = rs.getString(i++);
        EventType event = eventName == null ? null : EventType.valueOf(eventName);
        String template = rs.getString(i++);
        Party party = Party.parse(rs.getString(i++));
        ContactChannel channel = ContactChannel.valueOf(rs.getString(i++));
        String recipientId = rs.getString(i++);
        String recipientName = rs.getString(i++);
        String address = rs.getString(i++);
        Locale language = Locale.forLanguageTag(rs.getString(i++));
        ZoneId zone = ZoneId.of(rs.getString(i++));
        String subject = rs.getString(i++);
        String text = rs.getString(i++);
        String html = rs.getString(i++);
        MessageCategory category = MessageCategory.valueOf(rs.getString(i++));
        boolean urgent = rs.getBoolean(i++);
        boolean acknowledgement = rs.getBoolean(i++);
        String idempotencyKey = rs.getString(i++);
        Instant createdAt = getRequiredInstant(rs, i++);
        Notification n = new Notification(id, tenant, owner, eventVersion, event, template, party, channel,
                recipientId, recipientName, address, language, zone, subject, text, html, category, urgent, acknowledgement,
                idempotencyKey, createdAt);
        OutboxMessage.State state = OutboxMessage.State.valueOf(rs.getString(i++));
        int attempts = rs.getInt(i++);
        Instant nextAttemptAt = getRequiredInstant(rs, i++);
        String claimedBy = rs.getString(i++);
        Instant claimedUntil = getInstant(rs, i++);
        String lastError = rs.getString(i++);
        String providerId = rs.getString(i++);
        Instant finishedAt = getInstant(rs, i);
        return new OutboxMessage(n, state, attempts, nextAttemptAt, claimedBy, claimedUntil, lastError, providerId, finishedAt);
    }

    @Override
    public List<OutboxMessage> claim(String owner, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank() || owner.length() > MAX_OWNER || !owner.equals(owner.strip())
                || owner.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("owner", "must be a single line of 1 to " + MAX_OWNER + " characters, was '" + owner + "'");
        }
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new ValidationException("lease", "must be positive, was " + lease);
        }
        if (limit < 1) {
            throw new ValidationException("limit", "must be positive, was " + limit);
        }
        Instant until = now.plus(lease);
        return tx.write("claim notifications", c -> dialect.dialect() == Dialect.POSTGRESQL
                ? claimInOneStatement(c, owner, now, until, limit)
                : claimRowByRow(c, owner, now, until, limit));
    }

    private List<OutboxMessage> claimInOneStatement(Connection c, String owner, Instant now, Instant until, int limit)
            throws SQLException {
        record Claimed(OutboxMessage message, long seq) {}
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(claimAll)) {
            ps.setString(1, owner);
            setInstant(ps, 2, until);
            setInstant(ps, 3, now);
            setInstant(ps, 4, now);
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(message(rs), rs.getLong("seq")));
                }
            }
        }
        // RETURNING gives the rows in no particular order
        claimed.sort(Comparator.comparing((Claimed m) -> m.message().nextAttemptAt()).thenComparingLong(Claimed::seq));
        return claimed.stream().map(Claimed::message).toList();
    }

    private List<OutboxMessage> claimRowByRow(Connection c, String owner, Instant now, Instant until, int limit) throws SQLException {
        List<UUID> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(selectDue)) {
            setInstant(ps, 1, now);
            setInstant(ps, 2, now);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<UUID> taken = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(claimOne)) {
            for (UUID id : candidates) {
                ps.setString(1, owner);
                setInstant(ps, 2, until);
                setUuid(ps, 3, id);
                setInstant(ps, 4, now);
                setInstant(ps, 5, now);
                // one at a time: a batch's update counts are not reported reliably by every driver
                if (ps.executeUpdate() == 1) {
                    taken.add(id);
                }
            }
        }
        if (taken.isEmpty()) {
            return List.of();
        }
        List<OutboxMessage> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE id IN (" + "?, ".repeat(taken.size() - 1)
                + "?) ORDER BY next_attempt_at, seq")) {
            for (int i = 0; i < taken.size(); i++) {
                setUuid(ps, i + 1, taken.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(message(rs));
                }
            }
        }
        return List.copyOf(claimed);
    }

    /** Runs a finishing update whose last two parameters are the id and the owner; true if it changed the row. */
    private boolean finish(String what, String assignments, UUID id, String owner, Binder binder) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        String sql = "UPDATE " + table + " SET " + assignments + ", claimed_by = NULL, claimed_until = NULL"
                + " WHERE id = ? AND state = 'PENDING' AND claimed_by = ?";
        return tx.statement(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = binder.bind(ps);
                setUuid(ps, i++, id);
                ps.setString(i, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @FunctionalInterface
    private interface Binder {
        /** Binds the assignments' parameters from 1; returns the next index. */
        int bind(PreparedStatement ps) throws SQLException;
    }

    @Override
    public boolean markSent(UUID id, String owner, Instant at, String providerId) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(providerId, "providerId");
        return finish("mark a notification sent", "state = 'SENT', provider_id = ?, finished_at = ?", id, owner, ps -> {
            ps.setString(1, providerId);
            setInstant(ps, 2, at);
            return 3;
        });
    }

    @Override
    public boolean markFailed(UUID id, String owner, Instant nextAttemptAt, String error) {
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(error, "error");
        return finish("record a failed notification", "next_attempt_at = ?, last_error = ?, provider_id = NULL, finished_at = NULL",
                id, owner, ps -> {
                    setInstant(ps, 1, nextAttemptAt);
                    ps.setString(2, error);
                    return 3;
                });
    }

    @Override
    public boolean reschedule(UUID id, String owner, Instant at, String reason) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        // the claim's attempt is given back: a message held over quiet hours was not tried
        return finish("reschedule a notification", "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,"
                + " next_attempt_at = ?, provider_id = NULL, finished_at = NULL", id, owner, ps -> {
                    setInstant(ps, 1, at);
                    return 2;
                });
    }

    @Override
    public boolean deadLetter(UUID id, String owner, Instant at, String error) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(error, "error");
        return finish("dead-letter a notification", "state = 'DEAD', last_error = ?, provider_id = NULL, finished_at = ?", id, owner,
                ps -> {
                    ps.setString(1, error);
                    setInstant(ps, 2, at);
                    return 3;
                });
    }

    @Override
    public Optional<OutboxMessage> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return tx.read("find a notification", c -> {
            try (PreparedStatement ps = c.prepareStatement(select + " WHERE id = ?")) {
                setUuid(ps, 1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(message(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<OutboxMessage> deadLetters(int limit) {
        if (limit < 0) {
            throw new ValidationException("limit", "must not be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return tx.read("list dead-lettered notifications", c -> {
            try (PreparedStatement ps = c.prepareStatement(select + " WHERE state = 'DEAD' ORDER BY finished_at, seq LIMIT ?")) {
                ps.setInt(1, limit);
                List<OutboxMessage> dead = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        dead.add(message(rs));
                    }
                }
                return List.copyOf(dead);
            }
        });
    }

    @Override
    public int deleteFor(TenantId tenant, FeedbackId feedback) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(feedback, "feedback");
        return tx.statement("delete the notifications of " + feedback, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE tenant = ? AND feedback_id = ?")) {
                ps.setString(1, tenant.value());
                setUuid(ps, 2, feedback.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int deleteForOwner(TenantId tenant, String ownerKind, UUID ownerId) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(ownerKind, "ownerKind");
        Objects.requireNonNull(ownerId, "ownerId");
        return tx.statement("delete the notifications of " + ownerKind + " " + ownerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE tenant = ? AND owner_kind = ? AND owner_id = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, ownerKind);
                setUuid(ps, 3, ownerId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean requeue(UUID id, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        String sql = "UPDATE " + table + " SET state = 'PENDING', attempts = 0, next_attempt_at = ?, claimed_by = NULL,"
                + " claimed_until = NULL, provider_id = NULL, finished_at = NULL WHERE id = ? AND state = 'DEAD'";
        return tx.statement("requeue a notification", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                setInstant(ps, 1, at);
                setUuid(ps, 2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int purgeSent(Instant before) {
        Objects.requireNonNull(before, "before");
        String sql = "DELETE FROM " + table + " WHERE state = 'SENT' AND finished_at < ?";
        return tx.statement("purge sent notifications", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                setInstant(ps, 1, before);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public String toString() {
        return "SqlOutboxStore[" + dialect.dialect() + " " + table + "]";
    }
}
