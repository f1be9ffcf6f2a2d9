package io.memnun.store.memory;

import io.memnun.feedback.TenantId;
import io.memnun.feedback.FeedbackId;
import io.memnun.error.DuplicateKeyException;
import io.memnun.internal.Checks;
import io.memnun.notify.Notification;
import io.memnun.notify.OutboxMessage;
import io.memnun.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-safe {@link OutboxStore} in memory. An {@link InMemoryFeedbackStore} writes its changes' notifications
 * here under its own lock, so a change and its messages appear together or not at all. One lock serialises
 * every write; pending messages are indexed by the instant they fall due.
 */
public final class InMemoryOutboxStore implements OutboxStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<UUID, OutboxMessage> messages = new java.util.LinkedHashMap<>();
    /** PENDING messages by when they fall due, ties in the order they were written; guarded by the lock. */
    private final NavigableMap<Due, UUID> pending = new TreeMap<>();
    /** The order of writing of each message, so that one feedback's messages due together go out in event order. */
    private final Map<UUID, Long> sequence = new HashMap<>();
    private long nextSequence;

    private record Due(Instant at, long sequence) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private Due due(OutboxMessage m) {
        return new Due(m.nextAttemptAt(), sequence.get(m.id()));
    }

    @Override
    public void enqueue(List<Notification> notifications) {
        beginWrite(notifications);
        try {
            write(notifications);
        } finally {
            endWrite();
        }
    }

    /**
     * Takes the lock and checks that none of {@code notifications} exists; on failure the lock is released and
     * nothing changed. A successful call must be followed by {@link #endWrite()}.
     */
    void beginWrite(List<Notification> notifications) {
        lock.lock();
        try {
            Set<UUID> ids = new HashSet<>();
            for (Notification n : notifications) {
                if (messages.containsKey(n.id()) || !ids.add(n.id())) {
                    throw new DuplicateKeyException("outbox id", n.id().toString());
                }
            }
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    /** Adds messages checked by {@link #beginWrite}; cannot fail. */
    void write(List<Notification> notifications) {
        for (Notification n : notifications) {
            put(OutboxMessage.pending(n));
        }
    }

    /** Releases the lock if this thread holds it: after a {@link #beginWrite} that failed, there is nothing to release. */
    void endWrite() {
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    private void put(OutboxMessage m) {
        sequence.computeIfAbsent(m.id(), id -> nextSequence++);
        OutboxMessage old = messages.put(m.id(), m);
        if (old != null && old.state() == OutboxMessage.State.PENDING) {
            pending.remove(due(old));
        }
        if (m.state() == OutboxMessage.State.PENDING) {
            pending.put(due(m), m.id());
        }
    }

    @Override
    public List<OutboxMessage> claim(String owner, Instant now, Duration lease, int limit) {
        Checks.code(owner, "owner", 200);
        Objects.requireNonNull(now, "now");
        Checks.argument(!lease.isNegative() && !lease.isZero(), "lease", "must be positive, was " + lease);
        Checks.argument(limit >= 1, "limit", "must be positive, was " + limit);
        lock.lock();
        try {
            List<OutboxMessage> claimed = new ArrayList<>();
            Iterator<UUID> due = pending.headMap(new Due(now, Long.MAX_VALUE), true).values().iterator();
            List<OutboxMessage> updates = new ArrayList<>();
            while (due.hasNext() && claimed.size() < limit) {
                OutboxMessage m = messages.get(due.next());
                if (m.claimedUntil() != null && m.claimedUntil().isAfter(now)) {
                    continue;
                }
                OutboxMessage c = new OutboxMessage(m.notification(), m.state(), m.attempts() + 1, m.nextAttemptAt(), owner,
                        now.plus(lease), m.lastError(), m.providerId(), m.finishedAt());
                updates.add(c);
                claimed.add(c);
            }
            updates.forEach(this::put);
            return List.copyOf(claimed);
        } finally {
            lock.unlock();
        }
    }

    private boolean finish(UUID id, String owner, java.util.function.UnaryOperator<OutboxMessage> change) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        lock.lock();
        try {
            OutboxMessage m = messages.get(id);
            if (m == null || m.state() != OutboxMessage.State.PENDING || !owner.equals(m.claimedBy())) {
                return false;
            }
            put(change.apply(m));
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean markSent(UUID id, String owner, Instant at, String providerId) {
        return finish(id, owner, m -> new OutboxMessage(m.notification(), OutboxMessage.State.SENT, m.attempts(), m.nextAttemptAt(),
                null, null, m.lastError(), providerId, at));
    }

    @Override
    public boolean markFailed(UUID id, String owner, Instant nextAttemptAt, String error) {
        return finish(id, owner, m -> new OutboxMessage(m.notification(), OutboxMessage.State.PENDING, m.attempts(), nextAttemptAt,
                null, null, error, null, null));
    }

    @Override
    public boolean reschedule(UUID id, String owner, Instant at, String reason) {
        return finish(id, owner, m -> new OutboxMessage(m.notification(), OutboxMessage.State.PENDING, Math.max(0, m.attempts() - 1),
                at, null, null, m.lastError(), null, null));
    }

    @Override
    public boolean deadLetter(UUID id, String owner, Instant at, String error) {
        return finish(id, owner, m -> new OutboxMessage(m.notification(), OutboxMessage.State.DEAD, m.attempts(), m.nextAttemptAt(),
                null, null, error, null, at));
    }

    @Override
    public Optional<OutboxMessage> find(UUID id) {
        lock.lock();
        try {
            return Optional.ofNullable(messages.get(id));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OutboxMessage> deadLetters(int limit) {
        lock.lock();
        try {
            return messages.values().stream()
                    .filter(m -> m.state() == OutboxMessage.State.DEAD)
                    .sorted(Comparator.comparing((OutboxMessage m) -> m.finishedAt()).thenComparing(OutboxMessage::id))
                    .limit(limit)
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean requeue(UUID id, Instant at) {
        lock.lock();
        try {
            OutboxMessage m = messages.get(id);
            if (m == null || m.state() != OutboxMessage.State.DEAD) {
                return false;
            }
            put(new OutboxMessage(m.notification(), OutboxMessage.State.PENDING, 0, at, null, null, m.lastError(), null, null));
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int purgeSent(Instant before) {
        lock.lock();
        try {
            List<UUID> purged = messages.values().stream()
                    .filter(m -> m.state() == OutboxMessage.State.SENT && m.finishedAt() != null && m.finishedAt().isBefore(before))
                    .map(OutboxMessage::id).toList();
            purged.forEach(id -> {
                messages.remove(id);
                sequence.remove(id);
            });
            return purged.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int deleteFor(TenantId tenant, FeedbackId feedback) {
        return deleteWhere(n -> n.tenant().equals(tenant) && n.feedbackId().equals(Optional.of(feedback)));
    }

    @Override
    public int deleteForOwner(TenantId tenant, String ownerKind, UUID ownerId) {
        return deleteWhere(n -> n.tenant().equals(tenant) && n.owner().kind().equals(ownerKind) && n.owner().id().equals(ownerId));
    }

    /** Deletes every message whose notification matches, in any state; a pending one is never claimed after. */
    private int deleteWhere(java.util.function.Predicate<Notification> which) {
        lock.lock();
        try {
            List<OutboxMessage> gone = messages.values().stream().filter(m -> which.test(m.notification())).toList();
            for (OutboxMessage m : gone) {
                if (m.state() == OutboxMessage.State.PENDING) {
                    pending.remove(due(m));
                }
                messages.remove(m.id());
                sequence.remove(m.id());
            }
            return gone.size();
        } finally {
            lock.unlock();
        }
    }

    /** Every message in the order it was written, for tests and small operator screens. */
    public List<OutboxMessage> all() {
        lock.lock();
        try {
            return List.copyOf(messages.values());
        } finally {
            lock.unlock();
        }
    }
}
