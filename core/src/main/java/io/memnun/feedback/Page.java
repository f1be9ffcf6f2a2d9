package io.memnun.feedback;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of results and the cursor of the next page, if there may be one.
 *
 * @param items the entries of this page, in the query's order
 * @param nextCursor where the next page starts; empty on the last page
 */
public record Page<T>(List<T> items, @Nullable Cursor nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public Optional<Cursor> next() {
        return Optional.ofNullable(nextCursor);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }
}
