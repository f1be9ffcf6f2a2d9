package io.memnun.privacy;

import java.util.List;
import java.util.Objects;

/**
 * What an erasure request did.
 *
 * @param persons the keys the person was erased by (an e-mail address, a phone number, an external id), at least one
 * @param anonymised the reference numbers of the person's feedback now anonymised
 * @param consentsDeleted how many consent records of the person were deleted
 * @param campaignInvitations how many survey campaign invitations to the person lost their recipient (their messages
 *     were deleted from the outbox)
 */
public record ErasureReport(List<PersonKey> persons, List<String> anonymised, int consentsDeleted, int campaignInvitations) {
    public ErasureReport {
        persons = List.copyOf(persons);
        if (persons.isEmpty()) {
            throw new IllegalArgumentException("an erasure names at least one person key");
        }
        anonymised = List.copyOf(anonymised);
    }

    /** The first key the person was erased by. */
    public PersonKey person() {
        return persons.get(0);
    }
}
