package io.memnun;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one attempt to send an outbox message, as the dispatcher reports it to a {@link DeliveryRecorder}.
 *
 * @param state delivered, failed (to be tried again) or dead-lettered
 * @param note one line for a history: what was sent to whom and what happened
 * @param details structured facts: {@code message}, {@code template}, {@code channel}, {@code to}, {@code address},
 *     {@code attempt}, {@code idempotencyKey}, and {@code providerId} when delivered or {@code error} when not; a
 *     delivery adds the channel's own facts ({@link io.memnun.notify.SendResult.Delivered#details()}), such as an
 *     SMS's {@code cut=true} with its segments and lengths when its text was cut to fit
 * @param at when
 */
public record DeliveryOutcome(State state, String note, Map<String, String> details, Instant at) {
    public enum State {
        DELIVERED,
        FAILED,
        DEAD
    }

    public DeliveryOutcome {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(note, "note");
        details = Map.copyOf(details);
        Objects.requireNonNull(at, "at");
    }

    public boolean delivered() {
        return state == State.DELIVERED;
    }

    public Optional<String> providerId() {
        return Optional.ofNullable(details.get("providerId"));
    }

    /** Whether the channel sent a shortened text (an SMS cut to its segment limit); the outbox keeps the whole text. */
    public boolean cut() {
        return "true".equals(details.get("cut"));
    }

    public Optional<String> error() {
        return Optional.ofNullable(details.get("error"));
    }
}
