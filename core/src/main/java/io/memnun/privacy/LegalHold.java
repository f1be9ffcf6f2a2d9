package io.memnun.privacy;

import io.memnun.feedback.Actor;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reason to keep a feedback's data as it is: a lawsuit, a regulator's inquiry, an insurance claim. While a
 * feedback has an active hold, neither an erasure request nor a retention policy anonymises it. A released hold is
 * kept with who released it and when, so that the record shows why a feedback was kept and from when it was no
 * longer kept.
 *
 * @param tenant the tenant
 * @param feedback the feedback held
 * @param name the hold's name, unique among a feedback's active holds, e.g. {@code case-2026-114}
 * @param reason why it is held
 * @param placedBy who placed it
 * @param placedAt when
 * @param releasedBy who released it, if it was released
 * @param releasedAt when it was released, if it was
 */
public record LegalHold(
        TenantId tenant,
        FeedbackId feedback,
        String name,
        String reason,
        Actor placedBy,
        Instant placedAt,
        @Nullable Actor releasedBy,
        @Nullable Instant releasedAt) {

    public LegalHold {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(feedback, "feedback");
        name = Checks.code(name, "hold.name", 64);
        reason = Checks.text(reason, "hold.reason", 2000);
        Objects.requireNonNull(placedBy, "placedBy");
        Objects.requireNonNull(placedAt, "placedAt");
        Checks.argument((releasedBy == null) == (releasedAt == null), "hold.releasedBy",
                "a released hold names who released it and when; was " + releasedBy + " at " + releasedAt);
        Checks.argument(releasedAt == null || !releasedAt.isBefore(placedAt), "hold.releasedAt",
                "must not be before placedAt " + placedAt + ", was " + releasedAt);
    }

    /** An active hold. */
    public LegalHold(TenantId tenant, FeedbackId feedback, String name, String reason, Actor placedBy, Instant placedAt) {
        this(tenant, feedback, name, reason, placedBy, placedAt, null, null);
    }

    /** True until the hold is released. */
    public boolean isActive() {
        return releasedAt == null;
    }

    /**
     * This hold, released by {@code by} at {@code at} (at its placing, if {@code at} is earlier: another node's clock
     * may run behind the one that placed it).
     *
     * @throws IllegalStateException if it was released already
     */
    public LegalHold release(Actor by, Instant at) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (!isActive()) {
            throw new IllegalStateException("hold " + name + " was released at " + releasedAt);
        }
        return new LegalHold(tenant, feedback, name, reason, placedBy, placedAt, by, at.isBefore(placedAt) ? placedAt : at);
    }

    /** This hold with its reason replaced, as an anonymisation of the feedback does to a released hold. */
    public LegalHold withReason(String newReason) {
        return new LegalHold(tenant, feedback, name, newReason, placedBy, placedAt, releasedBy, releasedAt);
    }
}
