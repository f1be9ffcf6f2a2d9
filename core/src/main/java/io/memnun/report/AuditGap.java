package io.memnun.report;

import java.util.Objects;

/**
 * Something the tracking record of a complaint lacks or shows late, for an auditor to look at.
 *
 * @param type what kind of gap
 * @param detail the facts (dates, targets)
 */
public record AuditGap(Type type, String detail) {
    public enum Type {
        /** Open and past its acknowledgement target, or closed, without an acknowledgement. */
        NOT_ACKNOWLEDGED,
        /** Acknowledged after its acknowledgement target. */
        ACKNOWLEDGED_LATE,
        /** A decision reached the customer after the resolution target. */
        RESOLVED_LATE,
        /** A decision was made without an assessment recorded. */
        NOT_ASSESSED,
        /** Closed without the customer's recorded acceptance or rejection. */
        CLOSED_WITHOUT_CUSTOMER_ANSWER,
        /** The customer rejected the resolution and no alternative (recourse) was recorded. */
        REJECTED_WITHOUT_ALTERNATIVES,
        /** Still open after its resolution target. */
        OVERDUE
    }

    public AuditGap {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }
}
