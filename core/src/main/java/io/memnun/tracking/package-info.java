/**
 * Customer self-service tracking: the values of {@code io.memnun.CustomerTracking}. A customer follows their
 * feedback with its reference number and an unguessable token issued at receipt; the store keeps only the token's
 * SHA-256. Every failed lookup answers with one {@link io.memnun.tracking.TrackingDeniedException}, whatever went
 * wrong, and a {@link io.memnun.tracking.RateLimiter} the host provides is asked before each lookup.
 */
@NullMarked
package io.memnun.tracking;

import org.jspecify.annotations.NullMarked;
