package io.memnun.storage.jdbc.internal;

import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.TenantId;
import io.memnun.feedback.TextDigests;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The seal columns of a history event ({@code text_digests}, {@code chain_hash}; schema 13): the digests of its free
 * text as JSON (keys {@code note} and {@code detail:<key>}; {@code {}} for an event without text, so that a sealed
 * event is never mistaken for one written before schema 13), and its chain hash, computed by the inserting statement
 * from the previous event's hash ({@link SqlDialect#chainHash}).
 */
final class EventSeals {
    static final String COLUMNS = "text_digests, chain_hash";
    private static final String NOTE = "note";
    private static final String DETAIL = "detail:";

    private EventSeals() {}

    /** The placeholders of {@link #COLUMNS} in an insert into {@code eventTable}; bound by {@link #bind}. */
    static String values(SqlDialect dialect, String eventTable) {
        return "?, " + dialect.chainHash("(SELECT p.chain_hash FROM " + eventTable
                + " p WHERE p.tenant = ? AND p.feedback_id = ? AND p.version = ?)");
    }

    /** Binds {@link #values} from {@code start}; returns the next parameter index. */
    static int bind(PreparedStatement ps, int start, TenantId tenant, FeedbackEvent e) throws SQLException {
        TextDigests digests = TextDigests.of(e);
        int i = start;
        ps.setString(i++, json(digests));
        ps.setString(i++, tenant.value());
        Params.setUuid(ps, i++, e.feedbackId().value());
        ps.setLong(i++, e.version() - 1);
        ps.setBytes(i++, HistoryChain.contentDigest(e, digests));
        return i;
    }

    static String json(TextDigests digests) {
        Map<String, String> m = new LinkedHashMap<>();
        if (digests.note() != null) {
            m.put(NOTE, digests.note());
        }
        digests.details().forEach((k, v) -> m.put(DETAIL + k, v));
        String json = Json.map(m);
        return json == null ? "{}" : json;
    }

    static @Nullable TextDigests digests(@Nullable String json) {
        if (json == null) {
            return null;
        }
        String note = null;
        TreeMap<String, String> details = new TreeMap<>();
        for (Map.Entry<String, String> e : Json.map(json).entrySet()) {
            if (e.getKey().equals(NOTE)) {
                note = e.getValue();
            } else if (e.getKey().startsWith(DETAIL)) {
                details.put(e.getKey().substring(DETAIL.length()), e.getValue());
            }
        }
        return new TextDigests(note, details);
    }

    static SealedEvent sealed(FeedbackEvent event, @Nullable String digestsJson, byte @Nullable [] hash) {
        return new SealedEvent(event, digests(digestsJson), hash == null ? null : HistoryChain.hex(hash));
    }
}
