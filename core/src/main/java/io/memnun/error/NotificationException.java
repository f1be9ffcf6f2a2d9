package io.memnun.error;

/**
 * A notification channel failed for a reason outside the message itself (a server down, refusing, or
 * misconfigured). {@link #retryable()} says whether sending again later may succeed; adapters wrap
 * {@code MessagingException}, I/O and SMPP errors in it.
 */
public class NotificationException extends MemnunException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public NotificationException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public NotificationException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** True when the same message may go through on a later attempt. */
    public boolean retryable() {
        return retryable;
    }
}
