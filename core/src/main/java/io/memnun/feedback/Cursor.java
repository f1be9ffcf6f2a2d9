package io.memnun.feedback;

import io.memnun.error.ValidationException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A position in the stable order of a {@link FeedbackQuery}: the receipt time and id of the last entry of a page.
 * {@link #token()} gives an opaque text a host can put in a URL; {@link #parse} reads it back.
 */
public record Cursor(Instant receivedAt, FeedbackId id) {
    /**
     * The stable order: receipt time, then id. Ids compare as unsigned 128-bit numbers (the order of their
     * bytes), which is how databases order UUID columns; {@link java.util.UUID#compareTo} compares signed halves
     * and would disagree with a database for ids whose halves have the top bit set.
     */
    public static final Comparator<Feedback> ORDER =
            Comparator.comparing(Feedback::receivedAt).thenComparing((a, b) -> compareIds(a.id(), b.id()));

    public Cursor {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(id, "id");
    }

    public static Cursor of(Feedback f) {
        return new Cursor(f.receivedAt(), f.id());
    }

    /** Compares {@code f}'s position with this cursor's in the stable order. */
    public int compareTo(Feedback f) {
        int c = receivedAt.compareTo(f.receivedAt());
        return c != 0 ? c : compareIds(id, f.id());
    }

    /** Compares two ids as unsigned 128-bit numbers: the order of a database's UUID index. */
    public static int compareIds(FeedbackId a, FeedbackId b) {
        int c = Long.compareUnsigned(a.value().getMostSignificantBits(), b.value().getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.value().getLeastSignificantBits(), b.value().getLeastSignificantBits());
    }

    public String token() {
        return receivedAt.getEpochSecond() + "." + receivedAt.getNano() + "." + id;
    }

    public static Cursor parse(String token) {
        Objects.requireNonNull(token, "token");
        String[] parts = token.split("\\.", 3);
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Integer.parseInt(parts[1])), FeedbackId.parse(parts[2]));
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "'" + EmailAddress.printable(token) + "' is not a page cursor");
        }
    }
}
