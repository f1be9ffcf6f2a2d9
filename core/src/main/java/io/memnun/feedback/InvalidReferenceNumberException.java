package io.memnun.feedback;

import io.memnun.error.ValidationException;

/**
 * A text that is not a valid reference number: malformed, or its check digit does not match. The message says what is
 * wrong, not the text: a customer types into a tracking form whatever they have at hand (their address, their phone
 * number), messages end up in logs, and whoever passed the text has it in hand.
 */
public class InvalidReferenceNumberException extends ValidationException {
    private static final long serialVersionUID = 1L;

    public InvalidReferenceNumberException(String problem) {
        super("referenceNumber", problem);
    }
}
