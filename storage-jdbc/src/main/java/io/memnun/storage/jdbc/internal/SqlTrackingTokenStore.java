package io.memnun.storage.jdbc.internal;

import static io.memnun.storage.jdbc.internal.Params.getRequiredInstant;
import static io.memnun.storage.jdbc.internal.Params.setInstant;
import static io.memnun.storage.jdbc.internal.Params.setUuid;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.spi.TrackingTokenStore;
import io.memnun.tracking.TrackingToken;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link TrackingTokenStore} on the {@code tracking_token} table: one row per feedback, replaced by a rotation. */
public final class SqlTrackingTokenStore implements TrackingTokenStore {
    private final Transactions tx;
    private final String upsert;
    private final String select;
    private final String delete;

    public SqlTrackingTokenStore(Transactions tx, SqlDialect dialect, Tables tables) {
        this.tx = Objects.requireNonNull(tx, "tx");
        String table = tables.trackingToken();
        this.upsert = dialect.upsert(table, List.of("tenant", "feedback_id"), List.of("tenant", "feedback_id", "token_hash", "issued_at"));
        this.select = "SELECT token_hash, issued_at FROM " + table + " WHERE tenant = ? AND feedback_id = ?";
        this.delete = "DELETE FROM " + table + " WHERE tenant = ? AND feedback_id = ?";
    }

    @Override
    public void save(TrackingToken token) {
        Objects.requireNonNull(token, "token");
        tx.statement("save the tracking token of " + token.feedback(), c -> {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                ps.setString(1, token.tenant().value());
                setUuid(ps, 2, token.feedback().value());
                ps.setString(3, token.hash());
                setInstant(ps, 4, token.issuedAt());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<TrackingToken> find(TenantId tenant, FeedbackId feedback) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(feedback, "feedback");
        return tx.read("read the tracking token of " + feedback, c -> {
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, tenant.value());
                setUuid(ps, 2, feedback.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new TrackingToken(tenant, feedback, rs.getString(1).strip(), getRequiredInstant(rs, 2)))
                            : Optional.<TrackingToken>empty();
                }
            }
        });
    }

    @Override
    public boolean delete(TenantId tenant, FeedbackId feedback) {
        return tx.statement("delete the tracking token of " + feedback, c -> {
            try (PreparedStatement ps = c.prepareStatement(delete)) {
                ps.setString(1, tenant.value());
                setUuid(ps, 2, feedback.value());
                return ps.executeUpdate() > 0;
            }
        });
    }
}
