package io.memnun.notify;

import io.memnun.feedback.Consent;

/**
 * Whether a message needs the customer's consent. Messages about the customer's own feedback (acknowledgement,
 * decision, closing) are transactional and need none; a satisfaction survey needs {@link Consent#surveys()} and
 * anything commercial needs {@link Consent#commercial()} (İYS in Turkey). Messages to staff are always
 * transactional.
 */
public enum MessageCategory {
    TRANSACTIONAL,
    SURVEY,
    COMMERCIAL;

    /** True when {@code consent} allows sending a message of this category to the customer. */
    public boolean permittedBy(Consent consent) {
        return switch (this) {
            case TRANSACTIONAL -> true;
            case SURVEY -> consent.surveys() || consent.commercial();
            case COMMERCIAL -> consent.commercial();
        };
    }

    /** True for the categories commercial-message rules (İYS) apply to. */
    public boolean isCommercial() {
        return this != TRANSACTIONAL;
    }
}
