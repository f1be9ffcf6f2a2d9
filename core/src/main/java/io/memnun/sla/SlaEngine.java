package io.memnun.sla;

import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.SlaCheckpoint;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaHistory;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.SlaRules;
import io.memnun.feedback.Status;
import io.memnun.internal.InstantText;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a feedback's response-time clocks in step with its lifecycle, counting business hours on the
 * policy's calendars:
 *
 * <ul>
 *   <li>receipt starts a clock for each target the policy sets for the feedback's priority, kind, channel,
 *       subject and location, counted from the moment of receipt (out of hours: from the next opening);
 *   <li>the first staff action (take, plan, redirect, ask the customer) meets the acknowledgement target;
 *       planning, asking the customer, or a decision meets the first response target; the decision reaching
 *       the customer (RESOLVED) meets the resolution target and the planned completion;
 *   <li>awaiting the customer pauses every clock but the planned completion (an agreed instant), and the
 *       customer's answer resumes them with the working time that was left;
 *   <li>a priority change or a redirect recomputes running clocks with the targets and calendar that now
 *       apply, keeping the working time already used; a rejection or an appeal starts a new resolution clock;
 *   <li>cancelling, closing, merging into an original or a replaced plan stop what still runs as CANCELLED.
 * </ul>
 *
 * <p>A calendar may be too sparse for a target (a seasonal location whose days are entered only so far ahead, a
 * calendar with working time on a few dates): counting never refuses the step that needs it, so no complaint, answer
 * or rejection is lost for it. A clock whose due time cannot be counted is not started; one already running or paused
 * whose remaining time can no longer be counted (a resume, a recompute) stops as CANCELLED; an escalation above 100%
 * the calendar never reaches is left out of its clock, since it could never fall due. Each is said in the history
 * event's details ({@code sla.RESOLUTION=not counted: ...}, {@code sla.ACKNOWLEDGEMENT.notCounted=escalation 3 at
 * 150%: ...}) and logged as a warning naming the reference number, the target and the calendar, once: a later step
 * that finds the same target on the same calendar as uncountable as before logs it at debug level only. A recompute
 * (or a priority change, a redirect) starts a resolution clock that was stopped as not counted again once its calendar
 * can count the rest.
 *
 * <p>Each clock carries checkpoints for the policy's warning thresholds, its breach at 100% and its escalation
 * ladder, which the SLA monitor fires once each.
 */
public final class SlaEngine implements SlaRules {
    private static final Logger LOG = LoggerFactory.getLogger(SlaEngine.class);
    private final SlaPolicy policy;
    private final CalendarResolver calendars;
    /**
     * The unregistered calendar names already warned about: a location's catalogue entry is read on every step of
     * every feedback there, and one warning per name says what the operator must fix; bounded, as names come from
     * the host's catalogue.
     */
    private final Set<String> warnedUnregistered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int MAX_WARNED_UNREGISTERED = 1000;

    /**
     * Chooses the calendar a feedback's target is counted on, e.g. the calendar of the feedback's location;
     * empty keeps the calendar the policy names.
     */
    @FunctionalInterface
    public interface CalendarResolver {
        CalendarResolver POLICY = (feedback, target) -> Optional.empty();

        Optional<String> calendarFor(Feedback feedback, SlaTarget target);
    }

