package io.memnun.privacy;

import io.memnun.feedback.Actor;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * A reason to keep a feedback's data as it is: a lawsuit, a regulator's inquiry, an insurance claim. While a
 * feedback has a hold, neither an erasure request nor a retention policy anonymises it.
 *
 * @param tenant the tenant
 * @param feedback the feedback held
 * @param name the hold's name, unique per feedback, e.g. {@code case-2026-114}
 * @param reason why it is held
 * @param placedBy who placed it
 * @param placedAt when
 */
public record LegalHold(TenantId tenant, FeedbackId feedback, String name, String reason, Actor placedBy, Instant placedAt) {
    public LegalHold {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(feedback, "feedback");
        name = Checks.code(name, "hold.name", 64);
        reason = Checks.text(reason, "hold.reason", 2000);
        Objects.requireNonNull(placedBy, "placedBy");
        Objects.requireNonNull(placedAt, "placedAt");
    }
}
