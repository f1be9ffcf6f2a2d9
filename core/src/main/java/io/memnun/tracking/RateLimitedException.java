package io.memnun.tracking;

import io.memnun.error.MemnunException;

/** The host's {@link RateLimiter} refused a lookup: the client asked too often. Nothing was looked up. */
public final class RateLimitedException extends MemnunException {
    private static final long serialVersionUID = 1L;

    public RateLimitedException() {
        super("too many tracking requests; try again later");
    }
}
