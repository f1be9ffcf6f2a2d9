package io.memnun.feedback;

import io.memnun.error.ValidationException;

/** A text that is not a valid reference number: malformed, or its check digit does not match. */
public class InvalidReferenceNumberException extends ValidationException {
    private static final long serialVersionUID = 1L;

    public InvalidReferenceNumberException(String text, String problem) {
        super("referenceNumber", "'" + abbreviate(text) + "' " + problem);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
