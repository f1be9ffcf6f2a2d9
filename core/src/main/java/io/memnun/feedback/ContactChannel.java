package io.memnun.feedback;

/** How a customer prefers to be told about their feedback. */
public enum ContactChannel {
    EMAIL,
    SMS,
    PHONE,
    POST,
    /** The customer does not wish to be contacted. */
    NONE
}
