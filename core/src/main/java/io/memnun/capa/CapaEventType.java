package io.memnun.capa;

/** What happened to a corrective action; one history event per command. */
public enum CapaEventType {
    OPENED,
    ROOT_CAUSE_RECORDED,
    ITEM_ADDED,
    ITEM_DONE,
    ITEM_CANCELLED,
    /** An open action item passed its due date; recorded once per item. */
    ITEM_OVERDUE,
    CUSTOMER_AGREED,
    VERIFIED,
    NOTE_ADDED,
    CLOSED,
    CANCELLED
}
