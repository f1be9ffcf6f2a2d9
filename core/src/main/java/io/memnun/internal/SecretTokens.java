package io.memnun.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Secrets handed to customers (survey links, tracking codes): 256 random bits written as 43 characters of URL-safe
 * Base64, stored only as their SHA-256. Random enough that an unsalted hash is safe to look up by.
 */
public final class SecretTokens {
    private static final int BYTES = 32;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private SecretTokens() {}

    /** A fresh token. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        Objects.requireNonNull(random, "random").nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True for text of the form {@link #generate} writes. */
    public static boolean isWellFormed(String token) {
        return token != null && FORM.matcher(token).matches();
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The stored form of a token: its SHA-256 in lower-case hex. */
    public static String hashHex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }
}
