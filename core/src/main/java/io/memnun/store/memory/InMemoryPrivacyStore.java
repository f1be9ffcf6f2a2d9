package io.memnun.store.memory;

import io.memnun.error.DuplicateKeyException;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import io.memnun.spi.PrivacyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Consent records and legal holds in memory. Thread-safe: one monitor serialises every call. */
public final class InMemoryPrivacyStore implements PrivacyStore {
    private final Map<UUID, ConsentRecord> consents = new LinkedHashMap<>();
    private final List<LegalHold> holds = new ArrayList<>();

    @Override
    public synchronized void saveConsent(ConsentRecord consent) {
        Objects.requireNonNull(consent, "consent");
        ConsentRecord old = consents.get(consent.id());
        if (old != null && !old.tenant().equals(consent.tenant())) {
            throw new DuplicateKeyException("id", consent.id().toString());
        }
        consents.put(consent.id(), consent);
    }

    @Override
    public synchronized List<ConsentRecord> consents(TenantId tenant, PersonKey person) {
        return consents.values().stream()
                .filter(c -> c.tenant().equals(tenant) && c.person().equals(person))
                .sorted(Comparator.comparing(ConsentRecord::givenAt))
                .toList();
    }

    @Override
    public synchronized int deleteConsents(TenantId tenant, PersonKey person) {
        int before = consents.size();
        consents.values().removeIf(c -> c.tenant().equals(tenant) && c.person().equals(person));
        return before - consents.size();
    }

    @Override
    public synchronized void placeHold(LegalHold hold) {
        Objects.requireNonNull(hold, "hold");
        for (LegalHold h : holds) {
            if (h.tenant().equals(hold.tenant()) && h.feedback().equals(hold.feedback()) && h.name().equals(hold.name())) {
                throw new DuplicateKeyException("hold", hold.name());
            }
        }
        holds.add(hold);
    }

    @Override
    public synchronized boolean releaseHold(TenantId tenant, FeedbackId feedback, String name) {
        return holds.removeIf(h -> h.tenant().equals(tenant) && h.feedback().equals(feedback) && h.name().equals(name));
    }

    @Override
    public synchronized List<LegalHold> holds(TenantId tenant, FeedbackId feedback) {
        return holds.stream()
                .filter(h -> h.tenant().equals(tenant) && h.feedback().equals(feedback))
                .sorted(Comparator.comparing(LegalHold::placedAt))
                .toList();
    }
}
