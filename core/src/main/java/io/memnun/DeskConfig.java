package io.memnun;

import io.memnun.error.ValidationException;
import io.memnun.feedback.TenantId;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of a {@link FeedbackDesk}. Every value is checked when the configuration is built; an error names
 * the property.
 *
 * @param referencePrefix the letters that start reference numbers ({@code FB} by default)
 * @param tenantPrefixes per-tenant prefixes overriding {@code referencePrefix}
 * @param referenceZone the time zone whose calendar year goes into reference numbers
 * @param maxDescriptionLength the longest description, remedy or immediate-action text accepted at intake
 * @param maxAttachments the most attachment references one feedback may carry
 * @param closingPeriod how long a resolution may go unanswered (or a rejection stay open) before the feedback
 *     may be closed as NO_RESPONSE (or UNRESOLVED)
 * @param maxAttachmentBytes the largest attachment (its {@code sizeBytes}) one feedback may refer to
 */
public record DeskConfig(
        String referencePrefix,
        Map<TenantId, String> tenantPrefixes,
        ZoneId referenceZone,
        int maxDescriptionLength,
        int maxAttachments,
        Duration closingPeriod,
        long maxAttachmentBytes) {

    private static final Pattern PREFIX = Pattern.compile("[A-Z]{1,5}");

    public DeskConfig {
        requirePrefix(referencePrefix, "referencePrefix");
        tenantPrefixes = Map.copyOf(tenantPrefixes);
        tenantPrefixes.forEach((tenant, prefix) -> requirePrefix(prefix, "tenantPrefixes." + tenant));
        Objects.requireNonNull(referenceZone, "referenceZone");
        if (maxDescriptionLength < 1 || maxDescriptionLength > io.memnun.feedback.Intake.MAX_TEXT) {
            throw new ValidationException("maxDescriptionLength", "must be between 1 and " + io.memnun.feedback.Intake.MAX_TEXT + ", was " + maxDescriptionLength);
        }
        if (maxAttachments < 0) {
            throw new ValidationException("maxAttachments", "must not be negative, was " + maxAttachments);
        }
        if (maxAttachmentBytes < 0) {
            throw new ValidationException("maxAttachmentBytes", "must not be negative, was " + maxAttachmentBytes);
        }
        Objects.requireNonNull(closingPeriod, "closingPeriod");
        if (closingPeriod.isNegative()) {
            throw new ValidationException("closingPeriod", "must not be negative, was " + closingPeriod);
        }
    }

    private static void requirePrefix(String prefix, String property) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new ValidationException(property, "must be 1 to 5 letters A-Z, was '" + prefix + "'");
        }
    }

    public static DeskConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The reference prefix for {@code tenant}. */
    public String prefixFor(TenantId tenant) {
        return tenantPrefixes.getOrDefault(tenant, referencePrefix);
    }

    public static final class Builder {
        private String referencePrefix = "FB";
        private final Map<TenantId, String> tenantPrefixes = new HashMap<>();
        private ZoneId referenceZone = ZoneId.of("UTC");
        private int maxDescriptionLength = 10_000;
        private int maxAttachments = 20;
        private long maxAttachmentBytes = 25L * 1024 * 1024;
        private Duration closingPeriod = Duration.ofDays(365);

        private Builder() {}

        public Builder referencePrefix(String referencePrefix) {
            this.referencePrefix = referencePrefix;
            return this;
        }

        public Builder tenantPrefix(TenantId tenant, String prefix) {
            tenantPrefixes.put(Objects.requireNonNull(tenant, "tenant"), prefix);
            return this;
        }

        public Builder referenceZone(ZoneId referenceZone) {
            this.referenceZone = referenceZone;
            return this;
        }

        public Builder maxDescriptionLength(int maxDescriptionLength) {
            this.maxDescriptionLength = maxDescriptionLength;
            return this;
        }

        public Builder maxAttachments(int maxAttachments) {
            this.maxAttachments = maxAttachments;
            return this;
        }

        /** The largest attachment one feedback may refer to, in bytes; 25 MiB by default. */
        public Builder maxAttachmentBytes(long maxAttachmentBytes) {
            this.maxAttachmentBytes = maxAttachmentBytes;
            return this;
        }

        public Builder closingPeriod(Duration closingPeriod) {
            this.closingPeriod = closingPeriod;
            return this;
        }

        public DeskConfig build() {
            return new DeskConfig(referencePrefix, tenantPrefixes, referenceZone, maxDescriptionLength, maxAttachments, closingPeriod,
                    maxAttachmentBytes);
        }
    }
}
