package io.memnun.store.memory;

import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.spi.SurveyStore;
import io.memnun.spi.TransactionalOutbox;
import io.memnun.survey.AlreadyAnsweredException;
import io.memnun.survey.Comment;
import io.memnun.survey.CommentId;
import io.memnun.survey.Invitation;
import io.memnun.survey.InvitationDelivery;
import io.memnun.survey.InvitationId;
import io.memnun.survey.Response;
import io.memnun.survey.ResponseId;
import io.memnun.survey.Survey;
import io.memnun.survey.SurveyId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe {@link SurveyStore} in memory. One monitor serialises writes, which makes marking an invitation
 * answered and storing its response one atomic step; the stored values are immutable records.
 */
public final class InMemorySurveyStore implements SurveyStore, TransactionalOutbox {
    private final Map<TenantId, Tenant> tenants = new HashMap<>();
    private final InMemoryOutboxStore outbox;

    /** A store with an outbox of its own. */
    public InMemorySurveyStore() {
        this(new InMemoryOutboxStore());
    }

    /**
     * A store that writes campaign invitations' messages to {@code outbox}: pass the feedback store's
     * ({@code feedbackStore.outbox()}) so that one dispatcher sends both.
     */
    public InMemorySurveyStore(InMemoryOutboxStore outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public InMemoryOutboxStore outbox() {
        return outbox;
    }

    private static final class Tenant {
        final Map<SurveyId, TreeMap<Integer, Survey>> surveys = new HashMap<>();
        final Map<InvitationId, Invitation> invitations = new LinkedHashMap<>();
        final Map<String, InvitationId> byTokenHash = new HashMap<>();
        final Map<String, InvitationId> byFeedback = new HashMap<>();
        final Map<String, InvitationId> byCampaignRecipient = new HashMap<>();
        final Map<ResponseId, Response> responses = new LinkedHashMap<>();
        final Map<CommentId, Comment> comments = new LinkedHashMap<>();
    }

    private static String feedbackKey(SurveyId survey, FeedbackId feedback) {
        return survey.value() + '\u0000' + feedback.value();
    }

    @Override
    public synchronized void saveSurvey(Survey survey) {
        TreeMap<Integer, Survey> versions = tenant(survey.tenant()).surveys.computeIfAbsent(survey.id(), k -> new TreeMap<>());
        if (versions.containsKey(survey.version())) {
            throw new DuplicateKeyException("surveyVersion", survey.id() + " v" + survey.version());
        }
        int latest = versions.isEmpty() ? 0 : versions.lastKey();
        if (survey.version() != latest + 1) {
            throw new VersionConflictException("survey " + survey.id(), survey.version() - 1L, latest);
        }
        versions.put(survey.version(), survey);
    }

    @Override
    public synchronized Optional<Survey> findSurvey(TenantId tenant, SurveyId id, int version) {
        return read(tenant, t -> Optional.ofNullable(t.surveys.getOrDefault(id, new TreeMap<>()).get(version)));
    }

    @Override
    public synchronized Optional<Survey> latestSurvey(TenantId tenant, SurveyId id) {
        return read(tenant, t -> {
            TreeMap<Integer, Survey> v = t.surveys.get(id);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.lastEntry().getValue());
        });
    }

    private static @Nullable String campaignKey(Invitation i) {
        return i.campaign() == null || i.recipient() == null ? null : i.survey().value() + '\u0000' + i.campaign() + '\u0000' + i.recipient();
    }

