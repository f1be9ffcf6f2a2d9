package io.memnun;

import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaEventType;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CapaLifecycle;
import io.memnun.capa.CapaNumber;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Page;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import io.memnun.internal.DuePass;
import io.memnun.internal.TimeOrderedIds;
import io.memnun.notify.Contact;
import io.memnun.notify.Delivery;
import io.memnun.notify.MessageCategory;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.Party;
import io.memnun.notify.TemplateModel;
import io.memnun.spi.CapaListener;
import io.memnun.spi.CapaStore;
import io.memnun.spi.RecipientDirectory;
import io.memnun.spi.TransactionalOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corrective and preventive actions (DÖF) next to a {@link FeedbackDesk}: opens them from feedback, a subject's
 * trend or on their own, numbers them ({@code DOF-2026-000012-3}), applies {@link CapaCommand}s under optimistic
 * locking, reminds the owners of action items before they fall due and escalates overdue ones with
 * {@link #tick(Instant)}, and measures the effectiveness of an action by the complaints on its subject. Shares the
 * desk's clock. Thread-safe.
 *
 * <p>Reminders and overdue escalation are checkpoints like the SLA's, fired by the desk's {@link SlaMonitor} (which
 * calls {@link #tick(Instant)}) or by calling {@link #tick()} directly: an item whose reminder instant came gets one
 * {@code ITEM_DUE_SOON} event, an item past its due instant one {@code ITEM_OVERDUE} event, each mark saved with the
 * version check, so of two nodes ticking at once one wins, the other reloads and finds nothing left. With the desk's
 * notifications the winner's write also puts the messages to the item's person (or else its department) and, when
 * overdue, the department's heads, into the outbox in the same transaction: exactly one set of messages per
 * checkpoint, however many nodes tick. Listeners hear of every event.
 */
public final class CapaDesk {
    private static final Logger LOG = LoggerFactory.getLogger(CapaDesk.class);
    private static final int BATCH = 200;
    private static final int MAX_CONFLICTS = 20;
    private final DuePass<CorrectiveAction> pass = new DuePass<>(BATCH, 10 * BATCH, LOG);

    private static final Actor NOTIFIER = Actor.system("notifications");

    private final FeedbackDesk desk;
    private final CapaStore store;
    private final List<CapaListener> listeners;
    private final String numberPrefix;
    private final @Nullable Duration reminderBefore;

    private CapaDesk(Builder b) {
        this.desk = b.desk;
        this.store = Objects.requireNonNull(b.store, "store");
        this.listeners = List.copyOf(b.listeners);
        this.numberPrefix = b.numberPrefix;
        this.reminderBefore = b.reminderBefore;
    }

    public static Builder builder(FeedbackDesk desk) {
        return new Builder(desk);
    }

    /**
     * Opens an action. Feedback named by the origin must exist in the tenant.
     *
     * @throws NotFoundException naming a feedback that does not exist
     */
    public CorrectiveAction open(TenantId tenant, CapaKind kind, String title, String problem, Origin origin, DepartmentId department,
            Actor actor) {
        Objects.requireNonNull(origin, "origin");
        for (FeedbackId f : origin.feedback()) {
            desk.find(tenant, f).orElseThrow(() -> new NotFoundException("feedback " + f + " in tenant " + tenant));
        }
        Instant now = desk.clock().instant();
        CapaId id = new CapaId(TimeOrderedIds.next(now));
        // the input is checked before a number is drawn: a refused action must not use one up and leave a gap
        CapaLifecycle.open(id, tenant, kind, title, problem, origin, department, actor, now);
        int year = now.atZone(desk.config().referenceZone()).getYear();
        // the feedback desk's sequence, under a prefix of its own: unique per tenant and year across nodes
        CapaNumber number = CapaNumber.of(numberPrefix, year, desk.referenceSequence().next(tenant, numberPrefix, year));
        CapaLifecycle.Transition t = CapaLifecycle.open(id, number, tenant, kind, title, problem, origin, department, actor, now);
        store.save(t.after(), 0, t.event());
        publish(t.after(), t.event());
        return t.after();
    }

    /**
     * Applies a command to the current version.
     *
     * @throws io.memnun.capa.IllegalCapaTransitionException if the state does not allow it, naming every reason
     * @throws VersionConflictException if it changed concurrently; nothing was written
     */
    public CorrectiveAction execute(TenantId tenant, CapaId id, CapaCommand command) {
        return apply(get(tenant, id), command);
    }

    /** Applies a command decided on {@code expectedVersion}; refused with a conflict if the action changed since. */
    public CorrectiveAction execute(TenantId tenant, CapaId id, long expectedVersion, CapaCommand command) {
        CorrectiveAction current = get(tenant, id);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id.toString(), expectedVersion, current.version());
        }
        return apply(current, command);
    }

    private CorrectiveAction apply(CorrectiveAction current, CapaCommand command) {
        Instant now = desk.clock().instant();
        if (command instanceof CapaCommand.AddItem add && add.remindAt() == null && reminderBefore != null) {
            Instant remindAt = add.due().minus(reminderBefore);
            // an item due sooner than the lead gets no reminder: it is as good as due
            command = remindAt.isAfter(now) ? add.remindingAt(remindAt) : add;
        }
        CapaLifecycle.Transition t = CapaLifecycle.apply(current, command, now);
        store.save(t.after(), current.version(), t.event());
        publish(t.after(), t.event());
        return t.after();
    }

    public Optional<CorrectiveAction> find(TenantId tenant, CapaId id) {
        return store.find(tenant, id);
    }

    /**
     * The action with the number a person typed, e.g. {@code DÖF-2026-000012-3} or {@code dof2026000012 3}.
     *
     * @throws io.memnun.feedback.InvalidReferenceNumberException if the text is no number or its check digit is wrong
     */
    public Optional<CorrectiveAction> find(TenantId tenant, String number) {
        return store.findByNumber(tenant, CapaNumber.parse(number));
    }

    public CorrectiveAction get(TenantId tenant, CapaId id) {
        return store.find(tenant, id).orElseThrow(() -> new NotFoundException("corrective action " + id + " in tenant " + tenant));
    }

    public List<CapaEvent> history(TenantId tenant, CapaId id) {
        return store.history(tenant, id);
    }

    public List<CorrectiveAction> openActions(TenantId tenant) {
        return store.open(tenant);
    }

    /** Fires what is due at the desk clock's instant. */
    public int tick() {
        return tick(desk.clock().instant());
    }

    /**
     * Fires every action item checkpoint due at {@code now}, once each: the reminder of an item whose reminder instant
     * came ({@code ITEM_DUE_SOON}) and the escalation of an overdue item ({@code ITEM_OVERDUE}), with their messages.
     * The desk's {@link SlaMonitor} calls it on every tick unless {@link Builder#drivenBySlaMonitor} is false.
     *
     * @return how many checkpoints this call fired
     * @throws io.memnun.error.TransactionConflictException if one met in the host's transaction: the tick stops there,
     *     for the host to roll back and run again (one in the store's own transaction is that action's failure: logged,
     *     tried again on the next tick, the others go on)
     */
    public int tick(Instant now) {
        Objects.requireNonNull(now, "now");
        return pass.run(limit -> store.dueForEscalation(now, limit), CorrectiveAction::id, a -> a.number() != null ? a.number().toString() : a.id().toString(),
                a -> escalateAll(a, now));
    }

    private DuePass.Outcome escalateAll(CorrectiveAction start, Instant now) {
        CorrectiveAction current = start;
        int fired = 0;
        int conflicts = 0;
        while (true) {
            Optional<CapaLifecycle.Transition> t = CapaLifecycle.escalateOverdue(current, now);
            if (t.isEmpty()) {
                return new DuePass.Outcome(fired, true);
            }
            CapaEvent event = t.get().event();
            List<Notification> messages = new ArrayList<>();
            if (event.type() == CapaEventType.ITEM_DUE_SOON || event.type() == CapaEventType.ITEM_OVERDUE) {
                event = planItemNotice(t.get().after(), event, messages);
            }
            try {
                store.save(t.get().after(), current.version(), event, messages);
            } catch (VersionConflictException e) {
                // another node or a staff command got there first: look again at what is stored now
                if (++conflicts > MAX_CONFLICTS) {
                    LOG.warn("giving up on corrective action {} for now after {} conflicts", current.id(), conflicts);
                    return new DuePass.Outcome(fired, false);
                }
                Optional<CorrectiveAction> reloaded = store.find(current.tenant(), current.id());
                if (reloaded.isEmpty()) {
                    return new DuePass.Outcome(fired, true);
                }
                current = reloaded.get();
                continue;
            }
            fired++;
            current = t.get().after();
            publish(current, event);
        }
    }

    /**
     * Plans the messages of a reminder or an overdue item, if the desk notifies: to the item's person, or else its
     * department's own addresses, and for an overdue item also the department's heads. What was planned, or why nobody
     * was told, is written on the event ({@code notify.PERSON=EMAIL}), as on a feedback's events.
     */
    private CapaEvent planItemNotice(CorrectiveAction a, CapaEvent e, List<Notification> out) {
        Optional<NotificationPlanner> planner = desk.planner();
        if (planner.isEmpty()) {
            return e;
        }
        Notifications config = desk.notifications().orElseThrow();
        boolean overdue = e.type() == CapaEventType.ITEM_OVERDUE;
        String template = overdue ? TemplateModel.CAPA_ITEM_OVERDUE_TEMPLATE : TemplateModel.CAPA_ITEM_DUE_SOON_TEMPLATE;
        ActionItem item = a.item(Integer.parseInt(e.details().get("item"))).orElseThrow();
        Map<String, String> details = new LinkedHashMap<>(e.details());
        RecipientDirectory directory = config.directory();
        List<Target> targets = new ArrayList<>();
        if (item.person() != null) {
            // the item's person is its assignee
            targets.add(new Target(Party.ASSIGNEE, directory.staff(a.tenant(), item.person()).map(List::of).orElse(List.of()),
                    "the directory has no contact for " + item.person().value()));
        } else {
            targets.add(new Target(Party.DEPARTMENT, directory.department(a.tenant(), item.owner()),
                    "the directory has no contact for department " + item.owner().value()));
        }
        if (overdue) {
            targets.add(new Target(Party.DEPARTMENT_HEAD, directory.departmentHeads(a.tenant(), item.owner()),
                    "the directory has no head of department " + item.owner().value()));
        }
        MessageOwner owner = new MessageOwner(MessageOwner.CORRECTIVE_ACTION, a.id().value(), label(a));
        Set<UUID> planned = new HashSet<>();
        for (Target target : targets) {
            String label = "notify." + target.party();
            if (target.contacts().isEmpty()) {
                details.put(label, "not notified: " + target.whyNobody());
                continue;
            }
            List<String> done = new ArrayList<>();
            for (Contact c : target.contacts()) {
                try {
                    config.checkTemplate(template, TemplateModel.forCapaItem().keySet(), "corrective action items");
                    NotificationPlanner.Direct d = planner.get().planDirect(a.tenant(), owner, e.version(), template, target.party(),
                            Delivery.PREFERRED, MessageCategory.TRANSACTIONAL, c, config.zone(), itemVariables(a, item, c, config),
                            e.at());
                    if (d.messages().isEmpty()) {
                        done.add("not notified" + (c.id() == null ? "" : " " + c.id()) + ": " + d.notSent());
                    }
                    for (Notification n : d.messages()) {
                        if (planned.add(n.id())) {
                            out.add(n);
                        }
                        done.add(n.channel().name());
                    }
                } catch (RuntimeException ex) {
                    // the host's checks (its SMS reachability test) may read its database in its transaction: a conflict
                    // there aborted the transaction this mark is to be saved in
                    io.memnun.internal.HostTransactions.rethrowIfLost(ex);
                    // a message never blocks the escalation: record it, log it, go on
                    LOG.warn("cannot plan {} for item {} of {}", template, item.number(), a.id(), io.memnun.notify.ErrorText.loggable(ex, null));
                    done.add(NotificationPlanner.notNotified(ex));
                }
            }
            details.put(label, String.join(", ", done));
        }
        return new CapaEvent(e.capa(), e.version(), e.type(), e.actor(), e.at(), e.note(), e.from(), e.to(), details);
    }

    private record Target(Party party, List<Contact> contacts, String whyNobody) {}

    private static String label(CorrectiveAction a) {
        return a.number() == null ? a.id().toString() : a.number().toString();
    }

    private Map<String, String> itemVariables(CorrectiveAction a, ActionItem item, Contact to, Notifications config) {
        Map<String, String> v = new HashMap<>();
        v.put("capaNumber", label(a));
        v.put("capaTitle", a.title());
        v.put("capaKind", a.kind().name());
        v.put("department", a.department().value());
        v.put("itemNumber", Integer.toString(item.number()));
        v.put("itemKind", item.kind().name());
        v.put("itemDescription", item.description());
        v.put("itemOwner", item.owner().value());
        v.put("itemPerson", item.person() == null ? "" : item.person().value());
        v.put("itemDueAt", desk.planner().orElseThrow().timeFormat(to.language(), config.zone()).format(item.due()));
        return v;
    }

    /**
     * Records the outcome of the messages about corrective actions in their histories ({@code NOTIFICATION_SENT},
     * {@code NOTIFICATION_FAILED}), for the dispatcher:
     * {@code NotificationDispatcher.builder(desk).recorder(MessageOwner.CORRECTIVE_ACTION, capa.deliveries())}.
     */
    public DeliveryRecorder deliveries() {
        return new DeliveryRecorder() {
            @Override
            public Optional<String> recordedDelivery(Notification n) {
                String id = n.id().toString();
                return store.history(n.tenant(), new CapaId(n.owner().id())).stream()
                        .filter(e -> e.type() == CapaEventType.NOTIFICATION_SENT && id.equals(e.details().get("message")))
                        .map(e -> e.details().getOrDefault("providerId", "recorded")).findFirst();
            }

            @Override
            public void record(Notification n, DeliveryOutcome o) {
                CapaEventType type = o.delivered() ? CapaEventType.NOTIFICATION_SENT : CapaEventType.NOTIFICATION_FAILED;
                for (int conflicts = 0; ; conflicts++) {
                    Optional<CorrectiveAction> found = store.find(n.tenant(), new CapaId(n.owner().id()));
                    if (found.isEmpty()) {
                        LOG.warn("cannot record {} of {}: the corrective action is gone", type, n);
                        return;
                    }
                    CapaLifecycle.Transition t = CapaLifecycle.recordNotification(found.get(), type, NOTIFIER, o.note(), o.details(), o.at());
                    try {
                        store.save(t.after(), found.get().version(), t.event());
                        publish(t.after(), t.event());
                        return;
                    } catch (VersionConflictException e) {
                        // a command or the monitor changed it meanwhile: record on top of the new version
                        if (conflicts >= MAX_CONFLICTS) {
                            throw e;
                        }
                    }
                }
            }
        };
    }

    /** What {@link #measureEffectiveness} counted: complaints on a subject in two windows of equal length. */
    public record ComplaintCounts(SubjectId subject, Instant beforeFrom, Instant beforeTo, int before, Instant afterFrom, Instant afterTo,
            int after) {
        /** Effective when complaints dropped; with none before, when there are still none. */
        public boolean dropped() {
            return before == 0 ? after == 0 : after < before;
        }
    }

    /**
     * Counts the complaints on the action's subject received in {@code window} before the action was opened and in the
     * last {@code window} up to now, from the feedback store. The subject is the origin's (a trend's, or given with
     * the feedback), or else the subject all the origin's feedbacks share.
     *
     * @throws ValidationException naming {@code subject} if the action has no subject to count, or {@code window} if
     *     the action is younger than the window (the two windows would overlap)
     */
    public ComplaintCounts measureEffectiveness(TenantId tenant, CapaId id, Duration window) {
        Checks.argument(window != null && !window.isNegative() && !window.isZero(), "window", "must be positive, was " + window);
        CorrectiveAction a = get(tenant, id);
        SubjectId subject = subjectOf(a).orElseThrow(() -> new ValidationException("subject",
                "the action names no subject and its feedbacks share none, so complaints cannot be counted"));
        Instant now = desk.clock().instant();
        Instant afterFrom = now.minus(window);
        Checks.argument(!afterFrom.isBefore(a.openedAt()), "window", "the action was opened " + a.openedAt() + ", less than " + window
                + " ago: wait until a whole window has passed since");
        Instant beforeFrom = a.openedAt().minus(window);
        // up to and including now: a complaint received this instant counts
        return new ComplaintCounts(subject, beforeFrom, a.openedAt(), complaints(tenant, subject, beforeFrom, a.openedAt()), afterFrom, now,
                complaints(tenant, subject, afterFrom, now.plusNanos(1)));
    }

    /**
     * Records the verification of effectiveness from {@link #measureEffectiveness counted complaints}: effective when
     * the complaints on the subject dropped, with the counts and windows as its result.
     */
    public CorrectiveAction verifyByComplaints(TenantId tenant, CapaId id, Actor verifier, Duration window) {
        ComplaintCounts c = measureEffectiveness(tenant, id, window);
        String result = "Complaints on " + c.subject().value() + ": " + c.before() + " received " + c.beforeFrom() + " to " + c.beforeTo()
                + " before the action, " + c.after() + " received " + c.afterFrom() + " to " + c.afterTo() + " ("
                + (c.dropped() ? "dropped" : "did not drop") + ")";
        return execute(tenant, id, new CapaCommand.Verify(verifier, c.dropped(), result, c.before(), c.after()));
    }

    private Optional<SubjectId> subjectOf(CorrectiveAction a) {
        if (a.origin().subject() != null) {
            return Optional.of(a.origin().subject());
        }
        Set<SubjectId> subjects = new HashSet<>();
        for (FeedbackId f : a.origin().feedback()) {
            desk.find(a.tenant(), f).flatMap(Feedback::subject).ifPresentOrElse(subjects::add, () -> subjects.add(null));
        }
        return subjects.size() == 1 ? Optional.ofNullable(subjects.iterator().next()) : Optional.empty();
    }

    private int complaints(TenantId tenant, SubjectId subject, Instant from, Instant to) {
        FeedbackQuery q = FeedbackQuery.builder(tenant).kind(FeedbackKind.COMPLAINT).subject(subject).receivedBetween(from, to)
                .limit(FeedbackQuery.MAX_LIMIT).build();
        int n = 0;
        while (true) {
            Page<Feedback> page = desk.query(q);
            n += page.items().size();
            if (page.next().isEmpty()) {
                return n;
            }
            q = q.after(page.next().get());
        }
    }

    private void publish(CorrectiveAction a, CapaEvent e) {
        for (CapaListener l : listeners) {
            try {
                l.onEvent(a, e);
            } catch (RuntimeException ex) {
                // the change this event records was in the host's transaction, which the listener's conflict cost
                io.memnun.internal.HostTransactions.rethrowIfLost(ex);
                LOG.warn("listener {} failed on {} of corrective action {}", l, e.type(), a.id(), ex);
            }
        }
    }

    /** Wires a CAPA desk; a store is required. */
    public static final class Builder {
        private final FeedbackDesk desk;
        private @Nullable CapaStore store;
        private final List<CapaListener> listeners = new ArrayList<>();
        private String numberPrefix = CapaNumber.DEFAULT_PREFIX;
        private @Nullable Duration reminderBefore;
        private boolean drivenBySlaMonitor = true;

        private Builder(FeedbackDesk desk) {
            this.desk = Objects.requireNonNull(desk, "desk");
        }

        public Builder store(CapaStore capaStore) {
            this.store = Objects.requireNonNull(capaStore, "store");
            return this;
        }

        public Builder listener(CapaListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The prefix of the actions' numbers ({@value CapaNumber#DEFAULT_PREFIX} unless set): 1 to 5 letters A-Z, other
         * than the desk's feedback prefix, since both draw from the desk's reference sequence.
         */
        public Builder numberPrefix(String prefix) {
            Checks.argument(prefix != null && prefix.matches("[A-Z]{1,5}"), "numberPrefix", "must be 1 to 5 letters A-Z, was '" + prefix + "'");
            this.numberPrefix = prefix;
            return this;
        }

        /**
         * Reminds an action item's owner this long before the item is due (no reminders unless set); an item added with
         * less time left gets none. A reminder given with the item ({@code AddItem.remindAt}) wins.
         */
        public Builder reminderBefore(Duration lead) {
            Checks.argument(lead != null && !lead.isNegative() && !lead.isZero(), "reminderBefore", "must be positive, was " + lead);
            this.reminderBefore = lead;
            return this;
        }

        /**
         * Whether the desk's {@link SlaMonitor}s also fire this desk's reminders and overdue escalations (true unless set);
         * with false the host calls {@link CapaDesk#tick()} from its own scheduler.
         */
        public Builder drivenBySlaMonitor(boolean driven) {
            this.drivenBySlaMonitor = driven;
            return this;
        }

        /** @throws ValidationException naming the missing or clashing setting */
        public CapaDesk build() {
            Checks.argument(store != null, "store", "is required");
            Checks.argument(!numberPrefix.equals(desk.config().referencePrefix()) && !desk.config().tenantPrefixes().containsValue(numberPrefix),
                    "numberPrefix", "'" + numberPrefix + "' is a feedback prefix too; the numbers would share one sequence");
            Checks.argument(desk.notifications().isEmpty() || store instanceof TransactionalOutbox, "store",
                    "writes no outbox, but the desk notifies: the messages about overdue items would have nowhere to go");
            desk.warnIfAnotherOutbox(store, "corrective action store");
            CapaDesk capa = new CapaDesk(this);
            if (drivenBySlaMonitor) {
                desk.addMonitored(capa::tick);
            }
            return capa;
        }
    }
}
