package io.memnun.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 under a secret the host keeps outside the database: a digest of a short, guessable value (an e-mail
 * address, a phone number) that whoever holds the database cannot confirm a guess against, unlike a plain hash.
 */
public final class KeyedDigest {
    /** The shortest secret accepted: as long as the digest. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param secret at least {@link #MIN_KEY_BYTES} bytes; copied */
    public KeyedDigest(byte[] secret) {
        Checks.argument(secret != null && secret.length >= MIN_KEY_BYTES, "accessLogKey",
                "must be at least " + MIN_KEY_BYTES + " random bytes, was " + (secret == null ? "none" : secret.length + " bytes"));
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM);
    }

    /** The digest of {@code text}'s UTF-8 bytes, in lower-case hex (64 digits). */
    public String hex(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
