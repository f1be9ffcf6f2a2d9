package io.memnun.spi;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import java.util.List;

/**
 * Consent records and legal holds. Every call is scoped by tenant. Thread-safe; {@code io.memnun.tck.PrivacyStoreContract}
 * states the rules.
 */
public interface PrivacyStore {

    /** Stores a consent record, or replaces the record with its id (a withdrawal). */
    void saveConsent(ConsentRecord consent);

    /** The person's consent records, oldest given first. */
    List<ConsentRecord> consents(TenantId tenant, PersonKey person);

    /** Deletes the person's consent records (an erasure); returns how many. */
    int deleteConsents(TenantId tenant, PersonKey person);

    /**
     * Places a hold.
     *
     * @throws io.memnun.error.DuplicateKeyException ({@code key() == "hold"}) if the feedback has a hold of that name
     */
    void placeHold(LegalHold hold);

    /** Releases the feedback's hold named {@code name}; false if there is none. */
    boolean releaseHold(TenantId tenant, FeedbackId feedback, String name);

    /** The feedback's holds, oldest first. */
    List<LegalHold> holds(TenantId tenant, FeedbackId feedback);
}
