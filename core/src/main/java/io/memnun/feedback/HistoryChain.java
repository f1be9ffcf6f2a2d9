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
        Objects.requireNonNull(text, "text");
        return hex(sha256(buffer().putUtf16(text)));
    }

    /** The canonical content of {@code event} with its free text given by {@code digests}. */
    public static byte[] canonicalContent(FeedbackEvent event, TextDigests digests) {
        return canonicalContent(event, digests, new Bytes(1024)).toByteArray();
    }

    private static Bytes canonicalContent(FeedbackEvent event, TextDigests digests, Bytes out) {
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
        return out;
    }

    /** SHA-256 of the canonical content. */
    public static byte[] contentDigest(FeedbackEvent event, TextDigests digests) {
        return sha256(canonicalContent(event, digests, buffer()));
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

    /** Lower-case hex, as {@link HexFormat#formatHex} writes it, by table: every digest of every event is written so. */
    public static String hex(byte[] bytes) {
        char[] text = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            text[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xF];
            text[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xF];
        }
        return new String(text);
    }

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

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

    private static byte[] sha256(Bytes data) {
        MessageDigest md = sha256();
        md.update(data.array, 0, data.size);
        return md.digest();
    }

    /**
     * This thread's buffer for the bytes to hash, emptied: every event written is hashed, and a new array per event
     * (grown a few times on the way) was a good part of the cost. One that grew beyond 64 KiB (a long text) is not kept.
     */
    private static final ThreadLocal<Bytes> BUFFER = ThreadLocal.withInitial(() -> new Bytes(2048));

    private static Bytes buffer() {
        Bytes b = BUFFER.get();
        if (b.array.length > 1 << 16) {
            b = new Bytes(2048);
            BUFFER.set(b);
        }
        b.size = 0;
        return b;
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

        private byte[] room(int more) {
            if (size + more > array.length) {
                array = Arrays.copyOf(array, Math.max(array.length * 2, size + more));
            }
            return array;
        }

        Bytes putInt(int v) {
            byte[] a = room(4);
            int i = size;
            a[i] = (byte) (v >>> 24);
            a[i + 1] = (byte) (v >>> 16);
            a[i + 2] = (byte) (v >>> 8);
            a[i + 3] = (byte) v;
            size = i + 4;
            return this;
        }

        /** The string's UTF-16 code units, big-endian, unpaired surrogates included. */
        Bytes putUtf16(String s) {
            int n = s.length();
            byte[] a = room(n * 2);
            int i = size;
            for (int k = 0; k < n; k++) {
                char c = s.charAt(k);
                a[i++] = (byte) (c >>> 8);
                a[i++] = (byte) c;
            }
            size = i;
            return this;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(array, size);
        }
    }
}
