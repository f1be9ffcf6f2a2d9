package io.memnun;

import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Assessment;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Command;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKey;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Lifecycle;
import io.memnun.feedback.Page;
import io.memnun.feedback.Priority;
import io.memnun.feedback.Recourse;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.feedback.SlaRules;
import io.memnun.feedback.Triage;
import io.memnun.internal.TimeOrderedIds;
import io.memnun.routing.Router;
import io.memnun.routing.RoutingDecision;
import io.memnun.routing.StaffLoad;
import io.memnun.sla.SlaEngine;
import io.memnun.sla.SlaPolicy;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.FeedbackListener;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReferenceSequence;
import io.memnun.spi.TrackingTokenStore;
import io.memnun.spi.TransactionalOutbox;
import io.memnun.privacy.AccessPolicy;
import io.memnun.privacy.Viewer;
import io.memnun.tracking.IssuedToken;
import io.memnun.tracking.TrackingSettings;
import io.memnun.notify.MessageCategory;
import io.memnun.notify.Notification;
import io.memnun.notify.Party;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade a host calls: receives feedback, issues reference numbers, takes feedback through its lifecycle
 * and answers queries. Thread-safe; build one per application with {@link #builder()} and share it.
 *
 * <pre>{@code
 * FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).build();
 * Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Room was cold").build());
 * desk.take(tenant, f.reference(), Actor.staff("ayse"));
 * }</pre>
 *
 * <p>Every command loads the feedback, checks it against the {@link Lifecycle}, and saves the new state with
 * its history event in one store call that is refused if someone else changed the feedback meanwhile
 * ({@link io.memnun.error.VersionConflictException}). A refused command changes nothing.
 */
