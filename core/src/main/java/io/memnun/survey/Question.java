package io.memnun.survey;

import io.memnun.feedback.DepartmentId;
import io.memnun.internal.Checks;
import io.memnun.routing.LocalizedText;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One question of a survey version.
 *
 * @param id stable within the survey; what answers name and scores group by
 * @param type the kind of answer it takes
 * @param text the question, in Turkish and English
 * @param choices the options of a choice question; empty for every other type
 * @param department the department its rating or NPS answers score; {@code null} scores the department of the
 *     feedback the response is about
 * @param required whether a response must answer it
 */
public record Question(String id, QuestionType type, LocalizedText text, List<Choice> choices, @Nullable DepartmentId department,
        boolean required) {

    public Question {
        Checks.code(id, "question.id", 64);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        choices = List.copyOf(choices);
        if (type.hasChoices()) {
            Checks.argument(choices.size() >= 2, "question." + id + ".choices", type + " needs at least two choices, has " + choices.size());
            Set<String> ids = new HashSet<>();
            for (Choice c : choices) {
                Checks.argument(ids.add(c.id()), "question." + id + ".choices", "choice id '" + c.id() + "' appears twice");
            }
        } else {
            Checks.argument(choices.isEmpty(), "question." + id + ".choices", type + " takes no choices");
        }
    }

    /** A required question without choices (choice questions use {@link #choice}), e.g. {@code Question.of("room", RATING_1_5, "Oda?", "Room?")}. */
    public static Question of(String id, QuestionType type, String tr, String en) {
        return new Question(id, type, LocalizedText.of(tr, en), List.of(), null, true);
    }

    /** A required choice question, e.g. {@code Question.choice("what", MULTIPLE_CHOICE, "Ne?", "What?", room, staff)}. */
    public static Question choice(String id, QuestionType type, String tr, String en, Choice... options) {
        return new Question(id, type, LocalizedText.of(tr, en), List.of(options), null, true);
    }

    public Question forDepartment(DepartmentId dept) {
        return new Question(id, type, text, choices, Objects.requireNonNull(dept, "department"), required);
    }

    public Question optional() {
        return new Question(id, type, text, choices, department, false);
    }

    public Optional<DepartmentId> departmentId() {
        return Optional.ofNullable(department);
    }

    /**
     * Checks that {@code answer} fits this question.
     *
     * @throws io.memnun.error.ValidationException naming {@code answers.<question id>}
     */
    void check(Answer answer) {
        String field = "answers." + id;
        switch (type) {
            case RATING_1_5, NPS_0_10 -> {
                int max = type == QuestionType.RATING_1_5 ? 5 : 10;
                int min = type == QuestionType.RATING_1_5 ? 1 : 0;
                if (!(answer instanceof Answer.Score s)) {
                    throw new io.memnun.error.ValidationException(field, type + " takes a score from " + min + " to " + max + ", not " + answer.kind());
                }
                Checks.argument(s.value() >= min && s.value() <= max, field, "the score must be from " + min + " to " + max + ", was " + s.value());
            }
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                if (!(answer instanceof Answer.Choices c)) {
                    throw new io.memnun.error.ValidationException(field, type + " takes choices, not " + answer.kind());
                }
                Checks.argument(type == QuestionType.MULTIPLE_CHOICE || c.choiceIds().size() == 1, field,
                        "takes exactly one choice, was given " + c.choiceIds().size());
                for (String chosen : c.choiceIds()) {
                    Checks.argument(choices.stream().anyMatch(o -> o.id().equals(chosen)), field, "'" + chosen + "' is not one of its choices");
                }
            }
            case FREE_TEXT -> {
                if (!(answer instanceof Answer.Text)) {
                    throw new io.memnun.error.ValidationException(field, "FREE_TEXT takes text, not " + answer.kind());
                }
            }
            case YES_NO -> {
                if (!(answer instanceof Answer.YesNo)) {
                    throw new io.memnun.error.ValidationException(field, "YES_NO takes yes or no, not " + answer.kind());
                }
            }
            default -> throw new IllegalStateException("unknown type " + type);
        }
    }
}
