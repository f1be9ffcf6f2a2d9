package io.memnun;

import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Consent;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKey;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import io.memnun.internal.TimeOrderedIds;
import io.memnun.notify.Contact;
import io.memnun.notify.ErrorText;
import io.memnun.notify.MessageCategory;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.Party;
import io.memnun.notify.TemplateModel;
import io.memnun.routing.LocalizedText;
import io.memnun.spi.SurveyStore;
import io.memnun.spi.TransactionalOutbox;
import io.memnun.survey.Answer;
import io.memnun.survey.Comment;
import io.memnun.survey.CommentId;
import io.memnun.survey.DepartmentScore;
import io.memnun.survey.Invitation;
import io.memnun.survey.InvitationDelivery;
import io.memnun.survey.InvitationExpiredException;
import io.memnun.survey.InvitationId;
import io.memnun.survey.Period;
import io.memnun.survey.Question;
import io.memnun.survey.Response;
import io.memnun.survey.ResponseId;
import io.memnun.survey.ScoreTrend;
import io.memnun.survey.Scoring;
import io.memnun.survey.Survey;
import io.memnun.survey.SurveyAccess;
import io.memnun.survey.SurveyId;
import io.memnun.survey.SurveyToken;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Satisfaction surveys next to a {@link FeedbackDesk}: publishes survey versions, invites customers after their
 * feedback closes (through the desk's notification outbox) or in periodic campaigns, records responses once per
 * link, records comments, and computes department scores. Shares the desk's clock; thread-safe.
 *
 * <pre>{@code
 * SurveyDesk surveys = SurveyDesk.builder(desk).store(new InMemorySurveyStore())
 *         .surveyUrl("https://hotel.example/survey/{token}")
 *         .afterClosing(SurveyId.of("after-closing"))
 *         .build();
 * }</pre>
 *
 * <p>With {@link Builder#afterClosing} set, the built survey desk listens to the feedback desk and invites each
 * customer whose feedback closes; {@link #inviteAfterClosing} does the same by hand.
 */
public final class SurveyDesk {
    private static final Logger LOG = LoggerFactory.getLogger(SurveyDesk.class);
    private static final Actor SURVEYS = Actor.system("surveys");

    private final FeedbackDesk desk;
    private final SurveyStore store;
    private final String surveyUrl;
    private final Duration validity;
    private final @Nullable SurveyId afterClosing;
    private final SecureRandom random;

    private SurveyDesk(Builder b) {
        this.desk = b.desk;
        this.store = Objects.requireNonNull(b.store, "store");
        this.surveyUrl = b.surveyUrl;
        this.validity = b.validity;
        this.afterClosing = b.afterClosing;
        this.random = b.random;
    }

    public static Builder builder(FeedbackDesk desk) {
        return new Builder(desk);
    }

    public SurveyStore store() {
        return store;
    }

    /**
     * Publishes the next version of survey {@code id} (version 1 if it is new), to be answered through invitation links
     * only, and returns it. {@link #respondOpenly} refuses it; to take answers without a link (a kiosk) publish it with
     * {@link SurveyAccess#OPEN}.
     */
    public Survey publish(TenantId tenant, SurveyId id, LocalizedText title, List<Question> questions) {
        return publish(tenant, id, title, questions, SurveyAccess.INVITATION_ONLY);
    }

    /**
     * Publishes the next version of survey {@code id} (version 1 if it is new) and returns it. {@code access} says who
     * may answer it: {@link SurveyAccess#INVITATION_ONLY} through invitation links only, {@link SurveyAccess#OPEN} also
     * anyone through {@link #respondOpenly}. It holds for this version: the next one published says anew.
     */
    public Survey publish(TenantId tenant, SurveyId id, LocalizedText title, List<Question> questions, SurveyAccess access) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(access, "access");
        int next = store.latestSurvey(tenant, id).map(s -> s.version() + 1).orElse(1);
        Survey s = new Survey(tenant, id, next, title, questions, desk.clock().instant(), access);
        store.saveSurvey(s);
        return s;
    }

    /** The latest version of a survey. */
    public Optional<Survey> survey(TenantId tenant, SurveyId id) {
        return store.latestSurvey(tenant, id);
    }

    /**
     * Invites the customer of a closed feedback to the {@link Builder#afterClosing after-closing survey}, once: a
     * second call returns the first invitation. The link's token is written into the message only; the history gets
     * a {@code SURVEY_INVITED} event naming the invitation and the expiry, and the outbox the message, both in one
     * change. Without the customer's consent to surveys nothing is issued.
     *
     * @return the invitation, or empty when the customer gave no consent to surveys
     * @throws ValidationException if the feedback is not closed or no after-closing survey is configured
     * @throws NotFoundException if the feedback or the survey does not exist
     */
    public Optional<Invitation> inviteAfterClosing(TenantId tenant, FeedbackKey key) {
        SurveyId id = Checks.notNull(afterClosing, "afterClosing");
        Feedback f = desk.get(tenant, key);
        Checks.argument(f.status() == Status.CLOSED, "feedback", f.reference() + " is " + f.status() + ", not CLOSED");
        Optional<Invitation> existing = store.invitationFor(tenant, id, f.id());
        if (existing.isPresent()) {
            if (!orphaned(f, existing.get())) {
                return existing;
            }
            // saved, but the change carrying its message failed, and the token lives only in that message: issue it anew
            LOG.warn("the survey invitation of {} has no message; issuing it anew", f.reference());
            store.withdrawInvitation(tenant, existing.get().id());
        }
        if (!MessageCategory.SURVEY.permittedBy(f.customer().consent())) {
            return Optional.empty();
        }
        Survey survey = store.latestSurvey(tenant, id).orElseThrow(() -> new NotFoundException("survey " + id + " in tenant " + tenant));
        Instant now = desk.clock().instant();
        String token = SurveyToken.generate(random);
        Invitation inv = new Invitation(new InvitationId(TimeOrderedIds.next(now)), tenant, id, survey.version(), SurveyToken.hash(token), now,
                now.plus(validity), f.id(), null, f.department().orElse(null), null, null, null);
        try {
            store.saveInvitation(inv);
        } catch (DuplicateKeyException e) {
            if ("feedback".equals(e.key())) {
                // a concurrent call invited first; its message is on its way
                return store.invitationFor(tenant, id, f.id());
            }
            throw e;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("survey", id.value());
        details.put("surveyVersion", Integer.toString(survey.version()));
        details.put("invitation", inv.id().toString());
        details.put("expiresAt", inv.expiresAt().toString());
        Map<String, String> renderOnly = new HashMap<>();
        renderOnly.put("surveyUrl", urlFor(token));
        renderOnly.put("surveyTitle", survey.title().in(f.customer().language()));
        // in the customer's zone and the language's own format, as every other time in the message
        renderOnly.put("surveyExpiresAt", desk.planner().flatMap(planner -> desk.notifications()
                        .map(config -> planner.timeFormat(f.customer().language(), config.zoneOf(f)).format(inv.expiresAt())))
                .orElseGet(() -> DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", f.customer().language()).withZone(java.time.ZoneOffset.UTC)
                        .format(inv.expiresAt())));
        try {
            desk.recordSurveyInvitation(f, SURVEYS, details, renderOnly);
        } catch (RuntimeException e) {
            // without its message nobody can ever follow the invitation: take it back, so that the next call issues it
            try {
                store.withdrawInvitation(tenant, inv.id());
            } catch (RuntimeException withdrawing) {
                e.addSuppressed(withdrawing);
            }
            throw e;
        }
        return Optional.of(inv);
    }

    /** How long an invitation may be without its message before it is taken for one whose message was lost. */
    private static final Duration ORPHAN_AFTER = Duration.ofMinutes(5);

    /**
     * True when {@code inv}, unanswered and issued a while ago, has no {@code SURVEY_INVITED} event in the feedback's
     * history: its message was never written. A younger one may be another call's, about to write it.
     */
    private boolean orphaned(Feedback f, Invitation inv) {
        if (inv.answeredAt() != null || inv.issuedAt().plus(ORPHAN_AFTER).isAfter(desk.clock().instant())) {
            return false;
        }
        String invitation = inv.id().toString();
        return desk.history(f.tenant(), f.id()).stream()
                .noneMatch(e -> e.type() == io.memnun.feedback.EventType.SURVEY_INVITED && invitation.equals(e.details().get("invitation")));
    }

    /**
     * Reacts to a desk event: a feedback closed by {@code ACCEPTED} or {@code CLOSED} gets its invitation. Register it as a desk listener that reaches this
     * survey desk once built, e.g. {@code .listener((f, e) -> surveys.get().onEvent(f, e))} with an
     * {@code AtomicReference}; a failure is logged and never undoes the closing.
     */
    public void onEvent(Feedback feedback, FeedbackEvent event) {
        // accepted by the customer, or closed at the end of the waiting period; a merged duplicate is not surveyed
        boolean closing = event.type() == EventType.ACCEPTED || event.type() == EventType.CLOSED;
        if (!closing || feedback.status() != Status.CLOSED || afterClosing == null) {
            return;
        }
        try {
            inviteAfterClosing(feedback.tenant(), feedback.id());
        } catch (RuntimeException ex) {
            // the invitation was written in the closing's transaction: if that is the host's, the conflict cost the closing
            io.memnun.internal.HostTransactions.rethrowIfLost(ex);
            LOG.warn("cannot invite the customer of {} to a survey", feedback.reference(), ex);
        }
    }

    /** One campaign invitation as issued: the invitation and its link, which only this answer ever holds. */
    public record IssuedInvitation(Invitation invitation, String token, String url) {}

    /**
     * Issues the links of a campaign without sending them: one invitation each to the latest version of {@code survey},
     * for a host that delivers them itself (printed on a receipt, a QR code at the desk) and checks consent itself. To
     * send a campaign to customers by e-mail or SMS use {@link #sendCampaign}.
     *
     * @param recipients each recipient's id or address, recorded on the invitation
     * @param department the department the answers score where a question names none; may be null
     * @throws ValidationException naming {@code recipients}, before any link is issued, if a recipient is malformed, named
     *     twice, or already invited to {@code survey} in {@code campaign}
     */
    public List<IssuedInvitation> startCampaign(TenantId tenant, SurveyId survey, String campaign, List<String> recipients,
            @Nullable DepartmentId department) {
        Survey s = store.latestSurvey(tenant, survey).orElseThrow(() -> new NotFoundException("survey " + survey + " in tenant " + tenant));
        Checks.code(campaign, "campaign", 64);
        Checks.argument(!recipients.isEmpty(), "recipients", "name at least one recipient");
        checkCampaignRecipients(tenant, survey, campaign, recipients);
        Instant now = desk.clock().instant();
        List<IssuedInvitation> out = new ArrayList<>();
        try {
            for (String r : recipients) {
                String token = SurveyToken.generate(random);
                Invitation inv = new Invitation(new InvitationId(TimeOrderedIds.next(now)), tenant, survey, s.version(), SurveyToken.hash(token),
                        now, now.plus(validity), null, campaign, department, r, null, null);
                store.saveInvitation(inv);
                out.add(new IssuedInvitation(inv, token, urlFor(token)));
            }
        } catch (RuntimeException e) {
            // the links issued so far exist only in this call's answer, which the caller never gets: take them back, so
            // that those recipients are not left invited through links nobody holds
            for (IssuedInvitation issued : out) {
                try {
                    store.withdrawInvitation(tenant, issued.invitation().id());
                } catch (RuntimeException withdrawing) {
                    e.addSuppressed(withdrawing);
                }
            }
            throw e;
        }
        return out;
    }

    /**
     * Refuses a list of campaign recipients before any link is issued: one malformed, named twice, or already invited
     * to this survey in this campaign. Issuing some links and then failing would lose them, since a link's token is
     * only ever handed out in the answer.
     */
    private void checkCampaignRecipients(TenantId tenant, SurveyId survey, String campaign, List<String> recipients) {
        // recipients are named by their position: an address in a message would end up in the host's logs
        Map<String, Integer> seen = new HashMap<>();
        int i = -1;
        for (String r : recipients) {
            i++;
            if (r == null) {
                continue; // an anonymous link (a printed receipt): nobody to tell apart
            }
            Checks.code(r, "recipients", 256);
            // an address in another case is the same person (EmailAddress.matchKeyOf)
            Integer first = seen.putIfAbsent(io.memnun.feedback.EmailAddress.matchKeyOf(r), i);
            Checks.argument(first == null, "recipients", "[" + i + "] is named twice (first at [" + first + "])");
            Checks.argument(!invitedIn(tenant, survey, campaign, r), "recipients", "[" + i + "] is " + alreadyInvited(survey, campaign));
        }
    }

    private static String alreadyInvited(SurveyId survey, String campaign) {
        return "already invited to " + survey + " in " + campaign;
    }

    /** True when {@code recipient} (an address in any case) has an invitation to {@code survey} in {@code campaign}. */
    private boolean invitedIn(TenantId tenant, SurveyId survey, String campaign, String recipient) {
        return store.campaignInvitationsTo(tenant, recipient).stream().anyMatch(i -> i.survey().equals(survey) && campaign.equals(i.campaign()));
    }

    /**
     * What {@link #sendCampaign} did: the invitations it issued (each with its message in the outbox), the recipients
     * it left out with the reason (no consent to surveys, no address for any channel in use, already invited in this
     * campaign), and those whose invitation failed (the store refused it, say) with the failure's class and message,
     * addresses and numbers taken out. A failed recipient is not invited; sending the campaign again tries it again.
     */
    public record CampaignSending(List<Invitation> invited, Map<String, String> notInvited, Map<String, String> failed) {
        public CampaignSending {
            invited = List.copyOf(invited);
            notInvited = Collections.unmodifiableMap(new LinkedHashMap<>(notInvited));
            failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
        }
    }

    /**
     * Sends a periodic campaign (e.g. the half-yearly survey) to a customer list through the notification outbox: per
     * customer one invitation to the latest version of {@code survey}, with a link of its own that expires, and its
     * message rendered from {@value TemplateModel#SURVEY_CAMPAIGN_TEMPLATE} in the customer's language, written in the
     * same atomic step. A customer is left out without consent to surveys ({@link Consent#surveys()} or
     * {@code commercial()}), without an address for a channel in use or their preferred one, or when already invited to
     * this survey in this campaign, so sending a campaign again after a failure sends to the rest only. A recipient
     * whose invitation fails (the store refuses it) is listed in {@link CampaignSending#failed()} and logged by its
     * position, and the others are still invited. The dispatcher
     * records each message's outcome on its invitation when {@link #deliveries()} is registered for
     * {@value MessageOwner#SURVEY_INVITATION} messages.
     *
     * @param recipients the customers; each needs an external id, an e-mail address or a phone number to be told apart
     * @param department the department the answers score where a question names none; may be null
     * @throws ValidationException if the desk has no notifications or the store writes no outbox
     * @throws io.memnun.error.TransactionConflictException if one met in the host's transaction
     *     ({@link io.memnun.error.TransactionConflictException#inHostTransaction()}): the sending stops there, since the
     *     invitations saved before in that transaction are lost with it. Roll back and send the campaign again
     */
    public CampaignSending sendCampaign(TenantId tenant, SurveyId survey, String campaign, List<Customer> recipients,
            @Nullable DepartmentId department) {
        NotificationPlanner planner = desk.planner().orElseThrow(() -> new ValidationException("notifications",
                "the feedback desk has no notifications, so a campaign cannot be sent; issue links with startCampaign instead"));
        Checks.argument(store instanceof TransactionalOutbox, "store", "writes no outbox, so a campaign's messages have nowhere to go");
        Survey s = store.latestSurvey(tenant, survey).orElseThrow(() -> new NotFoundException("survey " + survey + " in tenant " + tenant));
        Checks.code(campaign, "campaign", 64);
        Checks.argument(!recipients.isEmpty(), "recipients", "name at least one recipient");
        Notifications config = desk.notifications().orElseThrow();
        config.checkTemplate(TemplateModel.SURVEY_CAMPAIGN_TEMPLATE, TemplateModel.forSurveyCampaign().keySet(), "survey campaigns");
        List<Invitation> invited = new ArrayList<>();
        Map<String, String> left = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int i = -1;
        for (Customer c : recipients) {
            i++;
            String who = recipientOf(c);
            if (who == null) {
                left.put("(customer #" + (i + 1) + ")", "no external id, e-mail address or phone number");
                continue;
            }
            // the store's key on recipients tells addresses apart by case; one person is invited once whatever the case
            if (!seen.add(io.memnun.feedback.EmailAddress.matchKeyOf(who))) {
                left.put(who, alreadyInvited(survey, campaign));
                continue;
            }
            try {
                inviteToCampaign(tenant, s, campaign, department, c, who, planner, config, invited, left);
            } catch (RuntimeException e) {
                // the invitations saved before were written in the host's transaction too, if there is one: lost with it
                io.memnun.internal.HostTransactions.rethrowIfLost(e);
                // one recipient the store refuses must not keep the campaign from the others; sending it again retries.
                // The recipient by position only: an address would end up in the host's logs
                LOG.warn("campaign {} of {}: recipients[{}] not invited; sending the campaign again tries again", campaign, survey, i,
                        ErrorText.loggable(e, null));
                failed.put(who, ErrorText.redact(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
                // not invited: a second copy of the person further on in the list (in another case) is tried in its turn
                seen.remove(io.memnun.feedback.EmailAddress.matchKeyOf(who));
            }
        }
        return new CampaignSending(invited, left, failed);
    }

    /** Invites {@code c} (known as {@code who}) to the campaign and adds it to {@code invited}, or says in {@code left} why not. */
    private void inviteToCampaign(TenantId tenant, Survey s, String campaign, @Nullable DepartmentId department, Customer c, String who,
            NotificationPlanner planner, Notifications config, List<Invitation> invited, Map<String, String> left) {
        SurveyId survey = s.id();
        if (invitedIn(tenant, survey, campaign, who)) {
            left.put(who, alreadyInvited(survey, campaign));
            return;
        }
        if (!MessageCategory.SURVEY.permittedBy(c.consent())) {
            left.put(who, "no consent to survey messages");
            return;
        }
        Instant now = desk.clock().instant();
        String token = SurveyToken.generate(random);
        Invitation inv = new Invitation(new InvitationId(TimeOrderedIds.next(now)), tenant, survey, s.version(), SurveyToken.hash(token),
                now, now.plus(validity), null, campaign, department, who, null, null);
        ZoneId zone = config.zoneOf(c);
        Map<String, String> variables = new HashMap<>();
        variables.put("campaign", campaign);
        variables.put("surveyUrl", urlFor(token));
        variables.put("surveyTitle", s.title().in(c.language()));
        variables.put("surveyExpiresAt", planner.timeFormat(c.language(), zone).format(inv.expiresAt()));
        NotificationPlanner.Direct planned = planner.planDirect(tenant, new MessageOwner(MessageOwner.SURVEY_INVITATION, inv.id().value(),
                campaign), 1, TemplateModel.SURVEY_CAMPAIGN_TEMPLATE, Party.CUSTOMER, io.memnun.notify.Delivery.PREFERRED,
                MessageCategory.SURVEY, Contact.of(c), zone, variables, now);
        if (planned.messages().isEmpty()) {
            left.put(who, planned.notSent());
            return;
        }
        try {
            store.saveInvitation(inv, planned.messages());
            invited.add(inv);
        } catch (DuplicateKeyException e) {
            if (!"campaign".equals(e.key())) {
                throw e;
            }
            left.put(who, alreadyInvited(survey, campaign));
        }
    }

    private static @Nullable String recipientOf(Customer c) {
        if (c.externalId() != null) {
            return c.externalId();
        }
        if (c.email() != null) {
            return c.email().value();
        }
        return c.phone() == null ? null : c.phone().e164();
    }

    /**
     * Records the outcome of campaign invitations' messages on the invitations, for the dispatcher:
     * {@code NotificationDispatcher.builder(desk).recorder(MessageOwner.SURVEY_INVITATION, surveys.deliveries())}.
     */
    public DeliveryRecorder deliveries() {
        return new DeliveryRecorder() {
            @Override
            public Optional<String> recordedDelivery(Notification n) {
                return store.findInvitation(n.tenant(), new InvitationId(n.owner().id())).map(Invitation::delivery)
                        .filter(d -> d.state() == InvitationDelivery.State.SENT && d.message().equals(n.id()))
                        .map(InvitationDelivery::detail);
            }

            @Override
            public void record(Notification n, DeliveryOutcome o) {
                InvitationDelivery.State state = switch (o.state()) {
                    case DELIVERED -> InvitationDelivery.State.SENT;
                    case FAILED -> InvitationDelivery.State.FAILED;
                    case DEAD -> InvitationDelivery.State.DEAD;
                };
                InvitationId id = new InvitationId(n.owner().id());
                // an invitation whose recipient was forgotten (an erasure, an anonymisation) while its message was under
                // way: the address, and an error text that may repeat it, stay out
                boolean forgotten = store.findInvitation(n.tenant(), id).map(i -> i.recipient() == null).orElse(false);
                String head = forgotten ? n.channel() + ": " + o.providerId().orElse(Anonymisation.PLACEHOLDER)
                        : n.channel() + " to " + n.address() + ": " + o.providerId().or(o::error).orElse(o.note());
                // the channel's facts (an SMS cut to fit) as a feedback's history keeps them; they name nobody
                String detail = InvitationDelivery.detail(head, o.channelFacts());
                if (!store.recordDelivery(n.tenant(), id, new InvitationDelivery(state, o.at(), n.id(), detail))) {
                    LOG.warn("cannot record {} of {}: the invitation is gone", o.state(), n);
                }
            }
        };
    }

    /** The invitation a link's token opens, for rendering the survey page; empty for an unknown token. */
    public Optional<Invitation> invitation(TenantId tenant, String token) {
        if (!SurveyToken.isWellFormed(token)) {
            return Optional.empty();
        }
        return store.findInvitation(tenant, SurveyToken.hash(token));
    }

    /**
     * Records the answers given through a link. They are validated against the survey version the invitation names;
     * each link is answered once, also when two answers arrive at the same time.
     *
     * @throws NotFoundException for an unknown token
     * @throws InvitationExpiredException after the invitation's expiry
     * @throws io.memnun.survey.AlreadyAnsweredException when the link was answered
     * @throws ValidationException naming {@code answers.<question>} for an answer that does not fit its question
     */
    public Response respond(TenantId tenant, String token, List<Answer> answers, @Nullable LocationId location) {
        Invitation inv = invitation(tenant, token).orElseThrow(() -> new NotFoundException("survey link in tenant " + tenant));
        Instant now = desk.clock().instant();
        if (inv.isAnswered()) {
            throw new io.memnun.survey.AlreadyAnsweredException(inv.id());
        }
        if (inv.isExpiredAt(now)) {
            throw new InvitationExpiredException(inv.id(), inv.expiresAt());
        }
        Survey s = store.findSurvey(tenant, inv.survey(), inv.surveyVersion())
                .orElseThrow(() -> new NotFoundException("survey " + inv.survey() + " v" + inv.surveyVersion()));
        s.validate(answers);
        Response r = new Response(new ResponseId(TimeOrderedIds.next(now)), tenant, inv.survey(), inv.surveyVersion(), inv.id(), inv.feedback(),
                inv.department(), location, now, answers);
        store.saveResponse(r);
        return r;
    }

    /**
     * Records answers given without a personal link (a kiosk, a public page) to the latest version of a survey published
     * {@link SurveyAccess#OPEN open}. Nothing ties such answers to a person, so they can be given any number of times:
     * a survey meant for invitation links only (after closing, campaigns) is refused, so that nobody who learns its id
     * can fill it in and move the department scores.
     *
     * @param department the department the answers score where a question names none; may be null
     * @throws NotFoundException if the survey does not exist
     * @throws ValidationException naming {@code survey} if its latest version is for invitation links only, or
     *     {@code answers.<question>} for an answer that does not fit its question; nothing is recorded
     */
    public Response respondOpenly(TenantId tenant, SurveyId survey, List<Answer> answers, @Nullable DepartmentId department,
            @Nullable LocationId location) {
        Survey s = store.latestSurvey(tenant, survey).orElseThrow(() -> new NotFoundException("survey " + survey + " in tenant " + tenant));
        Checks.argument(s.isOpen(), "survey", survey + " v" + s.version() + " is answered through invitation links only;"
                + " publish it with SurveyAccess.OPEN to take answers without a link");
        s.validate(answers);
        Instant now = desk.clock().instant();
        Response r = new Response(new ResponseId(TimeOrderedIds.next(now)), tenant, survey, s.version(), null, null, department, location, now,
                answers);
        store.saveResponse(r);
        return r;
    }

    /**
     * Records a comment, with or without a rating, a feedback or a survey response. One given with a response is about
     * the feedback that response follows, if any, also when it names none ({@link SurveyStore#commentsFor}).
     *
     * @param feedback the feedback it is about; must exist in the tenant
     * @param response the survey response it came with; must exist in the tenant
     * @throws NotFoundException if the feedback or the response does not exist in the tenant; nothing is recorded
     * @throws ValidationException naming {@code feedback} if the response follows another feedback than the one named:
     *     one of the two is wrong, and an anonymisation would blank the comment with the wrong feedback; nothing is
     *     recorded
     */
    public Comment comment(TenantId tenant, String text, @Nullable Integer rating, @Nullable FeedbackId feedback,
            @Nullable ResponseId response, @Nullable LocationId location, @Nullable DepartmentId department, Actor recordedBy) {
        Objects.requireNonNull(tenant, "tenant");
        if (feedback != null && desk.find(tenant, feedback).isEmpty()) {
            throw new NotFoundException("feedback " + feedback + " in tenant " + tenant);
        }
        if (response != null) {
            Response r = store.findResponse(tenant, response)
                    .orElseThrow(() -> new NotFoundException("survey response " + response + " in tenant " + tenant));
            FeedbackId follows = r.feedback();
            Checks.argument(feedback == null || follows == null || follows.equals(feedback), "feedback",
                    "survey response " + response + " follows feedback " + follows + ", not " + feedback);
        }
        Instant now = desk.clock().instant();
        Comment c = new Comment(new CommentId(TimeOrderedIds.next(now)), tenant, text, rating, feedback, response, location, department,
                recordedBy, now);
        store.saveComment(c);
        return c;
    }

    /** The department scores of {@code period}; see {@link DepartmentScore} for the metrics' definitions. */
    public List<DepartmentScore> scores(TenantId tenant, Period period) {
        Objects.requireNonNull(period, "period");
        Map<String, Survey> versions = new HashMap<>();
        return Scoring.compute(period,
                r -> versions.computeIfAbsent(r.survey() + "\u0000" + r.surveyVersion(), k -> store.findSurvey(tenant, r.survey(),
                        r.surveyVersion()).orElseThrow(() -> new NotFoundException("survey " + r.survey() + " v" + r.surveyVersion()))),
                store.responses(tenant, period.start(), period.end()),
                store.invitations(tenant, period.start(), period.end()),
                store.comments(tenant, period.start(), period.end()));
    }

    /** The change of every department's scores from {@code earlier} to {@code later}, e.g. one half year to the next. */
    public List<ScoreTrend> trend(TenantId tenant, Period earlier, Period later) {
        return Scoring.trend(earlier, scores(tenant, earlier), later, scores(tenant, later));
    }

    private String urlFor(String token) {
        String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
        return surveyUrl.contains("{token}") ? surveyUrl.replace("{token}", encoded) : surveyUrl + encoded;
    }

    /** Wires a survey desk. A store and a survey URL are required. */
    public static final class Builder {
        private final FeedbackDesk desk;
        private @Nullable SurveyStore store;
        private String surveyUrl = "";
        private Duration validity = Duration.ofDays(30);
        private @Nullable SurveyId afterClosing;
        private SecureRandom random = new SecureRandom();

        private Builder(FeedbackDesk desk) {
            this.desk = Objects.requireNonNull(desk, "desk");
        }

        public Builder store(SurveyStore surveyStore) {
            this.store = Objects.requireNonNull(surveyStore, "store");
            return this;
        }

        /** The survey page: {@code {token}} is replaced by the link's token, or the token is appended. */
        public Builder surveyUrl(String url) {
            Objects.requireNonNull(url, "url");
            try {
                URI uri = new URI(url.replace("{token}", "t"));
                Checks.argument(("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null,
                        "surveyUrl", "must be an absolute http(s) URL, was '" + url + "'");
            } catch (java.net.URISyntaxException e) {
                throw new ValidationException("surveyUrl", "is not a URL: " + e.getMessage());
            }
            this.surveyUrl = url;
            return this;
        }

        /** How long a link can be answered (30 days unless set). */
        public Builder invitationValidity(Duration d) {
            Checks.argument(d != null && !d.isNegative() && !d.isZero(), "invitationValidity", "must be positive, was " + d);
            this.validity = d;
            return this;
        }

        /** The survey a customer is invited to when their feedback closes. */
        public Builder afterClosing(SurveyId survey) {
            this.afterClosing = Objects.requireNonNull(survey, "survey");
            return this;
        }

        /** The source of link tokens (a new {@link SecureRandom} unless set). */
        public Builder random(SecureRandom source) {
            this.random = Objects.requireNonNull(source, "random");
            return this;
        }

        /** @throws ValidationException naming the missing setting */
        public SurveyDesk build() {
            Checks.argument(store != null, "store", "is required");
            Checks.argument(!surveyUrl.isEmpty(), "surveyUrl", "is required: invitations carry the link");
            desk.warnIfAnotherOutbox(store, "survey store");
            SurveyDesk surveys = new SurveyDesk(this);
            if (afterClosing != null) {
                // invite when a feedback closes: the desk tells us after each change is stored
                desk.addListener(surveys::onEvent);
            }
            return surveys;
        }
    }
}
