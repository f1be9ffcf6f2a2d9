package io.memnun.feedback;

/** Why a feedback reached {@link Status#CLOSED}. */
public enum ClosureReason {
    /** The customer accepted the resolution (onaylandı). */
    ACCEPTED,
    /** The resolution was communicated and the customer did not answer within the closing period. */
    NO_RESPONSE,
    /** The customer rejected the resolution and every reasonable recourse was exhausted. */
    UNRESOLVED,
    /** Merged into another feedback as its duplicate. */
    DUPLICATE
}
