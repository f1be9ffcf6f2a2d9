package io.memnun;

import io.memnun.error.NotFoundException;
import io.memnun.error.StoreException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKey;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Page;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.notify.MessageOwner;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.ErasureReport;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.LegalHoldException;
import io.memnun.privacy.PersonKey;
import io.memnun.privacy.PersonalData;
import io.memnun.privacy.RetentionPolicy;
import io.memnun.privacy.RetentionReport;
import io.memnun.spi.AttachmentStore;
import io.memnun.spi.FeedbackRedaction;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.OutboxStore;
import io.memnun.spi.PrivacyStore;
import io.memnun.spi.SealedHistory;
import io.memnun.spi.SurveyStore;
import io.memnun.spi.TransactionalOutbox;
import io.memnun.survey.Invitation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personal data protection (KVKK / GDPR) over a {@link FeedbackDesk}: consent records, legal holds, anonymisation,
 * retention, access requests (export) and erasure requests.
 *
 * <pre>{@code
 * PrivacyDesk privacy = PrivacyDesk.builder(desk, privacyStore)
 *         .attachments(attachmentStore).surveys(surveyStore)
 *         .retention(RetentionPolicy.builder().afterClosing(Duration.ofDays(730)).build())
 *         .tenants(tenant)
 *         .build();
 * privacy.tick(clock.instant());           // from the host's nightly scheduler
 * }</pre>
 *
 * <p>Anonymising a feedback ({@link Anonymisation}) rewrites its row and blanks the text of its events in place, then
 * records an {@link EventType#ANONYMISED} event; then it deletes the feedback's attachments (bytes and names), its
 * outbox messages and its tracking token, and blanks the free text of the survey answers and comments about it and
 * the reasons of its released legal holds (a reason may name the person). Each step is idempotent: if one fails, running the same call again finishes the job.
 */
public final class PrivacyDesk {
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyDesk.class);
    private static final int MAX_CONFLICTS = 20;

    private final FeedbackDesk desk;
    private final FeedbackStore store;
    private final PrivacyStore privacy;
    private final @Nullable AttachmentStore attachments;
    private final @Nullable SurveyStore surveys;
    private final @Nullable OutboxStore outbox;
    private final RetentionPolicy retention;
    private final Set<TenantId> tenants;

    private PrivacyDesk(Builder b) {
        this.desk = b.desk;
        this.store = b.desk.store();
        this.privacy = b.privacy;
        this.attachments = b.attachments;
        this.surveys = b.surveys;
        this.outbox = b.desk.store() instanceof TransactionalOutbox t ? t.outbox() : null;
        this.retention = b.retention;
        this.tenants = Set.copyOf(b.tenants);
    }

    public static Builder builder(FeedbackDesk desk, PrivacyStore privacy) {
        return new Builder(desk, privacy);
    }

    // ---- consent

    /** Records that {@code person} gave consent for {@code purpose} now, how and with what evidence. */
    public ConsentRecord recordConsent(TenantId tenant, PersonKey person, String purpose, String channel, @Nullable String evidence) {
        ConsentRecord c = new ConsentRecord(UUID.randomUUID(), tenant, person, purpose, desk.clock().instant(), channel, evidence, null);
        privacy.saveConsent(c);
        return c;
    }

    /** Withdraws the person's active consents for {@code purpose} now; answers the records withdrawn. */
    public List<ConsentRecord> withdrawConsent(TenantId tenant, PersonKey person, String purpose) {
        Instant now = desk.clock().instant();
        List<ConsentRecord> withdrawn = new ArrayList<>();
        for (ConsentRecord c : privacy.consents(tenant, person)) {
            if (c.purpose().equals(purpose) && c.withdrawnAt() == null) {
                ConsentRecord w = c.withdrawAt(now.isBefore(c.givenAt()) ? c.givenAt() : now);
                privacy.saveConsent(w);
                withdrawn.add(w);
            }
        }
        return withdrawn;
    }

    /** True when the person's consent for {@code purpose} holds now. */
    public boolean hasConsent(TenantId tenant, PersonKey person, String purpose) {
        Instant now = desk.clock().instant();
        return privacy.consents(tenant, person).stream().anyMatch(c -> c.purpose().equals(purpose) && c.isActiveAt(now));
    }

    /** The person's consent records, withdrawn ones included, oldest first. */
    public List<ConsentRecord> consents(TenantId tenant, PersonKey person) {
        return privacy.consents(tenant, person);
    }

    // ---- legal holds

    /** Places a legal hold on a feedback: it is kept as it is until the hold is released. */
    public LegalHold placeHold(TenantId tenant, FeedbackKey key, String name, String reason, Actor actor) {
        Feedback f = desk.get(tenant, key);
        LegalHold hold = new LegalHold(tenant, f.id(), name, reason, actor, desk.clock().instant());
        privacy.placeHold(hold);
        return hold;
    }

    /**
     * Releases a hold now: the feedback is no longer kept for it, and the hold is kept as released by {@code actor}
     * ({@link #releasedHolds}).
     *
     * @return the released hold; empty if the feedback has no active hold of that name
     */
    public Optional<LegalHold> releaseHold(TenantId tenant, FeedbackKey key, String name, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        return privacy.releaseHold(tenant, desk.get(tenant, key).id(), name, actor, desk.clock().instant());
    }

    /** The feedback's active holds, oldest first. */
    public List<LegalHold> holds(TenantId tenant, FeedbackKey key) {
        return privacy.holds(tenant, desk.get(tenant, key).id());
    }

    /** The feedback's released holds, in the order they were released. */
    public List<LegalHold> releasedHolds(TenantId tenant, FeedbackKey key) {
        return privacy.releasedHolds(tenant, desk.get(tenant, key).id());
    }

    // ---- anonymisation, erasure, export

    /**
     * Anonymises one feedback now (see the class comment). Anonymising an anonymised feedback records nothing new
     * but repeats the clean-up of the other stores.
     *
     * @param why a short code recorded in the event, e.g. {@code erasure-request}
     * @throws LegalHoldException if the feedback is under a legal hold; nothing is changed
     */
    public Feedback anonymise(TenantId tenant, FeedbackKey key, Actor actor, String why) {
        Feedback f = desk.get(tenant, key);
        List<LegalHold> held = privacy.holds(tenant, f.id());
        if (!held.isEmpty()) {
            throw new LegalHoldException(held.get(0).name(), f.reference());
        }
        return anonymise(f, actor, why);
    }

    /**
     * An erasure request: anonymises every feedback of the person, forgets them as the recipient of survey campaign
     * invitations (deleting those invitations' messages) and deletes their consent records. Checks every feedback for
     * a legal hold first: if one is held, nothing at all is changed.
     *
     * @throws LegalHoldException naming the hold and the feedback, if one of the person's feedback is held
     */
    public ErasureReport erase(TenantId tenant, PersonKey person, Actor actor) {
        return erase(tenant, List.of(Objects.requireNonNull(person, "person")), actor);
    }

    /**
     * One erasure request for a person known by several keys (their e-mail address, phone number and the host's
     * customer id): every feedback found by any of them is checked for a hold, then all are anonymised, and the
     * campaign invitations and consent records under each key are removed.
     *
     * @throws io.memnun.error.ValidationException naming {@code persons} if none is given
     * @throws LegalHoldException naming the hold and the feedback, if one of the person's feedback is held
     */
    public ErasureReport erase(TenantId tenant, Collection<PersonKey> persons, Actor actor) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        List<PersonKey> keys = List.copyOf(new LinkedHashSet<>(persons));
        if (keys.isEmpty()) {
            throw new io.memnun.error.ValidationException("persons", "name at least one key of the person");
        }
        List<Feedback> all = feedbackOf(tenant, keys);
        for (Feedback f : all) {
            List<LegalHold> held = privacy.holds(tenant, f.id());
            if (!held.isEmpty()) {
                throw new LegalHoldException(held.get(0).name(), f.reference());
            }
        }
        List<String> done = new ArrayList<>();
        for (Feedback f : all) {
            anonymise(f, actor, "erasure-request");
            done.add(f.reference().toString());
        }
        int invitations = 0;
        int consents = 0;
        for (PersonKey key : keys) {
            invitations += forgetCampaignRecipient(tenant, key.value());
            consents += privacy.deleteConsents(tenant, key);
        }
        return new ErasureReport(keys, done, consents, invitations);
    }

    /**
     * Deletes the messages of the campaign invitations to {@code recipient}, then the recipient on the invitations:
     * in that order, so a failure in between is finished by erasing again (the invitations still name them).
     */
    private int forgetCampaignRecipient(TenantId tenant, String recipient) {
        if (surveys == null) {
            return 0;
        }
        for (Invitation i : surveys.campaignInvitationsTo(tenant, recipient)) {
            for (OutboxStore o : campaignOutboxes()) {
                o.deleteForOwner(tenant, MessageOwner.SURVEY_INVITATION, i.id().value());
            }
        }
        return surveys.forgetCampaignRecipient(tenant, recipient, Anonymisation.PLACEHOLDER);
    }

    /** Where campaign messages may be: the survey store's outbox and the feedback store's (often one and the same). */
    private List<OutboxStore> campaignOutboxes() {
        Set<OutboxStore> all = new LinkedHashSet<>();
        if (surveys instanceof TransactionalOutbox t) {
            all.add(t.outbox());
        }
        if (outbox != null) {
            all.add(outbox);
        }
        return List.copyOf(all);
    }

    /** Everything held on the person (an access request); write it with {@code io.memnun.privacy.json.PersonalDataJson}. */
    public PersonalData export(TenantId tenant, PersonKey person) {
        List<PersonalData.Item> items = new ArrayList<>();
        for (Feedback f : feedbackOf(tenant, person)) {
            List<LegalHold> holds = new ArrayList<>(privacy.releasedHolds(tenant, f.id()));
            holds.addAll(privacy.holds(tenant, f.id()));
            holds.sort(Comparator.comparing(LegalHold::placedAt));
            items.add(new PersonalData.Item(f, store.history(tenant, f.id()),
                    surveys == null ? List.of() : surveys.responsesFor(tenant, f.id()),
                    surveys == null ? List.of() : surveys.commentsFor(tenant, f.id()),
                    holds));
        }
        return new PersonalData(person, desk.clock().instant(), items, privacy.consents(tenant, person));
    }

    // ---- retention

    /**
     * Runs the retention policy for every tenant the desk was built with; the host's scheduler calls it. A tenant whose
     * run fails as a whole (its feedback cannot be listed) is logged and left for the next tick; the other tenants run.
     */
    public List<RetentionReport> tick(Instant now) {
        List<RetentionReport> reports = new ArrayList<>();
        for (TenantId t : tenants) {
            try {
                reports.add(runRetention(t, now));
            } catch (RuntimeException e) {
                LOG.error("the retention run of tenant {} failed; the next tick tries again", t, e);
            }
        }
        return reports;
    }

    /**
     * Anonymises the tenant's closed and cancelled feedback whose retention period has run out at {@code now}, except
     * those under a legal hold, and answers what it did. A feedback that cannot be anonymised is logged, listed as
     * {@link RetentionReport#failed() failed} and tried again by the next run; the run goes on with the others.
     */
    public RetentionReport runRetention(TenantId tenant, Instant now) {
        Objects.requireNonNull(now, "now");
        List<String> anonymised = new ArrayList<>();
        List<String> held = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int examined = 0;
        FeedbackQuery q = FeedbackQuery.builder(tenant).status(Status.CLOSED, Status.CANCELLED).limit(FeedbackQuery.MAX_LIMIT).build();
        while (true) {
            Page<Feedback> page = store.query(q);
            for (Feedback f : page.items()) {
                examined++;
                Optional<Instant> due = retention.dueAt(f);
                if (due.isEmpty() || now.isBefore(due.get()) || Anonymisation.isAnonymised(f)) {
                    continue;
                }
                if (!privacy.holds(tenant, f.id()).isEmpty()) {
                    held.add(f.reference().toString());
                    continue;
                }
                try {
                    anonymise(f, Actor.system("retention"), "retention");
                    anonymised.add(f.reference().toString());
                } catch (RuntimeException e) {
                    // one feedback that cannot be anonymised (its history was changed behind the store's back, a
                    // database error) must not keep every later one's personal data past its retention
                    LOG.error("retention could not anonymise {}; the run goes on and the next one tries again", f.reference(), e);
                    failed.add(f.reference().toString());
                }
            }
            if (page.next().isEmpty()) {
                break;
            }
            q = q.after(page.next().get());
        }
        return new RetentionReport(now, examined, anonymised, held, failed);
    }

    private List<Feedback> feedbackOf(TenantId tenant, PersonKey person) {
        return feedbackOf(tenant, List.of(person));
    }

    /** The feedback found by any of {@code keys}, each once, in the order found. */
    private List<Feedback> feedbackOf(TenantId tenant, List<PersonKey> keys) {
        Map<FeedbackId, Feedback> all = new LinkedHashMap<>();
        for (PersonKey person : keys) {
            FeedbackQuery q = person.query(tenant).limit(FeedbackQuery.MAX_LIMIT).build();
            while (true) {
                Page<Feedback> page = store.query(q);
                page.items().forEach(f -> all.putIfAbsent(f.id(), f));
                if (page.next().isEmpty()) {
                    break;
                }
                q = q.after(page.next().get());
            }
        }
        return List.copyOf(all.values());
    }

    private Feedback anonymise(Feedback start, Actor actor, String why) {
        Feedback f = start;
        // the attachments named before the text is blanked: the feedback's own and those of customer messages
        Set<String> files = new LinkedHashSet<>();
        for (int conflicts = 0; !Anonymisation.isAnonymised(f); conflicts++) {
            List<SealedEvent> sealedHistory = store instanceof SealedHistory sealed ? sealed.sealedHistory(f.tenant(), f.id()) : null;
            List<FeedbackEvent> history = sealedHistory != null ? sealedHistory.stream().map(SealedEvent::event).toList()
                    : store.history(f.tenant(), f.id());
            long stored = history.isEmpty() ? f.version() : history.get(history.size() - 1).version();
            if (stored > f.version()) {
                // a command landed since f was read: anonymise the state it left, with its text
                Feedback latest = store.find(f.tenant(), f.id()).orElseThrow(() -> new NotFoundException("feedback " + start.id()));
                if (latest.version() < stored) {
                    // not a command (it writes row and event together): an event was written behind the store's back
                    throw new StoreException("the history of " + f.reference() + " has events after its version " + latest.version()
                            + ": it was changed behind the store's back (HistoryVerifier names where); it was not anonymised");
                }
                if (conflicts >= MAX_CONFLICTS) {
                    throw new VersionConflictException(f.id().toString(), f.version(), latest.version());
                }
                f = latest;
                continue;
            }
            f.attachments().forEach(a -> files.add(a.id()));
            for (FeedbackEvent e : history) {
                String ids = e.details().get("attachments");
                if (e.type() == EventType.CUSTOMER_MESSAGE && ids != null) {
                    for (String id : ids.split(",")) {
                        if (!id.isBlank()) {
                            files.add(id.strip());
                        }
                    }
                }
            }
            // with the seals, its event records how the store will seal the chain
            Anonymisation.Result r = sealedHistory != null ? Anonymisation.anonymiseSealed(f, sealedHistory, actor, why, desk.clock().instant())
                    : Anonymisation.anonymise(f, history, actor, why, desk.clock().instant());
            try {
                store.redact(FeedbackRedaction.of(r));
                desk.publish(r.feedback(), r.recorded());
                f = r.feedback();
            } catch (VersionConflictException e) {
                if (conflicts >= MAX_CONFLICTS) {
                    throw e;
                }
                f = store.find(f.tenant(), f.id()).orElseThrow(() -> e);
            }
        }
        f.attachments().forEach(a -> files.add(a.id()));
        FeedbackId id = f.id();
        TenantId tenant = f.tenant();
        if (attachments != null) {
            for (String file : files) {
                attachments.delete(tenant, file);
            }
        } else if (!files.isEmpty()) {
            LOG.warn("{} attachments of {} were not deleted: the privacy desk has no attachment store", files.size(), f.reference());
        }
        if (outbox != null) {
            outbox.deleteFor(tenant, id);
        }
        if (surveys != null) {
            surveys.redact(tenant, id, Anonymisation.PLACEHOLDER);
        }
        privacy.anonymiseReleasedHolds(tenant, id, Anonymisation.PLACEHOLDER);
        desk.forgetTrackingToken(tenant, id);
        return f;
    }

    public static final class Builder {
        private final FeedbackDesk desk;
        private final PrivacyStore privacy;
        private @Nullable AttachmentStore attachments;
        private @Nullable SurveyStore surveys;
        private RetentionPolicy retention = RetentionPolicy.builder().build();
        private final Set<TenantId> tenants = new LinkedHashSet<>();

        private Builder(FeedbackDesk desk, PrivacyStore privacy) {
            this.desk = Objects.requireNonNull(desk, "desk");
            this.privacy = Objects.requireNonNull(privacy, "privacy");
        }

        /** Where the feedback's attachments are kept, so anonymisation deletes them. */
        public Builder attachments(AttachmentStore attachments) {
            this.attachments = Objects.requireNonNull(attachments, "attachments");
            return this;
        }

        /** Where survey answers are kept, so anonymisation blanks their free text and export includes them. */
        public Builder surveys(SurveyStore surveys) {
            this.surveys = Objects.requireNonNull(surveys, "surveys");
            return this;
        }

        /** The retention periods {@link #tick} and {@link #runRetention} apply; none (keep everything) by default. */
        public Builder retention(RetentionPolicy retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** The tenants {@link #tick} runs retention for. */
        public Builder tenants(TenantId... tenants) {
            this.tenants.addAll(List.of(tenants));
            return this;
        }

        public PrivacyDesk build() {
            return new PrivacyDesk(this);
        }
    }
}
