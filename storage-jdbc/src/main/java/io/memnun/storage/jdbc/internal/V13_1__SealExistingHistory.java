package io.memnun.storage.jdbc.internal;

import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.SealedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema 13.1: seals the history events written before schema 13 into their feedback's hash chain, in Java with
 * the same code the stores use ({@link HistoryChain}). The events are read in one pass ordered by feedback and
 * version, a page at a time, and updated in batches; the new stores seal every event they write, so this runs once.
 */
public final class V13_1__SealExistingHistory extends BaseJavaMigration {
    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        String table = context.getConfiguration().getPlaceholders().get("prefix") + "feedback_event";
        Connection c = context.getConnection();
        String select = "SELECT " + SqlFeedbackStore.EVENT_COLUMNS + " FROM " + table + " WHERE chain_hash IS NULL"
                + " ORDER BY tenant, feedback_id, version";
        String update = "UPDATE " + table + " SET text_digests = ?, chain_hash = ? WHERE tenant = ? AND feedback_id = ? AND version = ?";
        try (PreparedStatement read = c.prepareStatement(select); PreparedStatement write = c.prepareStatement(update)) {
            read.setFetchSize(BATCH);
            String feedback = null;
            byte[] previous = HistoryChain.genesis();
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    String tenant = rs.getString(1);
                    FeedbackEvent e = SqlFeedbackStore.event(rs);
                    String key = tenant + "/" + e.feedbackId();
                    if (!key.equals(feedback)) {
                        feedback = key;
                        previous = HistoryChain.genesis();
                    }
                    SealedEvent sealed = HistoryChain.seal(e, previous);
                    previous = HistoryChain.bytes(sealed.hash());
                    write.setString(1, EventSeals.json(sealed.digests()));
                    write.setBytes(2, previous);
                    write.setString(3, tenant);
                    Params.setUuid(write, 4, e.feedbackId().value());
                    write.setLong(5, e.version());
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }
}
