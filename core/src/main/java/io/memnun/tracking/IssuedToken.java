package io.memnun.tracking;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A token just issued, the only time it exists in clear: give it to the customer and forget it.
 *
 * @param reference the feedback's reference number
 * @param token the token (URL-safe Base64 of 32 random bytes)
 * @param link the tracking link with reference and token, if a link base is configured
 */
public record IssuedToken(String reference, String token, @Nullable String link) {
    public IssuedToken {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(token, "token");
    }

    public Optional<String> trackingLink() {
        return Optional.ofNullable(link);
    }

    @Override
    public String toString() {
        // never the token itself: this may end up in a log
        return "IssuedToken[" + reference + "]";
    }
}
