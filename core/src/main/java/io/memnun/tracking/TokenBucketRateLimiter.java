package io.memnun.tracking;

import io.memnun.error.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per client, in memory: each client may make {@code capacity} lookups at once, and gets one more
 * every {@code refillEvery}. Buckets that are full again are dropped when the map grows past {@code maxClients},
 * so a flood of client keys cannot grow it without end. For one node; a cluster needs a shared limiter.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
    private final int capacity;
    private final long refillNanos;
    private final Clock clock;
    private final int maxClients;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** A bucket: tokens left as of {@code at} (nanos on the clock's timeline). */
    private record Bucket(double tokens, long at) {}

    public TokenBucketRateLimiter(int capacity, Duration refillEvery, Clock clock) {
        this(capacity, refillEvery, clock, 100_000);
    }

    public TokenBucketRateLimiter(int capacity, Duration refillEvery, Clock clock, int maxClients) {
        if (capacity < 1) {
            throw new ValidationException("capacity", "must be at least 1, was " + capacity);
        }
        Objects.requireNonNull(refillEvery, "refillEvery");
        if (refillEvery.isNegative() || refillEvery.isZero()) {
            throw new ValidationException("refillEvery", "must be positive, was " + refillEvery);
        }
        if (maxClients < 1) {
            throw new ValidationException("maxClients", "must be at least 1, was " + maxClients);
        }
        this.capacity = capacity;
        this.refillNanos = refillEvery.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxClients = maxClients;
    }

    @Override
    public boolean tryAcquire(String client) {
        Objects.requireNonNull(client, "client");
        long now = nanos();
        boolean[] granted = new boolean[1];
        buckets.compute(client, (k, b) -> {
            double tokens = b == null ? capacity : Math.min(capacity, b.tokens() + (double) (now - b.at()) / refillNanos);
            if (tokens >= 1) {
                granted[0] = true;
                return new Bucket(tokens - 1, now);
            }
            return new Bucket(tokens, now);
        });
        if (buckets.size() > maxClients) {
            evictFull(now);
        }
        return granted[0];
    }

    /** How many clients' buckets are held. */
    int clients() {
        return buckets.size();
    }

    private void evictFull(long now) {
        buckets.entrySet().removeIf(e -> e.getValue().tokens() + (double) (now - e.getValue().at()) / refillNanos >= capacity);
    }

    private long nanos() {
        java.time.Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
