package io.memnun.storage.jdbc.internal;

import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.HistorySeals;
import io.memnun.feedback.SealedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema 18: seals anew the histories anonymised before the stores did so themselves, so that no digest of a removed
 * text, and no chain hash computed over one, is left to confirm a guess of it with. Each anonymised history is
 * handled as the stores handle one they anonymise ({@link HistorySeals#afterLegacyAnonymisation}): from its first
 * event whose digests are of other text than it holds, every event gets the digests of its text, and its chain hash
 * computed anew up to the chain's first break and cleared from it, so that this migration never makes a changed
 * history look intact. One pass over the anonymised histories' events in (tenant, feedback, version) order, a history
 * at a time, updated in batches; run it with the older memnun stopped, as every schema upgrade.
 */
public final class V18__ResealAnonymisedHistories extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V18__ResealAnonymisedHistories.class);
    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        String prefix = context.getConfiguration().getPlaceholders().get("prefix");
        String table = prefix + "feedback_event";
        Connection c = context.getConnection();
        // with the feedback's version, which says where its history ends
        String select = "SELECT " + SqlFeedbackStore.EVENT_COLUMNS + ", " + EventSeals.COLUMNS + ", (SELECT f.version FROM " + prefix
                + "feedback f WHERE f.tenant = e.tenant AND f.id = e.feedback_id) AS feedback_version FROM " + table + " e"
                + " WHERE EXISTS (SELECT 1 FROM " + table + " a WHERE a.tenant = e.tenant AND a.feedback_id = e.feedback_id"
                + " AND a.event_type = 'ANONYMISED') ORDER BY tenant, feedback_id, version";
        try (PreparedStatement read = c.prepareStatement(select); PreparedStatement write = c.prepareStatement(EventSeals.updateSql(table))) {
            read.setFetchSize(BATCH);
            Pass pass = new Pass(write);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    pass.add(rs.getString(1), EventSeals.sealed(SqlFeedbackStore.event(rs), rs.getString(12), rs.getBytes(13)), rs.getLong(14));
                }
            }
            pass.finish();
            if (pass.resealed > 0 || pass.skipped > 0) {
                LOG.info("sealed {} anonymised histories anew; {} do not verify, their chain hashes from the break on were cleared",
                        pass.resealed, pass.skipped);
            }
        }
    }

    /** The pass's state: the history being gathered, and the batch of seals to write. */
    private static final class Pass {
        private final PreparedStatement write;
        private final List<SealedEvent> history = new ArrayList<>();
        private String tenant;
        private long version;
        private int pending;
        int resealed;
        int skipped;

        Pass(PreparedStatement write) {
            this.write = write;
        }

        void add(String eventTenant, SealedEvent e, long feedbackVersion) throws SQLException {
            if (!history.isEmpty() && (!eventTenant.equals(tenant) || !e.event().feedbackId().equals(history.get(0).event().feedbackId()))) {
                reseal();
            }
            tenant = eventTenant;
            version = feedbackVersion;
            history.add(e);
        }

        void finish() throws SQLException {
            if (!history.isEmpty()) {
                reseal();
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }

        private void reseal() throws SQLException {
            HistorySeals.Reseal r = HistorySeals.afterLegacyAnonymisation(history, version);
            UUID id = history.get(0).event().feedbackId().value();
            history.clear();
            if (r.broken() != null) {
                skipped++;
                LOG.warn("the history of feedback {} in tenant {} does not verify at version {} ({}); its chain hashes from there on"
                        + " were cleared", id, tenant, r.broken().version(), r.broken().reason());
            } else if (!r.writes().isEmpty()) {
                resealed++;
            }
            for (SealedEvent s : r.writes()) {
                write.setString(1, s.digests() == null ? null : EventSeals.json(s.digests()));
                write.setBytes(2, s.hash() == null ? null : HistoryChain.bytes(s.hash()));
                write.setString(3, tenant);
                Params.setUuid(write, 4, id);
                write.setLong(5, s.event().version());
                write.addBatch();
                if (++pending == BATCH) {
                    write.executeBatch();
                    pending = 0;
                }
            }
        }
    }
}
