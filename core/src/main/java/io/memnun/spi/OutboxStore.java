package io.memnun.spi;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.notify.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional outbox: notifications written with the change that caused them, then claimed and sent by a
 * dispatcher. Several dispatchers (on several nodes) may share one outbox; a claim is a lease, so each message is
 * sent by one of them at a time, and one whose sender died is claimed again once the lease ends.
 *
 * <p>The rules, stated exactly by {@code io.memnun.tck.OutboxStoreContract} in {@code memnun-core}'s test-jar:
 *
 * <ul>
 *   <li>a message is <em>due</em> when it is PENDING, its {@code nextAttemptAt} is at or before now, and it is not
 *       leased (no lease, or the lease ended at or before now);
 *   <li>{@link #claim} leases up to {@code limit} due messages to {@code owner} until {@code now + lease}, earliest
 *       {@code nextAttemptAt} first and, among those due at the same instant, in the order they were written (so a
 *       feedback's acknowledgement goes before a later message about it), adds one to their {@code attempts}, and returns them as they are now; two
 *       claims never return the same message while its lease runs;
 *   <li>{@link #markSent}, {@link #markFailed}, {@link #reschedule} and {@link #deadLetter} succeed only for the
 *       owner holding the message, and end its lease; they answer {@code false} (and change nothing) when the
 *       owner lost it, e.g. because its lease ran out and another dispatcher claimed it;
 *   <li>writes are atomic per call; {@link #enqueue} writes all of its messages or none.
 * </ul>
 */
public interface OutboxStore {

    /**
     * Adds messages outside a feedback change (a host's own notifications); the desk's messages come through
     * {@link FeedbackChange#outbox()} instead.
     *
     * @throws io.memnun.error.DuplicateKeyException if a message with one of the ids exists; nothing is written
     */
    void enqueue(List<Notification> notifications);

    /** Leases up to {@code limit} due messages to {@code owner}; see the class comment. */
    List<OutboxMessage> claim(String owner, Instant now, Duration lease, int limit);

    /** The message reached its provider. */
    boolean markSent(UUID id, String owner, Instant at, String providerId);

    /** The attempt failed; the message is due again at {@code nextAttemptAt}. */
    boolean markFailed(UUID id, String owner, Instant nextAttemptAt, String error);

    /** Not sent and not an attempt (quiet hours): due again at {@code at}, with the claim's attempt taken back. */
    boolean reschedule(UUID id, String owner, Instant at, String reason);

    /** Given up on: never claimed again unless {@link #requeue requeued}. */
    boolean deadLetter(UUID id, String owner, Instant at, String error);

    Optional<OutboxMessage> find(UUID id);

    /** Dead-lettered messages, oldest first, at most {@code limit}: for an operator's screen. */
    List<OutboxMessage> deadLetters(int limit);

    /** Puts a dead-lettered message back, due at {@code at} with no attempts; false if it is not dead. */
    boolean requeue(UUID id, Instant at);

    /** Deletes messages sent before {@code before}; returns how many. For the host's housekeeping. */
    int purgeSent(Instant before);

    /**
     * Deletes every message about one feedback, whatever its state (an anonymisation: the messages hold the person's
     * address, name and text). Pending ones are never sent. Returns how many.
     */
    int deleteFor(TenantId tenant, FeedbackId feedback);

    /**
     * Deletes every message of one owner that is not a feedback (a campaign's survey invitation, say), whatever its
     * state: an erasure. Returns how many.
     */
    int deleteForOwner(TenantId tenant, String ownerKind, UUID ownerId);
}
