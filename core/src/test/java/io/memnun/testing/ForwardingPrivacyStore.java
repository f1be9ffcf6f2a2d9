package io.memnun.testing;

import io.memnun.feedback.Actor;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.AccessLogEntry;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import io.memnun.spi.PrivacyStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A privacy store that forwards every call; tests override a method to interfere. */
public class ForwardingPrivacyStore implements PrivacyStore {
    private final PrivacyStore delegate;

    public ForwardingPrivacyStore(PrivacyStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void saveConsent(ConsentRecord consent) {
        delegate.saveConsent(consent);
    }

    @Override
    public List<ConsentRecord> consents(TenantId tenant, PersonKey person) {
        return delegate.consents(tenant, person);
    }

    @Override
    public int deleteConsents(TenantId tenant, PersonKey person) {
        return delegate.deleteConsents(tenant, person);
    }

    @Override
    public void placeHold(LegalHold hold) {
        delegate.placeHold(hold);
    }

    @Override
    public Optional<LegalHold> releaseHold(TenantId tenant, FeedbackId feedback, String name, Actor by, Instant at) {
        return delegate.releaseHold(tenant, feedback, name, by, at);
    }

    @Override
    public List<LegalHold> holds(TenantId tenant, FeedbackId feedback) {
        return delegate.holds(tenant, feedback);
    }

    @Override
    public List<LegalHold> releasedHolds(TenantId tenant, FeedbackId feedback) {
        return delegate.releasedHolds(tenant, feedback);
    }

    @Override
    public int anonymiseReleasedHolds(TenantId tenant, FeedbackId feedback, String placeholder) {
        return delegate.anonymiseReleasedHolds(tenant, feedback, placeholder);
    }

    @Override
    public void appendAccessLog(AccessLogEntry entry) {
        delegate.appendAccessLog(entry);
    }

    @Override
    public List<AccessLogEntry> accessLog(TenantId tenant, AccessLogEntry.Subject subject) {
        return delegate.accessLog(tenant, subject);
    }

    @Override
    public List<AccessLogEntry> accessLog(TenantId tenant, Instant from, Instant to) {
        return delegate.accessLog(tenant, from, to);
    }

    @Override
    public int purgeAccessLog(TenantId tenant, Instant before) {
        return delegate.purgeAccessLog(tenant, before);
    }
}
