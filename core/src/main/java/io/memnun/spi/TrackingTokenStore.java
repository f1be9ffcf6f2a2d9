package io.memnun.spi;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.tracking.TrackingToken;
import java.util.Optional;

/**
 * Where tracking tokens' hashes live: at most one per feedback. Thread-safe; {@code io.memnun.tck.TrackingTokenStoreContract}
 * states the rules.
 */
public interface TrackingTokenStore {

    /** Stores the feedback's token, replacing the one it had (a rotation). */
    void save(TrackingToken token);

    /** The feedback's current token. */
    Optional<TrackingToken> find(TenantId tenant, FeedbackId feedback);

    /** Removes the feedback's token; false if it had none. */
    boolean delete(TenantId tenant, FeedbackId feedback);
}
