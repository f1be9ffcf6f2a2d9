package io.memnun.storage.jdbc.internal;

import io.memnun.HistoryVerifier;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.TextDigests;
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
 * Schema 18: seals anew the histories anonymised before the stores did so themselves
 * ({@link io.memnun.spi.FeedbackRedaction#resealed}), so that no digest of a removed text is left to confirm a guess
 * of it with. A history is sealed anew from its first event whose stored digests are not those of its text as it is
 * now, and only when it verifies as it stands ({@link HistoryVerifier#check}: every such difference is text blanked
 * before an anonymisation); a history that does not verify is left as it is, for the verifier to report, so that this
 * migration never makes a changed history look intact. Its anonymisation event names no earlier head: the head it had
 * was never recorded in the chain.
 */
public final class V18__ResealAnonymisedHistories extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V18__ResealAnonymisedHistories.class);

    @Override
    public void migrate(Context context) throws SQLException {
        String table = context.getConfiguration().getPlaceholders().get("prefix") + "feedback_event";
        Connection c = context.getConnection();
        List<Object[]> anonymised = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT tenant, feedback_id FROM " + table + " WHERE event_type = 'ANONYMISED'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                anonymised.add(new Object[] {rs.getString(1), Params.getUuid(rs, 2)});
            }
        }
        String select = "SELECT " + SqlFeedbackStore.EVENT_COLUMNS + ", " + EventSeals.COLUMNS + " FROM " + table
                + " WHERE tenant = ? AND feedback_id = ? ORDER BY version";
        String update = "UPDATE " + table + " SET " + EventSeals.DIGESTS + " = ?, " + EventSeals.HASH + " = ?"
                + " WHERE tenant = ? AND feedback_id = ? AND version = ?";
        int resealed = 0;
        try (PreparedStatement read = c.prepareStatement(select); PreparedStatement write = c.prepareStatement(update)) {
            for (Object[] feedback : anonymised) {
                String tenant = (String) feedback[0];
                UUID id = (UUID) feedback[1];
                read.setString(1, tenant);
                Params.setUuid(read, 2, id);
                List<SealedEvent> history = new ArrayList<>();
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        history.add(EventSeals.sealed(SqlFeedbackStore.event(rs), rs.getString(12), rs.getBytes(13)));
                    }
                }
                int from = firstStale(history);
                if (from < 0) {
                    continue;
                }
                if (!HistoryVerifier.check(new FeedbackId(id), history).intact()) {
                    LOG.warn("the history of feedback {} in tenant {} does not verify; it was not sealed anew", id, tenant);
                    continue;
                }
                byte[] previous = from == 0 ? HistoryChain.genesis() : HistoryChain.bytes(history.get(from - 1).hash());
                for (SealedEvent stored : history.subList(from, history.size())) {
                    SealedEvent sealed = HistoryChain.seal(stored.event(), previous);
                    previous = HistoryChain.bytes(sealed.hash());
                    write.setString(1, EventSeals.json(sealed.digests()));
                    write.setBytes(2, previous);
                    write.setString(3, tenant);
                    Params.setUuid(write, 4, id);
                    write.setLong(5, stored.event().version());
                    write.addBatch();
                }
                write.executeBatch();
                resealed++;
            }
        }
        if (resealed > 0) {
            LOG.info("sealed {} anonymised histories anew", resealed);
        }
    }

    /** The index of the first event whose stored digests are not those of its text now; -1 when there is none. */
    private static int firstStale(List<SealedEvent> history) {
        for (int i = 0; i < history.size(); i++) {
            TextDigests stored = history.get(i).digests();
            if (stored != null && !stored.equals(TextDigests.of(history.get(i).event()))) {
                return i;
            }
        }
        return -1;
    }
}
