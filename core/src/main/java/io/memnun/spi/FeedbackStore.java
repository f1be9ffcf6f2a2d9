package io.memnun.spi;

import io.memnun.error.ValidationException;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Page;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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
     * Up to {@code limit} ids of the tenant's feedback whose closing period ended by {@code endedBy}, inclusive: the
     * closing job's work list ({@code FeedbackDesk.closeExpired}). That is a {@code RESOLVED} feedback resolved at or
     * before {@code endedBy} (or with no resolution time), and an {@code IN_PROGRESS}, {@code PLANNED} or
     * {@code AWAITING_CUSTOMER} one whose resolution the customer last rejected at or before {@code endedBy}. The ids
     * come in a total order of the store's choosing that does not change between calls, starting after {@code after}
     * in that order (null: from the start), so that the last id of a page, passed as {@code after}, gives the next
     * page; a page shorter than {@code limit} is the last.
     *
     * <p>Ids only, so that a feedback the store cannot read (a stored value changed by hand, say) fails only its own
     * closing, which reads it, and not the list that all the others are on. This default pages through
     * {@link #query} and filters in Java, reading every open feedback of the tenant once per call, and one it cannot
     * read fails the call; stores that can select in their query language (SQL) should override it, reading index
     * entries and never the whole feedback. Its order is that of {@link UUID#compareTo}.
     *
     * @param limit 1 to {@value FeedbackQuery#MAX_LIMIT}
     * @throws ValidationException naming {@code tenant}, {@code endedBy} or {@code limit} if one is missing or out of
     *     range ({@link #checkClosingDue})
     */
    default List<FeedbackId> closingDue(TenantId tenant, Instant endedBy, @Nullable FeedbackId after, int limit) {
        checkClosingDue(tenant, endedBy, limit);
        FeedbackQuery q = FeedbackQuery.builder(tenant)
                .status(Status.RESOLVED, Status.IN_PROGRESS, Status.PLANNED, Status.AWAITING_CUSTOMER)
                .limit(FeedbackQuery.MAX_LIMIT)
                .build();
        // the limit smallest ids after the cursor: the page, whatever order the query reads them in
        TreeSet<UUID> page = new TreeSet<>();
        while (true) {
            Page<Feedback> read = query(q);
            for (Feedback f : read.items()) {
                UUID id = f.id().value();
                if ((after == null || id.compareTo(after.value()) > 0) && closingEnded(f, endedBy)) {
                    page.add(id);
                    if (page.size() > limit) {
                        page.pollLast();
                    }
                }
            }
            if (read.next().isEmpty()) {
                return page.stream().map(FeedbackId::new).toList();
            }
            q = q.after(read.next().get());
        }
    }

    /**
     * Refuses the arguments {@link #closingDue} does not take with a {@link ValidationException} naming the argument:
     * a missing tenant or instant, a limit outside 1 to {@value FeedbackQuery#MAX_LIMIT}, an instant outside the years
     * 1 to 9999 (which both SQL databases hold). A store that overrides {@link #closingDue} calls it first, so that
     * every store refuses the same.
     */
    static void checkClosingDue(@Nullable TenantId tenant, @Nullable Instant endedBy, int limit) {
        if (tenant == null) {
            throw new ValidationException("tenant", "is required");
        }
        if (endedBy == null) {
            throw new ValidationException("endedBy", "is required");
        }
        // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z
        if (endedBy.getEpochSecond() < -62_135_596_800L || endedBy.getEpochSecond() > 253_402_300_799L) {
            throw new ValidationException("endedBy", "must be within the years 1 to 9999, was " + endedBy);
        }
        if (limit < 1 || limit > FeedbackQuery.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + FeedbackQuery.MAX_LIMIT + ", was " + limit);
        }
    }

    /** Whether {@code f}'s closing period ended by {@code endedBy}, as {@link #closingDue} selects. */
    private static boolean closingEnded(Feedback f, Instant endedBy) {
        return switch (f.status()) {
            case RESOLVED -> f.resolvedAt().map(at -> !at.isAfter(endedBy)).orElse(true);
            case IN_PROGRESS, PLANNED, AWAITING_CUSTOMER -> f.lastRejectedAt().map(at -> !at.isAfter(endedBy)).orElse(false);
            default -> false;
        };
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
