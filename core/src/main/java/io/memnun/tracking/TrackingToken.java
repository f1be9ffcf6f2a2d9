package io.memnun.tracking;

import io.memnun.feedback.FeedbackId;
import io.memnun.internal.Checks;
import io.memnun.feedback.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stored side of a tracking token: only its hash, never the token. A feedback has at most one; issuing a new
 * one replaces it, so a rotated token stops working at once.
 *
 * @param tenant the tenant
 * @param feedback the feedback it opens
 * @param hash SHA-256 of the token, lower-case hex
 * @param issuedAt when it was issued
 */
public record TrackingToken(TenantId tenant, FeedbackId feedback, String hash, Instant issuedAt) {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public TrackingToken {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(feedback, "feedback");
        Checks.argument(hash != null && HASH.matcher(hash).matches(), "hash", "must be a SHA-256 in lower-case hex");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
