package io.memnun.survey;

import io.memnun.error.ValidationException;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import io.memnun.routing.LocalizedText;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One published version of a survey definition. Versions are immutable: changing a question publishes the next
 * version, and each response names the version it answered, so old answers are always read against the questions
 * that were asked.
 *
 * @param tenant the tenant that owns it
 * @param id the survey's id, shared by its versions
 * @param version 1 for the first publication, then one more each time
 * @param title the survey's title in Turkish and English
 * @param questions the questions in the order shown; ids unique
 * @param publishedAt when this version was published
 * @param access who may answer this version: through invitation links only, or also anyone without one
 */
public record Survey(TenantId tenant, SurveyId id, int version, LocalizedText title, List<Question> questions, Instant publishedAt,
        SurveyAccess access) {
    /** The most questions a version may hold. */
    public static final int MAX_QUESTIONS = 100;

    public Survey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Checks.argument(version >= 1, "version", "must be positive, was " + version);
        Objects.requireNonNull(title, "title");
        questions = List.copyOf(questions);
        Checks.argument(!questions.isEmpty(), "questions", "a survey asks at least one question");
        Checks.argument(questions.size() <= MAX_QUESTIONS, "questions", questions.size() + " questions, the limit is " + MAX_QUESTIONS);
        Set<String> ids = new HashSet<>();
        for (Question q : questions) {
            Checks.argument(ids.add(q.id()), "questions", "question id '" + q.id() + "' appears twice");
        }
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(access, "access");
    }

    /** A version answered through invitation links only ({@link SurveyAccess#INVITATION_ONLY}). */
    public Survey(TenantId tenant, SurveyId id, int version, LocalizedText title, List<Question> questions, Instant publishedAt) {
        this(tenant, id, version, title, questions, publishedAt, SurveyAccess.INVITATION_ONLY);
    }

    /** True when anyone may answer this version without a link ({@link SurveyAccess#OPEN}). */
    public boolean isOpen() {
        return access == SurveyAccess.OPEN;
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /**
     * Checks a response's answers against this version: each answer names one of its questions, at most once, and
     * fits that question's type; every required question is answered.
     *
     * @throws ValidationException naming {@code answers.<question id>} (or {@code answers} when empty)
     */
    public void validate(List<Answer> answers) {
        Objects.requireNonNull(answers, "answers");
        Checks.argument(!answers.isEmpty(), "answers", "a response answers at least one question");
        Map<String, Answer> byQuestion = new HashMap<>();
        for (Answer a : answers) {
            Objects.requireNonNull(a, "answer");
            Question q = question(a.questionId()).orElseThrow(() -> new ValidationException("answers." + a.questionId(),
                    "survey " + id + " version " + version + " has no such question"));
            if (byQuestion.put(a.questionId(), a) != null) {
                throw new ValidationException("answers." + a.questionId(), "answered twice");
            }
            q.check(a);
        }
        for (Question q : questions) {
            if (q.required() && !byQuestion.containsKey(q.id())) {
                throw new ValidationException("answers." + q.id(), "is required");
            }
        }
    }
}
