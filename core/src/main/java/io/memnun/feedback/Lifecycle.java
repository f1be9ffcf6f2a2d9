package io.memnun.feedback;

import static io.memnun.feedback.Status.AWAITING_CUSTOMER;
import static io.memnun.feedback.Status.CANCELLED;
import static io.memnun.feedback.Status.CLOSED;
import static io.memnun.feedback.Status.IN_PROGRESS;
import static io.memnun.feedback.Status.NEW;
import static io.memnun.feedback.Status.PLANNED;
import static io.memnun.feedback.Status.RESOLVED;
import static io.memnun.feedback.Status.UNDER_REVIEW;

import io.memnun.error.ValidationException;
import io.memnun.internal.InstantText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The feedback lifecycle as one explicit state machine. {@link #apply} checks a command against the current
 * state and either refuses it with an {@link IllegalTransitionException} (the feedback is untouched) or returns
 * the next state together with the history event that records the change.
 *
 * <pre>
 *  receive ──► NEW ──take──► IN_PROGRESS ──plan──► PLANNED ──take──► IN_PROGRESS
 *  NEW / IN_PROGRESS / PLANNED ──redirect──► NEW (another department)
 *  IN_PROGRESS / PLANNED ──awaitCustomer──► AWAITING_CUSTOMER ──customerResponded──► back
 *  IN_PROGRESS / PLANNED ──resolve──► UNDER_REVIEW ──approve──► RESOLVED   (review required)
 *                                                  ──sendBack──► IN_PROGRESS
 *  IN_PROGRESS / PLANNED ──resolve──► RESOLVED                              (no review)
 *  RESOLVED ──accept──► CLOSED (ACCEPTED)        RESOLVED ──reject──► IN_PROGRESS (stays open)
 *  RESOLVED ──close(NO_RESPONSE)──► CLOSED        after the closing period without an answer
 *  rejected, open ──close(UNRESOLVED)──► CLOSED   after the closing period since the last rejection
 *  NEW / IN_PROGRESS / PLANNED / AWAITING_CUSTOMER ──cancel──► CANCELLED
 *  CLOSED / CANCELLED ──appeal──► IN_PROGRESS
 *  any open state ──merge(original)──► CLOSED (DUPLICATE)   any open state ──unlink──► same state
 *  any state ──addNote / addCustomerMessage──► same state
 * </pre>
 */
public final class Lifecycle {
    private static final Set<Status> OPEN = EnumSet.of(NEW, IN_PROGRESS, PLANNED, AWAITING_CUSTOMER, UNDER_REVIEW, RESOLVED);
    private static final Map<Class<? extends Command>, Set<Status>> ALLOWED = allowed();

    /**
     * How far ahead a plan may set its completion: ten years. A plan is meant to be kept (the seeds plan parts and
     * fitters, the closing period is a year); a date beyond this is a typing error, and one such as
     * {@code Instant.MAX} no store could keep.
     */
    public static final Duration MAX_PLAN_AHEAD = Duration.ofDays(3653);

    private final Rules rules;
    private final SlaRules sla;

    /**
     * The policy choices of the lifecycle.
     *
     * @param reviewRequired which proposed resolutions need review before they are told to the customer
     * @param closingPeriod how long a resolution may stay unanswered, or a rejected feedback open, before it may be
     *     closed as NO_RESPONSE or UNRESOLVED (the seeds: one year)
     */
    public record Rules(Predicate<Feedback> reviewRequired, Duration closingPeriod) {
        public static final Duration DEFAULT_CLOSING_PERIOD = Duration.ofDays(365);

        public Rules {
            Objects.requireNonNull(reviewRequired, "reviewRequired");
            Objects.requireNonNull(closingPeriod, "closingPeriod");
            if (closingPeriod.isNegative()) {
                throw new ValidationException("closingPeriod", "must not be negative, was " + closingPeriod);
            }
        }

        /** No review, a closing period of one year. */
        public static Rules defaults() {
            return new Rules(f -> false, DEFAULT_CLOSING_PERIOD);
        }
    }

    /** A permitted change: the feedback's next state and the event recording it. */
    public record Transition(Feedback before, Feedback after, FeedbackEvent event) {
        public Transition {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(event, "event");
        }
    }

    public Lifecycle(Rules rules) {
        this(rules, SlaRules.NONE);
    }

    /** A lifecycle whose feedback carries response-time clocks kept by {@code sla}. */
    public Lifecycle(Rules rules, SlaRules sla) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.sla = Objects.requireNonNull(sla, "sla");
    }

    public Rules rules() {
        return rules;
    }

    /** The states in which a command of this type may be issued (guards such as the closing period aside). */
    public static Set<Status> allowedFrom(Class<? extends Command> commandType) {
        Set<Status> states = ALLOWED.get(commandType);
        if (states == null) {
            throw new IllegalArgumentException("unknown command type " + commandType.getName());
        }
        return Collections.unmodifiableSet(states);
    }

    /**
     * Creates the first state of a feedback from its intake.
     *
     * @param receivedAt when it reached the organisation
     * @param recordedAt now: when it is recorded
     */
    public Feedback receive(FeedbackId id, ReferenceNumber reference, Intake intake, Instant receivedAt, Instant recordedAt) {
        Feedback.Draft d = draftOf(id, reference, intake, receivedAt, recordedAt);
        d.slaClocks = sla.onReceive(d.build(), recordedAt).clocks();
        return d.build();
    }

    /** A new feedback with its RECEIVED event. */
    public record Received(Feedback feedback, FeedbackEvent event) {
        public Received {
            Objects.requireNonNull(feedback, "feedback");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Creates the first state of a feedback from its intake with what triage decided, and its RECEIVED event, recorded
     * by the intake's {@code recordedBy} at {@code recordedAt}. Besides each clock's due time, the event's details say
     * which response-time targets the clocks' calendars could not count ({@code sla.RESOLUTION=not counted: ...}).
     */
    public Received receipt(FeedbackId id, ReferenceNumber reference, Intake intake, Instant receivedAt, Instant recordedAt,
            Triage triage) {
        Objects.requireNonNull(triage, "triage");
        Feedback.Draft d = draftOf(id, reference, intake, receivedAt, recordedAt);
        SlaRules.Update clocks = sla.onReceive(d.build(), recordedAt);
        d.slaClocks = clocks.clocks();
        d.watchers = triage.watchers();
        d.routingVersion = triage.routingVersion();
        d.possibleDuplicateOf = triage.possibleDuplicateOf();
        Feedback f = d.build();
        return new Received(f, receivedEvent(f, intake.recordedBy(), recordedAt, triage, clocks.details()));
    }

    private static Feedback.Draft draftOf(FeedbackId id, ReferenceNumber reference, Intake intake, Instant receivedAt, Instant recordedAt) {
        Feedback.Draft d = new Feedback.Draft();
        d.id = id;
        d.tenant = intake.tenant();
        d.reference = reference;
        d.version = 1;
        d.kind = intake.kind();
        d.type = intake.type();
        d.priority = intake.priority();
        d.channel = intake.channel();
        d.location = intake.location();
        d.subject = intake.subject();
        d.department = intake.department();
        d.assignee = intake.assignee();
        d.customer = intake.customer();
        d.description = intake.description();
        d.desiredRemedy = intake.desiredRemedy();
        d.immediateAction = intake.immediateAction();
        d.assessment = intake.assessment();
        d.attachments = intake.attachments();
        d.context = intake.context();
        d.intakeKey = intake.intakeKey();
        d.status = NEW;
        d.receivedAt = receivedAt;
        d.updatedAt = recordedAt;
        d.recourseOffered = List.of();
        return d;
    }

    /** The history event of a receipt. */
    public static FeedbackEvent receivedEvent(Feedback f, Actor actor, Instant at) {
        return new FeedbackEvent(f.id(), f.version(), EventType.RECEIVED, actor, at, null, null, f.status(), receivedDetails(f, Map.of()));
    }

    private static Map<String, String> receivedDetails(Feedback f, Map<String, String> slaDetails) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("kind", f.kind().name());
        details.put("channel", f.channel().code());
        details.put("priority", f.priority().name());
        f.department().ifPresent(d -> details.put("department", d.value()));
        f.subject().ifPresent(s -> details.put("subject", s.value()));
        f.location().ifPresent(l -> details.put("location", l.value()));
        f.assignee().ifPresent(s -> details.put("assignee", s.value()));
        f.intakeKey().ifPresent(k -> details.put("intakeKey", k));
        for (SlaClock clock : f.slaClocks()) {
            details.put("sla." + clock.kind() + ".due", InstantText.of(clock.dueAt()));
        }
        slaDetails.forEach(details::putIfAbsent);
        return details;
    }

    /** Like {@link #receive(FeedbackId, ReferenceNumber, Intake, Instant, Instant)}, recording what triage decided. */
    public Feedback receive(FeedbackId id, ReferenceNumber reference, Intake intake, Instant receivedAt, Instant recordedAt,
            Triage triage) {
        Objects.requireNonNull(triage, "triage");
        Feedback.Draft d = receive(id, reference, intake, receivedAt, recordedAt).draft();
        d.watchers = triage.watchers();
        d.routingVersion = triage.routingVersion();
        d.possibleDuplicateOf = triage.possibleDuplicateOf();
        return d.build();
    }

    /** The history event of a receipt with its triage: the routing rule, version and reason, a possible duplicate. */
    public static FeedbackEvent receivedEvent(Feedback f, Actor actor, Instant at, Triage triage) {
        return receivedEvent(f, actor, at, triage, Map.of());
    }

    private static FeedbackEvent receivedEvent(Feedback f, Actor actor, Instant at, Triage triage, Map<String, String> slaDetails) {
        Map<String, String> details = receivedDetails(f, slaDetails);
        if (triage.routingRule() != null) {
            details.put("routingRule", triage.routingRule());
            details.put("routingVersion", String.valueOf(triage.routingVersion()));
        }
        if (!triage.watchers().isEmpty()) {
            details.put("watchers", String.join(",", triage.watchers().stream().map(StaffId::value).sorted().toList()));
        }
        if (triage.possibleDuplicateOf() != null) {
            details.put("possibleDuplicateOf", triage.possibleDuplicateOf().toString());
        }
        return new FeedbackEvent(f.id(), f.version(), EventType.RECEIVED, actor, at, triage.routingReason(), null, f.status(), details);
    }

    /**
     * Applies {@code command} to {@code feedback} at {@code now}.
     *
     * @throws IllegalTransitionException if the command is not allowed in the feedback's state
     * @throws ValidationException if the command's values do not fit the feedback (e.g. a plan in the past)
     */
    public Transition apply(Feedback feedback, Command command, Instant now) {
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(now, "now");
        Status from = feedback.status();
        if (!ALLOWED.get(command.getClass()).contains(from)) {
            throw refused(feedback, command, "allowed only in " + ALLOWED.get(command.getClass()));
        }
        Feedback.Draft d = feedback.draft();
        d.version = feedback.version() + 1;
        d.updatedAt = now;
        Map<String, String> details = new LinkedHashMap<>();
        EventType type;
        @Nullable String note;

        if (command instanceof Command.Acknowledge c) {
            type = EventType.ACKNOWLEDGED;
            note = c.note();
        } else if (command instanceof Command.Take c) {
            type = EventType.TAKEN;
            note = c.note();
            d.status = IN_PROGRESS;
            if (d.assignee == null && c.actor().isStaff()) {
                d.assignee = StaffId.of(c.actor().id());
                details.put("assignee", c.actor().id());
            }
        } else if (command instanceof Command.Plan c) {
            if (!c.until().isAfter(now)) {
                throw new ValidationException("until", "planned completion " + c.until() + " is not after now (" + now + ")");
            }
            if (Duration.between(now, c.until()).compareTo(MAX_PLAN_AHEAD) > 0) {
                throw new ValidationException("until", "planned completion " + c.until() + " is more than " + MAX_PLAN_AHEAD.toDays()
                        + " days after now (" + now + ")");
            }
            type = EventType.PLANNED;
            note = c.note();
            d.status = PLANNED;
            d.plannedUntil = c.until();
            details.put("plannedUntil", c.until().toString());
        } else if (command instanceof Command.Redirect c) {
            if (c.department().equals(feedback.department().orElse(null))) {
                throw new ValidationException("department", "feedback " + feedback.reference() + " is already with " + c.department());
            }
            type = EventType.REDIRECTED;
            note = c.reason();
            d.status = NEW;
            feedback.department().ifPresent(old -> details.put("fromDepartment", old.value()));
            details.put("toDepartment", c.department().value());
            d.department = c.department();
            d.assignee = c.assignee();
            d.plannedUntil = null;
            if (c.assignee() != null) {
                details.put("assignee", c.assignee().value());
            }
            // watchers come only from routing at receipt, for the department it chose: they are the old department's
            // people, who must not go on being told about feedback that is no longer theirs. A redirect names the
            // department, as an intake that names one, which routing leaves alone; so the new department adds none.
            if (!feedback.watchers().isEmpty()) {
                details.put("watchersRemoved", String.join(",", feedback.watchers().stream().map(StaffId::value).sorted().toList()));
                d.watchers = java.util.Set.of();
            }
        } else if (command instanceof Command.Assign c) {
            if (c.assignee().equals(feedback.assignee().orElse(null))) {
                throw new ValidationException("assignee", "feedback " + feedback.reference() + " is already assigned to " + c.assignee());
            }
            type = EventType.ASSIGNED;
            note = c.note();
            feedback.assignee().ifPresent(old -> details.put("fromAssignee", old.value()));
            details.put("assignee", c.assignee().value());
            d.assignee = c.assignee();
        } else if (command instanceof Command.AwaitCustomer c) {
            type = EventType.AWAITING_CUSTOMER;
            note = c.question();
            d.pausedFrom = from;
            d.status = AWAITING_CUSTOMER;
        } else if (command instanceof Command.CustomerResponded c) {
            type = EventType.CUSTOMER_RESPONDED;
            note = c.note();
            d.status = feedback.pausedFrom().orElse(IN_PROGRESS);
            d.pausedFrom = null;
        } else if (command instanceof Command.Cancel c) {
            type = EventType.CANCELLED;
            note = c.reason();
            d.status = CANCELLED;
            d.cancellationReason = c.reason();
            d.closedAt = now;
            d.pausedFrom = null;
        } else if (command instanceof Command.Resolve c) {
            note = c.resolution();
            d.resolution = c.resolution();
            if (rules.reviewRequired().test(feedback)) {
                type = EventType.RESOLUTION_PROPOSED;
                d.status = UNDER_REVIEW;
            } else {
                type = EventType.RESOLVED;
                d.status = RESOLVED;
                d.resolvedAt = now;
            }
        } else if (command instanceof Command.Approve c) {
            type = EventType.RESOLUTION_APPROVED;
            note = c.note();
            d.status = RESOLVED;
            d.resolvedAt = now;
        } else if (command instanceof Command.SendBack c) {
            type = EventType.RESOLUTION_SENT_BACK;
            note = c.reason();
            d.status = IN_PROGRESS;
        } else if (command instanceof Command.Accept c) {
            type = EventType.ACCEPTED;
            note = c.note();
            d.status = CLOSED;
            d.closureReason = ClosureReason.ACCEPTED;
            d.closedAt = now;
        } else if (command instanceof Command.Reject c) {
            type = EventType.REJECTED;
            note = c.reason();
            d.status = IN_PROGRESS;
            d.rejectionCount = feedback.rejectionCount() + 1;
            d.lastRejectedAt = now;
            // the plan was for the resolution just rejected: the next round has none until it is planned again
            d.plannedUntil = null;
            List<Recourse> offered = new ArrayList<>(feedback.recourseOffered());
            offered.addAll(c.alternatives());
            d.recourseOffered = offered;
            details.put("alternatives", Integer.toString(c.alternatives().size()));
            for (int i = 0; i < c.alternatives().size(); i++) {
                Recourse r = c.alternatives().get(i);
                details.put("alternative." + (i + 1), r.kind() + ": " + r.description());
            }
        } else if (command instanceof Command.Close c) {
            checkClosingPeriod(feedback, c, now);
            type = EventType.CLOSED;
            note = c.note();
            d.status = CLOSED;
            d.closureReason = c.reason();
            d.closedAt = now;
            d.pausedFrom = null;
            details.put("closureReason", c.reason().name());
        } else if (command instanceof Command.Appeal c) {
            type = EventType.APPEALED;
            note = c.reason();
            d.status = IN_PROGRESS;
            d.appealCount = feedback.appealCount() + 1;
            details.put("previousOutcome", from == CANCELLED ? "CANCELLED" : feedback.closureReason().map(Enum::name).orElse("CLOSED"));
            d.closureReason = null;
            d.closedAt = null;
            d.cancellationReason = null;
            // an appeal starts a new round: only a rejection after it may let it be closed as UNRESOLVED
            d.lastRejectedAt = null;
            d.mergedInto = null;
            d.plannedUntil = null;
        } else if (command instanceof Command.ChangePriority c) {
            if (c.priority() == feedback.priority()) {
                throw new ValidationException("priority", "feedback " + feedback.reference() + " already has priority " + c.priority());
            }
            type = EventType.PRIORITY_CHANGED;
            note = c.reason();
            details.put("fromPriority", feedback.priority().name());
            details.put("toPriority", c.priority().name());
            d.priority = c.priority();
        } else if (command instanceof Command.Assess c) {
            type = EventType.ASSESSED;
            note = c.assessment().impact();
            details.put("severity", c.assessment().severity().name());
            details.put("immediateActionNeeded", Boolean.toString(c.assessment().immediateActionNeeded()));
            d.assessment = c.assessment();
        } else if (command instanceof Command.AddNote c) {
            type = EventType.NOTE_ADDED;
            note = c.note();
        } else if (command instanceof Command.AddCustomerMessage c) {
            type = EventType.CUSTOMER_MESSAGE;
            note = c.message();
            details.putAll(c.details());
        } else if (command instanceof Command.Merge c) {
            if (c.original().equals(feedback.id())) {
                throw new ValidationException("original", "feedback " + feedback.reference() + " cannot be merged into itself");
            }
            type = EventType.MERGED;
            note = c.note();
            d.status = CLOSED;
            d.closureReason = ClosureReason.DUPLICATE;
            d.closedAt = now;
            d.pausedFrom = null;
            d.mergedInto = c.original();
            details.put("original", c.original().toString());
            details.put("closureReason", ClosureReason.DUPLICATE.name());
        } else if (command instanceof Command.Unlink c) {
            if (feedback.possibleDuplicateOf().isEmpty()) {
                throw new ValidationException("possibleDuplicateOf", "feedback " + feedback.reference() + " is not linked to another");
            }
            type = EventType.UNLINKED;
            note = c.note();
            details.put("unlinkedFrom", feedback.possibleDuplicateOf().get().toString());
            d.possibleDuplicateOf = null;
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        SlaRules.Update clocks = sla.onChange(feedback, d.build(), type, now);
        d.slaClocks = clocks.clocks();
        details.putAll(clocks.details());
        Feedback after = d.build();
        FeedbackEvent event = new FeedbackEvent(feedback.id(), after.version(), type, command.actor(), now, note, from,
                after.status(), details);
        return new Transition(feedback, after, event);
    }

    /**
     * Records something done about the feedback that changes nothing of its state, such as a notification sent or
     * failed, or a survey invitation: a new version with one event of {@code type}. Allowed in every state, closed and cancelled included,
     * because it reports on work that was already decided; only the notification event types are accepted.
     */
    public Transition record(Feedback feedback, EventType type, Actor actor, @Nullable String note, Map<String, String> details,
            Instant now) {
        Objects.requireNonNull(feedback, "feedback");
        if (type != EventType.NOTIFICATION_SENT && type != EventType.NOTIFICATION_FAILED && type != EventType.SURVEY_INVITED) {
            throw new IllegalArgumentException("only notification and survey invitation events are recorded without a command, not " + type);
        }
        Feedback.Draft d = feedback.draft();
        d.version = feedback.version() + 1;
        d.updatedAt = now;
        Feedback after = d.build();
        FeedbackEvent event = new FeedbackEvent(feedback.id(), after.version(), type, actor, now, note, feedback.status(),
                feedback.status(), details);
        return new Transition(feedback, after, event);
    }

    /**
     * Recomputes the feedback's running and paused clocks with the targets and calendars that apply now, e.g.
     * after the host changed its SLA policy; empty when nothing changes. The state does not change.
     */
    public java.util.Optional<Transition> recomputeSla(Feedback feedback, Actor actor, Instant now) {
        Feedback.Draft d = feedback.draft();
        d.version = feedback.version() + 1;
        d.updatedAt = now;
        SlaRules.Update update = sla.onChange(feedback, d.build(), EventType.SLA_RECOMPUTED, now);
        if (update.clocks().equals(feedback.slaClocks())) {
            return java.util.Optional.empty();
        }
        d.slaClocks = update.clocks();
        Feedback after = d.build();
        FeedbackEvent event = new FeedbackEvent(feedback.id(), after.version(), EventType.SLA_RECOMPUTED, actor, now, null,
                feedback.status(), feedback.status(), update.details());
        return java.util.Optional.of(new Transition(feedback, after, event));
    }

    /**
     * Fires the earliest SLA checkpoint (warning, breach or escalation) that is due at {@code now} and not fired
     * yet, marking it fired; empty when none is due. The feedback's state does not change. The SLA monitor calls
     * this until it returns empty; because the fired mark is saved with the version check, a checkpoint fires once
     * even when two monitors race.
     */
    public java.util.Optional<Transition> fireDueCheckpoint(Feedback feedback, Instant now) {
        SlaClock dueClock = null;
        SlaCheckpoint due = null;
        for (SlaClock clock : feedback.slaClocks()) {
            SlaCheckpoint next = clock.nextCheckpoint().orElse(null);
            if (next != null && !next.at().isAfter(now) && (due == null || next.at().isBefore(due.at()))) {
                dueClock = clock;
                due = next;
            }
        }
        if (due == null) {
            return java.util.Optional.empty();
        }
        List<SlaCheckpoint> checkpoints = new ArrayList<>(dueClock.checkpoints());
        checkpoints.set(checkpoints.indexOf(due), due.fire());
        List<SlaClock> clocks = new ArrayList<>(feedback.slaClocks());
        clocks.set(clocks.indexOf(dueClock), dueClock.withCheckpoints(checkpoints));
        Feedback.Draft d = feedback.draft();
        d.version = feedback.version() + 1;
        d.updatedAt = now;
        d.slaClocks = clocks;
        Feedback after = d.build();

        Map<String, String> details = new LinkedHashMap<>();
        details.put("sla", dueClock.kind().name());
        details.put("percent", Integer.toString(due.percent()));
        details.put("dueAt", dueClock.dueAt().toString());
        EventType type;
        String note;
        switch (due.type()) {
            case WARNING -> {
                type = EventType.SLA_WARNING;
                note = dueClock.kind() + " target " + due.percent() + "% used, due " + dueClock.dueAt();
            }
            case BREACH -> {
                type = EventType.SLA_BREACHED;
                note = dueClock.kind() + " target breached, was due " + dueClock.dueAt();
            }
            default -> {
                type = EventType.SLA_ESCALATED;
                details.put("level", Integer.toString(due.level()));
                if (due.recipient() != null) {
                    details.put("recipient", due.recipient());
                }
                note = "escalation level " + due.level() + " to " + due.recipient() + ": " + dueClock.kind() + " at " + due.percent() + "%";
            }
        }
        FeedbackEvent event = new FeedbackEvent(feedback.id(), after.version(), type, Actor.system("sla-monitor"), now, note,
                feedback.status(), feedback.status(), details);
        return java.util.Optional.of(new Transition(feedback, after, event));
    }

    private void checkClosingPeriod(Feedback f, Command.Close c, Instant now) {
        Instant since;
        if (c.reason() == ClosureReason.NO_RESPONSE) {
            if (f.status() != RESOLVED) {
                throw refused(f, c, "NO_RESPONSE applies only to a RESOLVED feedback awaiting the customer's answer");
            }
            since = f.resolvedAt().orElse(f.updatedAt());
        } else {
            if (f.status() == RESOLVED || f.lastRejectedAt().isEmpty()) {
                throw refused(f, c, "UNRESOLVED applies only to an open feedback whose resolution the customer rejected");
            }
            since = f.lastRejectedAt().orElseThrow();
        }
        Instant closable = since.plus(rules.closingPeriod());
        if (now.isBefore(closable)) {
            throw refused(f, c, "the closing period runs until " + closable);
        }
    }

    private static IllegalTransitionException refused(Feedback f, Command c, String why) {
        return new IllegalTransitionException(f.reference(), f.status(), c.name(), why);
    }

    private static Map<Class<? extends Command>, Set<Status>> allowed() {
        Map<Class<? extends Command>, Set<Status>> m = new LinkedHashMap<>();
        m.put(Command.Acknowledge.class, EnumSet.copyOf(OPEN));
        m.put(Command.Take.class, EnumSet.of(NEW, PLANNED));
        m.put(Command.Plan.class, EnumSet.of(IN_PROGRESS, PLANNED));
        m.put(Command.Redirect.class, EnumSet.of(NEW, IN_PROGRESS, PLANNED));
        m.put(Command.Assign.class, EnumSet.copyOf(OPEN));
        m.put(Command.AwaitCustomer.class, EnumSet.of(IN_PROGRESS, PLANNED));
        m.put(Command.CustomerResponded.class, EnumSet.of(AWAITING_CUSTOMER));
        // İPTAL is the department's choice instead of a decision (seed 001, step 3); once a decision is proposed or
        // told, the process (seeds 001 step 4, 002, 004) ends only by the customer's answer, a rejection kept open,
        // or the closing period: a reviewer who would dismiss it sends it back first, which the history records
        m.put(Command.Cancel.class, EnumSet.of(NEW, IN_PROGRESS, PLANNED, AWAITING_CUSTOMER));
        m.put(Command.Resolve.class, EnumSet.of(IN_PROGRESS, PLANNED));
        m.put(Command.Approve.class, EnumSet.of(UNDER_REVIEW));
        m.put(Command.SendBack.class, EnumSet.of(UNDER_REVIEW));
        m.put(Command.Accept.class, EnumSet.of(RESOLVED));
        m.put(Command.Reject.class, EnumSet.of(RESOLVED));
        m.put(Command.Close.class, EnumSet.of(RESOLVED, IN_PROGRESS, PLANNED, AWAITING_CUSTOMER));
        m.put(Command.Appeal.class, EnumSet.of(CLOSED, CANCELLED));
        m.put(Command.ChangePriority.class, EnumSet.copyOf(OPEN));
        m.put(Command.Assess.class, EnumSet.copyOf(OPEN));
        m.put(Command.AddNote.class, EnumSet.allOf(Status.class));
        m.put(Command.AddCustomerMessage.class, EnumSet.allOf(Status.class));
        m.put(Command.Merge.class, EnumSet.copyOf(OPEN));
        m.put(Command.Unlink.class, EnumSet.copyOf(OPEN));
        return Map.copyOf(m);
    }
}
