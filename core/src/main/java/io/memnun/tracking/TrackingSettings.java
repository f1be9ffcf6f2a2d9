package io.memnun.tracking;

import io.memnun.error.ValidationException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How customer tracking behaves.
 *
 * <ul>
 *   <li>{@link Builder#linkBase} — the page where customers follow their feedback, with {@code {reference}} and
 *       {@code {token}} where those go, e.g. {@code https://otel.example/takip?no={reference}&kod={token}}; the
 *       acknowledgement's {@code {{trackingUrl}}} is this link. Without it the acknowledgement carries the token as
 *       {@code {{trackingToken}}} alone;
 *   <li>{@link Builder#expireAfterClosing} — how long after closing (or cancelling) a token still opens the
 *       feedback; 90 days by default;
 *   <li>{@link Builder#showStaff} — whether the view names the staff member handling it; off by default;
 *   <li>{@link Builder#rateLimiter} — asked before every lookup; none by default (the host may limit elsewhere).
 * </ul>
 */
public final class TrackingSettings {
    private final @Nullable String linkBase;
    private final Duration expireAfterClosing;
    private final boolean showStaff;
    private final RateLimiter rateLimiter;

    private TrackingSettings(Builder b) {
        this.linkBase = b.linkBase;
        this.expireAfterClosing = b.expireAfterClosing;
        this.showStaff = b.showStaff;
        this.rateLimiter = b.rateLimiter;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static TrackingSettings defaults() {
        return builder().build();
    }

    public Optional<String> linkBase() {
        return Optional.ofNullable(linkBase);
    }

    public Duration expireAfterClosing() {
        return expireAfterClosing;
    }

    public boolean showStaff() {
        return showStaff;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The link for {@code reference} and {@code token}, if a link base is configured. */
    public Optional<String> linkFor(String reference, String token) {
        if (linkBase == null) {
            return Optional.empty();
        }
        return Optional.of(linkBase.replace("{reference}", URLEncoder.encode(reference, StandardCharsets.UTF_8))
                .replace("{token}", URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    public static final class Builder {
        private @Nullable String linkBase;
        private Duration expireAfterClosing = Duration.ofDays(90);
        private boolean showStaff;
        private RateLimiter rateLimiter = RateLimiter.UNLIMITED;

        private Builder() {}

        public Builder linkBase(String linkBase) {
            Objects.requireNonNull(linkBase, "linkBase");
            if (!linkBase.contains("{token}")) {
                throw new ValidationException("linkBase", "must contain {token}, was '" + linkBase + "'");
            }
            try {
                URI uri = new URI(linkBase.replace("{reference}", "r").replace("{token}", "t"));
                if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                    throw new ValidationException("linkBase", "must be an absolute http(s) URL, was '" + linkBase + "'");
                }
            } catch (java.net.URISyntaxException e) {
                throw new ValidationException("linkBase", "is not a URL: " + e.getMessage());
            }
            this.linkBase = linkBase;
            return this;
        }

        public Builder expireAfterClosing(Duration period) {
            Objects.requireNonNull(period, "period");
            if (period.isNegative()) {
                throw new ValidationException("expireAfterClosing", "must not be negative, was " + period);
            }
            this.expireAfterClosing = period;
            return this;
        }

        public Builder showStaff(boolean showStaff) {
            this.showStaff = showStaff;
            return this;
        }

        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
            return this;
        }

        public TrackingSettings build() {
            return new TrackingSettings(this);
        }
    }
}
