package io.memnun.capa;

/** What happened to a corrective action; one history event per command. */
public enum CapaEventType {
    OPENED,
    ROOT_CAUSE_RECORDED,
    ITEM_ADDED,
    ITEM_DONE,
    ITEM_CANCELLED,
    /** An open action item's reminder instant came before it fell due; recorded once per item. */
    ITEM_DUE_SOON,
    /** An open action item passed its due date; recorded once per item. */
    ITEM_OVERDUE,
    CUSTOMER_AGREED,
    VERIFIED,
    NOTE_ADDED,
    /** A message about the action (a reminder, an overdue item) reached its provider. */
    NOTIFICATION_SENT,
    /** A message about the action failed, to be tried again or given up on. */
    NOTIFICATION_FAILED,
    CLOSED,
    CANCELLED
}
