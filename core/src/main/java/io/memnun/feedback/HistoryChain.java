package io.memnun.feedback;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The hash chain over a feedback's history, which makes any later change of a stored event evident.
 *
 * <p>Each event has a <em>content digest</em>: SHA-256 over its canonical content, which is, in this order, the tag
 * {@code memnun.event.v1}, the feedback id, the version (decimal), the event type, the actor's kind and id, the
 * instant (epoch second and nanosecond of the microsecond-truncated instant, as the databases keep it, as decimals
 * joined by {@code .}), the status before and after, the {@linkplain TextDigests digest} of the note, the number of
 * details, then for each detail in key order ({@link String#compareTo}) its key and the digest of its value. Each
 * item is written as its length (4 bytes, big-endian) followed by its UTF-16 code units (big-endian), an absent
 * item (no note, no status before) as the length -1. The UTF-16 code units, not UTF-8, because they encode every
 * Java string, even one with an unpaired surrogate, one way only.
 *
 * <p>The chain: {@code hash(1) = SHA-256(32 zero bytes || contentDigest(1))} and
 * {@code hash(n) = SHA-256(hash(n-1) || contentDigest(n))}. The last hash, the <em>head</em>, stands for the whole
 * history: recorded elsewhere (in an audit pack), it shows whether the history was rewritten since.
 *
 * <p>Free text enters through its digest ({@link #textDigest}): SHA-256 over the text's UTF-16 code units.
 */
public final class HistoryChain {
    /** The length of a hash in bytes. */
    public static final int HASH_BYTES = 32;
    private static final String TAG = "memnun.event.v1";
    private static final HexFormat HEX = HexFormat.of();

    private HistoryChain() {}

    /** The hash before the first event: 32 zero bytes. */
    public static byte[] genesis() {
        return new byte[HASH_BYTES];
    }

    /** The digest of a free text, lower-case hex. */
    public static String textDigest(String text) {
        return HEX.formatHex(sha256(utf16(Objects.requireNonNull(text, "text"))));
    }

    /** The canonical content of {@code event} with its free text given by {@code digests}. */
    public static byte[] canonicalContent(FeedbackEvent event, TextDigests digests) {
        Bytes out = new Bytes(256);
        item(out, TAG);
        item(out, event.feedbackId().value().toString());
        item(out, Long.toString(event.version()));
        item(out, event.type().name());
        item(out, event.actor().kind().name());
        item(out, event.actor().id());
        Instant at = event.at().truncatedTo(ChronoUnit.MICROS);
        item(out, at.getEpochSecond() + "." + at.getNano());
        item(out, event.from() == null ? null : event.from().name());
        item(out, event.to().name());
        item(out, digests.note());
        out.putInt(digests.details().size());
        for (Map.Entry<String, String> d : digests.details().entrySet()) {
            item(out, d.getKey());
            item(out, d.getValue());
        }
        return out.toByteArray();
    }

    /** SHA-256 of the canonical content. */
    public static byte[] contentDigest(FeedbackEvent event, TextDigests digests) {
        return sha256(canonicalContent(event, digests));
    }

    /** The chain's next hash: SHA-256 over the previous hash followed by the content digest. */
    public static byte[] link(byte[] previous, byte[] contentDigest) {
        if (previous.length != HASH_BYTES || contentDigest.length != HASH_BYTES) {
            throw new IllegalArgumentException("hashes are " + HASH_BYTES + " bytes");
        }
        MessageDigest md = sha256();
        md.update(previous);
        md.update(contentDigest);
        return md.digest();
    }

    /** Seals {@code event} as the successor of {@code previousHash} (the {@link #genesis()} for the receipt). */
    public static SealedEvent seal(FeedbackEvent event, byte[] previousHash) {
        TextDigests digests = TextDigests.of(event);
        return new SealedEvent(event, digests, hex(link(previousHash, contentDigest(event, digests))));
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    private static void item(Bytes out, @Nullable String s) {
        if (s == null) {
            out.putInt(-1);
            return;
        }
        out.putInt(s.length() * 2);
        out.putUtf16(s);
    }

    private static byte[] utf16(String s) {
        Bytes b = new Bytes(s.length() * 2);
        b.putUtf16(s);
        return b.array;
    }

    private static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    /**
     * A SHA-256 digest for this thread, reset: looking one up in the security providers costs more than hashing a
     * history event, and every event written is hashed. {@link MessageDigest#digest} resets it after each use.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(HistoryChain::newSha256);

    private static MessageDigest sha256() {
        MessageDigest md = SHA_256.get();
        md.reset();
        return md;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A growing byte array for the canonical content, written big-endian as {@link java.nio.ByteBuffer} would, without
     * a buffer per item or {@link java.io.ByteArrayOutputStream}'s locking.
     */
    private static final class Bytes {
        private byte[] array;
        private int size;

        Bytes(int capacity) {
            array = new byte[capacity];
        }

        private void ensure(int more) {
            if (size + more > array.length) {
                array = Arrays.copyOf(array, Math.max(array.length * 2, size + more));
            }
        }

        void putInt(int v) {
            ensure(4);
            array[size++] = (byte) (v >>> 24);
            array[size++] = (byte) (v >>> 16);
            array[size++] = (byte) (v >>> 8);
            array[size++] = (byte) v;
        }

        /** The string's UTF-16 code units, big-endian, unpaired surrogates included. */
        void putUtf16(String s) {
            int n = s.length();
            ensure(n * 2);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                array[size++] = (byte) (c >>> 8);
                array[size++] = (byte) c;
            }
        }

        byte[] toByteArray() {
            return size == array.length ? array : Arrays.copyOf(array, size);
        }
    }
}
