package io.memnun.feedback;

/** What happened to a feedback; one history event per command. */
public enum EventType {
    RECEIVED,
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
    MERGED,
    UNLINKED
}
