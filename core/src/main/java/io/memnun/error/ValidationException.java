package io.memnun.error;

/** Input that is not acceptable; {@link #field()} names what was wrong, the message says why. */
public class ValidationException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ValidationException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The name of the offending field or parameter, e.g. {@code customer.email}. */
    public String field() {
        return field;
    }
}
