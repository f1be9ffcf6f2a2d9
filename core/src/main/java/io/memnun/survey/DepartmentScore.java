package io.memnun.survey;

import io.memnun.feedback.DepartmentId;
import java.util.Map;
import java.util.Objects;

/**
 * A department's success score (departman başarı puanı) for one period. Every metric carries its sample size.
 *
 * <ul>
 *   <li><b>CSAT</b>: the percentage of answers to 1–5 rating questions that are 4 or 5, over all rating answers
 *       scoring the department in the period. Sample: the number of rating answers.
 *   <li><b>NPS</b>: the percentage of promoters (9–10) minus the percentage of detractors (0–6) among the answers
 *       to 0–10 questions scoring the department; from −100 to +100. Sample: the number of NPS answers.
 *   <li><b>average rating</b> per question: the mean of the 1–5 answers to that question ({@code surveyId/questionId})
 *       scoring the department.
 *   <li><b>response rate</b>: the percentage of the invitations issued in the period for the department that were
 *       answered (whenever they were answered). Sample: the number of invitations.
 *   <li><b>comments</b>: the comments recorded for the department in the period, and the mean of the ratings given
 *       with them (sample: the comments with a rating).
 * </ul>
 *
 * An answer scores the question's department if the question names one, otherwise the response's department (the
 * department of the feedback it follows up). Responses count by their submission instant.
 *
 * @param department the department
 * @param period the period
 * @param csat CSAT in percent
 * @param nps NPS in points
 * @param averageRatings mean rating per {@code surveyId/questionId}
 * @param responseRate answered invitations in percent of invitations issued
 * @param responses how many responses scored the department at least once
 * @param comments how many comments were recorded for the department
 * @param commentRating the mean rating given with those comments
 */
public record DepartmentScore(
        DepartmentId department,
        Period period,
        Measure csat,
        Measure nps,
        Map<String, Measure> averageRatings,
        Measure responseRate,
        int responses,
        int comments,
        Measure commentRating) {

    public DepartmentScore {
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(csat, "csat");
        Objects.requireNonNull(nps, "nps");
        averageRatings = Map.copyOf(averageRatings);
        Objects.requireNonNull(responseRate, "responseRate");
        Objects.requireNonNull(commentRating, "commentRating");
    }
}
