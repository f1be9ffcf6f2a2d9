package io.memnun.testing;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.spi.OutboxStore;
import io.memnun.spi.SurveyStore;
import io.memnun.spi.TransactionalOutbox;
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
import java.util.Objects;
import java.util.Optional;

/**
 * A survey store that forwards every call, its outbox included (so that campaigns can be sent through it); tests
 * override a method to interfere.
 */
public class ForwardingSurveyStore implements SurveyStore, TransactionalOutbox {
    private final SurveyStore delegate;
    private final OutboxStore outbox;

    public <S extends SurveyStore & TransactionalOutbox> ForwardingSurveyStore(S delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.outbox = delegate.outbox();
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public void saveSurvey(Survey survey) {
        delegate.saveSurvey(survey);
    }

    @Override
    public Optional<Survey> findSurvey(TenantId tenant, SurveyId id, int version) {
        return delegate.findSurvey(tenant, id, version);
    }

    @Override
    public Optional<Survey> latestSurvey(TenantId tenant, SurveyId id) {
        return delegate.latestSurvey(tenant, id);
    }

    @Override
    public void saveInvitation(Invitation invitation, List<Notification> outbox) {
        delegate.saveInvitation(invitation, outbox);
    }

    @Override
    public Optional<Invitation> findInvitation(TenantId tenant, InvitationId id) {
        return delegate.findInvitation(tenant, id);
    }

    @Override
    public boolean withdrawInvitation(TenantId tenant, InvitationId id) {
        return delegate.withdrawInvitation(tenant, id);
    }

    @Override
    public boolean recordDelivery(TenantId tenant, InvitationId id, InvitationDelivery delivery) {
        return delegate.recordDelivery(tenant, id, delivery);
    }

    @Override
    public Optional<Invitation> findInvitation(TenantId tenant, String tokenHash) {
        return delegate.findInvitation(tenant, tokenHash);
    }

    @Override
    public Optional<Invitation> invitationFor(TenantId tenant, SurveyId survey, FeedbackId feedback) {
        return delegate.invitationFor(tenant, survey, feedback);
    }

    @Override
    public void saveResponse(Response response) {
        delegate.saveResponse(response);
    }

    @Override
    public Optional<Response> findResponse(TenantId tenant, ResponseId id) {
        return delegate.findResponse(tenant, id);
    }

    @Override
    public List<Invitation> invitations(TenantId tenant, Instant from, Instant to) {
        return delegate.invitations(tenant, from, to);
    }

    @Override
    public List<Response> responses(TenantId tenant, Instant from, Instant to) {
        return delegate.responses(tenant, from, to);
    }

    @Override
    public void saveComment(Comment comment) {
        delegate.saveComment(comment);
    }

    @Override
    public List<Comment> comments(TenantId tenant, Instant from, Instant to) {
        return delegate.comments(tenant, from, to);
    }

    @Override
    public List<Response> responsesFor(TenantId tenant, FeedbackId feedback) {
        return delegate.responsesFor(tenant, feedback);
    }

    @Override
    public List<Comment> commentsFor(TenantId tenant, FeedbackId feedback) {
        return delegate.commentsFor(tenant, feedback);
    }

    @Override
    public int redact(TenantId tenant, FeedbackId feedback, String placeholder) {
        return delegate.redact(tenant, feedback, placeholder);
    }

    @Override
    public List<Invitation> campaignInvitationsTo(TenantId tenant, String recipient) {
        return delegate.campaignInvitationsTo(tenant, recipient);
    }

    @Override
    public int forgetCampaignRecipient(TenantId tenant, String recipient, String placeholder) {
        return delegate.forgetCampaignRecipient(tenant, recipient, placeholder);
    }
}
