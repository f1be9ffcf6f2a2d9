package io.memnun.spi;

import io.memnun.feedback.TenantId;

/**
 * Issues the sequence numbers behind reference numbers. Must never issue the same number twice for the same
 * tenant, prefix and year, also across several application nodes sharing one database. Gaps are allowed (a
 * number drawn by a transaction that then failed is not reused).
 */
@FunctionalInterface
public interface ReferenceSequence {
    /** The next number, starting at 1, for {@code tenant}, {@code prefix} and {@code year}. */
    long next(TenantId tenant, String prefix, int year);
}
