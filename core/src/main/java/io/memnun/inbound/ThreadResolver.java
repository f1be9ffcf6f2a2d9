package io.memnun.inbound;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import java.util.Optional;

/**
 * Finds the feedback a message id of ours belongs to: the id of a notification we sent, or a feedback's thread root.
 * The e-mail module provides one that knows the ids its channel generates; a host may chain its own.
 */
@FunctionalInterface
public interface ThreadResolver {
    /** Resolves nothing. */
    ThreadResolver NONE = (tenant, messageId) -> Optional.empty();

    /** The feedback {@code messageId} (as written in a header, with or without angle brackets) belongs to, if ours. */
    Optional<FeedbackId> feedbackFor(TenantId tenant, String messageId);

    /** This resolver, then {@code next} where this one finds nothing. */
    default ThreadResolver or(ThreadResolver next) {
        return (tenant, id) -> {
            Optional<FeedbackId> found = feedbackFor(tenant, id);
            return found.isPresent() ? found : next.feedbackFor(tenant, id);
        };
    }
}
