package io.memnun.survey;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A submitted set of answers to one survey version, already validated against it.
 *
 * @param id its id
 * @param tenant the tenant
 * @param survey the survey
 * @param surveyVersion the version answered
 * @param invitation the invitation answered; {@code null} for an open survey (a kiosk, a web page without a link)
 * @param feedback the feedback it is about, from the invitation; may be null
 * @param department the department it scores where a question names none; may be null
 * @param location where it was given; may be null
 * @param submittedAt when it was submitted; scores count responses by this instant
 * @param answers the answers
 */
public record Response(
        ResponseId id,
        TenantId tenant,
        SurveyId survey,
        int surveyVersion,
        @Nullable InvitationId invitation,
        @Nullable FeedbackId feedback,
        @Nullable DepartmentId department,
        @Nullable LocationId location,
        Instant submittedAt,
        List<Answer> answers) {

    public Response {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(survey, "survey");
        Checks.argument(surveyVersion >= 1, "surveyVersion", "must be positive, was " + surveyVersion);
        Objects.requireNonNull(submittedAt, "submittedAt");
        answers = List.copyOf(answers);
        Checks.argument(!answers.isEmpty(), "answers", "a response answers at least one question");
    }

    public Optional<InvitationId> invitationId() {
        return Optional.ofNullable(invitation);
    }

    public Optional<Answer> answer(String questionId) {
        return answers.stream().filter(a -> a.questionId().equals(questionId)).findFirst();
    }

    /** This response with every free-text answer replaced by {@code text} (an anonymisation). */
    public Response withTextAnswers(String text) {
        List<Answer> blanked = answers.stream()
                .map(a -> a instanceof Answer.Text t ? (Answer) new Answer.Text(t.questionId(), text) : a)
                .toList();
        return new Response(id, tenant, survey, surveyVersion, invitation, feedback, department, location, submittedAt, blanked);
    }
}
