package io.memnun.survey;

import io.memnun.internal.Checks;
import io.memnun.routing.LocalizedText;
import java.util.Objects;

/**
 * One option of a choice question.
 *
 * @param id stable within the question; what answers name
 * @param label the text shown, in Turkish and English
 */
public record Choice(String id, LocalizedText label) {
    public Choice {
        Checks.code(id, "choice.id", 64);
        Objects.requireNonNull(label, "label");
    }

    public static Choice of(String id, String tr, String en) {
        return new Choice(id, LocalizedText.of(tr, en));
    }
}
