package io.memnun.spi;

import io.memnun.feedback.Actor;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.AccessLogEntry;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Consent records, legal holds and the privacy access log. Every call is scoped by tenant. Thread-safe;
 * {@code io.memnun.tck.PrivacyStoreContract} states the rules.
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
     * @throws io.memnun.error.DuplicateKeyException ({@code key() == "hold"}) if the feedback has an active hold of
     *     that name
     * @throws IllegalArgumentException if {@code hold} is released already
     */
    void placeHold(LegalHold hold);

    /**
     * Releases the feedback's active hold named {@code name}: it stops being one of {@link #holds} and becomes one of
     * {@link #releasedHolds}, in one step, so that of two releases of the same hold one succeeds.
     *
     * @return the hold as released ({@link LegalHold#release}); empty if the feedback has no active hold of that name
     */
    Optional<LegalHold> releaseHold(TenantId tenant, FeedbackId feedback, String name, Actor by, Instant at);

    /** The feedback's active holds, oldest first (by name among those placed at the same instant). */
    List<LegalHold> holds(TenantId tenant, FeedbackId feedback);

    /** The feedback's released holds, in the order they were released, whatever the instants they record. */
    List<LegalHold> releasedHolds(TenantId tenant, FeedbackId feedback);

    /**
     * Replaces the reason of each of the feedback's released holds with {@code placeholder} (an anonymisation: a
     * reason may name the person); returns how many changed. Active holds are left as they are.
     */
    int anonymiseReleasedHolds(TenantId tenant, FeedbackId feedback, String placeholder);

    /**
     * Appends an entry to the access log, with all its subjects, at once: a reader sees the whole entry or none of it.
     * Entries are never changed.
     *
     * @throws io.memnun.error.DuplicateKeyException ({@code key() == "id"}) if an entry with that id exists, in any
     *     tenant; nothing is written
     */
    void appendAccessLog(AccessLogEntry entry);

    /**
     * The tenant's entries naming {@code subject}, by {@link AccessLogEntry#at()} and, within one instant, in the
     * order appended.
     */
    List<AccessLogEntry> accessLog(TenantId tenant, AccessLogEntry.Subject subject);

    /**
     * The tenant's entries with {@code from <= at < to}, by {@link AccessLogEntry#at()} and, within one instant, in the
     * order appended.
     */
    List<AccessLogEntry> accessLog(TenantId tenant, Instant from, Instant to);

    /** Deletes the tenant's entries with {@code at} before {@code before} (the log's own retention); returns how many. */
    int purgeAccessLog(TenantId tenant, Instant before);
}
