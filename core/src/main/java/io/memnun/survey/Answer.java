package io.memnun.survey;

import io.memnun.internal.Checks;
import java.util.LinkedHashSet;
import java.util.List;

/** One answer to one question; which kind fits is the question's {@link QuestionType}. */
public sealed interface Answer {
    /** The longest free-text answer kept. */
    int MAX_TEXT = 4000;

    String questionId();

    /** The kind's name for error messages: score, choices, text or yes/no. */
    String kind();

    static Answer score(String questionId, int value) {
        return new Score(questionId, value);
    }

    static Answer choices(String questionId, String... choiceIds) {
        return new Choices(questionId, List.of(choiceIds));
    }

    static Answer text(String questionId, String text) {
        return new Text(questionId, text);
    }

    static Answer yesNo(String questionId, boolean yes) {
        return new YesNo(questionId, yes);
    }

    /** A rating (1–5) or an NPS score (0–10); the range is checked against the question. */
    record Score(String questionId, int value) implements Answer {
        public Score {
            Checks.code(questionId, "answer.questionId", 64);
        }

        @Override
        public String kind() {
            return "score";
        }
    }

    /** The chosen options' ids, each once. */
    record Choices(String questionId, List<String> choiceIds) implements Answer {
        public Choices {
            Checks.code(questionId, "answer.questionId", 64);
            choiceIds = List.copyOf(choiceIds);
            Checks.argument(!choiceIds.isEmpty(), "answers." + questionId, "choose at least one option");
            Checks.argument(new LinkedHashSet<>(choiceIds).size() == choiceIds.size(), "answers." + questionId, "an option is chosen twice");
        }

        @Override
        public String kind() {
            return "choices";
        }
    }

    record Text(String questionId, String text) implements Answer {
        public Text {
            Checks.code(questionId, "answer.questionId", 64);
            text = Checks.text(text, "answers." + questionId, MAX_TEXT);
        }

        @Override
        public String kind() {
            return "text";
        }
    }

    record YesNo(String questionId, boolean yes) implements Answer {
        public YesNo {
            Checks.code(questionId, "answer.questionId", 64);
        }

        @Override
        public String kind() {
            return "yes/no";
        }
    }
}
