package io.memnun.spi;

import io.memnun.report.Backlog;
import io.memnun.report.Count;
import io.memnun.report.Dimension;
import io.memnun.report.DurationStats;
import io.memnun.report.Outcomes;
import io.memnun.report.Recurrence;
import io.memnun.report.RecurringProblem;
import io.memnun.report.ReportFilter;
import io.memnun.report.SlaCompliance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The report queries a feedback store answers with aggregates (SQL {@code GROUP BY} and {@code PERCENTILE_CONT} in
 * {@code storage-jdbc}), never by loading feedback to count it. Every figure counts the feedback a
 * {@link ReportFilter} selects (received in its period, unless said otherwise); {@code docs/reports.md} defines each.
 * Groups come ordered by key, null last. {@code io.memnun.tck.ReportStoreContract} states the rules.
 *
 * <p>Business handling time and SLA compliance are counted from the response-time clock rounds a store records when
 * they stop ({@link io.memnun.report.SlaRound#endedBetween}).
 */
public interface ReportStore {

    /** How many feedback fall in each group of {@code by}. */
    List<Count> count(ReportFilter filter, Dimension by);

    /**
     * The business handling time of each feedback that had a decision reach the customer at least once: the working
     * time its resolution clock rounds used (receipt to the decision, and each rejection or appeal to the next
     * decision), grouped by {@code by}; one group with a null key over the whole filter when {@code by} is null.
     * Feedback without a resolution target (no policy clock) has no handling time and is not counted.
     */
    List<DurationStats> handlingTime(ReportFilter filter, @Nullable Dimension by);

    /**
     * Clock rounds met and missed per target and per group of {@code by} (a null key per target when {@code by} is
     * null), and the feedback whose target its business calendar could not count, read from the history details
     * ({@link io.memnun.feedback.SlaHistory#notCounted}): a group with only those has no round met or missed.
     */
    List<SlaCompliance> slaCompliance(ReportFilter filter, @Nullable Dimension by);

    /** Resolutions, acceptance, rejections and appeals. */
    Outcomes outcomes(ReportFilter filter);

    /** Feedback that repeats an earlier one within {@code window}. */
    Recurrence recurrence(ReportFilter filter, Duration window);

    /** The subject and location pairs with at least {@code minimum} feedback, most first (then by subject, location), at most {@code limit}. */
    List<RecurringProblem> recurringProblems(ReportFilter filter, int minimum, int limit);

    /**
     * The feedback open now among those received before the period's end (the period's start is ignored: the
     * backlog includes everything still open), with ages measured at {@code asOf}.
     */
    Backlog backlog(ReportFilter filter, Instant asOf);
}
