package io.memnun;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of one attempt to send an outbox message, as the dispatcher reports it to a {@link DeliveryRecorder}.
 *
 * @param state delivered, failed (to be tried again) or dead-lettered
 * @param note one line for a history: what was sent to whom and what happened
 * @param details structured facts: {@code message}, {@code template}, {@code channel}, {@code to}, {@code address},
 *     {@code attempt}, {@code idempotencyKey}, and {@code providerId} when delivered or {@code error} when not; a
 *     delivery adds the channel's own facts ({@link io.memnun.notify.SendResult.Delivered#details()}), such as an
 *     SMS's {@code cut=true} with its segments and lengths when its text was cut to fit ({@link #channelFacts()}); in
 *     the order the dispatcher put them, the channel's facts after its own
 * @param at when
 */
public record DeliveryOutcome(State state, String note, Map<String, String> details, Instant at) {
    public enum State {
        DELIVERED,
        FAILED,
        DEAD
    }

    /** The keys of the facts the dispatcher records itself, which a channel's facts cannot replace. */
    static final Set<String> DISPATCHER_KEYS = Set.of("message", "about", "template", "channel", "to", "recipient", "address", "attempt",
            "idempotencyKey", "providerId", "error", "retryAt", "deadLetter", "unreachable");

    public DeliveryOutcome {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(note, "note");
        details.forEach((k, v) -> Objects.requireNonNull(v, () -> "details." + Objects.requireNonNull(k, "details' key")));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
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

    /**
     * The facts the channel gave with its delivery ({@link io.memnun.notify.SendResult.Delivered#details()}), in its
     * order, without any the dispatcher's own replaced: what a recorder that keeps less than every detail (a campaign
     * invitation's one line) keeps of the channel's word. Empty for a failure and for a channel that said nothing.
     */
    public Map<String, String> channelFacts() {
        Map<String, String> facts = new LinkedHashMap<>(details);
        facts.keySet().removeAll(DISPATCHER_KEYS);
        return Collections.unmodifiableMap(facts);
    }

    public Optional<String> error() {
        return Optional.ofNullable(details.get("error"));
    }
}