    private SlaEngine(SlaPolicy policy, CalendarResolver calendars) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
    }

    public static SlaEngine of(SlaPolicy policy) {
        return new SlaEngine(policy, CalendarResolver.POLICY);
    }

    /**
     * An engine that asks {@code resolver} for each target's calendar. A name it returns should be registered in
     * the policy's {@link CalendarRegistry}; one that is not is passed over for the policy's calendar, with a
     * warning in the log, so the feedback is still received.
     */
    public static SlaEngine of(SlaPolicy policy, CalendarResolver resolver) {
        return new SlaEngine(policy, resolver);
    }

    public SlaPolicy policy() {
        return policy;
    }

    @Override
    public Update onReceive(Feedback received, Instant now) {
        Map<String, String> details = new LinkedHashMap<>();
        List<SlaClock> clocks = new ArrayList<>();
        for (ApplicableTarget target : targetsFor(received)) {
            SlaClock clock;
            try {
                clock = start(received, target, received.receivedAt());
            } catch (NoWorkingTimeException e) {
                details.put("sla." + target.kind(),
                        notCounted(received, target.kind(), target.target().workingTime(), null, received.receivedAt(), e, true));
                continue;
            }
            clocks.add(clock);
            details.put("sla." + clock.kind() + ".due", InstantText.of(clock.dueAt()));
            noteLeftOut(received, clock, clock.startedAt(), details, null);
        }
        return new Update(clocks, details);
    }

    @Override
    public Update onChange(Feedback before, Feedback after, EventType event, Instant now) {
        Changes c = new Changes(before, after, now);
        switch (event) {
            case ACKNOWLEDGED, TAKEN, REDIRECTED -> c.stop(SlaKind.ACKNOWLEDGEMENT);
            case PLANNED -> {
                c.stop(SlaKind.ACKNOWLEDGEMENT);
                c.stop(SlaKind.FIRST_RESPONSE);
                c.cancel(SlaKind.PLANNED_COMPLETION);
                after.plannedUntil().ifPresent(until -> c.put(planned(now, until)));
            }
            case AWAITING_CUSTOMER -> {
                c.stop(SlaKind.ACKNOWLEDGEMENT);
                c.stop(SlaKind.FIRST_RESPONSE);
                c.pauseAll();
            }
            case CUSTOMER_RESPONDED -> c.resumeAll();
            case RESOLVED, RESOLUTION_APPROVED -> {
                c.stop(SlaKind.ACKNOWLEDGEMENT);
                c.stop(SlaKind.FIRST_RESPONSE);
                c.stop(SlaKind.RESOLUTION);
                c.stop(SlaKind.PLANNED_COMPLETION);
            }
            case REJECTED, APPEALED -> {
                c.cancel(SlaKind.PLANNED_COMPLETION);
                targetsFor(after).stream().filter(t -> t.kind() == SlaKind.RESOLUTION).findFirst().ifPresent(c::start);
            }
            case PRIORITY_CHANGED, SLA_RECOMPUTED -> c.recompute(after);
            case CANCELLED, ACCEPTED, CLOSED, MERGED -> c.cancelAll();
            default -> { }
        }
        if (event == EventType.REDIRECTED) {
            c.cancel(SlaKind.PLANNED_COMPLETION);
            c.recompute(after);
        }
        return new Update(c.clocks, c.details);
    }

    private List<ApplicableTarget> targetsFor(Feedback f) {
        return policy.targetsFor(f.priority(), f.kind(), f.channel(), f.subject().orElse(null), f.location().orElse(null)).all();
    }

    /**
     * The calendar the resolver names, if registered, else the policy's. A name the registry lacks (a typo in a
     * location's catalogue entry, a calendar not yet deployed) must not refuse the complaint: the clock runs on the
     * policy's calendar and a warning names the calendar the registry lacks.
     */
    private String calendarName(Feedback f, ApplicableTarget target) {
        Optional<String> resolved = calendars.calendarFor(f, target.target());
        if (resolved.isPresent() && policy.calendars().find(resolved.get()).isEmpty()) {
            if (warnedUnregistered.size() < MAX_WARNED_UNREGISTERED && warnedUnregistered.add(resolved.get())) {
                LOG.warn("calendar '{}' chosen for {} of {} is not registered (known: {}); counting on the policy's '{}'"
                        + " (said once per calendar)", resolved.get(), target.kind(), f.reference(), policy.calendars().names(),
                        target.target().calendar());
            } else {
                LOG.debug("calendar '{}' chosen for {} of {} is not registered; counting on the policy's '{}'", resolved.get(),
                        target.kind(), f.reference(), target.target().calendar());
            }
            return target.target().calendar();
        }
        return resolved.orElse(target.target().calendar());
    }

    private BusinessCalendar calendar(String name) {
        return policy.calendars().get(name);
    }

    /**
     * What the history says of a target that cannot be counted, logged as a warning when that is new (the reference
     * number, the target and the calendar: nothing about the person); a count tried again with the same outcome (a
     * recompute, a redirect within the location) is logged at debug level, so that a feedback warns once per clock
     * that could not be counted, not on every step.
     *
     * @param budget the target's working time
     * @param used the working time used so far, for a clock already running; null for one being started
     * @param from where the count started
     * @param isNew false when this target was not counted on this calendar before the change either (the feedback had
     *     the same resolution target and no clock for it, or a clock stopped as not counted on them)
     */
    private static String notCounted(Feedback f, SlaKind kind, Duration budget, @Nullable Duration used, Instant from,
            NoWorkingTimeException e, boolean isNew) {
        String needed = used == null ? "the " + format(budget) + " target" : "the " + format(budget.minus(used)) + " left of "
                + format(budget);
        String note = SlaHistory.NOT_COUNTED + "calendar '" + e.calendar() + "' has " + e.found()
                .map(found -> (found.isZero() ? "no working time after " + from : format(found) + " of working time after " + from)
                        + ", less than " + needed)
                // the due time fits, but it falls at the calendar's last closing time: there is no opening to breach it at
                .orElse("no working time after " + e.from() + ", when " + needed + " is used up") + " (" + e.reason() + ")";
        if (isNew) {
            LOG.warn("{} of {} {}", kind, f.reference(), note);
        } else {
            LOG.debug("{} of {} still {}", kind, f.reference(), note);
        }
        return note;
    }

    /**
     * Says in {@code details} which escalations of the policy's ladder {@code clock}, just counted from {@code from} with
     * its {@code usedBeforeRun} used, leaves out because its calendar never reaches them, and logs it as a warning; not
     * when {@code previous}, the clock it continues on the same calendar and target (a resumed one), left them out
     * already, which was said when that one was counted.
     */
    private void noteLeftOut(Feedback f, SlaClock clock, Instant from, Map<String, String> details, @Nullable SlaClock previous) {
        List<EscalationLevel> missing = leftOut(clock);
        if (missing.isEmpty() || clock.calendar() == null) {
            return;
        }
        if (previous != null && clock.calendar().equals(previous.calendar()) && clock.target().equals(previous.target())
                && leftOut(previous).containsAll(missing)) {
            LOG.debug("{} of {} still leaves out escalations {} on calendar '{}'", clock.kind(), f.reference(), missing, clock.calendar());
            return;
        }
        StringBuilder note = new StringBuilder(missing.size() == 1 ? "escalation " : "escalations ");
        for (EscalationLevel level : missing) {
            note.append(level == missing.get(0) ? "" : ", ").append(level.level()).append(" at ").append(level.percentOfTarget()).append('%');
        }
        int first = missing.get(0).percentOfTarget();
        Duration needed = share(clock.target(), first).minus(clock.usedBeforeRun());
        note.append(missing.size() == 1 ? " never falls due" : " never fall due").append(": calendar '").append(clock.calendar())
                .append("' has less working time after ").append(from).append(" than the ").append(format(needed)).append(" to ")
                .append(first).append("% of ").append(format(clock.target()));
        details.put("sla." + clock.kind() + ".notCounted", note.toString());
        LOG.warn("{} of {} {}", clock.kind(), f.reference(), note);
    }

    /**
     * The escalation levels of the policy's ladder that {@code clock}, whose checkpoints are all of the policy's shapes,
     * has no checkpoint for.
     */
    private List<EscalationLevel> leftOut(SlaClock clock) {
        if (clock.checkpoints().size() == policy.warningThresholds().size() + 1 + policy.escalationLadder().size()) {
            return List.of(); // the common case, on every receipt: nothing to look for
        }
        List<EscalationLevel> missing = new ArrayList<>(0);
        for (EscalationLevel level : policy.escalationLadder()) {
            boolean present = false;
            for (SlaCheckpoint c : clock.checkpoints()) {
                present |= c.type() == SlaCheckpoint.Type.ESCALATION && c.level() == level.level() && c.percent() == level.percentOfTarget();
            }
            if (!present) {
                missing.add(level);
            }
        }
        return missing;
    }

    /**
     * A clock for {@code target} counting from {@code start}.
     *
     * @throws NoWorkingTimeException when its calendar cannot count the target's due time or breach from {@code start}
     */
    private SlaClock start(Feedback f, ApplicableTarget target, Instant start) {
        String name = calendarName(f, target);
        BusinessCalendar cal = calendar(name);
        Duration budget = target.target().workingTime();
        return new SlaClock(target.kind(), name, budget, start, cal.plus(start, budget), Duration.ZERO, start,
                SlaClock.State.RUNNING, null, checkpoints(cal, budget, Duration.ZERO, start, List.of()));
    }

    private static SlaClock planned(Instant now, Instant until) {
        return new SlaClock(SlaKind.PLANNED_COMPLETION, null, Duration.ZERO, now, until, Duration.ZERO, now,
                SlaClock.State.RUNNING, null, List.of(new SlaCheckpoint(SlaCheckpoint.Type.BREACH, 0, 100, until, null, false)));
    }

    /**
     * The checkpoints of a target of {@code budget} working time, of which {@code used} is used at {@code from}:
     * one per warning threshold, the breach, and one per escalation level. One whose share of the budget is already
     * used falls due at {@code from}. An escalation beyond the working time the calendar has left is left out, with the
     * levels above it. A checkpoint already fired stays fired while it is still behind ({@code from} or
     * earlier); one a longer target moved after {@code from} fires again when reached, so the new deadline is
     * breached, warned of and escalated like the first.
     */
    private List<SlaCheckpoint> checkpoints(BusinessCalendar cal, Duration budget, Duration used, Instant from, List<SlaCheckpoint> old) {
        // several checkpoints share a percent (a warning and the first escalation, the breach and the second): each
        // instant is counted on the calendar once
        Map<Integer, Instant> atPercent = new HashMap<>();
        List<SlaCheckpoint> list = new ArrayList<>();
        for (int percent : policy.warningThresholds()) {
            list.add(checkpoint(cal, budget, used, from, SlaCheckpoint.Type.WARNING, 0, percent, null, old, atPercent));
        }
        list.add(checkpoint(cal, budget, used, from, SlaCheckpoint.Type.BREACH, 0, 100, null, old, atPercent));
        for (EscalationLevel level : policy.escalationLadder()) {
            try {
                list.add(checkpoint(cal, budget, used, from, SlaCheckpoint.Type.ESCALATION, level.level(), level.percentOfTarget(),
                        level.recipient().toString(), old, atPercent));
            } catch (NoWorkingTimeException neverReached) {
                // more working time than the calendar has left: it could never fall due, so it is left out (and said so)
                break;
            }
        }
        return list;
    }

    private static SlaCheckpoint checkpoint(BusinessCalendar cal, Duration budget, Duration used, Instant from, SlaCheckpoint.Type type,
            int level, int percent, @Nullable String recipient, List<SlaCheckpoint> old, Map<Integer, Instant> atPercent) {
        Instant at = atPercent.computeIfAbsent(percent, p -> {
            Duration left = share(budget, p).minus(used);
            if (left.isNegative()) {
                return from;
            }
            Instant reached = left.isZero() ? from : cal.plus(from, left);
            // a target is exceeded only once more working time is used than it allows: reached at a closing time (or
            // while closed), it is not until the next opening, and a response before then meets it
            return p >= 100 && !cal.isOpen(reached) ? cal.nextOpening(reached) : reached;
        });
        boolean fired = false;
        if (!at.isAfter(from)) {
            for (SlaCheckpoint o : old) {
                fired |= o.fired() && o.type() == type && o.level() == level && o.percent() == percent;
            }
        }
        return new SlaCheckpoint(type, level, percent, at, recipient, fired);
    }

    /** A target's working time on a named calendar. */
    private record TargetOn(String calendar, Duration workingTime) {}

    /** A checkpoint without its instant and fired mark: what the policy's thresholds and ladder decide. */
    private record CheckpointShape(SlaCheckpoint.Type type, int level, int percent, @Nullable String recipient) {
        static CheckpointShape of(SlaCheckpoint c) {
            return new CheckpointShape(c.type(), c.level(), c.percent(), c.recipient());
        }
    }

    /**
     * True when {@code clock} has exactly the checkpoints the policy's warning thresholds and escalation ladder give,
     * so a recompute with unchanged target and calendar has nothing to change; after the host changed only the
     * thresholds or the ladder, it has not.
     */
    private boolean hasPolicyCheckpoints(SlaClock clock, BusinessCalendar cal) {
        Set<CheckpointShape> expected = new HashSet<>();
        for (int percent : policy.warningThresholds()) {
            expected.add(new CheckpointShape(SlaCheckpoint.Type.WARNING, 0, percent, null));
        }
        expected.add(new CheckpointShape(SlaCheckpoint.Type.BREACH, 0, 100, null));
        for (EscalationLevel level : policy.escalationLadder()) {
            expected.add(new CheckpointShape(SlaCheckpoint.Type.ESCALATION, level.level(), level.percentOfTarget(),
                    level.recipient().toString()));
        }
        Set<CheckpointShape> actual = new HashSet<>();
        clock.checkpoints().forEach(c -> actual.add(CheckpointShape.of(c)));
        if (actual.size() != clock.checkpoints().size() || !expected.containsAll(actual)) {
            return false;
        }
        for (EscalationLevel level : leftOut(clock)) {
            // left out because the calendar never reached it: still so when it cannot be counted on from the due time
            Duration beyond = share(clock.target(), level.percentOfTarget()).minus(clock.target());
            if (beyond.isNegative() || beyond.isZero() || isCountable(cal, clock.dueAt(), beyond)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCountable(BusinessCalendar cal, Instant from, Duration workingTime) {
        try {
            cal.plus(from, workingTime);
            return true;
        } catch (NoWorkingTimeException e) {
            return false;
        }
    }

    /**
     * {@code percent} percent of {@code budget}, cut to the nanosecond as {@code budget.multipliedBy(percent).dividedBy(100)}
     * does, in long arithmetic: {@link Duration}'s own goes through {@link java.math.BigDecimal} and was a measurable share
     * of a receipt's cost. Falls back to it for durations too long for a long of nanoseconds.
     */
    static Duration share(Duration budget, int percent) {
        try {
            // long division truncates towards zero, like Duration.dividedBy's RoundingMode.DOWN
            return Duration.ofNanos(Math.multiplyExact(budget.toNanos(), percent) / 100);
        } catch (ArithmeticException tooLong) {
            return budget.multipliedBy(percent).dividedBy(100);
        }
    }

    /** The clocks being changed by one event, and the history details describing the change. */
    private final class Changes {
        final List<SlaClock> clocks;
        final Map<String, String> details = new LinkedHashMap<>();
        final Instant now;

        /** The feedback after the event: it decides the calendar of a clock whose own the registry no longer has. */
        final Feedback feedback;

        /** The feedback before the event: what its targets were, to tell whether one that cannot be counted is new. */
        final Feedback before;

        Changes(Feedback before, Feedback feedback, Instant now) {
            this.before = before;
            this.feedback = feedback;
            this.clocks = new ArrayList<>(feedback.slaClocks());
            this.now = now;
        }

        /**
         * The name of the calendar a clock counts on: its own while the policy's registry has it, else (the host
         * renamed or removed it in a new policy) the one the policy now gives the clock's kind for this feedback;
         * empty for planned completion, or when neither exists.
         */
        private Optional<String> calendarNameOf(SlaClock c) {
            if (c.calendar() == null || policy.calendars().find(c.calendar()).isPresent()) {
                return Optional.ofNullable(c.calendar());
            }
            return targetsFor(feedback).stream().filter(t -> t.kind() == c.kind()).findFirst().map(t -> calendarName(feedback, t));
        }

        Optional<SlaClock> find(SlaKind kind) {
            for (SlaClock c : clocks) {
                if (c.kind() == kind) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        void put(SlaClock clock) {
            clocks.removeIf(c -> c.kind() == clock.kind());
            clocks.add(clock);
            details.put("sla." + clock.kind(), "started, due " + clock.dueAt());
        }

        /**
         * Starts a clock for {@code target} from now in place of the stopped one of its kind, unless its calendar cannot
         * count it: then the stopped one is dropped all the same (as a new one would replace it; its round is in the
         * reports already), so a recompute once the calendar has more days starts the clock, and the details say so.
         */
        void start(ApplicableTarget target) {
            SlaClock clock;
            try {
                clock = SlaEngine.this.start(feedback, target, now);
            } catch (NoWorkingTimeException e) {
                clocks.removeIf(c -> c.kind() == target.kind() && c.state().isStopped());
                details.put("sla." + target.kind(), notCounted(feedback, target.kind(), target.target().workingTime(), null, now, e, true));
                return;
            }
            put(clock);
            noteLeftOut(feedback, clock, now, details, null);
        }

        /**
         * Stops {@code c} as CANCELLED because the rest of the target it now has ({@code budget} on the calendar named
         * {@code calendarName}, of which {@code used} is used) cannot be counted from now: no later moment would have
         * more working time left. The stopped clock keeps that target and calendar, so a recompute that tries it again
         * on them knows that it is nothing new ({@link #startResolutionIfUncounted}).
         */
        private void stopNotCounted(SlaClock c, String calendarName, Duration budget, Duration used, NoWorkingTimeException e) {
            replace(c, new SlaClock(c.kind(), calendarName, budget, c.startedAt(), c.dueAt(), used, null, SlaClock.State.CANCELLED, now,
                    c.checkpoints()), notCounted(feedback, c.kind(), budget, used, now, e, true));
        }

        private void replace(SlaClock old, SlaClock updated, String description) {
            // by identity: old was taken from the list, and a record's equals would compare every checkpoint first
            int i = 0;
            while (clocks.get(i) != old) {
                i++;
            }
            clocks.set(i, updated);
            details.put("sla." + updated.kind(), description);
        }

        private Duration used(SlaClock c) {
            Optional<String> name = calendarNameOf(c);
            if (c.state() != SlaClock.State.RUNNING || name.isEmpty()) {
                return c.usedBeforeRun();
            }
            return c.usedBeforeRun().plus(calendar(name.get()).workingTimeBetween(Objects.requireNonNull(c.runningSince()), now));
        }

        /** Stops a running or paused clock as met (on time) or missed (late). */
        void stop(SlaKind kind) {
            find(kind).filter(c -> !c.state().isStopped()).ifPresent(c -> {
                Duration used = used(c);
                // without a calendar to count on (planned completion, or one the policy no longer has) the due time decides
                boolean counted = calendarNameOf(c).isPresent();
                boolean late = counted ? used.compareTo(c.target()) > 0 : now.isAfter(c.dueAt());
                SlaClock.State state = late ? SlaClock.State.MISSED : SlaClock.State.MET;
                replace(c, new SlaClock(c.kind(), c.calendar(), c.target(), c.startedAt(), c.dueAt(), used, null, state, now, c.checkpoints()),
                        (late ? "missed" : "met") + (!counted ? "" : ", " + format(used) + " of " + format(c.target()) + " working time used"));
            });
        }

        void cancel(SlaKind kind) {
            find(kind).filter(c -> !c.state().isStopped()).ifPresent(c -> replace(c,
                    new SlaClock(c.kind(), c.calendar(), c.target(), c.startedAt(), c.dueAt(), used(c), null, SlaClock.State.CANCELLED, now,
                            c.checkpoints()), "cancelled"));
        }

        void cancelAll() {
            for (SlaKind kind : SlaKind.values()) {
                cancel(kind);
            }
        }

        void pauseAll() {
            for (SlaClock c : List.copyOf(clocks)) {
                if (c.isRunning() && c.calendar() != null) {
                    replace(c, new SlaClock(c.kind(), c.calendar(), c.target(), c.startedAt(), c.dueAt(), used(c), null, SlaClock.State.PAUSED,
                            null, c.checkpoints()), "paused, " + format(used(c)) + " of " + format(c.target()) + " used");
                }
            }
        }

        void resumeAll() {
            for (SlaClock c : List.copyOf(clocks)) {
                if (c.state() == SlaClock.State.PAUSED) {
                    Optional<String> counted = calendarNameOf(c);
                    if (counted.isEmpty()) {
                        // the policy no longer has this clock's calendar nor a target of its kind: it no longer applies
                        cancel(c.kind());
                        continue;
                    }
                    String name = counted.get();
                    SlaClock resumed;
                    try {
                        resumed = rerun(c, name, c.target(), c.usedBeforeRun());
                    } catch (NoWorkingTimeException e) {
                        stopNotCounted(c, name, c.target(), c.usedBeforeRun(), e);
                        continue;
                    }
                    replace(c, resumed, "resumed, due " + resumed.dueAt());
                    noteLeftOut(feedback, resumed, now, details, c);
                }
            }
        }

        /** Applies the targets and calendars that now fit the feedback to its running and paused clocks. */
        void recompute(Feedback f) {
            for (SlaClock c : List.copyOf(clocks)) {
                if (c.state().isStopped() || !c.kind().isPolicyTarget()) {
                    continue;
                }
                Optional<ApplicableTarget> target = targetsFor(f).stream().filter(t -> t.kind() == c.kind()).findFirst();
                if (target.isEmpty()) {
                    cancel(c.kind());
                    continue;
                }
                String name = calendarName(f, target.get());
                Duration budget = target.get().target().workingTime();
                if (name.equals(c.calendar()) && budget.equals(c.target()) && hasPolicyCheckpoints(c, calendar(name))) {
                    continue;
                }
                Duration used = used(c);
                SlaClock updated;
                try {
                    updated = rerun(c, name, budget, used);
                } catch (NoWorkingTimeException e) {
                    stopNotCounted(c, name, budget, used, e);
                    continue;
                }
                if (c.state() == SlaClock.State.PAUSED) {
                    updated = new SlaClock(updated.kind(), name, budget, c.startedAt(), updated.dueAt(), used, null, SlaClock.State.PAUSED, null,
                            updated.checkpoints());
                }
                replace(c, updated, "recomputed: " + format(budget) + " on " + name + ", due " + updated.dueAt());
                noteLeftOut(feedback, updated, now, details, null);
            }
            startResolutionIfUncounted(f);
        }

        /**
         * Starts the resolution clock of a target that applies now but had none (the policy added one, or the new
         * priority has one), or whose clock was cancelled while the feedback stayed open (its calendar could not count
         * the rest of it, or its target no longer applied), while the decision has not reached the customer.
         *
         * <p>A missing clock counts from the last rejection if there was one, else from receipt, as those would have
         * started it, with the working time since then as used. That time includes stretches spent awaiting the
         * customer, which the feedback no longer shows once its clocks stopped, unless another clock started at the same
         * moment on the same calendar still counts: its time used, paused with the feedback, is taken. After an appeal
         * the restart instant is not on the feedback, so nothing is started.
         *
         * <p>A cancelled clock runs again from its own start, with the working time it used and the working time since it
         * stopped: that was not time awaiting the customer, which pauses a clock rather than stops it, but time the
         * calendar could not count (or the target did not apply), and counts as it does for a missing clock.
         *
         * <p>Acknowledgement and first response are not started: the feedback does not show whether it was already
         * acknowledged (which leaves it NEW) or asked the customer (the answer returns it to the state it left), and a
         * clock for a step already taken would never be met.
         *
         * <p>When the calendar still cannot count it, the details say so and a warning is logged only when that is new:
         * the target or calendar differs from the one the feedback had before this change (a cancelled clock keeps the
         * ones it could not count). A recompute under the same policy, a redirect within the location, tries again
         * quietly: the receipt, rejection or stop that could not count it said so.
         */
        private void startResolutionIfUncounted(Feedback f) {
            if (!f.isOpen() || f.status() == Status.RESOLVED) {
                return;
            }
            Optional<SlaClock> current = find(SlaKind.RESOLUTION);
            // a clock this very change stopped is not tried again at once
            if (current.isPresent() && (current.get().state() != SlaClock.State.CANCELLED || !now.isAfter(current.get().stoppedAt()))
                    || current.isEmpty() && f.appealCount() > 0) {
                return;
            }
            targetsFor(f).stream().filter(t -> t.kind() == SlaKind.RESOLUTION).findFirst().ifPresent(target -> {
                String name = calendarName(f, target);
                Duration budget = target.target().workingTime();
                if (current.isPresent()) {
                    restart(current.get(), name, budget);
                } else {
                    startMissing(f, name, budget);
                }
            });
        }

        private void startMissing(Feedback f, String name, Duration budget) {
            Instant from = f.lastRejectedAt().orElse(f.receivedAt());
            BusinessCalendar cal = calendar(name);
            Duration used = clocks.stream()
                    .filter(c -> !c.state().isStopped() && c.startedAt().equals(from) && calendarNameOf(c).filter(name::equals).isPresent())
                    .findFirst().map(this::used).orElseGet(() -> cal.workingTimeBetween(from, now));
            // an overdue placeholder: rerun places the due time when the target was used up, or counts what is left from now
            SlaClock fresh;
            try {
                fresh = rerun(new SlaClock(SlaKind.RESOLUTION, name, budget, from, now, used, now, SlaClock.State.RUNNING, null,
                        List.of()), name, budget, used);
            } catch (NoWorkingTimeException e) {
                boolean isNew = !resolutionTargetBefore().equals(Optional.of(new TargetOn(name, budget)));
                String note = notCounted(f, SlaKind.RESOLUTION, budget, used, now, e, isNew);
                if (isNew) {
                    details.put("sla." + SlaKind.RESOLUTION, note);
                }
                return;
            }
            if (f.status() == Status.AWAITING_CUSTOMER) {
                fresh = new SlaClock(fresh.kind(), name, budget, from, fresh.dueAt(), used, null, SlaClock.State.PAUSED, null,
                        fresh.checkpoints());
            }
            clocks.add(fresh);
            details.put("sla." + fresh.kind(), SlaHistory.STARTED_BY_RECOMPUTE + " from " + from + ", " + format(used) + " of "
                    + format(budget) + " used, due " + fresh.dueAt());
            noteLeftOut(f, fresh, now, details, null);
        }

        /** Runs the cancelled resolution clock {@code c} again, or says why it still cannot. */
        private void restart(SlaClock c, String name, Duration budget) {
            Instant stopped = Objects.requireNonNull(c.stoppedAt());
            Duration used = c.usedBeforeRun().plus(calendar(name).workingTimeBetween(stopped, now));
            SlaClock fresh;
            try {
                // a placeholder running since its stop with the time it used before, as the time since is counted: a target
                // used up since the stop is placed in that stretch; it keeps the fired marks of checkpoints still behind
                fresh = rerun(new SlaClock(c.kind(), name, budget, c.startedAt(), now, c.usedBeforeRun(), stopped, SlaClock.State.RUNNING,
                        null, c.checkpoints()), name, budget, used);
            } catch (NoWorkingTimeException e) {
                boolean isNew = !(name.equals(c.calendar()) && budget.equals(c.target()));
                String note = notCounted(feedback, c.kind(), budget, used, now, e, isNew);
                if (isNew) {
                    // still stopped, now with the target and calendar it cannot be counted on
                    replace(c, new SlaClock(c.kind(), name, budget, c.startedAt(), c.dueAt(), c.usedBeforeRun(), null,
                            SlaClock.State.CANCELLED, stopped, c.checkpoints()), note);
                }
                return;
            }
            if (feedback.status() == Status.AWAITING_CUSTOMER) {
                fresh = new SlaClock(fresh.kind(), name, budget, c.startedAt(), fresh.dueAt(), used, null, SlaClock.State.PAUSED, null,
                        fresh.checkpoints());
            }
            replace(c, fresh, SlaHistory.STARTED_BY_RECOMPUTE + " again, stopped since " + stopped + ": " + format(used) + " of " + format(budget)
                    + " used, due " + fresh.dueAt());
            noteLeftOut(feedback, fresh, now, details, null);
        }

        /** The resolution target and calendar that applied to the feedback before this change, under this policy. */
        private Optional<TargetOn> resolutionTargetBefore() {
            return targetsFor(before).stream().filter(t -> t.kind() == SlaKind.RESOLUTION).findFirst()
                    .map(t -> new TargetOn(calendarName(before, t), t.target().workingTime()));
        }

        /** The clock running again from now on {@code calendarName} with {@code used} of {@code budget} behind it. */
        private SlaClock rerun(SlaClock c, String calendarName, Duration budget, Duration used) {
            BusinessCalendar cal = calendar(calendarName);
            Duration left = budget.minus(used);
            Instant due = left.isNegative() || left.isZero() ? reachedAt(c, budget, used) : cal.plus(now, left);
            return new SlaClock(c.kind(), calendarName, budget, c.startedAt(), due, used, now, SlaClock.State.RUNNING, null,
                    checkpoints(cal, budget, used, now, c.checkpoints()));
        }

        /**
         * When {@code c}, with {@code used} working time used by now, used up {@code budget}: the due time of a target that
         * is already used up. A clock keeps only the start of its current running stretch and the sum of the earlier ones,
         * so the moment is exact when it lies in the current stretch, or when no working time was paused since the start;
         * an unchanged target keeps its due time. Otherwise (used up before a pause that took working time off, or before
         * an earlier recompute) the moment is not known and the clock is due now.
         */
        private Instant reachedAt(SlaClock c, Duration budget, Duration used) {
            Optional<String> name = calendarNameOf(c);
            if (name.isPresent()) {
                // the calendar the time used was counted on, which a recompute may be about to change
                BusinessCalendar counted = calendar(name.get());
                if (c.isRunning() && c.usedBeforeRun().compareTo(budget) < 0) {
                    return counted.plus(Objects.requireNonNull(c.runningSince()), budget.minus(c.usedBeforeRun()));
                }
                if (counted.workingTimeBetween(c.startedAt(), now).equals(used)) {
                    return counted.plus(c.startedAt(), budget);
                }
            }
            return budget.equals(c.target()) && c.dueAt().isBefore(now) ? c.dueAt() : now;
        }
    }

    static String format(Duration d) {
        long minutes = d.toMinutes();
        long m = minutes % 60;
        // by hand: String.format costs more than the rest of a clock's stop, which runs on every step of a feedback
        return minutes / 60 + (m >= 0 && m < 10 ? "h0" : "h") + m + "m";
    }
}
