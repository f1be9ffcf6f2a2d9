package io.memnun.tracking;

import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Status;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a customer sees of their feedback: where it stands, in their language, with its dates and the decision, and
 * nothing internal (no notes, no internal events, no staff unless the host turned that on).
 *
 * @param reference the reference number
 * @param kind complaint, request, ...
 * @param status the status
 * @param statusText the status in the customer's language
 * @param language the language of the texts
 * @param receivedAt when it was received
 * @param acknowledgedAt when its receipt was acknowledged
 * @param estimatedResolutionAt when it is expected to be resolved: the planned date if one was set, else the
 *     resolution target's due instant; absent once resolved or without either
 * @param resolvedAt when the resolution was communicated
 * @param resolution the decision given to the customer
 * @param closedAt when it was closed or cancelled
 * @param handledBy the staff member handling it, only if the host shows staff
 * @param canAccept the customer may accept the resolution now
 * @param canReject the customer may reject the resolution now
 * @param timeline the customer-facing steps, oldest first
 */
public record TrackingView(
        String reference,
        FeedbackKind kind,
        Status status,
        String statusText,
        Locale language,
        Instant receivedAt,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant estimatedResolutionAt,
        @Nullable Instant resolvedAt,
        @Nullable String resolution,
        @Nullable Instant closedAt,
        @Nullable String handledBy,
        boolean canAccept,
        boolean canReject,
        List<Step> timeline) {

    public TrackingView {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusText, "statusText");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(receivedAt, "receivedAt");
        timeline = List.copyOf(timeline);
    }

    public Optional<Instant> estimatedResolution() {
        return Optional.ofNullable(estimatedResolutionAt);
    }

    /** One customer-facing step: what happened, in the customer's language, and when. */
    public record Step(String what, String text, Instant at) {
        public Step {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(at, "at");
        }
    }
}
