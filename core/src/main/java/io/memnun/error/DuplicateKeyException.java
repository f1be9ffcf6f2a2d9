package io.memnun.error;

/** A store refused an insert because a unique key (an intake key, a reference number, an id) exists. */
public class DuplicateKeyException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public DuplicateKeyException(String key, String value) {
        super("duplicate " + key + ": " + value);
        this.key = key;
    }

    /** Which unique key was violated, e.g. {@code intakeKey}. */
    public String key() {
        return key;
    }
}
