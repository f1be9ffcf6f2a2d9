package io.memnun.storage.jdbc;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.TenantId;
import io.memnun.feedback.TextDigests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Event digests as the stores wrote them before schema 24: JSON in {@code text_digests}, beside the text. */
final class LegacyDigests {
    private LegacyDigests() {}

    /** {@code d} as JSON, keys {@code note} and {@code detail:<key>}. */
    static String json(TextDigests d) {
        StringBuilder sb = new StringBuilder("{");
        if (d.note() != null) {
            sb.append("\"note\":\"").append(d.note()).append('"');
        }
        d.details().forEach((key, digest) -> sb.append(sb.length() > 1 ? "," : "").append("\"detail:").append(key).append("\":\"")
                .append(digest).append('"'));
        return sb.append('}').toString();
    }

    /** Rewrites the digests of every sealed event of {@code tenant} in {@code memnun_feedback_event} as JSON. */
    static void rewriteAsJson(DataSource dataSource, JdbcFeedbackStore store, TenantId tenant) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT feedback_id FROM memnun_feedback_event WHERE tenant = ?")) {
                ps.setString(1, tenant.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE memnun_feedback_event SET text_digests = ? WHERE tenant = ? AND feedback_id = ? AND version = ?")) {
                for (UUID id : ids) {
                    for (SealedEvent e : store.sealedHistory(tenant, new FeedbackId(id))) {
                        if (e.digests() != null) {
                            ps.setString(1, json(e.digests()));
                            ps.setString(2, tenant.value());
                            ps.setObject(3, id);
                            ps.setLong(4, e.event().version());
                            ps.addBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
        }
    }
}
