package io.memnun.spi;

import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaId;
import io.memnun.capa.CorrectiveAction;
import io.memnun.feedback.TenantId;
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
    void save(CorrectiveAction action, long expectedVersion, CapaEvent event);

    Optional<CorrectiveAction> find(TenantId tenant, CapaId id);

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
