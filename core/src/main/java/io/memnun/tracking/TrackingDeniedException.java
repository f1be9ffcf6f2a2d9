package io.memnun.tracking;

import io.memnun.error.MemnunException;

/**
 * The one answer to every failed tracking lookup: a malformed or mistyped reference number, one that does not
 * exist, a wrong token, a token that expired or was replaced. The message is always the same and says nothing
 * about which it was, so guessing learns nothing.
 */
public final class TrackingDeniedException extends MemnunException {
    private static final long serialVersionUID = 1L;

    /** The message every failed lookup carries. */
    public static final String MESSAGE = "no feedback matches this reference number and access code";

    public TrackingDeniedException() {
        super(MESSAGE);
    }
}
