package io.memnun.feedback;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One immutable entry in a feedback's history: what happened, who did it, when, with what note, and the state
 * before and after. The history, ordered by {@link #version()}, is the ISO 10002 tracking form.
 *
 * @param feedbackId the feedback
 * @param version the feedback's version after this event; the receipt is version 1, and each later event
 *     takes the next number, so a complete history has no gaps
 * @param type what happened
 * @param actor who did it
 * @param at when
 * @param note the free-text note, reason or resolution given with the command
 * @param from the status before ({@code null} for the receipt)
 * @param to the status after
 * @param details structured facts of this event, e.g. {@code department=housekeeping}, {@code plannedUntil=...}
 */
public record FeedbackEvent(
        FeedbackId feedbackId,
        long version,
        EventType type,
        Actor actor,
        Instant at,
        @Nullable String note,
        @Nullable Status from,
        Status to,
        Map<String, String> details) {

    public FeedbackEvent {
        Objects.requireNonNull(feedbackId, "feedbackId");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(to, "to");
        details = Map.copyOf(details);
    }

    public Optional<String> noteText() {
        return Optional.ofNullable(note);
    }

    /**
     * This event with {@code note} and {@code details} instead of its own: how anonymisation rewrites an event, its
     * type, actor, time and statuses (the history's shape) staying as they are.
     */
    public FeedbackEvent withText(@Nullable String note, Map<String, String> details) {
        return new FeedbackEvent(feedbackId, version, type, actor, at, note, from, to, details);
    }

    /** True when the status changed with this event. */
    public boolean isTransition() {
        return from != to;
    }
}
