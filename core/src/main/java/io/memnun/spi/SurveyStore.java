package io.memnun.spi;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.survey.Comment;
import io.memnun.survey.Invitation;
import io.memnun.survey.InvitationDelivery;
import io.memnun.survey.InvitationId;
import io.memnun.survey.Response;
import io.memnun.survey.ResponseId;
import io.memnun.survey.Survey;
import io.memnun.survey.SurveyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where survey definitions, invitations, responses and comments live. Every call is scoped by tenant. Implementations
 * must be thread-safe; {@code io.memnun.tck.SurveyStoreContract} in {@code memnun-core}'s test-jar states the rules.
 */
public interface SurveyStore {

    /**
     * Stores a published survey version. It must be the next version: 1 for a new survey, otherwise the latest
     * stored version plus one.
     *
     * @throws io.memnun.error.DuplicateKeyException ({@code key() == "surveyVersion"}) if that version exists
     * @throws io.memnun.error.VersionConflictException if a version is skipped
     */
    void saveSurvey(Survey survey);

    Optional<Survey> findSurvey(TenantId tenant, SurveyId id, int version);

    /** The latest published version. */
    Optional<Survey> latestSurvey(TenantId tenant, SurveyId id);

    /**
     * Stores a new invitation.
     *
     * @throws io.memnun.error.DuplicateKeyException if its id or token hash exists ({@code key() == "tokenHash"}), it
     *     follows a feedback that already has an invitation to the same survey ({@code key() == "feedback"}), or its
     *     recipient already has an invitation to the same survey in the same campaign ({@code key() == "campaign"})
     */
    default void saveInvitation(Invitation invitation) {
        saveInvitation(invitation, List.of());
    }

    /**
     * Stores a new invitation and the outbox messages that carry it in one atomic write: both or neither, so a campaign
     * interrupted half-way leaves no invitation without its message and no message without its invitation. A store
     * that takes messages implements {@link TransactionalOutbox} and writes them to its {@link TransactionalOutbox#outbox()}.
     *
     * @throws io.memnun.error.DuplicateKeyException as {@link #saveInvitation(Invitation)}, or for a message whose id
     *     exists ({@code key() == "outbox id"}); nothing is written
     * @throws UnsupportedOperationException if {@code outbox} is not empty and the store writes no outbox
     */
    void saveInvitation(Invitation invitation, List<Notification> outbox);

    /** The invitation with id {@code id}. */
    Optional<Invitation> findInvitation(TenantId tenant, InvitationId id);

    /**
     * Removes an invitation that was never answered, as if it had not been issued: for one whose message could not be
     * written ({@link io.memnun.SurveyDesk#inviteAfterClosing} issues it anew). An answered invitation is kept.
     *
     * @return true if it was removed; false if there is none in the tenant, or it was answered
     */
    boolean withdrawInvitation(TenantId tenant, InvitationId id);

    /**
     * Records on an invitation what became of the latest attempt to deliver its message, replacing what was recorded
     * before.
     *
     * @return false if there is no such invitation in the tenant
     */
    boolean recordDelivery(TenantId tenant, InvitationId id, InvitationDelivery delivery);

    /** The invitation whose token hashes to {@code tokenHash}. */
    Optional<Invitation> findInvitation(TenantId tenant, String tokenHash);

    /** The invitation to {@code survey} that follows up {@code feedback}, if one was issued. */
    Optional<Invitation> invitationFor(TenantId tenant, SurveyId survey, FeedbackId feedback);

    /**
     * Stores a response. If it names an invitation, the invitation is marked answered at the response's
     * {@code submittedAt} in the same atomic write, and only if it was not answered yet: of two concurrent responses
     * to one invitation exactly one is stored.
     *
     * @throws io.memnun.survey.AlreadyAnsweredException if the invitation is answered; nothing is written
     * @throws io.memnun.error.NotFoundException if the invitation does not exist in the tenant
     * @throws io.memnun.error.DuplicateKeyException if the response id exists
     */
    void saveResponse(Response response);

    /** The response with id {@code id}; empty if there is none in the tenant. */
    Optional<Response> findResponse(TenantId tenant, ResponseId id);

    /** Invitations issued in {@code [from, to)}, in issue order. */
    List<Invitation> invitations(TenantId tenant, Instant from, Instant to);

    /** Responses submitted in {@code [from, to)}, in submission order. */
    List<Response> responses(TenantId tenant, Instant from, Instant to);

    /** @throws io.memnun.error.DuplicateKeyException if the comment id exists */
    void saveComment(Comment comment);

    /** Comments given in {@code [from, to)}, in time order. */
    List<Comment> comments(TenantId tenant, Instant from, Instant to);

    /** The responses that follow up {@code feedback}, in submission order. */
    List<Response> responsesFor(TenantId tenant, FeedbackId feedback);

    /**
     * The comments about {@code feedback}, in time order: those that name it, and those given with a response that
     * follows it up (a survey page records a comment with its response and need not name the feedback too).
     */
    List<Comment> commentsFor(TenantId tenant, FeedbackId feedback);

    /**
     * Removes the personal text tied to one feedback (an anonymisation): comments about it (as {@link #commentsFor})
     * get {@code placeholder}
     * as their text, free-text answers of responses that follow it get {@code placeholder}, and invitations that
     * follow it lose their recipient. Scores, choices and dates stay for the statistics. Returns how many records
     * changed.
     */
    int redact(TenantId tenant, FeedbackId feedback, String placeholder);

    /**
     * The campaign invitations (those following no feedback) sent to {@code recipient}, as recorded on them (the
     * customer's external id, e-mail address or E.164 phone number): what an erasure request must reach besides the
     * person's feedback. An e-mail address matches in any case ({@link io.memnun.feedback.EmailAddress#matchKeyOf}).
     */
    List<Invitation> campaignInvitationsTo(TenantId tenant, String recipient);

    /**
     * Removes {@code recipient} from its campaign invitations (an erasure): each loses its recipient, and the detail of
     * its recorded delivery (which names the address) becomes {@code placeholder}; the survey, campaign, department and
     * instants stay for the response rates. Returns how many invitations changed; a second call changes none.
     */
    int forgetCampaignRecipient(TenantId tenant, String recipient, String placeholder);
}
