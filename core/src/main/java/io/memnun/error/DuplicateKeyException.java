package io.memnun.error;

/**
 * A store refused an insert because a unique key (an intake key, a reference number, an id) exists. The message names
 * the key and what was refused by an identifier that is not personal (the new feedback's or invitation's id, the
 * campaign), never the key's value: an intake key can be an e-mail's Message-ID and a campaign's key the recipient's
 * address, messages end up in logs, and the caller has the value in hand.
 */
public class DuplicateKeyException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key which unique key, e.g. {@code intakeKey}
     * @param refused what was refused, by a non-personal identifier, e.g. {@code feedback 0190...}
     */
    public DuplicateKeyException(String key, String refused) {
        super("duplicate " + key + ": " + refused);
        this.key = key;
    }

    /** Which unique key was violated, e.g. {@code intakeKey}. */
    public String key() {
        return key;
    }
}