public final class FeedbackDesk {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackDesk.class);

    private final FeedbackStore store;
    private final ReferenceSequence sequence;
    private final Clock clock;
    private final DeskConfig config;
    private final Lifecycle lifecycle;
    private final List<FeedbackListener> listeners;
    private final @Nullable Router router;
    private final Duration duplicateWindow;
    private final ConcurrentMap<TenantId, ReentrantLock> assignmentLocks = new ConcurrentHashMap<>();
    private final @Nullable Notifications notifications;
    private final @Nullable NotificationPlanner planner;
    private final @Nullable CustomerTracking tracking;

    private FeedbackDesk(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.sequence = Objects.requireNonNull(b.sequence, "sequence");
        this.clock = b.clock;
        this.config = b.config;
        this.lifecycle = new Lifecycle(new Lifecycle.Rules(b.reviewRequired, b.config.closingPeriod()), b.sla);
        this.listeners = new java.util.concurrent.CopyOnWriteArrayList<>(b.listeners);
        this.router = b.router;
        this.duplicateWindow = b.duplicateWindow;
        this.notifications = b.notifications;
        this.planner = b.notifications == null ? null : new NotificationPlanner(b.notifications);
        this.tracking = b.trackingTokens == null ? null : new CustomerTracking(this, b.trackingTokens, b.trackingSettings);
    }

    public static Builder builder() {
        return new Builder();
    }

    public DeskConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Records a new feedback (status NEW) with a fresh reference number. If the intake carries an intake key
     * that this tenant already received, the existing feedback is returned and nothing is written.
     *
     * <p>With a {@link Builder#router(Router) router}, an intake that names no department is routed before it is
     * stored: department, assignee (unless the intake names one), priority and watchers come from the decision,
     * and the RECEIVED event records the rule ({@code routingRule}, {@code routingVersion}) and the reason as its
     * note. With a {@link Builder#duplicateWindow(Duration) duplicate window}, a feedback from the same customer
     * (e-mail or phone) on the same subject received within the window before is linked as
     * {@code possibleDuplicateOf}.
     *
     * <p>With a router, a department the intake names must be active in the tenant's catalogue and a person it names an
     * active member of that department (or, with no department named, an active staff member), as for a
     * {@link #redirect}; a tenant with an empty catalogue is not checked.
     *
     * @throws ValidationException if the intake breaks a configured limit or is dated in the future, or names a
     *     {@code department} or {@code assignee} the catalogue lacks or deactivated; nothing is stored
     * @throws io.memnun.error.TransactionConflictException if a concurrent transaction received the same intake key and
     *     this one, inside a host's transaction at REPEATABLE READ or SERIALIZABLE, cannot see it: run the host's
     *     transaction again, and the receipt is the first one
     */
    public Feedback receive(Intake intake) {
        return receiveTracked(intake).feedback();
    }

    /**
     * A receipt: the feedback and, on a desk with {@link Builder#tracking tracking}, the tracking token issued for it,
     * e.g. to show on the web form's confirmation page. The token is in the acknowledgement too, as
     * {@code {{trackingToken}}} and in {@code {{trackingUrl}}}.
     *
     * @param feedback the feedback received
     * @param token the token issued; empty without tracking, and when the intake key was already received (the first
     *     receipt issued it, and only its hash is kept)
     */
    public record Receipt(Feedback feedback, Optional<IssuedToken> token) {
        public Receipt {
            Objects.requireNonNull(feedback, "feedback");
            Objects.requireNonNull(token, "token");
        }
    }

    /** Like {@link #receive}, answering the tracking token issued too. */
    public Receipt receiveTracked(Intake intake) {
        Objects.requireNonNull(intake, "intake");
        Instant now = clock.instant();
        validate(intake, now);
        String key = intake.intakeKey();
        if (key != null) {
            Optional<Feedback> existing = store.findByIntakeKey(intake.tenant(), key);
            if (existing.isPresent()) {
                return new Receipt(existing.get(), Optional.empty());
            }
        }
        // after the intake key: a submission sent again is the one received, whatever its department has become since
        checkNamed(intake);
        Instant receivedAt = intake.receivedAt() != null ? intake.receivedAt() : now;
        String prefix = config.prefixFor(intake.tenant());
        int year = receivedAt.atZone(config.referenceZone()).getYear();
        ReferenceNumber reference = ReferenceNumber.of(prefix, year, sequence.next(intake.tenant(), prefix, year));
        LoadProbe load = new LoadProbe();
        Feedback feedback;
        FeedbackEvent received;
        IssuedToken token = null;
        try {
            Triage triage = Triage.NONE;
            if (router != null && intake.department() == null) {
                Optional<RoutingDecision> routed = router.route(intake, load);
                if (routed.isPresent()) {
                    RoutingDecision d = routed.get();
                    intake = intake.withRouting(d.department(), intake.assignee() != null ? intake.assignee() : d.assignee(), d.priority());
                    triage = new Triage(d.watchers(), d.ruleId(), d.ruleSetVersion(), d.reason(), null);
                }
            }
            triage = triage.withPossibleDuplicateOf(possibleDuplicateOf(intake, receivedAt));
            Lifecycle.Received receipt = lifecycle.receipt(new FeedbackId(TimeOrderedIds.next(now)), reference, intake, receivedAt, now, triage);
            feedback = receipt.feedback();
            received = receipt.event();
            Map<String, String> renderOnly = Map.of();
            if (tracking != null) {
                // stored before the feedback: an acknowledgement never carries a token that does not work
                token = tracking.issue(feedback, now);
                renderOnly = token.trackingLink().isPresent()
                        ? Map.of("trackingToken", token.token(), "trackingUrl", token.trackingLink().get())
                        : Map.of("trackingToken", token.token());
            }
            try {
                received = save(FeedbackChange.create(feedback, received), renderOnly).get(0);
            } catch (RuntimeException e) {
                if (token != null) {
                    withdrawToken(feedback);
                }
                if (e instanceof DuplicateKeyException d && key != null && "intakeKey".equals(d.key())) {
                    // another node received the same submission between our lookup and our insert
                    Optional<Feedback> first = store.findByIntakeKey(intake.tenant(), key);
                    if (first.isEmpty()) {
                        // committed after this transaction began, which (a host's at REPEATABLE READ or SERIALIZABLE)
                        // cannot see it: a new transaction finds it, as with every other conflict between two. Only a
                        // host's transaction sees a snapshot older than this call, so it is the host's
                        throw new io.memnun.error.TransactionConflictException("could not receive: a concurrent transaction received"
                                + " the same intake key, which this transaction cannot see", d, true);
                    }
                    return new Receipt(first.get(), Optional.empty());
                }
                throw e;
            }
        } finally {
            load.release();
        }
        publish(feedback, received);
        return new Receipt(feedback, Optional.ofNullable(token));
    }

    /**
     * Answers the router's load questions from the store. The first question takes the tenant's assignment lock
     * and {@link #release()} gives it back after the feedback is saved, so a load-aware choice always sees every
     * earlier load-aware choice of this desk already stored: eight receivers at once still spread feedback evenly.
     * Decisions that read no load (department only, fixed person, plain round robin) take no lock.
     */
    private final class LoadProbe implements StaffLoad {
        private @Nullable ReentrantLock held;

        @Override
        public Map<StaffId, Integer> openLoad(TenantId tenant, Set<StaffId> staff) {
            if (held == null) {
                ReentrantLock lock = assignmentLocks.computeIfAbsent(tenant, t -> new ReentrantLock());
                lock.lock();
                held = lock;
            }
            return store.openLoad(tenant, staff);
        }

        void release() {
            if (held != null) {
                held.unlock();
                held = null;
            }
        }
    }

    /** The earliest feedback this intake may repeat, within the duplicate window; null when there is none. */
    private @Nullable FeedbackId possibleDuplicateOf(Intake intake, Instant receivedAt) {
        if (duplicateWindow.isZero() || intake.subject() == null || !intake.customer().isReachable()) {
            return null;
        }
        Feedback latest = null;
        // only within the department the intake goes to: a link never points staff at feedback they may not see
        FeedbackQuery.Builder base = FeedbackQuery.builder(intake.tenant())
                .subject(intake.subject())
                .department(intake.department())
                // up to and including receivedAt: a store may keep whole microseconds and truncate the bound alike, so
                // the exclusive end must lie in the next microsecond (receivedAt + 1 ns would leave out one received at
                // the same instant, such as two letters dated the same day)
                .receivedBetween(receivedAt.minus(duplicateWindow), receivedAt.plus(1, java.time.temporal.ChronoUnit.MICROS))
                .order(FeedbackQuery.Order.NEWEST_FIRST)
                .limit(1);
        if (intake.customer().email() != null) {
            latest = newest(latest, store.query(base.customerEmail(intake.customer().email()).build()));
            base.customerEmail(null);
        }
        if (intake.customer().phone() != null) {
            latest = newest(latest, store.query(base.customerPhone(intake.customer().phone()).build()));
        }
        if (latest == null || !latest.department().equals(Optional.ofNullable(intake.department()))) {
            return null;
        }
        // link to the first of a chain, so every repeat points at the one the work happens on
        return latest.mergedInto().or(latest::possibleDuplicateOf).orElse(latest.id());
    }

    private static @Nullable Feedback newest(@Nullable Feedback best, Page<Feedback> page) {
        if (page.items().isEmpty()) {
            return best;
        }
        Feedback f = page.items().get(0);
        return best == null || f.receivedAt().isAfter(best.receivedAt()) ? f : best;
    }

    private void validate(Intake intake, Instant now) {
        int max = config.maxDescriptionLength();
        checkLength(intake.description(), "description", max);
        checkLength(intake.desiredRemedy(), "desiredRemedy", max);
        checkLength(intake.immediateAction(), "immediateAction", max);
        if (intake.attachments().size() > config.maxAttachments()) {
            throw new ValidationException("attachments", intake.attachments().size() + " attachments, the limit is " + config.maxAttachments());
        }
        for (int i = 0; i < intake.attachments().size(); i++) {
            io.memnun.feedback.AttachmentRef a = intake.attachments().get(i);
            if (a.sizeBytes() > config.maxAttachmentBytes()) {
                // by position, not by file name: a customer's file name can hold their name, and messages end up in logs
                throw new ValidationException("attachments", "attachments[" + i + "] has " + a.sizeBytes() + " bytes, the limit is "
                        + config.maxAttachmentBytes());
            }
        }
        if (intake.receivedAt() != null && intake.receivedAt().isAfter(now)) {
            throw new ValidationException("receivedAt", intake.receivedAt() + " is in the future (now " + now + ")");
        }
        if (intake.receivedAt() != null && intake.receivedAt().isBefore(Intake.EARLIEST_RECEIVED_AT)) {
            // checked before a sequence number is taken, and whether or not there are response-time targets now: their
            // clocks count from the receipt, on calendars that count from 1900 (a reference number's year, four digits,
            // is then always one too)
            throw new ValidationException("receivedAt", intake.receivedAt() + " is before " + Intake.EARLIEST_RECEIVED_AT
                    + ", the earliest receipt time: business calendars count working time from then on");
        }
    }

    private static void checkLength(@Nullable String text, String field, int max) {
        if (text != null && text.length() > max) {
            throw new ValidationException(field, "is " + text.length() + " characters long, the limit is " + max);
        }
    }

    /**
     * Applies a lifecycle command to one feedback and returns its new state.
     *
     * @throws NotFoundException if the tenant has no such feedback
     * @throws io.memnun.feedback.IllegalTransitionException if the command is not allowed in its state
     * @throws io.memnun.error.VersionConflictException if somebody changed it concurrently; nothing was written. A
     *     concurrent record made by the library itself (a delivered message, an SLA checkpoint, a survey invitation)
     *     is no conflict: the command is checked again against the newer state and applied to it.
     */
    public Feedback execute(TenantId tenant, FeedbackKey key, Command command) {
        return execute(tenant, key, command, NO_GUARD);
    }

    private static final Consumer<Feedback> NO_GUARD = f -> {};

    /**
     * {@link #execute(TenantId, FeedbackKey, Command)} on a state {@code guard} accepts (it throws otherwise). The guard
     * sees the very state the command is applied to and saved over with the version check, so a check such as a staff
     * member's department scope cannot be outrun by a redirect between the check and the write.
     */
    Feedback execute(TenantId tenant, FeedbackKey key, Command command, Consumer<Feedback> guard) {
        return execute(tenant, key, command, guard, NO_GUARD);
    }

    /**
     * The guarded execute, with {@code originalGuard} for a merge's original: it sees the state of the original the
     * write depends on, and the store writes the merge only while the original is still at that version; if it
     * changed meanwhile (a redirect), the original is read and checked again.
     */
    Feedback execute(TenantId tenant, FeedbackKey key, Command command, Consumer<Feedback> guard, Consumer<Feedback> originalGuard) {
        Objects.requireNonNull(command, "command");
        checkNamed(tenant, command);
        Feedback first = mergeOriginal(tenant, command, originalGuard);
        Optional<Feedback> done = store.lastKnown(tenant, key).flatMap(known -> applyToKnown(known, command, guard, first));
        if (done.isPresent()) {
            return done.get();
        }
        Feedback original = first;
        Feedback current = get(tenant, key);
        for (int conflicts = 0; ; conflicts++) {
            try {
                guard.accept(current);
                return apply(current, command, original);
            } catch (io.memnun.error.VersionConflictException e) {
                if (original != null && original.id().toString().equals(e.id()) && conflicts < MAX_RECORD_CONFLICTS) {
                    // the original changed since it was checked: check it again as it is now
                    original = mergeOriginal(tenant, command, originalGuard);
                    continue;
                }
                Feedback latest = store.find(current.tenant(), current.id()).orElseThrow(() -> e);
                if (conflicts >= MAX_RECORD_CONFLICTS || !onlyBookkeepingSince(latest, current.version())) {
                    throw e;
                }
                current = latest;
            }
        }
    }

    /** True when every event after {@code version} is one the library records by itself, none a person's act. */
    private boolean onlyBookkeepingSince(Feedback latest, long version) {
        return store.history(latest.tenant(), latest.id()).stream()
                .filter(e -> e.version() > version)
                .allMatch(e -> BOOKKEEPING.contains(e.type()));
    }

    private static final java.util.Set<io.memnun.feedback.EventType> BOOKKEEPING = java.util.EnumSet.of(
            io.memnun.feedback.EventType.NOTIFICATION_SENT, io.memnun.feedback.EventType.NOTIFICATION_FAILED,
            io.memnun.feedback.EventType.SLA_WARNING, io.memnun.feedback.EventType.SLA_BREACHED,
            io.memnun.feedback.EventType.SLA_ESCALATED, io.memnun.feedback.EventType.SURVEY_INVITED);

    /**
     * Applies a command decided on the version of the feedback the actor saw, e.g. the version a staff page was
     * rendered from: if the feedback changed since, nothing is written and a
     * {@link io.memnun.error.VersionConflictException} says so, so one person never silently overrides
     * another's change.
     */
    public Feedback execute(TenantId tenant, FeedbackKey key, long expectedVersion, Command command) {
        return execute(tenant, key, expectedVersion, command, NO_GUARD);
    }

    /** {@link #execute(TenantId, FeedbackKey, long, Command)} on a state {@code guard} accepts; see the guarded execute. */
    Feedback execute(TenantId tenant, FeedbackKey key, long expectedVersion, Command command, Consumer<Feedback> guard) {
        return execute(tenant, key, expectedVersion, command, guard, NO_GUARD);
    }

    /** The versioned execute with both guards; see {@link #execute(TenantId, FeedbackKey, Command, Consumer, Consumer)}. */
    Feedback execute(TenantId tenant, FeedbackKey key, long expectedVersion, Command command, Consumer<Feedback> guard,
            Consumer<Feedback> originalGuard) {
        Objects.requireNonNull(command, "command");
        checkNamed(tenant, command);
        Feedback original = mergeOriginal(tenant, command, originalGuard);
        Optional<Feedback> done = store.lastKnown(tenant, key)
                .filter(known -> known.version() == expectedVersion)
                .flatMap(known -> applyToKnown(known, command, guard, original));
        if (done.isPresent()) {
            return done.get();
        }
        Feedback current = get(tenant, key);
        if (current.version() != expectedVersion) {
            throw new io.memnun.error.VersionConflictException(current.id().toString(), expectedVersion, current.version());
        }
        guard.accept(current);
        return apply(current, command, original);
    }

    /**
     * Applies several commands to one feedback as one change: each is checked against the state the one before left,
     * and either all their events are saved together or, if any is refused or the feedback changed meanwhile,
     * nothing is. Used where one act has two records, e.g. a customer's reply that is both a message and a decision.
     *
     * @throws NotFoundException if the tenant has no such feedback
     * @throws io.memnun.feedback.IllegalTransitionException if a command is not allowed where it falls
     * @throws io.memnun.error.VersionConflictException if it was changed concurrently; nothing was written
     */
    public Feedback executeAll(TenantId tenant, FeedbackKey key, List<Command> commands) {
        Objects.requireNonNull(commands, "commands");
        if (commands.isEmpty()) {
            throw new ValidationException("commands", "must name at least one command");
        }
        Feedback original = null;
        for (Command command : commands) {
            checkNamed(tenant, Objects.requireNonNull(command, "command"));
            Feedback o = mergeOriginal(tenant, command, NO_GUARD);
            original = o != null ? o : original;
        }
        Feedback current = get(tenant, key);
        Instant now = clock.instant();
        Feedback after = current;
        List<FeedbackEvent> events = new ArrayList<>();
        for (Command command : commands) {
            Lifecycle.Transition t = lifecycle.apply(after, Objects.requireNonNull(command, "command"), now);
            events.add(t.event());
            after = t.after();
        }
        FeedbackChange change = new FeedbackChange(after, current.version(), events);
        // as for a single merge: written only while the original is as checked (a merge after the first one is refused
        // by the lifecycle, the duplicate being closed by then)
        publish(after, save(original == null ? change : change.requiring(original.id(), original.version())));
        return after;
    }

    /**
     * Applies {@code command} to the state the store {@linkplain FeedbackStore#lastKnown last knew}, which saves the
     * read before the write when that state is current. Empty when it was not: the change was refused, or the
     * command was, either of which a stale state can cause; nothing was written then, and the caller decides again
     * on a fresh read, which gives the true answer (the same refusal, if it stands).
     */
    private Optional<Feedback> applyToKnown(Feedback known, Command command, Consumer<Feedback> guard, @Nullable Feedback original) {
        Lifecycle.Transition t;
        try {
            guard.accept(known);
            t = lifecycle.apply(known, command, clock.instant());
        } catch (RuntimeException refused) {
            return Optional.empty();
        }
        try {
            return Optional.of(commit(known, t, original));
        } catch (io.memnun.error.VersionConflictException | NotFoundException stale) {
            return Optional.empty();
        }
    }

    private Feedback apply(Feedback current, Command command) {
        return apply(current, command, null);
    }

    private Feedback apply(Feedback current, Command command, @Nullable Feedback original) {
        return commit(current, lifecycle.apply(current, command, clock.instant()), original);
    }

    private Feedback commit(Feedback before, Lifecycle.Transition t) {
        return commit(before, t, null);
    }

    /**
     * Saves {@code t}, decided on {@code before}, with the version check, and publishes its events; with
     * {@code original} (a merge's), only while the original is still at the version that was checked.
     */
    private Feedback commit(Feedback before, Lifecycle.Transition t, @Nullable Feedback original) {
        FeedbackChange change = FeedbackChange.update(t.after(), before.version(), t.event());
        publish(t.after(), save(original == null ? change : change.requiring(original.id(), original.version())));
        return t.after();
    }

    /** Record that the customer was told their feedback was received; meets the acknowledgement target. */
    public Feedback acknowledge(TenantId tenant, FeedbackKey key, Actor actor, @Nullable String note) {
        return execute(tenant, key, new Command.Acknowledge(actor, note));
    }

    /** Take into processing; a staff actor with nothing assigned becomes the assignee. */
    public Feedback take(TenantId tenant, FeedbackKey key, Actor actor) {
        return execute(tenant, key, new Command.Take(actor, null));
    }

    /** Plan with a target completion time. */
    public Feedback plan(TenantId tenant, FeedbackKey key, Actor actor, Instant until, @Nullable String note) {
        return execute(tenant, key, new Command.Plan(actor, until, note));
    }

    /**
     * Redirect to another department, optionally to a person there. With a {@link Builder#router(Router) router}, the
     * department must be active in the tenant's catalogue and the person an active member of it.
     *
     * @throws ValidationException naming {@code department} or {@code assignee}; nothing changes
     */
    public Feedback redirect(TenantId tenant, FeedbackKey key, Actor actor, DepartmentId department, @Nullable StaffId assignee, String reason) {
        return execute(tenant, key, new Command.Redirect(actor, department, assignee, reason));
    }

    /**
     * Assign to a person. With a {@link Builder#router(Router) router}, the person must be active in the tenant's
     * catalogue.
     *
     * @throws ValidationException naming {@code assignee}; nothing changes
     */
    public Feedback assign(TenantId tenant, FeedbackKey key, Actor actor, StaffId assignee) {
        return execute(tenant, key, new Command.Assign(actor, assignee, null));
    }

    /** Ask the customer for information; response-time clocks pause. */
    public Feedback awaitCustomer(TenantId tenant, FeedbackKey key, Actor actor, String question) {
        return execute(tenant, key, new Command.AwaitCustomer(actor, question));
    }

    public Feedback customerResponded(TenantId tenant, FeedbackKey key, @Nullable String note) {
        return execute(tenant, key, new Command.CustomerResponded(Actor.customer(), note));
    }

    public Feedback cancel(TenantId tenant, FeedbackKey key, Actor actor, String reason) {
        return execute(tenant, key, new Command.Cancel(actor, reason));
    }

    /** Propose a resolution: RESOLVED at once, or UNDER_REVIEW where the desk requires review. */
    public Feedback resolve(TenantId tenant, FeedbackKey key, Actor actor, String resolution) {
        return execute(tenant, key, new Command.Resolve(actor, resolution));
    }

    public Feedback approve(TenantId tenant, FeedbackKey key, Actor actor) {
        return execute(tenant, key, new Command.Approve(actor, null));
    }

    public Feedback sendBack(TenantId tenant, FeedbackKey key, Actor actor, String reason) {
        return execute(tenant, key, new Command.SendBack(actor, reason));
    }

    /** The customer accepts the resolution: CLOSED (ACCEPTED). */
    public Feedback accept(TenantId tenant, FeedbackKey key, @Nullable String note) {
        return execute(tenant, key, new Command.Accept(Actor.customer(), note));
    }

    /** The customer rejects the resolution: the feedback stays open, with the alternatives offered recorded. */
    public Feedback reject(TenantId tenant, FeedbackKey key, String reason, Recourse... alternatives) {
        return execute(tenant, key, new Command.Reject(Actor.customer(), reason, List.of(alternatives)));
    }

    public Feedback close(TenantId tenant, FeedbackKey key, Actor actor, ClosureReason reason, @Nullable String note) {
        return execute(tenant, key, new Command.Close(actor, reason, note));
    }

    public Feedback appeal(TenantId tenant, FeedbackKey key, Actor actor, String reason) {
        return execute(tenant, key, new Command.Appeal(actor, reason));
    }

    public Feedback changePriority(TenantId tenant, FeedbackKey key, Actor actor, Priority priority, String reason) {
        return execute(tenant, key, new Command.ChangePriority(actor, priority, reason));
    }

    public Feedback assess(TenantId tenant, FeedbackKey key, Actor actor, Assessment assessment) {
        return execute(tenant, key, new Command.Assess(actor, assessment));
    }

    public Feedback addNote(TenantId tenant, FeedbackKey key, Actor actor, String note) {
        return execute(tenant, key, new Command.AddNote(actor, note));
    }

    /**
     * Merges a duplicate into its original: the duplicate closes as DUPLICATE and refers to the original.
     *
     * @throws NotFoundException if the tenant has no such original
     * @throws ValidationException if the original is the feedback itself or was itself merged into another
     */
    public Feedback merge(TenantId tenant, FeedbackKey duplicate, Actor actor, FeedbackKey original, @Nullable String note) {
        return execute(tenant, duplicate, new Command.Merge(actor, get(tenant, original).id(), note));
    }

    /**
     * The departments and people a command names, checked however it is issued (its method, execute, executeAll), since
     * the lifecycle sees only the feedback: with a router, a redirect's department and person and an assignment's
     * person must be active in the catalogue. A merge's original is checked by {@link #mergeOriginal}.
     */
    private void checkNamed(TenantId tenant, Command command) {
        if (router != null && tenant != null) { // missing values are refused by the lifecycle, by name
            if (command instanceof Command.Redirect r && r.department() != null) {
                router.checkRedirect(tenant, r.department(), r.assignee());
            } else if (command instanceof Command.Assign a && a.assignee() != null) {
                router.checkAssignee(tenant, a.assignee());
            }
        }
    }

    /**
     * The department and person an intake names, checked like a redirect's before anything is taken or stored: with a
     * router, a department must be active in the catalogue and a person an active member of it; a person named without a
     * department (routing chooses it) must be active, as for an assignment. A host names them from its own form, which
     * offers the catalogue's departments; a feedback filed under a department nobody reads would sit unseen. Intakes
     * from customers' messages name none and are routed.
     */
    private void checkNamed(Intake intake) {
        if (router == null) {
            return;
        }
        if (intake.department() != null) {
            router.checkRedirect(intake.tenant(), intake.department(), intake.assignee());
        } else if (intake.assignee() != null) {
            router.checkAssignee(intake.tenant(), intake.assignee());
        }
    }

    /**
     * A merge's original as read now, checked, then given to {@code guard}; null for another command. However a merge
     * is issued, its original must be of the same tenant and not itself merged: otherwise a duplicate could be closed
     * as pointing at a feedback that does not exist or is another tenant's.
     */
    private @Nullable Feedback mergeOriginal(TenantId tenant, Command command, Consumer<Feedback> guard) {
        if (command instanceof Command.Merge m) {
            Feedback o = find(tenant, m.original())
                    .orElseThrow(() -> new NotFoundException("original feedback " + m.original() + " in tenant " + tenant));
            if (o.mergedInto().isPresent()) {
                throw new ValidationException("original", "feedback " + o.reference() + " was itself merged into "
                        + o.mergedInto().get() + "; merge into that one");
            }
            guard.accept(o);
            return o;
        }
        return null;
    }

    /** Clears a feedback's possible-duplicate link: it is not a repeat of the earlier one. */
    public Feedback unlink(TenantId tenant, FeedbackKey key, Actor actor, @Nullable String note) {
        return execute(tenant, key, new Command.Unlink(actor, note));
    }

    /**
     * Closes every feedback of the tenant whose closing period has run out: resolutions never answered
     * (NO_RESPONSE) and rejected ones left open (UNRESOLVED). Meant for a daily job of the host's scheduler. The store
     * lists the ids due ({@link FeedbackStore#closingDue}), and each is read and closed on its own: a feedback that
     * cannot be closed (the store refuses the change, a database error, a stored row it cannot read) is logged and tried
     * again by the next run; the run goes on with the others.
     *
     * @return how many were closed
     * @throws io.memnun.error.TransactionConflictException if one met in the host's transaction
     *     ({@link io.memnun.error.TransactionConflictException#inHostTransaction()}): the run stops there. The database has
     *     aborted that transaction, with the closings before it; roll back and run again. Outside a host's transaction a
     *     conflict cost only that feedback's closing, which the next run tries again.
     */
    public int closeExpired(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        Instant limit = clock.instant().minus(config.closingPeriod());
        if (limit.isBefore(Intake.EARLIEST_RECEIVED_AT)) {
            return 0; // a closing period longer than the calendar's past: nothing was received before then
        }
        int closed = 0;
        FeedbackId after = null;
        while (true) {
            // ids only: a feedback the store cannot read fails its own closing below, not the list
            List<FeedbackId> due = store.closingDue(tenant, limit, after, CLOSING_PAGE);
            for (FeedbackId id : due) {
                if (closeAtTheEndOfItsPeriod(tenant, id)) {
                    closed++;
                }
            }
            if (due.size() < CLOSING_PAGE) {
                return closed;
            }
            after = due.get(due.size() - 1);
        }
    }

    /** How many ids {@link #closeExpired} asks the store for at a time. */
    private static final int CLOSING_PAGE = 500;

    /**
     * Closes one feedback the store listed as due, as NO_RESPONSE or UNRESOLVED by its state as read now (the lifecycle
     * checks again that its period ended); false when it was not closed: it changed meanwhile, or it failed, which is
     * logged and left for the next run.
     */
    private boolean closeAtTheEndOfItsPeriod(TenantId tenant, FeedbackId id) {
        Feedback f = null;
        try {
            f = store.find(tenant, id).orElse(null);
            if (f == null) {
                LOG.debug("not closing {}: gone meanwhile", id);
                return false;
            }
            ClosureReason reason = f.status() == Status.RESOLVED ? ClosureReason.NO_RESPONSE : ClosureReason.UNRESOLVED;
            execute(tenant, id, new Command.Close(Actor.system("closing-period"), reason, null));
            return true;
        } catch (io.memnun.error.VersionConflictException | io.memnun.feedback.IllegalTransitionException e) {
            LOG.debug("not closing {}: changed meanwhile ({})", f == null ? id : f.reference(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // in the host's transaction a conflict aborted the closings before it: stop there
            io.memnun.internal.HostTransactions.rethrowIfLost(e);
            // one feedback the store will not read or close must not keep every later one open; the next run tries again
            LOG.error("could not close {} at the end of its closing period; the others go on and the next run tries again",
                    f == null ? "feedback " + id : f.reference(), e);
            return false;
        }
    }

    /**
     * Recomputes the response-time clocks of one feedback under this desk's current SLA policy (after the host
     * changed the policy, say), keeping the working time already used; recorded as an {@code SLA_RECOMPUTED}
     * event when anything changed.
     *
     * @return the feedback as it is now
     */
    public Feedback recomputeSla(TenantId tenant, FeedbackKey key, Actor actor) {
        Feedback current = get(tenant, key);
        Optional<Lifecycle.Transition> t = lifecycle.recomputeSla(current, actor, clock.instant());
        if (t.isEmpty()) {
            return current;
        }
        publish(t.get().after(), save(FeedbackChange.update(t.get().after(), current.version(), t.get().event())));
        return t.get().after();
    }

    /** The feedback named by {@code key}, if the tenant has it. */
    public Optional<Feedback> find(TenantId tenant, FeedbackKey key) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(key, "key");
        if (key instanceof FeedbackId id) {
            return store.find(tenant, id);
        }
        return store.findByReference(tenant, (ReferenceNumber) key);
    }

    /**
     * Finds a feedback by a reference number as a customer typed it.
     *
     * @throws io.memnun.feedback.InvalidReferenceNumberException if the text is malformed or mistyped
     */
    public Optional<Feedback> findByReference(TenantId tenant, String referenceText) {
        return find(tenant, ReferenceNumber.parse(referenceText));
    }

    /** The feedback received with {@code intakeKey} (an e-mail's Message-ID, say), if the tenant has one. */
    public Optional<Feedback> findByIntakeKey(TenantId tenant, String intakeKey) {
        return store.findByIntakeKey(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(intakeKey, "intakeKey"));
    }

    /** The feedback named by {@code key}; a {@link NotFoundException} if the tenant has no such feedback. */
    public Feedback get(TenantId tenant, FeedbackKey key) {
        return find(tenant, key).orElseThrow(() -> new NotFoundException("feedback " + key + " in tenant " + tenant));
    }

    /** The history of a feedback, oldest first: its tracking form. */
    public List<FeedbackEvent> history(TenantId tenant, FeedbackKey key) {
        return store.history(tenant, get(tenant, key).id());
    }

    /** How many feedback match {@code query} (its cursor and limit aside), counted by the store. */
    long count(FeedbackQuery query) {
        return store.count(Objects.requireNonNull(query, "query"));
    }

    /** One page of feedback matching {@code query}; pass {@link Page#next()} back for the next. */
    public Page<Feedback> query(FeedbackQuery query) {
        return store.query(Objects.requireNonNull(query, "query"));
    }

    /**
     * Adds a listener after the desk is built, e.g. a service that needs the desk itself (a {@link SurveyDesk}
     * inviting to surveys when feedback closes). Listeners are told in the order they were added.
     */
    public void addListener(FeedbackListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * A monitor that fires this desk's due SLA warnings, breaches and escalations; drive it with
     * {@link SlaMonitor#tick} from the host's scheduler or {@link SlaMonitor#start} it.
     */
    public SlaMonitor slaMonitor() {
        return new SlaMonitor(this);
    }

    /** What else the desk's SLA monitors fire on each tick besides feedback checkpoints: a CapaDesk's action items. */
    private final List<java.util.function.ToIntFunction<Instant>> monitored = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Has every {@link SlaMonitor} of this desk also run {@code tick} (returning how many checkpoints it fired). */
    void addMonitored(java.util.function.ToIntFunction<Instant> tick) {
        monitored.add(Objects.requireNonNull(tick, "tick"));
    }

    List<java.util.function.ToIntFunction<Instant>> monitored() {
        return monitored;
    }

    /**
     * Warns when a store of other messages (campaigns, corrective actions) writes them to another outbox than the desk's
     * own: they are sent only if a dispatcher also serves that outbox. (Two objects may well stand for one table, so
     * this is a warning, not a refusal.)
     */
    void warnIfAnotherOutbox(Object other, String what) {
        if (planner != null && other instanceof io.memnun.spi.TransactionalOutbox o && store instanceof io.memnun.spi.TransactionalOutbox d
                && o.outbox() != d.outbox()) {
            LOG.warn("the {} writes its messages to {}, not to the feedback store's outbox {}: a dispatcher must send that outbox too",
                    what, o.outbox(), d.outbox());
        }
    }

    /** The sequence behind the desk's reference numbers, which also numbers corrective actions. */
    ReferenceSequence referenceSequence() {
        return sequence;
    }

    /** The notification settings, if this desk notifies. */
    /** The planner of the desk's notifications, for messages about other owners (campaigns, corrective actions). */
    Optional<NotificationPlanner> planner() {
        return Optional.ofNullable(planner);
    }

    public Optional<Notifications> notifications() {
        return Optional.ofNullable(notifications);
    }

    /**
     * Customer self-service tracking, if this desk was built with {@link Builder#tracking}.
     *
     * @throws IllegalStateException if it was not
     */
    public CustomerTracking tracking() {
        if (tracking == null) {
            throw new IllegalStateException("this desk has no tracking: FeedbackDesk.builder().tracking(tokenStore, settings)");
        }
        return tracking;
    }

    /** Deletes a feedback's tracking token, if this desk tracks (an anonymisation). */
    /**
     * Takes back the token issued for a feedback whose receipt was not saved, so no token is left for a feedback that
     * does not exist. Best effort: the receipt's own failure is what the caller hears, and a token left behind only
     * ever finds nothing.
     */
    private void withdrawToken(Feedback unsaved) {
        try {
            forgetTrackingToken(unsaved.tenant(), unsaved.id());
        } catch (RuntimeException e) {
            LOG.warn("the tracking token issued for the unsaved receipt {} could not be taken back", unsaved.reference(), e);
        }
    }

    void forgetTrackingToken(TenantId tenant, FeedbackId id) {
        if (tracking != null) {
            tracking.forget(tenant, id);
        }
    }

    /** The desk as {@code viewer} may use it: reads and staff commands limited by {@code policy}. */
    public ScopedDesk scopedTo(Viewer viewer, AccessPolicy policy) {
        return new ScopedDesk(this, viewer, policy);
    }

    /** The desk as {@code viewer} may use it under {@link AccessPolicy#byDepartment()}. */
    public ScopedDesk scopedTo(Viewer viewer) {
        return scopedTo(viewer, AccessPolicy.byDepartment());
    }

    /** Starts a dispatcher that sends this desk's outbox; add the channels and build it. */
    public NotificationDispatcher.Builder notificationDispatcher() {
        return NotificationDispatcher.builder(this);
    }

    FeedbackStore store() {
        return store;
    }

    /**
     * Saves a change with the notifications its events cause (when this desk notifies) and returns its events as
     * stored: with the {@code notify.*} details that say who was told and who was not.
     */
    List<FeedbackEvent> save(FeedbackChange change) {
        return save(change, Map.of());
    }

    /** {@link #save(FeedbackChange)} with {@code renderOnly} in the messages' template model (see the planner). */
    private List<FeedbackEvent> save(FeedbackChange change, Map<String, String> renderOnly) {
        FeedbackChange planned = planner == null ? change : planner.plan(change, renderOnly);
        store.save(planned);
        return planned.events();
    }

    /**
     * Records a survey invitation on the feedback's history and plans its message with {@code renderOnly} in the
     * template model (the link with its token, which the history must not keep). Retries on top of a newer version
     * when the feedback changed meanwhile.
     *
     * @return the recorded event, with the {@code notify.*} details that say whether the customer was told
     */
    FeedbackEvent recordSurveyInvitation(Feedback start, Actor actor, Map<String, String> details, Map<String, String> renderOnly) {
        Feedback current = start;
        for (int conflicts = 0; ; conflicts++) {
            Lifecycle.Transition t = lifecycle.record(current, io.memnun.feedback.EventType.SURVEY_INVITED, actor, null, details,
                    clock.instant());
            FeedbackChange change = FeedbackChange.update(t.after(), current.version(), t.event());
            FeedbackChange planned = planner == null ? change : planner.plan(change, renderOnly);
            try {
                store.save(planned);
            } catch (io.memnun.error.VersionConflictException e) {
                if (conflicts >= MAX_RECORD_CONFLICTS) {
                    throw e;
                }
                current = store.find(current.tenant(), current.id()).orElseThrow(() -> e);
                continue;
            }
            publish(t.after(), planned.events());
            return planned.events().get(0);
        }
    }

    void publish(Feedback feedback, List<FeedbackEvent> events) {
        for (FeedbackEvent e : events) {
            publish(feedback, e);
        }
    }

    private static final Actor NOTIFIER = Actor.system("notifications");
    private static final int MAX_RECORD_CONFLICTS = 20;

    /**
     * Records a notification's outcome in its feedback's history through the normal save path, reloading and trying
     * again when the feedback changed meanwhile. With {@code acknowledge}, a delivered acknowledgement also records
     * {@code ACKNOWLEDGED} in the same change, if the feedback is open and not yet acknowledged. With
     * {@code emailInstead}, an SMS to the customer that their number cannot take is planned again as an e-mail in the
     * same change (see {@link #emailInstead}), and the event says so with {@code fallback=EMAIL}.
     */
    void recordNotification(Notification n, io.memnun.feedback.EventType type, String note, java.util.Map<String, String> details,
            boolean acknowledge, boolean emailInstead, Instant now) {
        for (int conflicts = 0; ; conflicts++) {
            Optional<Feedback> found = n.feedbackId().flatMap(id -> store.find(n.tenant(), id));
            if (found.isEmpty()) {
                LOG.warn("cannot record {} of {}: the feedback is gone", type, n);
                return;
            }
            Feedback current = found.get();
            boolean anonymised = Anonymisation.isAnonymised(current);
            // a delivery under way while the feedback was anonymised: what it records must not bring the person back
            List<Notification> instead = emailInstead && !anonymised ? emailInstead(current, n).map(List::of).orElse(List.of()) : List.of();
            Map<String, String> recorded = details;
            String said = note;
            if (!instead.isEmpty()) {
                recorded = new LinkedHashMap<>(details);
                recorded.put("fallback", ContactChannel.EMAIL.name());
                said = note + "; told by e-mail instead";
            }
            Lifecycle.Transition t = lifecycle.record(current, type, NOTIFIER, anonymised ? Anonymisation.PLACEHOLDER : said,
                    anonymised ? Anonymisation.blankedForAnonymised(recorded) : recorded, now);
            List<FeedbackEvent> events = new ArrayList<>(List.of(t.event()));
            Feedback after = t.after();
            if (acknowledge && Lifecycle.allowedFrom(Command.Acknowledge.class).contains(after.status())
                    && store.history(current.tenant(), current.id()).stream().noneMatch(e -> e.type() == io.memnun.feedback.EventType.ACKNOWLEDGED)) {
                Lifecycle.Transition ack = lifecycle.apply(after, new Command.Acknowledge(NOTIFIER,
                        "acknowledgement delivered by " + n.channel()), now);
                events.add(ack.event());
                after = ack.after();
            }
            try {
                publish(after, save(new FeedbackChange(after, current.version(), events, instead)));
                return;
            } catch (io.memnun.error.VersionConflictException e) {
                // a staff command or the SLA monitor changed it meanwhile: record on top of the new version
                if (conflicts >= MAX_RECORD_CONFLICTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * The e-mail that tells the customer what an SMS could not, because their number cannot take SMS (a landline, a
     * number the gateway refused as such): the same template and event, rendered for e-mail, once per SMS. Empty when
     * the message is not a transactional SMS to the customer, the customer left no e-mail address, the event e-mailed
     * them already, or an earlier dead letter of the same SMS planned the e-mail.
     */
    private Optional<Notification> emailInstead(Feedback current, Notification failed) {
        if (planner == null || failed.channel() != ContactChannel.SMS || failed.party().type() != Party.Type.CUSTOMER
                || failed.category() != MessageCategory.TRANSACTIONAL) {
            return Optional.empty();
        }
        String message = failed.id().toString();
        List<FeedbackEvent> history = store.history(current.tenant(), current.id());
        if (history.stream().anyMatch(e -> message.equals(e.details().get("message")) && e.details().containsKey("fallback"))) {
            return Optional.empty();
        }
        try {
            return history.stream().filter(e -> e.version() == failed.eventVersion()).findFirst()
                    .flatMap(e -> planner.emailInstead(current, e, failed));
        } catch (RuntimeException e) {
            // like any planning: a message that cannot be rendered never blocks recording the outcome
            LOG.warn("cannot plan an e-mail instead of {}", failed, io.memnun.notify.ErrorText.loggable(e, failed));
            return Optional.empty();
        }
    }

    /** Records the outcome of the desk's own messages in their feedback's history, for the dispatcher. */
    DeliveryRecorder deliveries() {
        return new DeliveryRecorder() {
            @Override
            public Optional<String> recordedDelivery(Notification n) {
                return FeedbackDesk.this.recordedDelivery(n);
            }

            @Override
            public void record(Notification n, DeliveryOutcome o) {
                recordNotification(n, o.delivered() ? io.memnun.feedback.EventType.NOTIFICATION_SENT : io.memnun.feedback.EventType.NOTIFICATION_FAILED,
                        o.note(), o.details(), o.delivered() && n.acknowledgement(),
                        o.state() == DeliveryOutcome.State.DEAD && "true".equals(o.details().get("unreachable")), o.at());
            }
        };
    }

    /** The provider id of {@code n}'s delivery if the history already records it. */
    Optional<String> recordedDelivery(Notification n) {
        String id = n.id().toString();
        if (n.feedbackId().isEmpty()) {
            return Optional.empty();
        }
        return store.history(n.tenant(), n.feedbackId().get()).stream()
                .filter(e -> e.type() == io.memnun.feedback.EventType.NOTIFICATION_SENT && id.equals(e.details().get("message")))
                .map(e -> e.details().getOrDefault("providerId", "recorded"))
                .findFirst();
    }

    Lifecycle lifecycle() {
        return lifecycle;
    }

    void publish(Feedback feedback, FeedbackEvent event) {
        for (FeedbackListener listener : listeners) {
            try {
                listener.onEvent(feedback, event);
            } catch (RuntimeException e) {
                // the change this event records was in the host's transaction, which the listener's conflict cost
                io.memnun.internal.HostTransactions.rethrowIfLost(e);
                LOG.warn("listener {} failed on {} of {}", listener, event.type(), feedback.reference(), e);
            }
        }
    }

    /** Wires a desk. A store is required; everything else has a default. */
    public static final class Builder {
        private @Nullable FeedbackStore store;
        private @Nullable ReferenceSequence sequence;
        private Clock clock = Clock.systemUTC();
        private DeskConfig config = DeskConfig.defaults();
        private Predicate<Feedback> reviewRequired = f -> false;
        private final List<FeedbackListener> listeners = new ArrayList<>();
        private SlaRules sla = SlaRules.NONE;
        private @Nullable Router router;
        private Duration duplicateWindow = Duration.ZERO;
        private @Nullable Notifications notifications;
        private @Nullable TrackingTokenStore trackingTokens;
        private TrackingSettings trackingSettings = TrackingSettings.defaults();

        private Builder() {}

        /**
         * Customer self-service tracking: every received feedback gets a token, stored as its hash in {@code tokens}
         * and given to the customer in the acknowledgement; {@link FeedbackDesk#tracking()} answers their lookups.
         */
        public Builder tracking(TrackingTokenStore tokens, TrackingSettings settings) {
            this.trackingTokens = Objects.requireNonNull(tokens, "tokens");
            this.trackingSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Notifies by {@code notifications}' rules: every event's messages are written to the outbox with the event.
         * The store must implement {@link TransactionalOutbox}.
         */
        public Builder notifications(Notifications notifications) {
            this.notifications = Objects.requireNonNull(notifications, "notifications");
            return this;
        }

        /**
         * Response-time targets: every feedback gets clocks counted in business hours on the policy's calendars,
         * and the desk's {@link #slaMonitor()} fires warnings, breaches and escalations. Without it feedback has no
         * clocks.
         */
        public Builder sla(SlaPolicy policy) {
            return sla(SlaEngine.of(Objects.requireNonNull(policy, "policy")));
        }

        /** Response-time clocks kept by {@code rules}, e.g. an {@link SlaEngine} with a calendar resolver. */
        public Builder sla(SlaRules rules) {
            this.sla = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** The feedback store; if it also implements {@link ReferenceSequence} it issues the reference numbers. */
        public Builder store(FeedbackStore store) {
            this.store = Objects.requireNonNull(store, "store");
            if (this.sequence == null && store instanceof ReferenceSequence s) {
                this.sequence = s;
            }
            return this;
        }

        public Builder referenceSequence(ReferenceSequence sequence) {
            this.sequence = Objects.requireNonNull(sequence, "sequence");
            return this;
        }

        /** The time source of every timestamp and deadline; tests pass a clock they control. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder config(DeskConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Which proposed resolutions must be approved before they reach the customer (none by default). */
        public Builder reviewBeforeResolution(Predicate<Feedback> reviewRequired) {
            this.reviewRequired = Objects.requireNonNull(reviewRequired, "reviewRequired");
            return this;
        }

        public Builder reviewBeforeResolution(boolean always) {
            return reviewBeforeResolution(f -> always);
        }

        public Builder listener(FeedbackListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Routes every received feedback whose intake names no department, and checks the departments and people that
         * intakes, redirects and assignments name against the router's catalogue (optional).
         */
        public Builder router(Router router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * Flags a new feedback as a possible duplicate of one from the same customer (same e-mail or phone) on the
         * same subject received within {@code window} before it. {@link Duration#ZERO}, the default, turns it off.
         */
        public Builder duplicateWindow(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.isNegative()) {
                throw new ValidationException("duplicateWindow", "must not be negative, was " + window);
            }
            this.duplicateWindow = window;
            return this;
        }

        public FeedbackDesk build() {
            if (store == null) {
                throw new IllegalStateException("store is required: FeedbackDesk.builder().store(...)");
            }
            if (sequence == null) {
                throw new IllegalStateException("referenceSequence is required: the store does not issue sequence numbers");
            }
            if (notifications != null && !(store instanceof TransactionalOutbox)) {
                throw new IllegalStateException("notifications need a store that writes an outbox (TransactionalOutbox); "
                        + store.getClass().getName() + " does not, so every message would be lost");
            }
            return new FeedbackDesk(this);
        }
    }
}
