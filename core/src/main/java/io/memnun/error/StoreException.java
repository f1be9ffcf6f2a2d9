package io.memnun.error;

/** A storage adapter failed for a reason outside the caller's input (I/O, SQL, connection). */
public class StoreException extends MemnunException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
