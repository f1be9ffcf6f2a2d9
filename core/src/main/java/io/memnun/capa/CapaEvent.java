package io.memnun.capa;

import io.memnun.feedback.Actor;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One immutable entry in a corrective action's history: what, who, when, the note, the status before and after.
 *
 * @param capa the action
 * @param version its version after this event; the opening is 1, without gaps
 * @param details structured facts, e.g. {@code item=2}, {@code effective=true}
 */
public record CapaEvent(CapaId capa, long version, CapaEventType type, Actor actor, Instant at, @Nullable String note, @Nullable CapaStatus from,
        CapaStatus to, Map<String, String> details) {
    public CapaEvent {
        Objects.requireNonNull(capa, "capa");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(to, "to");
        details = Map.copyOf(details);
    }
}
