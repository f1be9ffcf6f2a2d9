package io.memnun.error;

/** Input that is not acceptable; {@link #field()} names what was wrong, the message says why. */
public class ValidationException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public ValidationException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** What is wrong, without the field's name. */
    public String problem() {
        return problem;
    }

    /**
     * The same problem named after {@code field}: for a value checked by a general type (an e-mail address, a phone
     * number) on behalf of a field the caller knows by its own name, e.g. {@code from} or {@code person.email}, since
     * the message never quotes the value and the field is then the only clue which one was wrong.
     */
    public ValidationException about(String field) {
        ValidationException renamed = new ValidationException(field, problem);
        renamed.initCause(this);
        return renamed;
    }

    /** The name of the offending field or parameter, e.g. {@code customer.email}. */
    public String field() {
        return field;
    }
}
