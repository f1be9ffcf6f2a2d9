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

    /**
     * The keys of two periods' counts side by side, sorted, feedback without a key as {@code (none)}: for each key its
     * previous count at index 0 and its current count at index 1, zero where a period has none.
     */
    static java.util.SortedMap<String, long[]> sideBySide(java.util.List<Count> previous, java.util.List<Count> current) {
        java.util.SortedMap<String, long[]> rows = new java.util.TreeMap<>();
        previous.forEach(c -> rows.computeIfAbsent(Html.orNone(c.key()), k -> new long[2])[0] += c.count());
        current.forEach(c -> rows.computeIfAbsent(Html.orNone(c.key()), k -> new long[2])[1] += c.count());
        return rows;
    }
}
