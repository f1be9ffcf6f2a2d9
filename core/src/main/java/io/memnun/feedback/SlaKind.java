package io.memnun.feedback;

/** The steps of handling that carry a response-time clock. */
public enum SlaKind {
    /** Telling the customer the feedback was received (alındı bilgisi). */
    ACKNOWLEDGEMENT,
    /** The first substantive answer or progress information (geri bildirim süresi). */
    FIRST_RESPONSE,
    /** The decision communicated to the customer. */
    RESOLUTION,
    /** The completion time staff set when planning the work; an absolute instant, not a policy target. */
    PLANNED_COMPLETION;

    /** True for the kinds an {@code SlaPolicy} sets targets for. */
    public boolean isPolicyTarget() {
        return this != PLANNED_COMPLETION;
    }
}
