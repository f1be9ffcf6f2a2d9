package io.memnun.survey;

import io.memnun.internal.Checks;
import io.memnun.internal.SecretTokens;
import java.security.SecureRandom;

/**
 * The secret in a survey link. A token is 256 random bits from a {@link SecureRandom}, written as 43 characters of
 * URL-safe Base64; only its SHA-256 {@link #hash} is stored, so a leaked database does not let anyone answer in a
 * customer's name. Tokens are long and random enough that a hash without salt is safe to look up by.
 */
public final class SurveyToken {
    private SurveyToken() {}

    /** A fresh token. */
    public static String generate(SecureRandom random) {
        return SecretTokens.generate(random);
    }

    /**
     * The stored form of {@code token}: its SHA-256 in lower-case hex.
     *
     * @throws io.memnun.error.ValidationException if it is not the form {@link #generate} writes
     */
    public static String hash(String token) {
        Checks.argument(SecretTokens.isWellFormed(token), "token", "is not a survey token");
        return SecretTokens.hashHex(token);
    }

    /** True for text of the form {@link #generate} writes (64 hex characters are a hash, never a token). */
    public static boolean isWellFormed(String token) {
        return SecretTokens.isWellFormed(token);
    }
}
