package io.memnun.testing;

import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaNumber;
import io.memnun.capa.CorrectiveAction;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.spi.CapaStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A CAPA store that forwards every call; tests override a method to interfere. It writes no outbox of its own. */
public class ForwardingCapaStore implements CapaStore {
    private final CapaStore delegate;

    public ForwardingCapaStore(CapaStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void save(CorrectiveAction action, long expectedVersion, CapaEvent event, List<Notification> outbox) {
        delegate.save(action, expectedVersion, event, outbox);
    }

    @Override
    public Optional<CorrectiveAction> find(TenantId tenant, CapaId id) {
        return delegate.find(tenant, id);
    }

    @Override
    public Optional<CorrectiveAction> findByNumber(TenantId tenant, CapaNumber number) {
        return delegate.findByNumber(tenant, number);
    }

    @Override
    public List<CapaEvent> history(TenantId tenant, CapaId id) {
        return delegate.history(tenant, id);
    }

    @Override
    public List<CorrectiveAction> open(TenantId tenant) {
        return delegate.open(tenant);
    }

    @Override
    public List<CorrectiveAction> dueForEscalation(Instant now, int limit) {
        return delegate.dueForEscalation(now, limit);
    }
}
