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
 * text, and its chain hash: computed in Java when the store knows the previous hash (it computed it, see
 * {@link KnownStates}), otherwise by the inserting statement from the previous event's row
 * ({@link SqlDialect#chainHash}).
 *
 * <p>Since schema 24 the digests column holds {@value #OF_TEXT} when the digests are those of the event's text as
 * stored, which is always so for what the stores write: a new event, and an event sealed anew by an anonymisation,
 * whose digests are of its blanked text. They are then computed from the text when read. Before, it held them as
 * JSON (keys {@code note} and {@code detail:<key>}; {@code {}} for an event without text), which is still read as it
 * is, so an upgrade rewrites no history. A column that is null marks an event written before schema 13, never
 * sealed.
 *
 * <p>The JSON was most of an event's row (800 characters for a receipt with nine details, three times its details),
 * and a changed text is found without it: the chain hash, computed over the digests of the text as written, no
 * longer matches. What it gave beyond that was the changed field's name in the verifier's reason; a text changed in
 * an event written since schema 24 is reported as a hash that does not match the event's content.
 */
final class EventSeals {
    static final String DIGESTS = "text_digests";
    static final String HASH = "chain_hash";
    static final String COLUMNS = DIGESTS + ", " + HASH;
    /** The digests column of an event whose digests are those of its text as stored (schema 24). */
    static final String OF_TEXT = "=";
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
        private final List<byte[]> contents = new ArrayList<>();
        private final byte @Nullable [][] links;

        /** The seals of {@code events} following {@code previous}, the hash before them if known. */
        Chain(byte @Nullable [] previous, List<FeedbackEvent> events) {
            byte[][] l = previous == null ? null : new byte[events.size()][];
            byte[] last = previous;
            for (int i = 0; i < events.size(); i++) {
                byte[] content = HistoryChain.contentDigest(events.get(i), TextDigests.of(events.get(i)));
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
            ps.setString(i++, OF_TEXT);
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

    /** The digests column for {@code sealed}: {@value #OF_TEXT} when they are those of its text, else as JSON. */
    static @Nullable String stored(SealedEvent sealed) {
        TextDigests digests = sealed.digests();
        if (digests == null) {
            return null;
        }
        return digests.equals(TextDigests.of(sealed.event())) ? OF_TEXT : json(digests);
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

    /** An event as stored with its digests column and chain hash. */
    static SealedEvent sealed(FeedbackEvent event, @Nullable String digestsColumn, byte @Nullable [] hash) {
        TextDigests digests = OF_TEXT.equals(digestsColumn) ? TextDigests.of(event) : digests(digestsColumn);
        return new SealedEvent(event, digests, hash == null ? null : HistoryChain.hex(hash));
    }
}
