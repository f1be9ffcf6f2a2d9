package io.memnun.feedback;

import io.memnun.error.ValidationException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in the stable order of a {@link FeedbackQuery}: the receipt time and id of the last entry of a page.
 * {@link #token()} gives an opaque text a host can put in a URL; {@link #parse} reads it back.
 */
public record Cursor(Instant receivedAt, FeedbackId id) {
    /**
     * The stable order: receipt time, then id as an unsigned 128-bit number. That is the order of UUID columns in
     * PostgreSQL and H2; {@link java.util.UUID#compareTo} compares signed halves and disagrees with it.
     */
    public static final Comparator<Feedback> ORDER =
            Comparator.comparing(Feedback::receivedAt).thenComparing(f -> f.id().value(), Cursor::compareIds);

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
        return c != 0 ? c : compareIds(id.value(), f.id().value());
    }

    private static int compareIds(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
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
