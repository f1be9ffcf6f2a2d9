package io.memnun.survey;

import io.memnun.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secret in a survey link. A token is 256 random bits from a {@link SecureRandom}, written as 43 characters of
 * URL-safe Base64; only its SHA-256 {@link #hash} is stored, so a leaked database does not let anyone answer in a
 * customer's name. Tokens are long and random enough that a hash without salt is safe to look up by.
 */
public final class SurveyToken {
    private static final int BYTES = 32;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private SurveyToken() {}

    /** A fresh token. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        Objects.requireNonNull(random, "random").nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The stored form of {@code token}: its SHA-256 in lower-case hex.
     *
     * @throws io.memnun.error.ValidationException if it is not the form {@link #generate} writes
     */
    public static String hash(String token) {
        Checks.argument(token != null && FORM.matcher(token).matches(), "token", "is not a survey token");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** True for text of the form {@link #generate} writes (64 hex characters are a hash, never a token). */
    public static boolean isWellFormed(String token) {
        return token != null && FORM.matcher(token).matches();
    }
}
