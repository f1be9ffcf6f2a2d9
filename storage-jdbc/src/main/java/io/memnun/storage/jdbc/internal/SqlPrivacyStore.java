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
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import io.memnun.spi.PrivacyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link PrivacyStore} on the {@code consent} and {@code legal_hold} tables (schema 12). */
public final class SqlPrivacyStore implements PrivacyStore {
    private static final String CONSENT_COLUMNS =
            "tenant, id, person_kind, person_value, purpose, given_at, channel, evidence, withdrawn_at";

    private final Transactions tx;
    private final SqlDialect dialect;
    private final String upsertConsent;
    private final String selectConsents;
    private final String deleteConsents;
    private final String insertHold;
    private final String deleteHold;
    private final String selectHolds;

    public SqlPrivacyStore(Transactions tx, SqlDialect dialect, Tables tables) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        String consent = tables.consent();
        this.upsertConsent = dialect.upsert(consent, List.of("id"), List.of(CONSENT_COLUMNS.split(", ")));
        this.selectConsents = "SELECT " + CONSENT_COLUMNS + " FROM " + consent
                + " WHERE tenant = ? AND person_kind = ? AND person_value = ? ORDER BY given_at, id";
        this.deleteConsents = "DELETE FROM " + consent + " WHERE tenant = ? AND person_kind = ? AND person_value = ?";
        String hold = tables.legalHold();
        this.insertHold = "INSERT INTO " + hold + " (tenant, feedback_id, name, reason, actor_kind, actor_id, placed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        this.deleteHold = "DELETE FROM " + hold + " WHERE tenant = ? AND feedback_id = ? AND name = ?";
        this.selectHolds = "SELECT name, reason, actor_kind, actor_id, placed_at FROM " + hold
                + " WHERE tenant = ? AND feedback_id = ? ORDER BY placed_at, name";
    }

    @Override
    public void saveConsent(ConsentRecord consent) {
        Objects.requireNonNull(consent, "consent");
        tx.statement("save consent " + consent.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(upsertConsent)) {
                ps.setString(1, consent.tenant().value());
                setUuid(ps, 2, consent.id());
                ps.setString(3, consent.person().kind().name());
                ps.setString(4, consent.person().value());
                ps.setString(5, consent.purpose());
                setInstant(ps, 6, consent.givenAt());
                ps.setString(7, consent.channel());
                setString(ps, 8, consent.evidence());
                setInstant(ps, 9, consent.withdrawnAt());
                ps.executeUpdate();
            }
            return null;
        });
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
        tx.statement("place legal hold " + hold.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement(insertHold)) {
                ps.setString(1, hold.tenant().value());
                setUuid(ps, 2, hold.feedback().value());
                ps.setString(3, hold.name());
                ps.setString(4, hold.reason());
                ps.setString(5, hold.placedBy().kind().name());
                ps.setString(6, hold.placedBy().id());
                setInstant(ps, 7, hold.placedAt());
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
    public boolean releaseHold(TenantId tenant, FeedbackId feedback, String name) {
        return tx.statement("release legal hold " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteHold)) {
                ps.setString(1, tenant.value());
                setUuid(ps, 2, feedback.value());
                ps.setString(3, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<LegalHold> holds(TenantId tenant, FeedbackId feedback) {
        return tx.read("read the legal holds of " + feedback, c -> {
            try (PreparedStatement ps = c.prepareStatement(selectHolds)) {
                ps.setString(1, tenant.value());
                setUuid(ps, 2, feedback.value());
                List<LegalHold> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LegalHold(tenant, feedback, rs.getString(1), rs.getString(2),
                                new Actor(Actor.Kind.valueOf(rs.getString(3)), rs.getString(4)), getRequiredInstant(rs, 5)));
                    }
                }
                return out;
            }
        });
    }
}
