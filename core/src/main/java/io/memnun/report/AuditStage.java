package io.memnun.report;

import io.memnun.feedback.EventType;
import java.util.Optional;

/** The steps of ISO 10002's complaint tracking (receipt to closing) a history event belongs to. */
public enum AuditStage {
    RECEIPT,
    ACKNOWLEDGEMENT,
    ASSESSMENT,
    INVESTIGATION,
    RESPONSE,
    DECISION,
    CLOSING;

    /** The stage of an event; empty for events outside the tracking record (notifications, SLA checkpoints, anonymisation). */
    public static Optional<AuditStage> of(EventType type) {
        return Optional.ofNullable(switch (type) {
            case RECEIVED -> RECEIPT;
            case ACKNOWLEDGED, TAKEN -> ACKNOWLEDGEMENT;
            case ASSESSED, PRIORITY_CHANGED, REDIRECTED, ASSIGNED, MERGED, UNLINKED -> ASSESSMENT;
            case PLANNED, AWAITING_CUSTOMER, CUSTOMER_RESPONDED, NOTE_ADDED, CUSTOMER_MESSAGE -> INVESTIGATION;
            case RESOLUTION_PROPOSED, RESOLUTION_APPROVED, RESOLUTION_SENT_BACK, RESOLVED -> RESPONSE;
            case ACCEPTED, REJECTED, APPEALED -> DECISION;
            case CLOSED, CANCELLED -> CLOSING;
            case SLA_WARNING, SLA_BREACHED, SLA_ESCALATED, SLA_RECOMPUTED, NOTIFICATION_SENT, NOTIFICATION_FAILED, SURVEY_INVITED, ANONYMISED -> null;
        });
    }
}
