package io.memnun.privacy;

import java.util.List;
import java.util.Objects;

/**
 * What an erasure request did.
 *
 * @param person whose data it was
 * @param anonymised the reference numbers of the person's feedback now anonymised
 * @param consentsDeleted how many consent records of the person were deleted
 */
public record ErasureReport(PersonKey person, List<String> anonymised, int consentsDeleted) {
    public ErasureReport {
        Objects.requireNonNull(person, "person");
        anonymised = List.copyOf(anonymised);
    }
}