    @Override
    public synchronized void saveInvitation(Invitation invitation, List<Notification> messages) {
        List<Notification> batch = List.copyOf(messages);
        Tenant t = tenant(invitation.tenant());
        if (t.invitations.containsKey(invitation.id())) {
            throw new DuplicateKeyException("id", invitation.id().toString());
        }
        if (t.byTokenHash.containsKey(invitation.tokenHash())) {
            throw new DuplicateKeyException("tokenHash", "invitation " + invitation.id() + " has the token hash of another");
        }
        String fk = invitation.feedback() == null ? null : feedbackKey(invitation.survey(), invitation.feedback());
        if (fk != null && t.byFeedback.containsKey(fk)) {
            throw new DuplicateKeyException("feedback", invitation.feedback() + " already invited to " + invitation.survey());
        }
        String ck = campaignKey(invitation);
        if (ck != null && t.byCampaignRecipient.containsKey(ck)) {
            // not the recipient, a person's address: the caller has it in hand
            throw new DuplicateKeyException("campaign", "invitation " + invitation.id() + ": its recipient is already invited to "
                    + invitation.survey() + " in " + invitation.campaign());
        }
        // the outbox stays locked until the invitation is in: both appear together or not at all
        outbox.beginWrite(batch);
        try {
            t.invitations.put(invitation.id(), invitation);
            t.byTokenHash.put(invitation.tokenHash(), invitation.id());
            if (fk != null) {
                t.byFeedback.put(fk, invitation.id());
            }
            if (ck != null) {
                t.byCampaignRecipient.put(ck, invitation.id());
            }
            outbox.write(batch);
        } finally {
            outbox.endWrite();
        }
    }

    @Override
    public synchronized Optional<Invitation> findInvitation(TenantId tenant, InvitationId id) {
        return read(tenant, t -> Optional.ofNullable(t.invitations.get(id)));
    }

    @Override
    public synchronized boolean withdrawInvitation(TenantId tenant, InvitationId id) {
        Tenant t = tenants.get(tenant);
        Invitation inv = t == null ? null : t.invitations.get(id);
        if (inv == null || inv.answeredAt() != null) {
            return false;
        }
        t.invitations.remove(id);
        t.byTokenHash.remove(inv.tokenHash());
        if (inv.feedback() != null) {
            t.byFeedback.remove(feedbackKey(inv.survey(), inv.feedback()));
        }
        String ck = campaignKey(inv);
        if (ck != null) {
            t.byCampaignRecipient.remove(ck);
        }
        return true;
    }

    @Override
    public synchronized boolean recordDelivery(TenantId tenant, InvitationId id, InvitationDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        Tenant t = tenants.get(tenant);
        Invitation inv = t == null ? null : t.invitations.get(id);
        if (inv == null) {
            return false;
        }
        t.invitations.put(id, inv.delivered(delivery));
        return true;
    }

    @Override
    public synchronized Optional<Invitation> findInvitation(TenantId tenant, String tokenHash) {
        return read(tenant, t -> Optional.ofNullable(t.byTokenHash.get(tokenHash)).map(t.invitations::get));
    }

    @Override
    public synchronized Optional<Invitation> invitationFor(TenantId tenant, SurveyId survey, FeedbackId feedback) {
        return read(tenant, t -> Optional.ofNullable(t.byFeedback.get(feedbackKey(survey, feedback))).map(t.invitations::get));
    }

    @Override
    public synchronized Optional<Response> findResponse(TenantId tenant, ResponseId id) {
        return read(tenant, t -> Optional.ofNullable(t.responses.get(id)));
    }

    @Override
    public synchronized void saveResponse(Response response) {
        Tenant t = tenant(response.tenant());
        if (t.responses.containsKey(response.id())) {
            throw new DuplicateKeyException("id", response.id().toString());
        }
        InvitationId iid = response.invitation();
        if (iid != null) {
            Invitation inv = t.invitations.get(iid);
            if (inv == null) {
                throw new NotFoundException("invitation " + iid + " in tenant " + response.tenant());
            }
            if (inv.isAnswered()) {
                throw new AlreadyAnsweredException(iid);
            }
            t.invitations.put(iid, inv.answered(response.submittedAt()));
        }
        t.responses.put(response.id(), response);
    }

    @Override
    public synchronized List<Invitation> invitations(TenantId tenant, Instant from, Instant to) {
        return read(tenant, t -> between(t.invitations.values(), Invitation::issuedAt, from, to));
    }

    @Override
    public synchronized List<Response> responses(TenantId tenant, Instant from, Instant to) {
        return read(tenant, t -> between(t.responses.values(), Response::submittedAt, from, to));
    }

