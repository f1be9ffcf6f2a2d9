package io.memnun.feedback;

/** What happened to a feedback; one history event per command. */
public enum EventType {
    RECEIVED,
    ACKNOWLEDGED,
    TAKEN,
    PLANNED,
    REDIRECTED,
    ASSIGNED,
    AWAITING_CUSTOMER,
    CUSTOMER_RESPONDED,
    CANCELLED,
    RESOLUTION_PROPOSED,
    RESOLUTION_APPROVED,
    RESOLUTION_SENT_BACK,
    RESOLVED,
    ACCEPTED,
    REJECTED,
    CLOSED,
    APPEALED,
    PRIORITY_CHANGED,
    ASSESSED,
    NOTE_ADDED,
    /** An SLA clock reached a warning threshold. */
    SLA_WARNING,
    /** An SLA clock passed its due instant while still running. */
    SLA_BREACHED,
    /** An SLA clock reached a rung of the escalation ladder. */
    SLA_ESCALATED,
    /** The clocks were recomputed under a changed SLA policy. */
    SLA_RECOMPUTED
}
