package io.memnun.store.memory;

import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.SlaKind;
import io.memnun.internal.Checks;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The report queries over a snapshot of one tenant's feedback in memory, computed the way the SQL aggregates of
 * {@code storage-jdbc} compute them (groups ordered by key with null last, continuous percentiles).
 */
final class InMemoryReports {
    private static final Comparator<@Nullable String> KEY_ORDER = Comparator.nullsLast(Comparator.naturalOrder());
    private static final EnumSet<ClosureReason> CLOSED_AFTER_RESOLUTION =
            EnumSet.of(ClosureReason.ACCEPTED, ClosureReason.UNRESOLVED, ClosureReason.NO_RESPONSE);
    private final List<Feedback> all;
    private final Map<FeedbackId, List<SlaRound>> rounds;
    private final Map<FeedbackId, Set<SlaKind>> notCounted;

    /**
     * @param notCounted per feedback, the targets its history says could not be counted (empty when the query does not
     *     need them)
     */
    InMemoryReports(List<Feedback> all, Map<FeedbackId, List<SlaRound>> rounds, Map<FeedbackId, Set<SlaKind>> notCounted) {
        this.all = all;
        this.rounds = rounds;
        this.notCounted = notCounted;
    }

    private List<Feedback> selected(ReportFilter filter) {
        return all.stream().filter(filter::matches).toList();
    }

    private static <T> Map<@Nullable String, List<T>> grouped(List<Feedback> feedback, @Nullable Dimension by, Function<Feedback, List<T>> values) {
        Map<@Nullable String, List<T>> groups = new TreeMap<>(KEY_ORDER);
        for (Feedback f : feedback) {
            List<T> v = values.apply(f);
            if (!v.isEmpty()) {
                groups.computeIfAbsent(by == null ? null : by.keyOf(f), k -> new ArrayList<>()).addAll(v);
            }
        }
        return groups;
    }

    List<Count> count(ReportFilter filter, Dimension by) {
        List<Count> counts = new ArrayList<>();
        grouped(selected(filter), by, List::of).forEach((key, list) -> counts.add(new Count(key, list.size())));
        return counts;
    }

    List<DurationStats> handlingTime(ReportFilter filter, @Nullable Dimension by) {
        List<DurationStats> stats = new ArrayList<>();
        grouped(selected(filter), by, f -> {
            List<SlaRound> resolution = rounds.getOrDefault(f.id(), List.of()).stream().filter(r -> r.kind() == SlaKind.RESOLUTION).toList();
            return resolution.isEmpty() ? List.<Long>of() : List.of(resolution.stream().mapToLong(r -> r.used().toMillis()).sum());
        }).forEach((key, millis) -> stats.add(stats(key, millis)));
        return stats;
    }

    private static DurationStats stats(@Nullable String key, List<Long> millis) {
        double[] v = millis.stream().mapToDouble(Long::doubleValue).sorted().toArray();
        return DurationStats.ofMillis(key, v.length, Arrays.stream(v).sum() / v.length, percentile(v, 0.5), percentile(v, 0.9));
    }

