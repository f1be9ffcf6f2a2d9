package io.memnun.store.memory;

import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Cursor;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.HistorySeals;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.Page;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaHistory;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.TenantId;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.FeedbackRedaction;
import io.memnun.spi.FeedbackStore;
import io.memnun.report.Backlog;
import io.memnun.report.Count;
import io.memnun.report.Dimension;
import io.memnun.report.DurationStats;
import io.memnun.report.Outcomes;
import io.memnun.report.Recurrence;
import io.memnun.report.RecurringProblem;
import io.memnun.report.ReportFilter;
import io.memnun.report.SlaCompliance;
import io.memnun.report.SlaRound;
import io.memnun.spi.SealedHistory;
import io.memnun.spi.ReferenceSequence;
import io.memnun.spi.ReportStore;
import io.memnun.spi.TransactionalOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A thread-safe {@link FeedbackStore} and {@link ReferenceSequence} in memory. Writes are serialised by one
 * lock, which keeps the version check, the unique keys and the history append atomic; stored feedback is
 * immutable, so readers share it without copying. A change's notifications go to its {@link #outbox()} in the
 * same locked write.
 */
public final class InMemoryFeedbackStore
        implements FeedbackStore, ReferenceSequence, TransactionalOutbox, ReportStore, SealedHistory {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<TenantId, Tenant> tenants = new HashMap<>();
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    /** Feedback with a pending SLA checkpoint, by the instant it falls due; guarded by the lock. */
    private final NavigableMap<SlaDue, Feedback> slaDue = new TreeMap<>();
    private final InMemoryOutboxStore outbox;

    /** A store with an outbox of its own. */
    public InMemoryFeedbackStore() {
        this(new InMemoryOutboxStore());
    }

    /** A store that writes its changes' notifications to {@code outbox}. */
    public InMemoryFeedbackStore(InMemoryOutboxStore outbox) {
        this.outbox = java.util.Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public InMemoryOutboxStore outbox() {
        return outbox;
    }

    private record SlaDue(Instant at, UUID id) implements Comparable<SlaDue> {
        @Override
        public int compareTo(SlaDue o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private static final class Tenant {
        final Map<FeedbackId, Feedback> feedback = new HashMap<>();
        final Map<FeedbackId, List<FeedbackEvent>> history = new HashMap<>();
        final Map<ReferenceNumber, FeedbackId> byReference = new HashMap<>();
        final Map<String, FeedbackId> byIntakeKey = new HashMap<>();
        /** The response-time clock rounds that ended, per feedback: what reports count SLA figures from. */
        final Map<FeedbackId, List<SlaRound>> rounds = new HashMap<>();
        /** Each event's seal, by feedback in version order beside {@link #history}: see {@link SealedHistory}. */
        final Map<FeedbackId, List<SealedEvent>> seals = new HashMap<>();
    }

    /** Appends the seals of {@code events} to the feedback's chain. */
    private static void seal(Tenant t, FeedbackId id, List<FeedbackEvent> events) {
        List<SealedEvent> chain = t.seals.computeIfAbsent(id, k -> new ArrayList<>());
        for (FeedbackEvent e : events) {
            String last = chain.isEmpty() ? null : chain.get(chain.size() - 1).hash();
            // after the genesis, or after a hash an anonymisation of a broken chain cleared, as the SQL stores link it
            byte[] previous = last == null ? HistoryChain.genesis() : HistoryChain.bytes(last);
            chain.add(HistoryChain.seal(e, previous));
        }
    }

    @Override
    public void save(FeedbackChange change) {
        Feedback f = change.feedback();
        lock.writeLock().lock();
        try {
            // the outbox stays locked with the feedback: its messages and the change appear together or not at all
            outbox.beginWrite(change.outbox());
            Tenant t = tenants.computeIfAbsent(f.tenant(), k -> new Tenant());
            List<SlaClock> clocksBefore = List.of();
            if (change.isCreate()) {
                if (t.feedback.containsKey(f.id())) {
                    throw new DuplicateKeyException("id", f.id().toString());
                }
                if (t.byReference.containsKey(f.reference())) {
                    throw new DuplicateKeyException("reference", f.reference().toString());
                }
                String key = f.intakeKey().orElse(null);
                if (key != null && t.byIntakeKey.containsKey(key)) {
                    // not the key: it can be an e-mail's Message-ID, and the caller has it in hand
                    throw new DuplicateKeyException("intakeKey", "feedback " + f.id() + " has the intake key of a feedback received before");
                }
                t.byReference.put(f.reference(), f.id());
                if (key != null) {
                    t.byIntakeKey.put(key, f.id());
                }
                t.history.put(f.id(), new ArrayList<>(change.events()));
                seal(t, f.id(), change.events());
            } else {
                Feedback current = t.feedback.get(f.id());
                if (current == null) {
                    throw new NotFoundException("feedback " + f.id() + " in tenant " + f.tenant());
                }
                FeedbackChange.Unchanged other = change.unchanged();
                if (other != null) {
                    Feedback now = t.feedback.get(other.id());
                    long found = now == null ? 0 : now.version();
                    if (found != other.version()) {
                        throw new VersionConflictException(other.id().toString(), other.version(), found);
                    }
                }
                if (current.version() != change.expectedVersion()) {
                    throw new VersionConflictException(f.id().toString(), change.expectedVersion(), current.version());
                }
                t.history.get(f.id()).addAll(change.events());
                seal(t, f.id(), change.events());
                clocksBefore = current.slaClocks();
                current.nextSlaCheckAt().ifPresent(at -> slaDue.remove(new SlaDue(at, current.id().value())));
            }
            List<SlaRound> ended = SlaRound.endedBetween(clocksBefore, f);
            if (!ended.isEmpty()) {
                t.rounds.computeIfAbsent(f.id(), k -> new ArrayList<>()).addAll(ended);
            }
            t.feedback.put(f.id(), f);
            f.nextSlaCheckAt().ifPresent(at -> slaDue.put(new SlaDue(at, f.id().value()), f));
            outbox.write(change.outbox());
        } finally {
            outbox.endWrite();
            lock.writeLock().unlock();
        }
    }

    @Override
    public void redact(FeedbackRedaction redaction) {
        Feedback f = redaction.feedback();
        lock.writeLock().lock();
        try {
            Tenant t = tenants.get(f.tenant());
            Feedback current = t == null ? null : t.feedback.get(f.id());
            if (current == null) {
                throw new NotFoundException("feedback " + f.id() + " in tenant " + f.tenant());
            }
            if (current.version() != redaction.expectedVersion()) {
                throw new VersionConflictException(f.id().toString(), redaction.expectedVersion(), current.version());
            }
            List<FeedbackEvent> history = t.history.get(f.id());
            HistorySeals.Reseal reseal = redaction.reseal(sealed(t, f.id()));
            for (FeedbackEvent e : redaction.rewritten()) {
                int i = (int) e.version() - 1;
                history.set(i, history.get(i).withText(e.note(), e.details()));
            }
            List<SealedEvent> seals = t.seals.get(f.id());
            for (SealedEvent s : reseal.writes()) {
                seals.set((int) s.event().version() - 1, s);
            }
            history.add(redaction.recorded());
            seal(t, f.id(), List.of(redaction.recorded()));
            current.intakeKey().ifPresent(k -> {
                if (!k.equals(f.intakeKey().orElse(null))) {
                    t.byIntakeKey.remove(k);
                }
            });
            f.intakeKey().ifPresent(k -> t.byIntakeKey.put(k, f.id()));
            current.nextSlaCheckAt().ifPresent(at -> slaDue.remove(new SlaDue(at, current.id().value())));
            t.feedback.put(f.id(), f);
            f.nextSlaCheckAt().ifPresent(at -> slaDue.put(new SlaDue(at, f.id().value()), f));
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<Feedback> find(TenantId tenant, FeedbackId id) {
        return read(tenant, t -> Optional.ofNullable(t.feedback.get(id)), Optional.empty());
    }

    @Override
    public Optional<Feedback> findByReference(TenantId tenant, ReferenceNumber reference) {
        return read(tenant, t -> Optional.ofNullable(t.byReference.get(reference)).map(t.feedback::get), Optional.empty());
    }

    @Override
    public Optional<Feedback> findByIntakeKey(TenantId tenant, String intakeKey) {
        return read(tenant, t -> Optional.ofNullable(t.byIntakeKey.get(intakeKey)).map(t.feedback::get), Optional.empty());
    }

    @Override
    public List<FeedbackEvent> history(TenantId tenant, FeedbackId id) {
        return read(tenant, t -> {
            List<FeedbackEvent> h = t.history.get(id);
            return h == null ? List.<FeedbackEvent>of() : List.copyOf(h);
        }, List.of());
    }

    /**
     * The stored events with their seals; a seal is taken when its event is written, and changes only when an
     * anonymisation rewrites the event, or seals it anew ({@link FeedbackRedaction#reseal}).
     */
    @Override
    public List<SealedEvent> sealedHistory(TenantId tenant, FeedbackId id) {
        return read(tenant, t -> sealed(t, id), List.of());
    }

    private static List<SealedEvent> sealed(Tenant t, FeedbackId id) {
        List<FeedbackEvent> h = t.history.getOrDefault(id, List.of());
        List<SealedEvent> seals = t.seals.getOrDefault(id, List.of());
        List<SealedEvent> out = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) {
            SealedEvent s = i < seals.size() ? seals.get(i) : null;
            out.add(s == null ? new SealedEvent(h.get(i), null, null) : new SealedEvent(h.get(i), s.digests(), s.hash()));
        }
        return List.copyOf(out);
    }

    @Override
    public Page<Feedback> query(FeedbackQuery query) {
        List<Feedback> all = read(query.tenant(), t -> List.copyOf(t.feedback.values()), List.of());
        boolean newestFirst = query.order() == FeedbackQuery.Order.NEWEST_FIRST;
        Comparator<Feedback> order = newestFirst ? Cursor.ORDER.reversed() : Cursor.ORDER;
        Cursor after = query.after();
        List<Feedback> matching = all.stream()
                .filter(query::matches)
                .filter(f -> after == null || (newestFirst ? after.compareTo(f) > 0 : after.compareTo(f) < 0))
                .sorted(order)
                .limit(query.limit() + 1L)
                .toList();
        if (matching.size() <= query.limit()) {
            return new Page<>(matching, null);
        }
        List<Feedback> page = matching.subList(0, query.limit());
        return new Page<>(page, Cursor.of(page.get(page.size() - 1)));
    }

    @Override
    public List<Feedback> dueForSlaCheck(Instant now, int limit) {
        lock.readLock().lock();
        try {
            return slaDue.headMap(new SlaDue(now, new UUID(Long.MAX_VALUE, Long.MAX_VALUE)), true).values().stream()
                    .limit(limit)
                    .toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Map<StaffId, Integer> openLoad(TenantId tenant, Set<StaffId> staff) {
        return read(tenant, t -> {
            Map<StaffId, Integer> load = new HashMap<>();
            for (Feedback f : t.feedback.values()) {
                StaffId assignee = f.assignee().orElse(null);
                if (assignee != null && f.isOpen() && staff.contains(assignee)) {
                    load.merge(assignee, 1, Integer::sum);
                }
            }
            return load;
        }, Map.of());
    }

    @Override
    public long next(TenantId tenant, String prefix, int year) {
        return sequences.computeIfAbsent(tenant.value() + '\u0000' + prefix + '\u0000' + year, k -> new AtomicLong())
                .incrementAndGet();
    }

    private <T> T read(TenantId tenant, Function<Tenant, T> reader, T whenNoTenant) {
        lock.readLock().lock();
        try {
            Tenant t = tenants.get(tenant);
            return t == null ? whenNoTenant : reader.apply(t);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The tenant's feedback and clock rounds as of now, copied under the read lock, for the report queries. */
    private InMemoryReports reports(TenantId tenant) {
        return reports(tenant, false);
    }

    /**
     * The tenant's feedback and clock rounds as of now, and with {@code notCounted} the targets each feedback's history
     * says could not be counted ({@link SlaHistory#notCounted}), copied under the read lock, for the report queries.
     */
    private InMemoryReports reports(TenantId tenant, boolean notCounted) {
        lock.readLock().lock();
        try {
            Tenant t = tenants.get(tenant);
            if (t == null) {
                return new InMemoryReports(List.of(), Map.of(), Map.of());
            }
            Map<FeedbackId, List<SlaRound>> rounds = new HashMap<>();
            t.rounds.forEach((id, list) -> rounds.put(id, List.copyOf(list)));
            Map<FeedbackId, Set<SlaKind>> uncounted = new HashMap<>();
            if (notCounted) {
                t.history.forEach((id, events) -> {
                    Set<SlaKind> kinds = SlaHistory.notCounted(events);
                    if (!kinds.isEmpty()) {
                        uncounted.put(id, kinds);
                    }
                });
            }
            return new InMemoryReports(List.copyOf(t.feedback.values()), rounds, uncounted);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Count> count(ReportFilter filter, Dimension by) {
        return reports(filter.tenant()).count(filter, by);
    }

    @Override
    public List<DurationStats> handlingTime(ReportFilter filter, @org.jspecify.annotations.Nullable Dimension by) {
        return reports(filter.tenant()).handlingTime(filter, by);
    }

    @Override
    public List<SlaCompliance> slaCompliance(ReportFilter filter, @org.jspecify.annotations.Nullable Dimension by) {
        return reports(filter.tenant(), true).slaCompliance(filter, by);
    }

    @Override
    public Outcomes outcomes(ReportFilter filter) {
        return reports(filter.tenant()).outcomes(filter);
    }

    @Override
    public Recurrence recurrence(ReportFilter filter, Duration window) {
        return reports(filter.tenant()).recurrence(filter, window);
    }

    @Override
    public List<RecurringProblem> recurringProblems(ReportFilter filter, int minimum, int limit) {
        return reports(filter.tenant()).recurringProblems(filter, minimum, limit);
    }

    @Override
    public Backlog backlog(ReportFilter filter, Instant asOf) {
        return reports(filter.tenant()).backlog(filter, asOf);
    }
}
