package io.memnun.survey;

/** What kind of answer a question takes. */
public enum QuestionType {
    /** A rating from 1 (very dissatisfied) to 5 (very satisfied); counts towards CSAT and average ratings. */
    RATING_1_5,
    /** "How likely are you to recommend us?" from 0 to 10; counts towards NPS. */
    NPS_0_10,
    /** Exactly one of the question's choices. */
    SINGLE_CHOICE,
    /** One or more of the question's choices. */
    MULTIPLE_CHOICE,
    /** Free text. */
    FREE_TEXT,
    /** Yes or no. */
    YES_NO;

    /** True for the types whose answers are numbers. */
    public boolean isScored() {
        return this == RATING_1_5 || this == NPS_0_10;
    }

    /** True for the types that offer choices. */
    public boolean hasChoices() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }
}