    /** SQL's PERCENTILE_CONT: linear interpolation at position p * (n - 1) of the sorted values. */
    static double percentile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lower = (int) Math.floor(pos);
        int upper = (int) Math.ceil(pos);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (pos - lower);
    }

    List<SlaCompliance> slaCompliance(ReportFilter filter, @Nullable Dimension by) {
        List<SlaCompliance> result = new ArrayList<>();
        for (SlaKind kind : sortedByName()) {
            // each feedback adds its rounds of the target, and a null for the target not counted
            grouped(selected(filter), by, f -> {
                List<@Nullable SlaRound> values = new ArrayList<>();
                rounds.getOrDefault(f.id(), List.of()).stream().filter(r -> r.kind() == kind).forEach(values::add);
                if (notCounted.getOrDefault(f.id(), Set.of()).contains(kind)) {
                    values.add(null);
                }
                return values;
            }).forEach((key, list) -> {
                long met = list.stream().filter(r -> r != null && r.met()).count();
                long uncounted = list.stream().filter(java.util.Objects::isNull).count();
                result.add(new SlaCompliance(kind, key, met, list.size() - met - uncounted, uncounted));
            });
        }
        return result;
    }

    private static List<SlaKind> sortedByName() {
        return Arrays.stream(SlaKind.values()).sorted(Comparator.comparing(Enum::name)).toList();
    }

    Outcomes outcomes(ReportFilter filter) {
        List<Feedback> s = selected(filter);
        return new Outcomes(s.size(),
                s.stream().filter(f -> f.resolvedAt().isPresent()).count(),
                s.stream().filter(f -> f.closureReason().map(CLOSED_AFTER_RESOLUTION::contains).orElse(false)).count(),
                s.stream().filter(f -> f.closureReason().orElse(null) == ClosureReason.ACCEPTED).count(),
                s.stream().filter(f -> f.resolvedAt().isPresent() && f.rejectionCount() > 0).count(),
                s.stream().filter(f -> f.resolvedAt().isPresent() && f.appealCount() > 0).count());
    }

    Recurrence recurrence(ReportFilter filter, Duration window) {
        Checks.argument(!window.isNegative() && !window.isZero(), "window", "must be positive, was " + window);
        List<Feedback> s = selected(filter);
        long sameCustomer = s.stream().filter(f -> hasEarlier(filter, f, window, InMemoryReports::sameCustomer)).count();
        long sameProblem = s.stream().filter(f -> hasEarlier(filter, f, window, InMemoryReports::sameSubjectAndLocation)).count();
        return new Recurrence(window, s.size(), sameCustomer, sameProblem);
    }

    private boolean hasEarlier(ReportFilter filter, Feedback f, Duration window, java.util.function.BiPredicate<Feedback, Feedback> same) {
        Instant from = f.receivedAt().minus(window);
        for (Feedback g : all) {
            if (g.receivedAt().isBefore(f.receivedAt()) && !g.receivedAt().isBefore(from) && same.test(f, g) && filter.inScope(g)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameCustomer(Feedback f, Feedback g) {
        Customer a = f.customer();
        Customer b = g.customer();
        return a.email() != null && b.email() != null && a.email().matchKey().equals(b.email().matchKey())
                || a.phone() != null && a.phone().equals(b.phone())
                || a.externalId() != null && a.externalId().equals(b.externalId());
    }

    private static boolean sameSubjectAndLocation(Feedback f, Feedback g) {
        return f.subject().isPresent() && f.location().isPresent() && f.subject().equals(g.subject()) && f.location().equals(g.location());
    }

    List<RecurringProblem> recurringProblems(ReportFilter filter, int minimum, int limit) {
        Checks.argument(minimum >= 1, "minimum", "must be at least 1, was " + minimum);
        Checks.argument(limit >= 1, "limit", "must be at least 1, was " + limit);
        Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        for (Feedback f : selected(filter)) {
            if (f.subject().isPresent() && f.location().isPresent()) {
                counts.merge(List.of(f.subject().get().value(), f.location().get().value()), 1L, Long::sum);
            }
        }
        return counts.entrySet().stream().filter(e -> e.getValue() >= minimum)
                .map(e -> new RecurringProblem(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .sorted(Comparator.comparingLong(RecurringProblem::count).reversed()
                        .thenComparing(RecurringProblem::subject).thenComparing(RecurringProblem::location))
                .limit(limit).toList();
    }

    Backlog backlog(ReportFilter filter, Instant asOf) {
        Instant end = filter.period().end();
        List<Instant> receipts = all.stream().filter(f -> f.isOpen() && filter.matchesIgnoringPeriod(f) && f.receivedAt().isBefore(end))
                .map(Feedback::receivedAt).sorted().toList();
        long day = 0;
        long week = 0;
        long month = 0;
        long older = 0;
        // ages to the instant, as the SQL stores compare timestamps (a receipt's microseconds count)
        for (Instant r : receipts) {
            Duration age = Duration.between(r, asOf);
            if (age.compareTo(Duration.ofDays(1)) < 0) {
                day++;
            } else if (age.compareTo(Duration.ofDays(7)) < 0) {
                week++;
            } else if (age.compareTo(Duration.ofDays(30)) < 0) {
                month++;
            } else {
                older++;
            }
        }
        if (receipts.isEmpty()) {
            return new Backlog(asOf, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO);
        }
        // the median in whole milliseconds, as the SQL stores' percentile over epoch milliseconds
        double[] millis = receipts.stream().mapToDouble(Instant::toEpochMilli).toArray();
        double median = asOf.toEpochMilli() - percentile(millis, 0.5);
        return new Backlog(asOf, receipts.size(), day, week, month, older, Duration.ofMillis(Math.round(median)),
                Duration.between(receipts.get(0), asOf));
    }
}
