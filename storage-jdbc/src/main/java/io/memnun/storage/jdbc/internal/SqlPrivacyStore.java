package io.memnun.storage.jdbc.internal;

import static io.memnun.storage.jdbc.internal.Params.getInstant;
import static io.memnun.storage.jdbc.internal.Params.getRequiredInstant;
import static io.memnun.storage.jdbc.internal.Params.getUuid;
import static io.memnun.storage.jdbc.internal.Params.setInstant;
import static io.memnun.storage.jdbc.internal.Params.setString;
import static io.memnun.storage.jdbc.internal.Params.setUuid;

import io.memnun.error.DuplicateKeyException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.AccessLogEntry;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import io.memnun.spi.PrivacyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link PrivacyStore} on the {@code consent} and {@code legal_hold} tables (schema 12), the
 * {@code legal_hold_released} table (schema 19) and the access log's {@code privacy_log} and
 * {@code privacy_log_subject} (schema 22).
 */
public final class SqlPrivacyStore implements PrivacyStore {
    private static final String CONSENT_COLUMNS =
            "tenant, id, person_kind, person_value, purpose, given_at, channel, evidence, withdrawn_at";

    private final Transactions tx;
    private final SqlDialect dialect;
    private final String updateConsent;
    private final String insertConsent;
    private final String selectConsents;
    private final String deleteConsents;
    private final String insertHold;
    private final String selectHold;
    private final String deleteHold;
    private final String selectHolds;
    private final String insertReleased;
    private final String selectReleased;
    private final String anonymiseReleased;
    private final String insertLog;
    private final String insertLogSubject;
    private final String selectLogBySubject;
    private final String selectLogByPeriod;
    private final String deleteLogSubjects;
    private final String deleteLog;

