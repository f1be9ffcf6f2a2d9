package io.memnun.spi;

import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaNumber;
import io.memnun.capa.CorrectiveAction;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where corrective actions and their histories live. Thread-safe; {@code io.memnun.tck.CapaStoreContract} in
 * {@code memnun-core}'s test-jar states the rules.
 */
public interface CapaStore {

    /**
     * Writes an action's new state and its new event atomically. A create ({@code expectedVersion == 0}) fails with
     * {@link io.memnun.error.DuplicateKeyException} when the id exists; an update fails with
     * {@link io.memnun.error.VersionConflictException} when the stored version is not {@code expectedVersion} and with
     * {@link io.memnun.error.NotFoundException} when there is no such action in the tenant.
     */
    default void save(CorrectiveAction action, long expectedVersion, CapaEvent event) {
        save(action, expectedVersion, event, List.of());
    }

    /**
     * Writes an action's new state, its new event and the outbox messages the event causes (a reminder, an overdue
     * item's notice) in one atomic write: all or nothing, so a message is written exactly by the write that won the
     * version check. A store that takes messages implements {@link TransactionalOutbox}. A create whose
     * {@link CorrectiveAction#number() number} exists in the tenant fails with
     * {@link io.memnun.error.DuplicateKeyException} ({@code key() == "number"}); otherwise as
     * {@link #save(CorrectiveAction, long, CapaEvent)}.
     *
     * @throws UnsupportedOperationException if {@code outbox} is not empty and the store writes no outbox
     */
    void save(CorrectiveAction action, long expectedVersion, CapaEvent event, List<Notification> outbox);

    Optional<CorrectiveAction> find(TenantId tenant, CapaId id);

    /** The action numbered {@code number} in the tenant. */
    Optional<CorrectiveAction> findByNumber(TenantId tenant, CapaNumber number);

    /** The history, ordered by version. */
    List<CapaEvent> history(TenantId tenant, CapaId id);

    /** The open actions of a tenant, oldest first. */
    List<CorrectiveAction> open(TenantId tenant);

    /**
     * Actions of any tenant whose {@link CorrectiveAction#nextEscalationAt()} is at or before {@code now}, earliest
     * first, at most {@code limit}: answered from an index on that instant.
     */
    List<CorrectiveAction> dueForEscalation(Instant now, int limit);
}
