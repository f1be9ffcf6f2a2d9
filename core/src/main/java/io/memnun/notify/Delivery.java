package io.memnun.notify;

/** Which channel a rule sends through. */
public enum Delivery {
    /**
     * The recipient's preferred channel ({@code Customer.preferredChannel()}, {@link Contact#preferredChannel()});
     * when the preferred one has no address the other reachable one is used. A recipient who prefers PHONE, POST
     * or NONE is not notified automatically, and the event records why.
     */
    PREFERRED,
    /** E-mail only. */
    EMAIL,
    /** SMS only. */
    SMS,
    /** Both, where the recipient has the address. */
    EMAIL_AND_SMS
}
