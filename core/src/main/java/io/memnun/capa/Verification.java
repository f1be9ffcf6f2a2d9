package io.memnun.capa;

import io.memnun.feedback.Actor;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The verification of effectiveness, done at a later date: did the complaints on the subject drop?
 *
 * @param verifier who verified
 * @param at when
 * @param effective whether the action worked; only an effective verification lets the action close
 * @param result what was found
 * @param before complaints on the subject in a window before the action, if counted
 * @param after complaints in a like window after it, if counted
 */
public record Verification(Actor verifier, Instant at, boolean effective, String result, @Nullable Integer before, @Nullable Integer after) {
    public Verification {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(at, "at");
        result = Checks.text(result, "verification.result", 4000);
        Checks.argument(before == null || before >= 0, "verification.before", "must not be negative");
        Checks.argument(after == null || after >= 0, "verification.after", "must not be negative");
    }
}
