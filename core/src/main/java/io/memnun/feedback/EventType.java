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
    SLA_RECOMPUTED,
    /** Merged into an original as its duplicate; closed as DUPLICATE. */
    MERGED,
    /** The possible-duplicate link set on receipt was cleared. */
    UNLINKED,
    /** A notification reached its provider (e-mail server, SMS gateway); recorded in every state. */
    NOTIFICATION_SENT,
    /** A notification attempt failed, or the notification was given up on (dead-lettered); recorded in every state. */
    NOTIFICATION_FAILED,
    /** The customer was invited to a satisfaction survey about the feedback; recorded in every state. */
    SURVEY_INVITED,
    /** A message from the customer (a reply by e-mail or SMS) was recorded; recorded in every state. */
    CUSTOMER_MESSAGE,
    /**
     * The feedback's personal data and free text were removed (retention or an erasure request); the earlier events'
     * notes and text details were blanked in place, and this event records that it happened. Recorded in every state.
     * The history's hash chain still verifies through the digests kept for the blanked text; text may be blank only
     * before such an event.
     */
    ANONYMISED
}
