package io.memnun.survey;

import io.memnun.feedback.DepartmentId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Computes {@link DepartmentScore}s from responses, invitations and comments; the metrics are defined on
 * {@link DepartmentScore}. Pure: the caller passes what the store holds for the period.
 */
public final class Scoring {
    private Scoring() {}

    /**
     * The scores of every department that has a rating, an NPS answer, an invitation or a comment in the period,
     * sorted by department id.
     *
     * @param period the period; responses, invitations and comments outside it are ignored
     * @param surveys finds the survey version a response answered (to know each question's type and department)
     * @param responses responses (others are ignored unless submitted in the period)
     * @param invitations invitations (counted when issued in the period)
     * @param comments comments (counted when given in the period)
     */
    public static List<DepartmentScore> compute(Period period, Function<Response, Survey> surveys, Collection<Response> responses,
            Collection<Invitation> invitations, Collection<Comment> comments) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(surveys, "surveys");
        Map<DepartmentId, Acc> by = new TreeMap<>(java.util.Comparator.comparing(DepartmentId::value));
        for (Response r : responses) {
            if (!period.contains(r.submittedAt())) {
                continue;
            }
            Survey s = surveys.apply(r);
            Set<DepartmentId> scored = new HashSet<>();
            for (Answer a : r.answers()) {
                if (!(a instanceof Answer.Score score)) {
                    continue;
                }
                Question q = s.question(a.questionId()).orElse(null);
                if (q == null) {
                    continue;
                }
                DepartmentId d = q.department() != null ? q.department() : r.department();
                if (d == null) {
                    continue;
                }
                Acc acc = by.computeIfAbsent(d, k -> new Acc());
                scored.add(d);
                if (q.type() == QuestionType.RATING_1_5) {
                    acc.ratings++;
                    if (score.value() >= 4) {
                        acc.satisfied++;
                    }
                    acc.perQuestion.computeIfAbsent(s.id() + "/" + q.id(), k -> new long[2]);
                    long[] sum = acc.perQuestion.get(s.id() + "/" + q.id());
                    sum[0] += score.value();
                    sum[1]++;
                } else if (q.type() == QuestionType.NPS_0_10) {
                    acc.npsAnswers++;
                    if (score.value() >= 9) {
                        acc.promoters++;
                    } else if (score.value() <= 6) {
                        acc.detractors++;
                    }
                }
            }
            for (DepartmentId d : scored) {
                by.get(d).responses++;
            }
        }
        for (Invitation i : invitations) {
            if (i.department() != null && period.contains(i.issuedAt())) {
                Acc acc = by.computeIfAbsent(i.department(), k -> new Acc());
                acc.invitations++;
                if (i.isAnswered()) {
                    acc.answered++;
                }
            }
        }
        for (Comment c : comments) {
            if (c.department() != null && period.contains(c.at())) {
                Acc acc = by.computeIfAbsent(c.department(), k -> new Acc());
                acc.comments++;
                if (c.rating() != null) {
                    acc.commentRatings++;
                    acc.commentRatingSum += c.rating();
                }
            }
        }
        List<DepartmentScore> out = new ArrayList<>();
        by.forEach((d, acc) -> out.add(acc.score(d, period)));
        return out;
    }

    /**
     * The trend of every department scored in either period, pairing its two scores; a department with no score in one
     * period gets an {@link #empty} score of that period.
     */
    public static List<ScoreTrend> trend(Period earlierPeriod, List<DepartmentScore> earlier, Period laterPeriod, List<DepartmentScore> later) {
        Objects.requireNonNull(earlierPeriod, "earlierPeriod");
        Objects.requireNonNull(laterPeriod, "laterPeriod");
        Map<DepartmentId, DepartmentScore> before = new TreeMap<>(java.util.Comparator.comparing(DepartmentId::value));
        Map<DepartmentId, DepartmentScore> after = new TreeMap<>(java.util.Comparator.comparing(DepartmentId::value));
        earlier.forEach(s -> before.put(s.department(), s));
        later.forEach(s -> after.put(s.department(), s));
        Set<DepartmentId> all = new java.util.TreeSet<>(java.util.Comparator.comparing(DepartmentId::value));
        all.addAll(before.keySet());
        all.addAll(after.keySet());
        List<ScoreTrend> out = new ArrayList<>();
        for (DepartmentId d : all) {
            DepartmentScore e = before.get(d);
            DepartmentScore l = after.get(d);
            out.add(new ScoreTrend(d, e != null ? e : empty(d, earlierPeriod), l != null ? l : empty(d, laterPeriod)));
        }
        return out;
    }

    /** A score with no samples at all. */
    public static DepartmentScore empty(DepartmentId department, Period period) {
        return new DepartmentScore(department, period, Measure.EMPTY, Measure.EMPTY, Map.of(), Measure.EMPTY, 0, 0, Measure.EMPTY);
    }

    private static final class Acc {
        int ratings;
        int satisfied;
        int npsAnswers;
        int promoters;
        int detractors;
        int responses;
        int invitations;
        int answered;
        int comments;
        int commentRatings;
        long commentRatingSum;
        final Map<String, long[]> perQuestion = new HashMap<>();

        DepartmentScore score(DepartmentId d, Period period) {
            Measure csat = ratings == 0 ? Measure.EMPTY : new Measure(100.0 * satisfied / ratings, ratings);
            Measure nps = npsAnswers == 0 ? Measure.EMPTY : new Measure(100.0 * (promoters - detractors) / npsAnswers, npsAnswers);
            Map<String, Measure> averages = new HashMap<>();
            perQuestion.forEach((k, v) -> averages.put(k, new Measure((double) v[0] / v[1], (int) v[1])));
            Measure rate = invitations == 0 ? Measure.EMPTY : new Measure(100.0 * answered / invitations, invitations);
            Measure commentRating = commentRatings == 0 ? Measure.EMPTY : new Measure((double) commentRatingSum / commentRatings, commentRatings);
            return new DepartmentScore(d, period, csat, nps, averages, rate, responses, comments, commentRating);
        }
    }
}
