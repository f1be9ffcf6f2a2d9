package io.memnun.capa;

/** Where a corrective action stands. */
public enum CapaStatus {
    /** Being analysed and worked on. */
    OPEN,
    /** Done: every action item finished and its effectiveness verified. */
    CLOSED,
    /** Given up, with a reason. */
    CANCELLED
}
