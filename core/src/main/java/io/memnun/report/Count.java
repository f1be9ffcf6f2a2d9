package io.memnun.report;

import io.memnun.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * How many feedback fall in one group.
 *
 * @param key the group's id or code as stored; null for feedback without one (e.g. no subject)
 * @param count how many
 */
public record Count(@Nullable String key, long count) {
    public Count {
        Checks.argument(count >= 0, "count", "must not be negative, was " + count);
    }
}
