package io.memnun.storage.jdbc.internal;

import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.TenantId;
import io.memnun.feedback.TextDigests;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The seal columns of a history event ({@code text_digests}, {@code chain_hash}; schema 13): the digests of its free
 * text as JSON (keys {@code note} and {@code detail:<key>}; {@code {}} for an event without text, so that a sealed
 * event is never mistaken for one written before schema 13), and its chain hash: computed in Java when the store
 * knows the previous hash (it computed it, see {@link KnownStates}), otherwise by the inserting statement from the
 * previous event's row ({@link SqlDialect#chainHash}).
 */
final class EventSeals {
    static final String DIGESTS = "text_digests";
    static final String HASH = "chain_hash";
    static final String COLUMNS = DIGESTS + ", " + HASH;
    private static final String NOTE = "note";
    private static final String DETAIL = "detail:";

    private EventSeals() {}

    /** The statement that writes an event's seal over its row: digests, hash, then tenant, feedback id, version. */
    static String updateSql(String eventTable) {
        return "UPDATE " + eventTable + " SET " + DIGESTS + " = ?, " + HASH + " = ? WHERE tenant = ? AND feedback_id = ? AND version = ?";
    }

    /**
     * The placeholders of {@link #COLUMNS} in an insert into {@code eventTable}: with {@code linked}, both bound
     * (the chain hash computed in Java from a previous hash the store knows); otherwise the chain hash computed by
     * the statement from the previous event's row. Bound by {@link Chain#bind}.
     */
    static String values(SqlDialect dialect, String eventTable, boolean linked) {
        if (linked) {
            return "?, ?";
        }
        return "?, " + dialect.chainHash("(SELECT p.chain_hash FROM " + eventTable
                + " p WHERE p.tenant = ? AND p.feedback_id = ? AND p.version = ?)");
    }

    /**
     * The seals of the events one save writes, in order: each event's digests and content digest, and the chain
     * hashes too when the hash before the first event is known (always for a receipt, which starts the chain).
     */
    static final class Chain {
        private final List<String> digests = new ArrayList<>();
        private final List<byte[]> contents = new ArrayList<>();
        private final byte @Nullable [][] links;

        /** The seals of {@code events} following {@code previous}, the hash before them if known. */
        Chain(byte @Nullable [] previous, List<FeedbackEvent> events) {
            byte[][] l = previous == null ? null : new byte[events.size()][];
            byte[] last = previous;
            for (int i = 0; i < events.size(); i++) {
                TextDigests d = TextDigests.of(events.get(i));
                digests.add(json(d));
                byte[] content = HistoryChain.contentDigest(events.get(i), d);
                contents.add(content);
                if (l != null) {
                    last = HistoryChain.link(last, content);
                    l[i] = last;
                }
            }
            this.links = l;
        }

        /** True when the hashes are computed here, and the insert takes them as parameters. */
        boolean linked() {
            return links != null;
        }

        /** The chain hash of the last event, if computed here. */
        byte @Nullable [] head() {
            return links == null || links.length == 0 ? null : links[links.length - 1];
        }

        /** Binds the seal of the {@code index}-th event from {@code start}; returns the next parameter index. */
        int bind(PreparedStatement ps, int start, TenantId tenant, int index, FeedbackEvent e) throws SQLException {
            int i = start;
            ps.setString(i++, digests.get(index));
            if (links != null) {
                ps.setBytes(i++, links[index]);
                return i;
            }
            ps.setString(i++, tenant.value());
            Params.setUuid(ps, i++, e.feedbackId().value());
            ps.setLong(i++, e.version() - 1);
            ps.setBytes(i++, contents.get(index));
            return i;
        }
    }

    static String json(TextDigests digests) {
        // written straight into the text, as Json.map would write the map of these fields: every event has one
        StringBuilder out = Json.text().append('{');
        String separator = "";
        if (digests.note() != null) {
            Json.field(out, "", NOTE, digests.note());
            separator = ",";
        }
        for (Map.Entry<String, String> d : digests.details().entrySet()) {
            Json.field(out.append(separator), DETAIL, d.getKey(), d.getValue());
            separator = ",";
        }
        return out.append('}').toString();
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
