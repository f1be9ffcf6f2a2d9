package io.memnun.feedback;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 digests (lower-case hex) of an event's free-text fields, as its hash chain covers them: the note and
 * every detail value. The chain covers these digests instead of the text, so a text blanked by anonymisation still
 * verifies against the digest kept beside it, while a text changed to anything else does not match it.
 *
 * @param note the digest of the note, {@code null} when the event has no note
 * @param details the digest of each detail value, by detail key (sorted by key)
 */
public record TextDigests(@Nullable String note, SortedMap<String, String> details) {
    public TextDigests {
        Objects.requireNonNull(details, "details");
        details = Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }

    /** The digests of {@code event}'s note and detail values. */
    public static TextDigests of(FeedbackEvent event) {
        TreeMap<String, String> d = new TreeMap<>();
        for (Map.Entry<String, String> e : event.details().entrySet()) {
            d.put(e.getKey(), HistoryChain.textDigest(e.getValue()));
        }
        return new TextDigests(event.note() == null ? null : HistoryChain.textDigest(event.note()), d);
    }
}
