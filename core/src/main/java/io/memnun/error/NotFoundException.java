package io.memnun.error;

/** A lookup by id or reference found nothing within the caller's tenant. */
public class NotFoundException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final String what;

    public NotFoundException(String what) {
        super("not found: " + what);
        this.what = what;
    }

    public String what() {
        return what;
    }
}
