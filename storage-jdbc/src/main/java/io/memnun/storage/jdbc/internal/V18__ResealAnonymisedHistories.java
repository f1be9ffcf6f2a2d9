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
 * text is left to confirm a guess of it with. Each anonymised history is handled as the stores handle one they
 * anonymise ({@link HistorySeals#afterRewrite} with nothing to rewrite): sealed anew from its first event whose
 * digests are of text an earlier anonymisation blanked, and only when its chain verifies and every such text is what
 * anonymisation writes; a history that does not is left as it is, for the verifier to report, so that this migration
 * never makes a changed history look intact. One pass over the anonymised histories' events in (tenant, feedback,
 * version) order, a history at a time, updated in batches; run it with the older memnun stopped, as every schema
 * upgrade.
 */
public final class V18__ResealAnonymisedHistories extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V18__ResealAnonymisedHistories.class);
    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        String table = context.getConfiguration().getPlaceholders().get("prefix") + "feedback_event";
        Connection c = context.getConnection();
        String select = "SELECT " + SqlFeedbackStore.EVENT_COLUMNS + ", " + EventSeals.COLUMNS + " FROM " + table + " e"
                + " WHERE EXISTS (SELECT 1 FROM " + table + " a WHERE a.tenant = e.tenant AND a.feedback_id = e.feedback_id"
                + " AND a.event_type = 'ANONYMISED') ORDER BY tenant, feedback_id, version";
        try (PreparedStatement read = c.prepareStatement(select); PreparedStatement write = c.prepareStatement(EventSeals.updateSql(table))) {
            read.setFetchSize(BATCH);
            Pass pass = new Pass(write);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    pass.add(rs.getString(1), EventSeals.sealed(SqlFeedbackStore.event(rs), rs.getString(12), rs.getBytes(13)));
                }
            }
            pass.finish();
            if (pass.resealed > 0 || pass.skipped > 0) {
                LOG.info("sealed {} anonymised histories anew; {} that do not verify were left as they are", pass.resealed, pass.skipped);
            }
        }
    }

    /** The pass's state: the history being gathered, and the batch of seals to write. */
    private static final class Pass {
        private final PreparedStatement write;
        private final List<SealedEvent> history = new ArrayList<>();
        private String tenant;
        private int pending;
        int resealed;
        int skipped;

        Pass(PreparedStatement write) {
            this.write = write;
        }

        void add(String eventTenant, SealedEvent e) throws SQLException {
            if (!history.isEmpty() && (!eventTenant.equals(tenant) || !e.event().feedbackId().equals(history.get(0).event().feedbackId()))) {
                reseal();
            }
            tenant = eventTenant;
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
            HistorySeals.Reseal r = HistorySeals.afterRewrite(history, List.of());
            UUID id = history.get(0).event().feedbackId().value();
            history.clear();
            if (r.broken() != null) {
                skipped++;
                LOG.warn("the history of feedback {} in tenant {} does not verify at version {} ({}); it was not sealed anew", id, tenant,
                        r.broken().version(), r.broken().reason());
                return;
            }
            if (r.writes().isEmpty()) {
                return;
            }
            resealed++;
            for (SealedEvent s : r.writes()) {
                write.setString(1, EventSeals.json(s.digests()));
                write.setBytes(2, HistoryChain.bytes(s.hash()));
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
