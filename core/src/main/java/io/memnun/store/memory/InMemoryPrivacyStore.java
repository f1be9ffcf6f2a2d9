package io.memnun.store.memory;

import io.memnun.error.DuplicateKeyException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.AccessLogEntry;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import io.memnun.spi.PrivacyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Consent records, legal holds and the access log in memory. Thread-safe: one monitor serialises every call. */
public final class InMemoryPrivacyStore implements PrivacyStore {
    private final Map<UUID, ConsentRecord> consents = new LinkedHashMap<>();
    private final List<LegalHold> holds = new ArrayList<>();
    /** Released holds, in the order released. */
    private final List<LegalHold> released = new ArrayList<>();
    /** The access log, in the order appended. */
    private final List<AccessLogEntry> log = new ArrayList<>();

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
        if (!hold.isActive()) {
            throw new IllegalArgumentException("hold " + hold.name() + " is released already; place an active hold");
        }
        if (active(hold.tenant(), hold.feedback(), hold.name()).isPresent()) {
            throw new DuplicateKeyException("hold", hold.name());
        }
        holds.add(hold);
    }

    @Override
    public synchronized Optional<LegalHold> releaseHold(TenantId tenant, FeedbackId feedback, String name, Actor by, Instant at) {
        Optional<LegalHold> hold = active(tenant, feedback, name);
        if (hold.isEmpty()) {
            return Optional.empty();
        }
        LegalHold done = hold.get().release(by, at);
        holds.remove(hold.get());
        released.add(done);
        return Optional.of(done);
    }

    private Optional<LegalHold> active(TenantId tenant, FeedbackId feedback, String name) {
        return holds.stream().filter(h -> h.tenant().equals(tenant) && h.feedback().equals(feedback) && h.name().equals(name)).findFirst();
    }

    @Override
    public synchronized List<LegalHold> holds(TenantId tenant, FeedbackId feedback) {
        return holds.stream()
                .filter(h -> h.tenant().equals(tenant) && h.feedback().equals(feedback))
                .sorted(Comparator.comparing(LegalHold::placedAt).thenComparing(LegalHold::name))
                .toList();
    }

    @Override
    public synchronized List<LegalHold> releasedHolds(TenantId tenant, FeedbackId feedback) {
        return released.stream().filter(h -> h.tenant().equals(tenant) && h.feedback().equals(feedback)).toList();
    }

    @Override
    public synchronized int anonymiseReleasedHolds(TenantId tenant, FeedbackId feedback, String placeholder) {
        int changed = 0;
        for (int i = 0; i < released.size(); i++) {
            LegalHold h = released.get(i);
            if (h.tenant().equals(tenant) && h.feedback().equals(feedback) && !h.reason().equals(placeholder)) {
                released.set(i, h.withReason(placeholder));
                changed++;
            }
        }
        return changed;
    }

    @Override
    public synchronized void appendAccessLog(AccessLogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (log.stream().anyMatch(e -> e.id().equals(entry.id()))) {
            throw new DuplicateKeyException("id", entry.id().toString());
        }
        log.add(entry);
    }

    @Override
    public synchronized List<AccessLogEntry> accessLog(TenantId tenant, AccessLogEntry.Subject subject) {
        Objects.requireNonNull(subject, "subject");
        // a stable sort: within one instant, the order appended
        return log.stream().filter(e -> e.tenant().equals(tenant) && e.concerns(subject))
                .sorted(Comparator.comparing(AccessLogEntry::at)).toList();
    }

    @Override
    public synchronized List<AccessLogEntry> accessLog(TenantId tenant, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return log.stream().filter(e -> e.tenant().equals(tenant) && !e.at().isBefore(from) && e.at().isBefore(to))
                .sorted(Comparator.comparing(AccessLogEntry::at)).toList();
    }

    @Override
    public synchronized int purgeAccessLog(TenantId tenant, Instant before) {
        Objects.requireNonNull(before, "before");
        int size = log.size();
        log.removeIf(e -> e.tenant().equals(tenant) && e.at().isBefore(before));
        return size - log.size();
    }
}
