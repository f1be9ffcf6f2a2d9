package io.memnun.testing;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Page;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.TenantId;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.FeedbackStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A store that forwards every call; tests override a method to interfere. It is not a ReferenceSequence. */
public class ForwardingFeedbackStore implements FeedbackStore {
    private final FeedbackStore delegate;

    public ForwardingFeedbackStore(FeedbackStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void save(FeedbackChange change) {
        delegate.save(change);
    }

    @Override
    public void redact(io.memnun.spi.FeedbackRedaction redaction) {
        delegate.redact(redaction);
    }

    @Override
    public Optional<Feedback> find(TenantId tenant, FeedbackId id) {
        return delegate.find(tenant, id);
    }

    @Override
    public Optional<Feedback> findByReference(TenantId tenant, ReferenceNumber reference) {
        return delegate.findByReference(tenant, reference);
    }

    @Override
    public Optional<Feedback> findByIntakeKey(TenantId tenant, String intakeKey) {
        return delegate.findByIntakeKey(tenant, intakeKey);
    }

    @Override
    public List<FeedbackEvent> history(TenantId tenant, FeedbackId id) {
        return delegate.history(tenant, id);
    }

    @Override
    public Page<Feedback> query(FeedbackQuery query) {
        return delegate.query(query);
    }

    @Override
    public List<Feedback> dueForSlaCheck(java.time.Instant now, int limit) {
        return delegate.dueForSlaCheck(now, limit);
    }

    @Override
    public List<FeedbackId> closingDue(TenantId tenant, java.time.Instant endedBy, @org.jspecify.annotations.Nullable FeedbackId after,
            int limit) {
        return delegate.closingDue(tenant, endedBy, after, limit);
    }

    @Override
    public java.util.Map<io.memnun.feedback.StaffId, Integer> openLoad(TenantId tenant, java.util.Set<io.memnun.feedback.StaffId> staff) {
        return delegate.openLoad(tenant, staff);
    }
}
