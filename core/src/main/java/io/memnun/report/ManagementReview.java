package io.memnun.report;

import io.memnun.feedback.FeedbackKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The input of an ISO 10002 management review: a period's figures beside the previous period's, the monthly trend,
 * how each subject's complaints changed, the top recurring problems, the open corrective actions, survey scores, and
 * suggestions drawn from them by {@link ReviewRules}. Render it with {@link ReviewHtml} or {@link ReviewCsv}, or as
 * JSON with {@code io.memnun.report.json.ReportJson}.
 *
 * @param title the heading
 * @param generatedAt when it was put together
 * @param current the period under review
 * @param previous the period before it, of the same length
 * @param trend received and complaints per month over both periods
 * @param subjects complaints per subject in both periods, largest current count first
 * @param recurring the subject and location pairs with most feedback in the current period
 * @param openCapas the open corrective and preventive actions at the review
 * @param surveys the departments' survey scores in the current period
 * @param suggestions what to act on
 */
public record ManagementReview(String title, Instant generatedAt, Figures current, Figures previous, List<TrendPoint> trend,
        List<SubjectChange> subjects, List<RecurringProblem> recurring, List<CapaLine> openCapas, List<SurveyLine> surveys,
        List<Suggestion> suggestions) {

    public ManagementReview {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        trend = List.copyOf(trend);
        subjects = List.copyOf(subjects);
        recurring = List.copyOf(recurring);
        openCapas = List.copyOf(openCapas);
        surveys = List.copyOf(surveys);
        suggestions = List.copyOf(suggestions);
    }

    /** Complaints per subject in both periods (subjects of either), largest current count first, then by subject. */
    public static List<SubjectChange> subjectChanges(List<Count> previousComplaints, List<Count> currentComplaints) {
        Set<String> subjects = new TreeSet<>();
        previousComplaints.stream().map(Count::key).filter(Objects::nonNull).forEach(subjects::add);
        currentComplaints.stream().map(Count::key).filter(Objects::nonNull).forEach(subjects::add);
        List<SubjectChange> changes = new ArrayList<>();
        for (String s : subjects) {
            changes.add(new SubjectChange(s, Figures.countOf(previousComplaints, s), Figures.countOf(currentComplaints, s)));
        }
        changes.sort(java.util.Comparator.comparingLong(SubjectChange::current).reversed().thenComparing(SubjectChange::subject));
        return changes;
    }

    /**
     * The suggestions {@code rules} draw from the figures: a subject whose complaints grew beyond the threshold, or a
     * recurring problem, with no open corrective action for its subject; a target met less often than the floor; a
     * location whose business calendar could not count targets; an acceptance rate that fell; an overdue corrective
     * action.
     */
    public static List<Suggestion> suggest(ReviewRules rules, Figures current, Figures previous, List<SubjectChange> subjects,
            List<RecurringProblem> recurring, List<CapaLine> openCapas) {
        Set<String> covered = new TreeSet<>();
        openCapas.stream().map(CapaLine::subject).filter(Objects::nonNull).forEach(covered::add);
        List<Suggestion> out = new ArrayList<>();
        for (SubjectChange s : subjects) {
            OptionalDouble change = s.changePercent();
            boolean grew = s.current() >= rules.minimumComplaints()
                    && (change.isEmpty() ? s.previous() == 0 : change.getAsDouble() > rules.growthPercent());
            if (grew && !covered.contains(s.subject())) {
                out.add(new Suggestion("SUBJECT_GROWTH_WITHOUT_CAPA", s.subject(), String.format(Locale.ROOT,
                        "Complaints about %s rose from %d to %d%s with no open corrective action: open one and analyse the root cause.",
                        s.subject(), s.previous(), s.current(), change.isPresent() ? String.format(Locale.ROOT, " (+%.0f%%)", change.getAsDouble()) : "")));
            }
        }
        for (RecurringProblem r : recurring) {
            if (r.count() >= rules.recurringMinimum() && !covered.contains(r.subject())
                    && out.stream().noneMatch(o -> o.subject().equals(r.subject()))) {
                out.add(new Suggestion("RECURRING_WITHOUT_CAPA", r.subject(), String.format(Locale.ROOT,
                        "%s recurred %d times at %s with no open corrective action.", r.subject(), r.count(), r.location())));
            }
        }
        for (SlaCompliance c : current.slaByTarget()) {
            OptionalDouble met = c.percentMet();
            if (met.isPresent() && met.getAsDouble() < rules.slaFloorPercent()) {
                out.add(new Suggestion("SLA_BELOW_FLOOR", c.target().name(), String.format(Locale.ROOT,
                        "The %s target was met in %.1f%% of cases (floor %.0f%%): review staffing and the target.",
                        c.target().name().toLowerCase(Locale.ROOT).replace('_', ' '), met.getAsDouble(), rules.slaFloorPercent())));
            }
        }
        // per location: a calendar with too few working days leaves feedback out of the compliance figures above
        Map<@Nullable String, List<SlaCompliance>> uncounted = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (SlaCompliance c : current.slaByLocation()) {
            if (c.notCounted() > 0) {
                uncounted.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c);
            }
        }
        uncounted.forEach((location, targets) -> {
            List<String> counts = targets.stream().map(c -> c.notCounted() + " " + c.target().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .toList();
            out.add(new Suggestion("SLA_NOT_COUNTED", location == null ? "(no location)" : location, String.format(Locale.ROOT,
                    "%s, the business calendar could not count %s target%s: enter its working days, then recompute those feedback's clocks.",
                    location == null ? "Without a location" : "At " + location, String.join(" and ", counts),
                    targets.stream().mapToLong(SlaCompliance::notCounted).sum() == 1 ? "" : "s")));
        });
        OptionalDouble now = current.outcomes().acceptanceRate();
        OptionalDouble before = previous.outcomes().acceptanceRate();
        if (now.isPresent() && before.isPresent() && before.getAsDouble() - now.getAsDouble() > rules.acceptanceDropPoints()) {
            out.add(new Suggestion("ACCEPTANCE_DROP", "acceptance", String.format(Locale.ROOT,
                    "Customers accepted %.1f%% of resolutions, down from %.1f%%: review rejected resolutions.", now.getAsDouble(),
                    before.getAsDouble())));
        }
        for (CapaLine c : openCapas) {
            if (c.isOverdue()) {
                out.add(new Suggestion("OVERDUE_CAPA", c.id(), String.format(Locale.ROOT,
                        "Corrective action \"%s\" (%s) has %d overdue item(s).", c.title(), c.department(), c.overdueItems())));
            }
        }
        return out;
    }

    /** The kind a subject comparison counts. */
    public static final FeedbackKind COMPARED_KIND = FeedbackKind.COMPLAINT;
}
