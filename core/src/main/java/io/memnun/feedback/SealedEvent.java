package io.memnun.feedback;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A history event as a store keeps it, with its seal: the digests of its free text and its link in the feedback's
 * hash chain. See {@link HistoryChain} for how both are computed.
 *
 * @param event the event as stored now (its text may have been blanked by anonymisation, or altered)
 * @param digests the digests of its free text: as the store keeps them beside the text, or, for a store that keeps
 *     none because they are those of the text (storage-jdbc since schema 24), computed from the text as read, so a
 *     changed text shows in the chain hash rather than here; {@code null} when the event was never sealed
 * @param hash its chain hash (lower-case hex), {@code null} when the event was never sealed
 */
public record SealedEvent(FeedbackEvent event, @Nullable TextDigests digests, @Nullable String hash) {
    public SealedEvent {
        Objects.requireNonNull(event, "event");
    }
}
