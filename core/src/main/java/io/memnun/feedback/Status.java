package io.memnun.feedback;

/** Where a feedback stands in its lifecycle. */
public enum Status {
    /** Received and recorded (Oluşturuldu), not yet taken by the responsible department. */
    NEW,
    /** Taken into processing (İŞLEME ALMA / İşlem Sırasında). */
    IN_PROGRESS,
    /** Planned, with a target completion time (PLANLAMA). */
    PLANNED,
    /** Waiting for information from the customer; response-time clocks are paused. */
    AWAITING_CUSTOMER,
    /** A proposed resolution is being reviewed (Gözden Geçiriliyor). */
    UNDER_REVIEW,
    /** The resolution was decided and told to the customer (Çözümlendi); their answer is awaited. */
    RESOLVED,
    /** Closed (Kapatıldı), with a {@link ClosureReason}. */
    CLOSED,
    /** Cancelled or dismissed (İPTAL): invalid, duplicate, out of scope; the reason is recorded. */
    CANCELLED;

    /** True for every state in which the feedback still needs work or an answer. */
    public boolean isOpen() {
        return this != CLOSED && this != CANCELLED;
    }
}
