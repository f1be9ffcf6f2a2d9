package io.memnun.error;

/** The root of every exception memnun throws. */
public class MemnunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MemnunException(String message) {
        super(message);
    }

    public MemnunException(String message, Throwable cause) {
        super(message, cause);
    }
}
