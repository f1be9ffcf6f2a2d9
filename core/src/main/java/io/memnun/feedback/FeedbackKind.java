package io.memnun.feedback;

/** The nature of a feedback (ISO 10002 treats all of them, complaints first). */
public enum FeedbackKind {
    /** şikâyet: an expression of dissatisfaction where a response or resolution is expected. */
    COMPLAINT,
    /** talep / istek: the customer asks for something. */
    REQUEST,
    /** öneri: an idea for improvement. */
    SUGGESTION,
    /** memnuniyet / teşekkür: praise. */
    COMPLIMENT,
    /** soru: a question. */
    QUESTION
}
