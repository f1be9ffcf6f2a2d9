package io.memnun.store.memory;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.spi.TrackingTokenStore;
import io.memnun.tracking.TrackingToken;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Tracking tokens' hashes in a map, one per feedback. Thread-safe. */
public final class InMemoryTrackingTokenStore implements TrackingTokenStore {
    private record Key(TenantId tenant, FeedbackId feedback) {}

    private final ConcurrentMap<Key, TrackingToken> tokens = new ConcurrentHashMap<>();

    @Override
    public void save(TrackingToken token) {
        Objects.requireNonNull(token, "token");
        tokens.put(new Key(token.tenant(), token.feedback()), token);
    }

    @Override
    public Optional<TrackingToken> find(TenantId tenant, FeedbackId feedback) {
        return Optional.ofNullable(tokens.get(new Key(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(feedback, "feedback"))));
    }

    @Override
    public boolean delete(TenantId tenant, FeedbackId feedback) {
        return tokens.remove(new Key(tenant, feedback)) != null;
    }
}
