package io.memnun.sla;

import io.memnun.feedback.SlaKind;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SubjectId;
import io.memnun.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Response-time targets (geri bildirim süreleri): for each priority, and optionally narrowed to a kind of
 * feedback, a channel, a subject or a location, how much working time acknowledgement, first response and
 * resolution may take and on which calendar; when a feedback counts as at risk (warning thresholds); and
 * whom to escalate to as its time runs out. Immutable; build with {@link #builder(CalendarRegistry)}, which
 * refuses a bad configuration as a whole, or start from {@link #defaults()}.
 *
 * <p>For each kind of target, the matching scope with the most narrowings wins. The builder refuses two
 * equally specific scopes that could both match one feedback unless a more specific target covers every
 * feedback they share, so the winner is always unique. A kind without any matching target has no deadline.
 */
public final class SlaPolicy {
    /** The default policy's office calendar: Monday to Friday 09:00-18:00 in Istanbul, Turkish holidays. */
    public static final String OFFICE = "office";
    /** The default policy's round-the-clock calendar in Istanbul. */
    public static final String AROUND_THE_CLOCK = "around-the-clock";

    private final CalendarRegistry calendars;
    private final Map<SlaKind, List<Entry>> entries;
    private final List<Integer> warningThresholds;
    private final List<EscalationLevel> escalationLadder;

    private SlaPolicy(CalendarRegistry calendars, Map<SlaKind, List<Entry>> entries, List<Integer> warningThresholds,
            List<EscalationLevel> escalationLadder) {
        this.calendars = calendars;
        this.entries = entries;
        this.warningThresholds = warningThresholds;
        this.escalationLadder = escalationLadder;
    }

    public static Builder builder(CalendarRegistry calendars) {
        return new Builder(calendars);
    }

    /**
     * A starting point drawn from the seed procedures, to adjust to the host's own commitments. Calendars:
     * {@value #OFFICE} (Monday to Friday 09:00-18:00, Europe/Istanbul, {@link TurkishHolidays}) and
     * {@value #AROUND_THE_CLOCK} (always open, Europe/Istanbul). A working day on the office calendar is 9 hours.
     *
     * <table>
     *   <caption>Default targets</caption>
     *   <tr><th>priority</th><th>acknowledgement</th><th>first response</th><th>resolution</th></tr>
     *   <tr><td>VERY_URGENT</td><td>1 hour, around the clock</td><td>24 hours, around the clock</td>
     *       <td>72 hours, around the clock</td></tr>
     *   <tr><td>URGENT</td><td rowspan="3">6 office hours (fax, face to face, letter and every other channel);
     *       1 office hour for e-mail, web form, phone, SMS and social media, which are acknowledged at once
     *       through the same channel</td><td>4 office hours</td><td>3 working days (27 h)</td></tr>
     *   <tr><td>NORMAL</td><td>1 working day (9 h): progress information when not solved within a
     *       day</td><td>10 working days (90 h)</td></tr>
     *   <tr><td>LOW</td><td>2 working days (18 h)</td><td>20 working days (180 h)</td></tr>
     * </table>
     *
     * <p>A feedback counts as at risk at 75% of a target. Escalation: at 75% the assignee, at 100% the
     * department head, at 150% everyone in the role {@code quality-manager}.
     */
    public static SlaPolicy defaults() {
        return DefaultSlaPolicy.create();
    }

    /**
     * The targets that apply to a feedback with these attributes; subject and location may be unknown
     * ({@code null}), in which case scopes narrowed to them do not match.
     */
    public ApplicableTargets targetsFor(Priority priority, FeedbackKind kind, Channel channel, @Nullable SubjectId subject,
            @Nullable LocationId location) {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Map<SlaKind, ApplicableTarget> found = new EnumMap<>(SlaKind.class);
        for (SlaKind targetKind : SlaKind.values()) {
            if (!targetKind.isPolicyTarget()) {
                continue;
            }
            Entry best = null;
            for (Entry entry : entries.getOrDefault(targetKind, List.of())) {
                if (entry.scope.matches(priority, kind, channel, subject, location)
                        && (best == null || entry.scope.specificity() > best.scope.specificity())) {
                    best = entry;
                }
            }
            if (best != null) {
                found.put(targetKind, new ApplicableTarget(best.target, best.scope, best.calendar));
            }
        }
        return new ApplicableTargets(found);
    }

    /** The target of one kind for a feedback; see {@link #targetsFor}. */
    public Optional<ApplicableTarget> targetFor(SlaKind targetKind, Priority priority, FeedbackKind kind, Channel channel,
            @Nullable SubjectId subject, @Nullable LocationId location) {
        return targetsFor(priority, kind, channel, subject, location).get(targetKind);
    }

    public CalendarRegistry calendars() {
        return calendars;
    }

    /** Percentages of a target at which a feedback counts as at risk, ascending. */
    public List<Integer> warningThresholds() {
        return warningThresholds;
    }

    /** The escalation ladder, level 1 first. */
    public List<EscalationLevel> escalationLadder() {
        return escalationLadder;
    }

    private record Entry(SlaScope scope, SlaTarget target, BusinessCalendar calendar) {}

    /** Collects targets, thresholds and the ladder; {@link #build()} checks them together. */
    public static final class Builder {
        private final CalendarRegistry calendars;
        private final List<SlaScope> scopes = new ArrayList<>();
        private final List<SlaTarget> targets = new ArrayList<>();
        private List<Integer> warningThresholds = List.of(75);
        private List<EscalationLevel> escalationLadder = List.of();

        private Builder(CalendarRegistry calendars) {
            this.calendars = Checks.notNull(calendars, "calendars");
        }

        /** A target for every feedback in {@code scope}. */
        public Builder target(SlaScope scope, SlaTarget target) {
            scopes.add(Checks.notNull(scope, "scope"));
            targets.add(Checks.notNull(target, "target"));
            return this;
        }

        /** A target for every feedback of {@code priority}. */
        public Builder target(Priority priority, SlaTarget target) {
            return target(SlaScope.of(Checks.notNull(priority, "priority")), target);
        }

        /** Percentages (1 to 100) of a target at which a feedback counts as at risk; replaces the default 75. */
        public Builder warnAt(int... percents) {
            Checks.notNull(percents, "warnAt");
            warningThresholds = Arrays.stream(percents).boxed().toList();
            return this;
        }

        /** The escalation ladder, levels numbered 1, 2, 3... with rising percentages. */
        public Builder escalation(EscalationLevel... levels) {
            escalationLadder = List.of(Checks.notNull(levels, "escalation"));
            return this;
        }

        /** @throws ValidationException naming the first problem found */
        public SlaPolicy build() {
            Checks.argument(!targets.isEmpty(), "targets", "at least one target is required");
            Map<SlaKind, List<Entry>> byKind = new EnumMap<>(SlaKind.class);
            for (int i = 0; i < targets.size(); i++) {
                SlaTarget target = targets.get(i);
                BusinessCalendar calendar = calendars.find(target.calendar()).orElseThrow(() -> new ValidationException(
                        "targets." + target.kind() + ".calendar",
                        "unknown calendar '" + target.calendar() + "'; known calendars: " + calendars.names()));
                byKind.computeIfAbsent(target.kind(), k -> new ArrayList<>()).add(new Entry(scopes.get(i), target, calendar));
            }
            byKind.forEach((kind, list) -> checkUnambiguous(kind, list));
            byKind.replaceAll((kind, list) -> List.copyOf(list));
            List<Integer> thresholds = checkedThresholds();
            List<EscalationLevel> ladder = checkedLadder();
            checkCountable(ladder);
            return new SlaPolicy(calendars, byKind, thresholds, ladder);
        }

        /**
         * Refuses a target whose farthest checkpoint (the breach, or the last escalation above 100%) is more working
         * time than a calendar counts: accepted, it would fail the receipt of every feedback it applies to.
         */
        private void checkCountable(List<EscalationLevel> ladder) {
            int farthest = ladder.isEmpty() ? 100 : Math.max(100, ladder.get(ladder.size() - 1).percentOfTarget());
            for (SlaTarget target : targets) {
                Duration counted = SlaEngine.share(target.workingTime(), farthest);
                Checks.argument(counted.compareTo(BusinessCalendar.MAX_WORKING_TIME) <= 0, "targets." + target.kind() + ".workingTime",
                        "at " + farthest + "% of " + target.workingTime() + " the checkpoints would count " + counted.toDays()
                                + " days of working time; a calendar counts at most " + BusinessCalendar.MAX_WORKING_TIME.toDays()
                                + " days (200 years)");
            }
        }

        private static void checkUnambiguous(SlaKind kind, List<Entry> entries) {
            for (int i = 0; i < entries.size(); i++) {
                SlaScope a = entries.get(i).scope;
                for (int j = i + 1; j < entries.size(); j++) {
                    SlaScope b = entries.get(j).scope;
                    if (a.equals(b)) {
                        throw new ValidationException("targets." + kind, "two " + kind + " targets for the same scope " + a);
                    }
                    if (a.specificity() == b.specificity() && a.overlaps(b) && !coveredByNarrower(entries, a.meet(b), a.specificity())) {
                        throw new ValidationException("targets." + kind, "scopes " + a + " and " + b
                                + " are equally specific and both match " + a.meet(b) + "; add a " + kind + " target for " + a.meet(b));
                    }
                }
            }
        }

        private static boolean coveredByNarrower(List<Entry> entries, SlaScope shared, int specificity) {
            return entries.stream().anyMatch(e -> e.scope.specificity() > specificity && e.scope.covers(shared));
        }

        private List<Integer> checkedThresholds() {
            List<Integer> sorted = new ArrayList<>(warningThresholds);
            sorted.sort(null);
            for (int i = 0; i < sorted.size(); i++) {
                int percent = sorted.get(i);
                Checks.argument(percent >= 1 && percent <= 100, "warnAt", "thresholds are percentages from 1 to 100, was " + percent);
                Checks.argument(i == 0 || sorted.get(i - 1) != percent, "warnAt", "threshold " + percent + " is given twice");
            }
            return List.copyOf(sorted);
        }

        private List<EscalationLevel> checkedLadder() {
            for (int i = 0; i < escalationLadder.size(); i++) {
                EscalationLevel level = Objects.requireNonNull(escalationLadder.get(i), "escalation level");
                Checks.argument(level.level() == i + 1, "escalation", "levels must be numbered 1, 2, 3... in order; position "
                        + (i + 1) + " holds level " + level.level());
                Checks.argument(i == 0 || escalationLadder.get(i - 1).percentOfTarget() < level.percentOfTarget(),
                        "escalation[" + level.level() + "].percentOfTarget",
                        "must be above the previous level's " + (i == 0 ? 0 : escalationLadder.get(i - 1).percentOfTarget()) + "%, was "
                                + level.percentOfTarget() + "%");
            }
            return escalationLadder;
        }
    }
}
