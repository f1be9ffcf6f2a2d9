package io.memnun.feedback;

/**
 * What the customer agreed to (KVKK / GDPR). Messages about the customer's own feedback are transactional and
 * need no consent; surveys and commercial messages do, and sharing personal data beyond the organisation
 * handling the complaint always does.
 *
 * @param surveys the customer may be sent satisfaction surveys
 * @param commercial the customer may be sent commercial electronic messages (İYS)
 * @param shareWithThirdParties the feedback and personal data may be shared outside the organisation
 */
public record Consent(boolean surveys, boolean commercial, boolean shareWithThirdParties) {
    public static final Consent NONE = new Consent(false, false, false);

    public static Consent none() {
        return NONE;
    }
}
