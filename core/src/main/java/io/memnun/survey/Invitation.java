package io.memnun.survey;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to answer one survey version once: sent after a feedback closes (transactional) or as part of a
 * periodic campaign. It holds the hash of its link's token, never the token itself.
 *
 * @param id its id
 * @param tenant the tenant
 * @param survey the survey
 * @param surveyVersion the version the invitee will answer
 * @param tokenHash {@link SurveyToken#hash} of the link's token; unique
 * @param issuedAt when it was issued; response rates count invitations by this instant
 * @param expiresAt after this instant it cannot be answered
 * @param feedback the feedback it follows up; {@code null} for a campaign
 * @param campaign the campaign's name; {@code null} after a feedback
 * @param department the department whose scores its response counts towards, e.g. the feedback's; may be null
 * @param recipient who it went to (a customer id or address), for the host's records; may be null
 * @param answeredAt when it was answered; {@code null} while open
 * @param delivery what became of the message that carried it, for a campaign's invitation sent through the outbox;
 *     {@code null} before the first attempt and for invitations whose message is recorded elsewhere (a feedback's history)
 */
public record Invitation(
        InvitationId id,
        TenantId tenant,
        SurveyId survey,
        int surveyVersion,
        String tokenHash,
        Instant issuedAt,
        Instant expiresAt,
        @Nullable FeedbackId feedback,
        @Nullable String campaign,
        @Nullable DepartmentId department,
        @Nullable String recipient,
        @Nullable Instant answeredAt,
        @Nullable InvitationDelivery delivery) {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(survey, "survey");
        Checks.argument(surveyVersion >= 1, "surveyVersion", "must be positive, was " + surveyVersion);
        Checks.argument(tokenHash != null && HASH.matcher(tokenHash).matches(), "tokenHash", "must be a SHA-256 in lower-case hex");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Checks.argument(expiresAt.isAfter(issuedAt), "expiresAt", "must be after issuedAt " + issuedAt + ", was " + expiresAt);
        Checks.argument(feedback == null || campaign == null, "campaign", "an invitation follows a feedback or belongs to a campaign, not both");
        campaign = campaign == null ? null : Checks.code(campaign, "campaign", 64);
        recipient = recipient == null ? null : Checks.code(recipient, "recipient", 256);
    }

    public Optional<FeedbackId> feedbackId() {
        return Optional.ofNullable(feedback);
    }

    public Optional<InvitationDelivery> deliveryOutcome() {
        return Optional.ofNullable(delivery);
    }

    public Optional<DepartmentId> departmentId() {
        return Optional.ofNullable(department);
    }

    public boolean isAnswered() {
        return answeredAt != null;
    }

    /** True when it can no longer be answered at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** This invitation without its recipient (an anonymisation). */
    public Invitation withoutRecipient() {
        return new Invitation(id, tenant, survey, surveyVersion, tokenHash, issuedAt, expiresAt, feedback, campaign, department, null,
                answeredAt, delivery);
    }

    /** This invitation marked answered at {@code at}. */
    public Invitation answered(Instant at) {
        return new Invitation(id, tenant, survey, surveyVersion, tokenHash, issuedAt, expiresAt, feedback, campaign, department, recipient,
                Objects.requireNonNull(at, "at"), delivery);
    }

    /** This invitation with the outcome of its message's latest attempt. */
    public Invitation delivered(InvitationDelivery outcome) {
        return new Invitation(id, tenant, survey, surveyVersion, tokenHash, issuedAt, expiresAt, feedback, campaign, department, recipient,
                answeredAt, Objects.requireNonNull(outcome, "outcome"));
    }
}
