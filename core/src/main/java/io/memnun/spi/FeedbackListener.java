package io.memnun.spi;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;

/**
 * Told about every change after it was stored: a host's hook to update its own records, push to a UI, or log.
 * Called on the thread that issued the command; an exception thrown here is logged and does not undo the
 * change.
 */
@FunctionalInterface
public interface FeedbackListener {
    void onEvent(Feedback feedback, FeedbackEvent event);
}