    @Override
    public synchronized void saveComment(Comment comment) {
        Tenant t = tenant(comment.tenant());
        if (t.comments.putIfAbsent(comment.id(), comment) != null) {
            throw new DuplicateKeyException("id", comment.id().toString());
        }
    }

    @Override
    public synchronized List<Comment> comments(TenantId tenant, Instant from, Instant to) {
        return read(tenant, t -> between(t.comments.values(), Comment::at, from, to));
    }

    @Override
    public synchronized List<Response> responsesFor(TenantId tenant, FeedbackId feedback) {
        return read(tenant, t -> t.responses.values().stream().filter(r -> feedback.equals(r.feedback()))
                .sorted(Comparator.comparing(Response::submittedAt)).toList());
    }

    @Override
    public synchronized List<Comment> commentsFor(TenantId tenant, FeedbackId feedback) {
        return read(tenant, t -> t.comments.values().stream().filter(c -> isAbout(t, c, feedback))
                .sorted(Comparator.comparing(Comment::at)).toList());
    }

    /** True for a comment that names {@code feedback}, or the response to a survey that follows it up. */
    private static boolean isAbout(Tenant t, Comment c, FeedbackId feedback) {
        if (feedback.equals(c.feedback())) {
            return true;
        }
        Response r = c.response() == null ? null : t.responses.get(c.response());
        return r != null && feedback.equals(r.feedback());
    }

    @Override
    public synchronized int redact(TenantId tenant, FeedbackId feedback, String placeholder) {
        Tenant t = tenants.get(tenant);
        if (t == null) {
            return 0;
        }
        int changed = 0;
        for (Invitation i : List.copyOf(t.invitations.values())) {
            if (feedback.equals(i.feedback()) && i.recipient() != null) {
                t.invitations.put(i.id(), i.withoutRecipient());
                changed++;
            }
        }
        for (Response r : List.copyOf(t.responses.values())) {
            if (feedback.equals(r.feedback())) {
                Response blanked = r.withTextAnswers(placeholder);
                if (!blanked.equals(r)) {
                    t.responses.put(r.id(), blanked);
                    changed++;
                }
            }
        }
        for (Comment c : List.copyOf(t.comments.values())) {
            if (isAbout(t, c, feedback)) {
                t.comments.put(c.id(), c.withText(placeholder));
                changed++;
            }
        }
        return changed;
    }

    @Override
    public synchronized List<Invitation> campaignInvitationsTo(TenantId tenant, String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        Tenant t = tenants.get(tenant);
        return t == null ? List.of() : t.invitations.values().stream()
                .filter(i -> i.campaign() != null && i.recipient() != null
                        && EmailAddress.matchKeyOf(recipient).equals(EmailAddress.matchKeyOf(i.recipient()))).toList();
    }

    @Override
    public synchronized int forgetCampaignRecipient(TenantId tenant, String recipient, String placeholder) {
        int changed = 0;
        for (Invitation i : campaignInvitationsTo(tenant, recipient)) {
            Tenant t = tenants.get(tenant);
            // the uniqueness index holds the recipient too
            t.byCampaignRecipient.remove(campaignKey(i));
            Invitation forgotten = i.withoutRecipient();
            if (i.delivery() != null) {
                InvitationDelivery d = i.delivery();
                forgotten = forgotten.delivered(new InvitationDelivery(d.state(), d.at(), d.message(), placeholder));
            }
            t.invitations.put(i.id(), forgotten);
            changed++;
        }
        return changed;
    }

    private static <T> List<T> between(Iterable<T> all, Function<T, Instant> at, Instant from, Instant to) {
        List<T> out = new ArrayList<>();
        for (T x : all) {
            Instant i = at.apply(x);
            if (!i.isBefore(from) && i.isBefore(to)) {
                out.add(x);
            }
        }
        out.sort(Comparator.comparing(at));
        return out;
    }

    private Tenant tenant(TenantId id) {
        return tenants.computeIfAbsent(id, k -> new Tenant());
    }

    private <T> T read(TenantId tenant, Function<Tenant, T> reader) {
        Tenant t = tenants.get(tenant);
        return reader.apply(t == null ? new Tenant() : t);
    }
}
