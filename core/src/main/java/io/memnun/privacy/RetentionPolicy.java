package io.memnun.privacy;

import io.memnun.error.ValidationException;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackTypeId;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How long personal data is kept after a feedback is closed (or cancelled), per feedback type, per kind, and by
 * default. The most specific period applies: the type's, else the kind's, else the default; with none, the feedback
 * is kept as it is. Open feedback is never anonymised by retention.
 *
 * <pre>{@code
 * RetentionPolicy.builder()
 *         .afterClosing(Duration.ofDays(2 * 365))                        // everything: two years
 *         .afterClosing(FeedbackKind.COMPLIMENT, Duration.ofDays(180))   // compliments: half a year
 *         .afterClosing(new FeedbackTypeId("legal-claim"), Duration.ofDays(10 * 365))
 *         .build();
 * }</pre>
 */
public final class RetentionPolicy {
    private final @Nullable Duration fallback;
    private final Map<FeedbackKind, Duration> byKind;
    private final Map<FeedbackTypeId, Duration> byType;

    private RetentionPolicy(Builder b) {
        this.fallback = b.fallback;
        this.byKind = Map.copyOf(b.byKind);
        this.byType = Map.copyOf(b.byType);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The period that applies to {@code f}, if any. */
    public Optional<Duration> periodFor(Feedback f) {
        Duration byTypePeriod = f.type().map(byType::get).orElse(null);
        if (byTypePeriod != null) {
            return Optional.of(byTypePeriod);
        }
        return Optional.ofNullable(byKind.getOrDefault(f.kind(), fallback));
    }

    /** When {@code f}'s personal data falls due for anonymisation; empty while it is open or no period applies. */
    public Optional<Instant> dueAt(Feedback f) {
        if (f.isOpen() || f.closedAt().isEmpty()) {
            return Optional.empty();
        }
        return periodFor(f).map(p -> f.closedAt().get().plus(p));
    }

    /** The shortest period of any rule: nothing closed later than {@code now} minus this can be due. */
    Optional<Duration> shortest() {
        Duration min = fallback;
        for (Duration d : byKind.values()) {
            min = min == null || d.compareTo(min) < 0 ? d : min;
        }
        for (Duration d : byType.values()) {
            min = min == null || d.compareTo(min) < 0 ? d : min;
        }
        return Optional.ofNullable(min);
    }

    public static final class Builder {
        private @Nullable Duration fallback;
        private final Map<FeedbackKind, Duration> byKind = new EnumMap<>(FeedbackKind.class);
        private final Map<FeedbackTypeId, Duration> byType = new LinkedHashMap<>();

        private Builder() {}

        /** The default period for every feedback no type or kind rule covers. */
        public Builder afterClosing(Duration period) {
            this.fallback = check(period);
            return this;
        }

        public Builder afterClosing(FeedbackKind kind, Duration period) {
            byKind.put(Objects.requireNonNull(kind, "kind"), check(period));
            return this;
        }

        public Builder afterClosing(FeedbackTypeId type, Duration period) {
            byType.put(Objects.requireNonNull(type, "type"), check(period));
            return this;
        }

        private static Duration check(Duration period) {
            Objects.requireNonNull(period, "period");
            if (period.isNegative()) {
                throw new ValidationException("retention.period", "must not be negative, was " + period);
            }
            return period;
        }

        public RetentionPolicy build() {
            return new RetentionPolicy(this);
        }
    }
}
