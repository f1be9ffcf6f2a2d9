package io.memnun.tracking;

/**
 * Asked before every tracking lookup, with the client's key (its IP address, a session id): answers whether the
 * lookup may go ahead. A host stops guessing with it; {@link TokenBucketRateLimiter} is a simple in-memory one, a
 * cluster would use a shared counter. Must be thread-safe.
 */
@FunctionalInterface
public interface RateLimiter {
    /** Never refuses: for tests and hosts that limit in front of the application (a proxy, a WAF). */
    RateLimiter UNLIMITED = client -> true;

    /** True if {@code client} may make one more lookup now; a refusal is not counted against the client. */
    boolean tryAcquire(String client);
}
