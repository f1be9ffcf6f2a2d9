package io.memnun.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids sort roughly by creation
 * time, which keeps database index inserts local, and reveal nothing guessable beyond that time.
 */
public final class TimeOrderedIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Random bits drawn ahead, per thread: the JDK's default generator serialises its callers on one lock, where
     * receipts on many threads queued (and on two cores a thread that waits for a lock waits for the scheduler too).
     */
    private static final ThreadLocal<Bits> BITS = ThreadLocal.withInitial(Bits::new);

    private TimeOrderedIds() {}

    public static UUID next(Instant now) {
        long millis = now.toEpochMilli();
        Bits bits = BITS.get();
        long randA = bits.next(2) & 0xFFF;
        long randB = bits.next(8);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** A thread's random bytes, refilled from {@link #RANDOM} 64 identifiers at a time; each byte is used once. */
    private static final class Bits {
        private final byte[] bytes = new byte[640];
        private int used = bytes.length;

        /** The next {@code n} bytes (at most 8) as a number. */
        long next(int n) {
            if (used + n > bytes.length) {
                RANDOM.nextBytes(bytes);
                used = 0;
            }
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = v << 8 | bytes[used++] & 0xFFL;
            }
            return v;
        }
    }
}
