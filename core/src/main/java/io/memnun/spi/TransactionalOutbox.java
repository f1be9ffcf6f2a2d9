package io.memnun.spi;

/**
 * Implemented by a {@link FeedbackStore} that writes a {@link FeedbackChange#outbox() change's outbox messages} in
 * the same transaction as the feedback and its events, into the {@link OutboxStore} it returns. A desk with
 * notifications requires its store to implement this: a store that ignored the outbox would lose every message.
 */
public interface TransactionalOutbox {
    /** The outbox the store writes to, for the dispatcher. */
    OutboxStore outbox();
}
