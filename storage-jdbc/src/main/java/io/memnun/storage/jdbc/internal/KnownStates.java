package io.memnun.storage.jdbc.internal;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKey;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.TenantId;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Committed states of feedback that a store wrote or read lately, in slots by id and by reference number, each with
 * the chain hash of its last event when the store computed it. A command's next save starts from here: it needs no
 * read first ({@link io.memnun.spi.FeedbackStore#lastKnown}), writes only the columns that changed, and links its
 * event to the chain in Java instead of looking the previous hash up in the statement.
 *
 * <p>Only committed states go in (none seen inside a host's transaction, which may still roll back), so a
 * (tenant, id, version) found here is the one state the database ever has for it, and a save based on it whose version
 * check passes is based on exactly the stored row. A slot may hold another feedback or an older version by then;
 * callers check. Bounded, and owned by one store (not by threads).
 */
final class KnownStates {
    private static final int SLOTS = 1024;

    /** A state as stored, and the chain hash of its last event if known. */
    record Known(Feedback feedback, byte @Nullable [] head) {}

    /** How many bars ({@link #forget}) are kept at most; see there. */
    private static final int MAX_BARS = 4096;

    private final AtomicReferenceArray<@Nullable Known> byId = new AtomicReferenceArray<>(SLOTS);
    private final AtomicReferenceArray<@Nullable Known> byReference = new AtomicReferenceArray<>(SLOTS);
    /** Per feedback, the version below which no state is kept ({@link #forget}), apart from the slots. */
    private final ConcurrentHashMap<FeedbackId, Long> bars = new ConcurrentHashMap<>();

    /** A state just read: keeps the chain hash already known for that same version (unless it is older than a bar). */
    void read(Feedback f) {
        Known before = at(f.tenant(), f.id(), f.version());
        put(new Known(f, before == null ? null : before.head()));
    }

    /** A state just committed, and the chain hash of its last event ({@code null} if the database computed it). */
    void written(Feedback f, byte @Nullable [] head) {
        put(new Known(asStored(f), head));
    }

    /**
     * Drops what is kept of {@code f} before its version, e.g. states holding text an anonymisation to {@code f} is
     * about to remove, and bars them from coming back: a read that started before the anonymisation committed and
     * finishes after it, or one made while a host's transaction holds it uncommitted, is not kept. The bar is lifted
     * once a state of {@code f}'s version or a later one is written or read. Bars are kept apart from the slots, so
     * another feedback taking a slot does not lift one. At most {@value #MAX_BARS} are kept: a bar is lifted as soon as
     * its anonymisation is written, so that many are left only by anonymisations that failed or are held in hosts'
     * transactions, and then a quarter of them is dropped to make room.
     */
    void forget(Feedback f) {
        if (bars.size() >= MAX_BARS) {
            bars.keySet().stream().limit(MAX_BARS / 4).toList().forEach(bars::remove);
        }
        bars.merge(f.id(), f.version(), Math::max);
        drop(byId, slot(f.id()), f);
        drop(byReference, slot(f.reference()), f);
    }

    /** Empties slot {@code i} if it holds a state of {@code f} older than {@code f}. */
    private static void drop(AtomicReferenceArray<@Nullable Known> slots, int i, Feedback f) {
        Known k = slots.get(i);
        if (k != null && k.feedback().id().equals(f.id()) && k.feedback().version() < f.version()) {
            slots.compareAndSet(i, k, null);
        }
    }

    /** The state kept for {@code key} in {@code tenant}, of whatever version. */
    @Nullable Known of(TenantId tenant, FeedbackKey key) {
        Known k = key instanceof ReferenceNumber r ? byReference.get(slot(r)) : byId.get(slot((FeedbackId) key));
        if (k == null || !k.feedback().tenant().equals(tenant)) {
            return null;
        }
        Feedback f = k.feedback();
        return (key instanceof ReferenceNumber r ? f.reference().equals(r) : f.id().equals(key)) ? k : null;
    }

    /** The state kept for exactly this version, if any. */
    @Nullable Known at(TenantId tenant, FeedbackId id, long version) {
        Known k = of(tenant, id);
        return k != null && k.feedback().version() == version ? k : null;
    }

    private void put(Known k) {
        if (!bars.isEmpty()) {
            Long bar = bars.get(k.feedback().id());
            if (bar != null) {
                if (k.feedback().version() < bar) {
                    return;
                }
                bars.remove(k.feedback().id(), bar);
            }
        }
        putUnlessNewer(byId, slot(k.feedback().id()), k);
        putUnlessNewer(byReference, slot(k.feedback().reference()), k);
    }

    /**
     * Keeps {@code k} in slot {@code i} unless the slot holds a later version of the same feedback: a read that
     * finishes after a later write (an anonymisation) must not bring the older state, and its text, back.
     */
    private static void putUnlessNewer(AtomicReferenceArray<@Nullable Known> slots, int i, Known k) {
        while (true) {
            Known current = slots.get(i);
            if (current != null && current.feedback().id().equals(k.feedback().id()) && current.feedback().version() > k.feedback().version()) {
                return;
            }
            if (slots.compareAndSet(i, current, k)) {
                return;
            }
        }
    }

    private static int slot(Object key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /**
     * {@code f} as a read of its row would give it back: the timestamp columns keep microseconds (see
     * {@link Params#micros}); everything else is stored exactly.
     */
    private static Feedback asStored(Feedback f) {
        if (isMicros(f.receivedAt()) && isMicros(f.updatedAt()) && isMicros(f.plannedUntil().orElse(null))
                && isMicros(f.resolvedAt().orElse(null)) && isMicros(f.lastRejectedAt().orElse(null))
                && isMicros(f.closedAt().orElse(null))) {
            return f;
        }
        return Feedback.restore(f)
                .receivedAt(Params.micros(f.receivedAt()))
                .updatedAt(Params.micros(f.updatedAt()))
                .plannedUntil(f.plannedUntil().map(Params::micros).orElse(null))
                .resolvedAt(f.resolvedAt().map(Params::micros).orElse(null))
                .lastRejectedAt(f.lastRejectedAt().map(Params::micros).orElse(null))
                .closedAt(f.closedAt().map(Params::micros).orElse(null))
                .build();
    }

    private static boolean isMicros(@Nullable Instant t) {
        return t == null || t.getNano() % 1000 == 0;
    }
}
