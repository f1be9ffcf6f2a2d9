package io.memnun.report;

import io.memnun.feedback.EventType;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a complaint's tracking record.
 *
 * @param stage the ISO 10002 step
 * @param event what happened
 * @param at when
 * @param actor who (kind and id, e.g. {@code STAFF:ayse.yilmaz}, {@code CUSTOMER:customer})
 * @param note the note or reason recorded with it
 */
public record AuditStep(AuditStage stage, EventType event, Instant at, String actor, @Nullable String note) {
    public AuditStep {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
    }
}
