package io.memnun.spi;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.TenantId;
import java.util.List;

/**
 * A store that seals each history event it writes into the feedback's hash chain
 * ({@link io.memnun.feedback.HistoryChain}) and keeps the seal beside the event, for
 * {@code io.memnun.HistoryVerifier}. The in-memory and JDBC feedback stores implement it.
 */
public interface SealedHistory {

    /**
     * The history of one feedback with the stored seals, ordered by version, exactly as stored (not checked); empty
     * when there is no such feedback in the tenant.
     */
    List<SealedEvent> sealedHistory(TenantId tenant, FeedbackId id);
}
