package io.memnun.spi;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;

/**
 * Told about every change after it was stored: a host's hook to update its own records, push to a UI, or log.
 * Called on the thread that issued the command; an exception thrown here is logged and does not undo the
 * change. The one exception is a {@link io.memnun.error.TransactionConflictException} met in the host's transaction
 * ({@link io.memnun.error.TransactionConflictException#inHostTransaction()}): the database aborted that transaction,
 * the change included, so the command throws it for the host to roll back and run again.
 */
@FunctionalInterface
public interface FeedbackListener {
    void onEvent(Feedback feedback, FeedbackEvent event);
}
