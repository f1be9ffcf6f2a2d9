package io.memnun.spi;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Page;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where feedback and its history live. Every call is scoped by tenant: a lookup with another tenant's id finds
 * nothing, and a write never touches another tenant's data. Implementations must be thread-safe; the contract
 * suite {@code FeedbackStoreContract} in {@code memnun-core}'s test-jar states the rules exactly.
 */
public interface FeedbackStore {

    /**
     * Writes a change atomically: the feedback row and its new events, or nothing.
     *
     * <ul>
     *   <li>a create ({@code expectedVersion == 0}) fails with {@link io.memnun.error.DuplicateKeyException} when
     *       the id, the reference number or the intake key already exists in the tenant;
     *   <li>an update fails with {@link io.memnun.error.VersionConflictException} when the stored version is not
     *       {@code expectedVersion}, and with {@link io.memnun.error.NotFoundException} when there is no such
     *       feedback in the tenant.
     * </ul>
     */
    void save(FeedbackChange change);

    Optional<Feedback> find(TenantId tenant, FeedbackId id);

    Optional<Feedback> findByReference(TenantId tenant, ReferenceNumber reference);

    Optional<Feedback> findByIntakeKey(TenantId tenant, String intakeKey);

    /**
     * A state of the feedback that this store wrote or read lately and still keeps, as the starting point of a
     * command about to change it: when it is current, the command needs no read before its write. It may be stale
     * (another node or store changed the feedback since); {@link #save}'s version check then refuses the change,
     * and the caller reads afresh. It is always a state that was committed, so a save based on it whose version
     * check passes is based on exactly the stored state. The default keeps nothing.
     */
    default Optional<Feedback> lastKnown(TenantId tenant, io.memnun.feedback.FeedbackKey key) {
        return Optional.empty();
    }

    /** The history of one feedback, ordered by version; empty when there is no such feedback in the tenant. */
    List<FeedbackEvent> history(TenantId tenant, FeedbackId id);

    /** One page of the feedback matching the query, in its stable order. */
    Page<Feedback> query(FeedbackQuery query);

    /**
     * Feedback of any tenant whose {@link Feedback#nextSlaCheckAt()} is at or before {@code now}, earliest first,
     * at most {@code limit}: the SLA monitor's work list. Must be answered from an index on that instant, never by
     * scanning all open feedback.
     */
    List<Feedback> dueForSlaCheck(Instant now, int limit);

    /**
     * How many feedback match {@code query}, its cursor, order and limit aside. This default pages through
     * {@link #query}; stores that can count (SQL {@code COUNT(*)}) should override it.
     */
    default long count(FeedbackQuery query) {
        FeedbackQuery q = query.after(null);
        long n = 0;
        while (true) {
            Page<Feedback> page = query(q);
            n += page.items().size();
            if (page.next().isEmpty()) {
                return n;
            }
            q = q.after(page.next().get());
        }
    }

    /**
     * How many open feedback each of {@code staff} has assigned: the load that routing's least-load strategy
     * balances. Staff without any may be left out of the answer. This default pages through {@link #query};
     * stores that can count (SQL {@code GROUP BY assignee}) should override it.
     */
    default Map<StaffId, Integer> openLoad(TenantId tenant, Set<StaffId> staff) {
        Map<StaffId, Integer> load = new HashMap<>();
        for (StaffId s : staff) {
            FeedbackQuery q = FeedbackQuery.builder(tenant).open().assignee(s).limit(FeedbackQuery.MAX_LIMIT).build();
            int n = 0;
            while (true) {
                Page<Feedback> page = query(q);
                n += page.items().size();
                if (page.next().isEmpty()) {
                    break;
                }
                q = q.after(page.next().get());
            }
            if (n > 0) {
                load.put(s, n);
            }
        }
        return load;
    }

    /**
     * Writes an anonymisation atomically: the feedback row, the rewritten events' notes and details (nothing else of
     * them), and the recorded event; or nothing. Fails like {@link #save} with
     * {@link io.memnun.error.VersionConflictException} or {@link io.memnun.error.NotFoundException}. Nothing of the
     * old text may remain readable in the store afterwards (no copies in caches, indexes the store keeps, or old
     * row versions it exposes), nor its digest: a store that keeps seals ({@link SealedHistory}) seals the events
     * anew from the first rewritten one ({@link FeedbackRedaction#resealed}) in the same transaction.
     */
    void redact(FeedbackRedaction redaction);
}