    public SqlPrivacyStore(Transactions tx, SqlDialect dialect, Tables tables) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        String consent = tables.consent();
        this.updateConsent = "UPDATE " + consent + " SET person_kind = ?, person_value = ?, purpose = ?, given_at = ?, channel = ?,"
                + " evidence = ?, withdrawn_at = ? WHERE tenant = ? AND id = ?";
        this.insertConsent = "INSERT INTO " + consent + " (" + CONSENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + dialect.onConflictDoNothing();
        this.selectConsents = "SELECT " + CONSENT_COLUMNS + " FROM " + consent
                + " WHERE tenant = ? AND person_kind = ? AND person_value = ? ORDER BY given_at, id";
        this.deleteConsents = "DELETE FROM " + consent + " WHERE tenant = ? AND person_kind = ? AND person_value = ?";
        String hold = tables.legalHold();
        this.insertHold = "INSERT INTO " + hold + " (tenant, feedback_id, name, reason, actor_kind, actor_id, placed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        this.selectHold = "SELECT name, reason, actor_kind, actor_id, placed_at FROM " + hold
                + " WHERE tenant = ? AND feedback_id = ? AND name = ?";
        // by its placing too: what is deleted is the hold that was read
        this.deleteHold = "DELETE FROM " + hold + " WHERE tenant = ? AND feedback_id = ? AND name = ? AND placed_at = ?";
        this.selectHolds = "SELECT name, reason, actor_kind, actor_id, placed_at FROM " + hold
                + " WHERE tenant = ? AND feedback_id = ? ORDER BY placed_at, name";
        String released = tables.legalHoldReleased();
        this.insertReleased = "INSERT INTO " + released + " (tenant, feedback_id, name, reason, actor_kind, actor_id, placed_at,"
                + " released_by_kind, released_by_id, released_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.selectReleased = "SELECT name, reason, actor_kind, actor_id, placed_at, released_by_kind, released_by_id, released_at FROM "
                + released + " WHERE tenant = ? AND feedback_id = ? ORDER BY release_seq";
        this.anonymiseReleased = "UPDATE " + released + " SET reason = ? WHERE tenant = ? AND feedback_id = ? AND reason <> ?";
        String log = tables.privacyLog();
        String subject = tables.privacyLogSubject();
        this.insertLog = "INSERT INTO " + log + " (id, tenant, action, actor_kind, actor_id, why, logged_at, refs, counts)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.insertLogSubject = "INSERT INTO " + subject + " (tenant, entry_id, subject_no, subject_kind, digest) VALUES (?, ?, ?, ?, ?)";
        // each entry with all of its subjects, one row per subject (one with nulls for an entry without any)
        String selectLog = "SELECT l.id, l.action, l.actor_kind, l.actor_id, l.why, l.logged_at, l.refs, l.counts, s.subject_kind, s.digest"
                + " FROM " + log + " l LEFT JOIN " + subject + " s ON s.entry_id = l.id";
        String order = " ORDER BY l.logged_at, l.seq, s.subject_no";
        this.selectLogBySubject = selectLog + " WHERE l.tenant = ? AND l.id IN (SELECT m.entry_id FROM " + subject + " m"
                + " WHERE m.tenant = ? AND m.digest = ? AND m.subject_kind = ?)" + order;
        this.selectLogByPeriod = selectLog + " WHERE l.tenant = ? AND l.logged_at >= ? AND l.logged_at < ?" + order;
        this.deleteLogSubjects = "DELETE FROM " + subject + " WHERE tenant = ? AND entry_id IN (SELECT id FROM " + log
                + " WHERE tenant = ? AND logged_at < ?)";
        this.deleteLog = "DELETE FROM " + log + " WHERE tenant = ? AND logged_at < ?";
    }

    @Override
    public void saveConsent(ConsentRecord consent) {
        Objects.requireNonNull(consent, "consent");
        tx.write("save consent " + consent.id(), c -> {
            // the record of this tenant with that id, else a new one; never another tenant's record, which keeps its id
            if (updateConsent(c, consent) == 1 || insertConsent(c, consent) == 1 || updateConsent(c, consent) == 1) {
                return null;
            }
            throw new DuplicateKeyException("id", consent.id().toString());
        });
    }

    private int updateConsent(Connection c, ConsentRecord consent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(updateConsent)) {
            bindConsent(ps, 1, consent);
            ps.setString(8, consent.tenant().value());
            setUuid(ps, 9, consent.id());
            return ps.executeUpdate();
        }
    }

    /** Binds the columns after tenant and id ({@code person_kind} to {@code withdrawn_at}) from {@code start}. */
    private static void bindConsent(PreparedStatement ps, int start, ConsentRecord consent) throws SQLException {
        ps.setString(start, consent.person().kind().name());
        ps.setString(start + 1, consent.person().value());
        ps.setString(start + 2, consent.purpose());
        setInstant(ps, start + 3, consent.givenAt());
        ps.setString(start + 4, consent.channel());
        setString(ps, start + 5, consent.evidence());
        setInstant(ps, start + 6, consent.withdrawnAt());
    }

    /** 1 if inserted; 0 if a record with that id exists (inserted meanwhile, or another tenant's). */
    private int insertConsent(Connection c, ConsentRecord consent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertConsent)) {
            ps.setString(1, consent.tenant().value());
            setUuid(ps, 2, consent.id());
            bindConsent(ps, 3, consent);
            return ps.executeUpdate();
        } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)) {
                return 0;
            }
            throw e;
        }
    }

    @Override
    public List<ConsentRecord> consents(TenantId tenant, PersonKey person) {
        return tx.read("read the consents of " + person.kind(), c -> {
            try (PreparedStatement ps = c.prepareStatement(selectConsents)) {
                bindPerson(ps, tenant, person);
                List<ConsentRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ConsentRecord(getUuid(rs, 2), tenant, new PersonKey(PersonKey.Kind.valueOf(rs.getString(3)), rs.getString(4)),
                                rs.getString(5), getRequiredInstant(rs, 6), rs.getString(7), rs.getString(8), getInstant(rs, 9)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int deleteConsents(TenantId tenant, PersonKey person) {
        return tx.statement("delete the consents of " + person.kind(), c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteConsents)) {
                bindPerson(ps, tenant, person);
                return ps.executeUpdate();
            }
        });
    }

    private static void bindPerson(PreparedStatement ps, TenantId tenant, PersonKey person) throws SQLException {
        ps.setString(1, tenant.value());
        ps.setString(2, person.kind().name());
        ps.setString(3, person.value());
    }

    @Override
    public void placeHold(LegalHold hold) {
        Objects.requireNonNull(hold, "hold");
        if (!hold.isActive()) {
            throw new IllegalArgumentException("hold " + hold.name() + " is released already; place an active hold");
        }
        tx.statement("place legal hold " + hold.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement(insertHold)) {
                bindHold(ps, hold);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isUniqueViolation(e)) {
                    DuplicateKeyException d = new DuplicateKeyException("hold", hold.name());
                    d.initCause(e);
                    throw d;
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public Optional<LegalHold> releaseHold(TenantId tenant, FeedbackId feedback, String name, Actor by, Instant at) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        return tx.write("release legal hold " + name, c -> {
            LegalHold hold;
            try (PreparedStatement ps = c.prepareStatement(selectHold)) {
                bindFeedback(ps, tenant, feedback);
                ps.setString(3, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    hold = hold(rs, tenant, feedback);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(deleteHold)) {
                bindFeedback(ps, tenant, feedback);
                ps.setString(3, name);
                setInstant(ps, 4, hold.placedAt());
                if (ps.executeUpdate() == 0) {
                    // released (or released and placed anew) since the read: this release is not the one that did it
                    return Optional.empty();
                }
            }
            LegalHold released = hold.release(by, at);
            try (PreparedStatement ps = c.prepareStatement(insertReleased)) {
                bindHold(ps, released);
                ps.setString(8, by.kind().name());
                ps.setString(9, by.id());
                setInstant(ps, 10, released.releasedAt());
                ps.executeUpdate();
            }
            return Optional.of(released);
        });
    }

    @Override
    public List<LegalHold> holds(TenantId tenant, FeedbackId feedback) {
        return tx.read("read the legal holds of " + feedback, c -> {
            try (PreparedStatement ps = c.prepareStatement(selectHolds)) {
                bindFeedback(ps, tenant, feedback);
                List<LegalHold> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(hold(rs, tenant, feedback));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<LegalHold> releasedHolds(TenantId tenant, FeedbackId feedback) {
        return tx.read("read the released legal holds of " + feedback, c -> {
            try (PreparedStatement ps = c.prepareStatement(selectReleased)) {
                bindFeedback(ps, tenant, feedback);
                List<LegalHold> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LegalHold(tenant, feedback, rs.getString(1), rs.getString(2), actor(rs, 3), getRequiredInstant(rs, 5),
                                actor(rs, 6), getRequiredInstant(rs, 8)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int anonymiseReleasedHolds(TenantId tenant, FeedbackId feedback, String placeholder) {
        Objects.requireNonNull(placeholder, "placeholder");
        return tx.statement("anonymise the released legal holds of " + feedback, c -> {
            try (PreparedStatement ps = c.prepareStatement(anonymiseReleased)) {
                ps.setString(1, placeholder);
                ps.setString(2, tenant.value());
                setUuid(ps, 3, feedback.value());
                ps.setString(4, placeholder);
                return ps.executeUpdate();
            }
        });
    }

    /** Binds a hold's columns as placed ({@code tenant} to {@code placed_at}) to parameters 1 to 7. */
    private static void bindHold(PreparedStatement ps, LegalHold hold) throws SQLException {
        bindFeedback(ps, hold.tenant(), hold.feedback());
        ps.setString(3, hold.name());
        ps.setString(4, hold.reason());
        ps.setString(5, hold.placedBy().kind().name());
        ps.setString(6, hold.placedBy().id());
        setInstant(ps, 7, hold.placedAt());
    }

    private static void bindFeedback(PreparedStatement ps, TenantId tenant, FeedbackId feedback) throws SQLException {
        ps.setString(1, tenant.value());
        setUuid(ps, 2, feedback.value());
    }

    /** An active hold from a row of {@code name, reason, actor_kind, actor_id, placed_at}. */
    private static LegalHold hold(ResultSet rs, TenantId tenant, FeedbackId feedback) throws SQLException {
        return new LegalHold(tenant, feedback, rs.getString(1), rs.getString(2), actor(rs, 3), getRequiredInstant(rs, 5));
    }

    private static Actor actor(ResultSet rs, int kindColumn) throws SQLException {
        return new Actor(Actor.Kind.valueOf(rs.getString(kindColumn)), rs.getString(kindColumn + 1));
    }

    // ---- the access log

    @Override
    public void appendAccessLog(AccessLogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        tx.write("append to the access log", c -> {
            try (PreparedStatement ps = c.prepareStatement(insertLog)) {
                setUuid(ps, 1, entry.id());
                ps.setString(2, entry.tenant().value());
                ps.setString(3, entry.action().name());
                ps.setString(4, entry.actor().kind().name());
                ps.setString(5, entry.actor().id());
                ps.setString(6, entry.why());
                setInstant(ps, 7, entry.at());
                ps.setString(8, String.join(",", entry.references()));
                ps.setString(9, countsText(entry.counts()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isUniqueViolation(e)) {
                    DuplicateKeyException d = new DuplicateKeyException("id", entry.id().toString());
                    d.initCause(e);
                    throw d;
                }
                throw e;
            }
            if (!entry.subjects().isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(insertLogSubject)) {
                    int no = 0;
                    for (AccessLogEntry.Subject subject : entry.subjects()) {
                        ps.setString(1, entry.tenant().value());
                        setUuid(ps, 2, entry.id());
                        ps.setInt(3, no++);
                        ps.setString(4, subject.kind().name());
                        ps.setString(5, subject.digest());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    @Override
    public List<AccessLogEntry> accessLog(TenantId tenant, AccessLogEntry.Subject subject) {
        Objects.requireNonNull(subject, "subject");
        return tx.read("read the access log of a " + subject.kind(), c -> {
            try (PreparedStatement ps = c.prepareStatement(selectLogBySubject)) {
                ps.setString(1, tenant.value());
                ps.setString(2, tenant.value());
                ps.setString(3, subject.digest());
                ps.setString(4, subject.kind().name());
                return entries(ps, tenant);
            }
        });
    }

    @Override
    public List<AccessLogEntry> accessLog(TenantId tenant, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return tx.read("read the access log of a period", c -> {
            try (PreparedStatement ps = c.prepareStatement(selectLogByPeriod)) {
                ps.setString(1, tenant.value());
                setInstant(ps, 2, from);
                setInstant(ps, 3, to);
                return entries(ps, tenant);
            }
        });
    }

    @Override
    public int purgeAccessLog(TenantId tenant, Instant before) {
        Objects.requireNonNull(before, "before");
        return tx.write("purge the access log", c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteLogSubjects)) {
                ps.setString(1, tenant.value());
                ps.setString(2, tenant.value());
                setInstant(ps, 3, before);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(deleteLog)) {
                ps.setString(1, tenant.value());
                setInstant(ps, 2, before);
                return ps.executeUpdate();
            }
        });
    }

    /** The entries of rows ordered by entry (one row per subject), each with its subjects in order. */
    private static List<AccessLogEntry> entries(PreparedStatement ps, TenantId tenant) throws SQLException {
        List<AccessLogEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            UUID current = null;
            List<AccessLogEntry.Subject> subjects = new ArrayList<>();
            AccessLogEntry head = null;
            while (rs.next()) {
                UUID id = getUuid(rs, 1);
                if (!id.equals(current)) {
                    if (head != null) {
                        out.add(withSubjects(head, subjects));
                    }
                    current = id;
                    subjects = new ArrayList<>();
                    head = new AccessLogEntry(id, tenant, AccessLogEntry.Action.valueOf(rs.getString(2)), List.of(), actor(rs, 3),
                            rs.getString(5), getRequiredInstant(rs, 6), references(rs.getString(7)), counts(rs.getString(8)));
                }
                String kind = rs.getString(9);
                if (kind != null) {
                    subjects.add(new AccessLogEntry.Subject(PersonKey.Kind.valueOf(kind), rs.getString(10)));
                }
            }
            if (head != null) {
                out.add(withSubjects(head, subjects));
            }
        }
        return out;
    }

    private static AccessLogEntry withSubjects(AccessLogEntry e, List<AccessLogEntry.Subject> subjects) {
        return new AccessLogEntry(e.id(), e.tenant(), e.action(), subjects, e.actor(), e.why(), e.at(), e.references(), e.counts());
    }

    private static List<String> references(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split(","));
    }

    /** {@code name=n,name=n}, by name (the entry keeps them sorted). */
    private static String countsText(Map<String, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((name, n) -> sb.append(sb.length() == 0 ? "" : ",").append(name).append('=').append(n));
        return sb.toString();
    }

    private static Map<String, Integer> counts(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                counts.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
            }
        }
        return counts;
    }
}
