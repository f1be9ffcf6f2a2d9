package io.memnun.survey;

import io.memnun.internal.Checks;

/** A survey's stable id chosen by the host, e.g. {@code after-closing} or {@code half-year}; all its versions share it. */
public record SurveyId(String value) {
    public SurveyId {
        Checks.code(value, "surveyId", 64);
    }

    public static SurveyId of(String value) {
        return new SurveyId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
