package io.memnun;

import io.memnun.error.NotFoundException;
import io.memnun.error.StoreException;
import io.memnun.error.TransactionConflictException;
import io.memnun.error.ValidationException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Customer;
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
import io.memnun.internal.Checks;
import io.memnun.internal.HostTransactions;
import io.memnun.internal.KeyedDigest;
import io.memnun.notify.MessageOwner;
import io.memnun.privacy.AccessLogEntry;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 * retention, access requests (export), erasure requests, and the access log that records every export, anonymisation
 * and erasure ({@link #accessLog(TenantId, PersonKey)}).
 *
 * <pre>{@code
 * PrivacyDesk privacy = PrivacyDesk.builder(desk, privacyStore)
 *         .accessLogKey(secret)              // 32+ random bytes kept outside the database
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
    /** How long the access log keeps an entry unless the builder says otherwise: ten years, leap days included. */
    public static final Duration DEFAULT_ACCESS_LOG_RETENTION = Duration.ofDays(3653);
    /** The purpose an erasure records when the host gives none. */
    public static final String ERASURE_REQUEST = "erasure-request";

    private final FeedbackDesk desk;
    private final FeedbackStore store;
    private final PrivacyStore privacy;
    private final @Nullable AttachmentStore attachments;
    private final @Nullable SurveyStore surveys;
    private final @Nullable OutboxStore outbox;
    private final RetentionPolicy retention;
    private final Set<TenantId> tenants;
    private final KeyedDigest subjectDigest;
    private final Duration accessLogRetention;

    private PrivacyDesk(Builder b, KeyedDigest subjectDigest) {
        this.desk = b.desk;
        this.store = b.desk.store();
        this.privacy = b.privacy;
        this.attachments = b.attachments;
        this.surveys = b.surveys;
        this.outbox = b.desk.store() instanceof TransactionalOutbox t ? t.outbox() : null;
        this.retention = b.retention;
        this.tenants = Set.copyOf(b.tenants);
        this.subjectDigest = subjectDigest;
        this.accessLogRetention = b.accessLogRetention;
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
     * <p>An anonymisation that changes the feedback is recorded in the {@link #accessLog access log}.
     *
     * @param why a short code or a request's reference recorded in the event and the access log, e.g.
     *     {@code erasure-request}; at most {@value AccessLogEntry#MAX_WHY} characters on one line, holding none of the
     *     e-mail address, phone number and customer id on the feedback (the log keeps it after the anonymisation)
     * @throws ValidationException naming {@code why} if it is blank, too long, or holds one of the feedback's keys
     * @throws LegalHoldException if the feedback is under a legal hold; nothing is changed
     */
    public Feedback anonymise(TenantId tenant, FeedbackKey key, Actor actor, String why) {
        Objects.requireNonNull(actor, "actor");
        Checks.code(why, "why", AccessLogEntry.MAX_WHY);
        Feedback f = desk.get(tenant, key);
        // the entry names the person by the feedback's keys and keeps why after the feedback is anonymised
        purpose(why, List.of(), List.of(f));
        List<LegalHold> held = privacy.holds(tenant, f.id());
        if (!held.isEmpty()) {
            throw new LegalHoldException(held.get(0).name(), f.reference());
        }
        return anonymise(f, actor, why);
    }

    /**
     * An erasure request: anonymises every feedback of the person, forgets them as the recipient of survey campaign
     * invitations (deleting those invitations' messages) and deletes their consent records. Checks every feedback for
     * a legal hold first: if one is held, nothing at all is changed. Recorded in the access log as
     * {@value #ERASURE_REQUEST}; {@link #erase(TenantId, PersonKey, Actor, String)} records the request's reference.
     *
     * @throws LegalHoldException naming the hold and the feedback, if one of the person's feedback is held
     */
    public ErasureReport erase(TenantId tenant, PersonKey person, Actor actor) {
        return erase(tenant, person, actor, ERASURE_REQUEST);
    }

    /**
     * An erasure request, recorded in the access log with {@code why}, e.g. the request's reference.
     *
     * @param why the request's reference or a short code, at most {@value AccessLogEntry#MAX_WHY} characters on one
     *     line; it must not name the person (the access log keeps it after the erasure)
     * @throws LegalHoldException naming the hold and the feedback, if one of the person's feedback is held
     */
    public ErasureReport erase(TenantId tenant, PersonKey person, Actor actor, String why) {
        return erase(tenant, List.of(Objects.requireNonNull(person, "person")), actor, why);
    }

    /**
     * One erasure request for a person known by several keys, recorded in the access log as {@value #ERASURE_REQUEST}
     * (see {@link #erase(TenantId, Collection, Actor, String)}).
     */
    public ErasureReport erase(TenantId tenant, Collection<PersonKey> persons, Actor actor) {
        return erase(tenant, persons, actor, ERASURE_REQUEST);
    }

    /**
     * One erasure request for a person known by several keys (their e-mail address, phone number and the host's
     * customer id): every feedback found by any of them is checked for a hold, then all are anonymised, and the
     * campaign invitations and consent records under each key are removed. Each anonymisation and then the erasure
     * are recorded in the access log (see {@link #accessLog(TenantId, PersonKey)}), under every key given and every
     * key the person's feedback held, as digests only.
     *
     * @param why the request's reference or a short code ({@code erasure-request}), at most
     *     {@value AccessLogEntry#MAX_WHY} characters on one line; it must not name the person
     * @throws io.memnun.error.ValidationException naming {@code persons} if none is given, or {@code why} if it is
     *     blank, too long, or holds one of the keys given or on the person's feedback; nothing is changed
     * @throws LegalHoldException naming the hold and the feedback, if one of the person's feedback is held
     */
    public ErasureReport erase(TenantId tenant, Collection<PersonKey> persons, Actor actor, String why) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        List<PersonKey> keys = List.copyOf(new LinkedHashSet<>(persons));
        if (keys.isEmpty()) {
            throw new ValidationException("persons", "name at least one key of the person");
        }
        Checks.code(why, "why", AccessLogEntry.MAX_WHY);
        List<Feedback> all = feedbackOf(tenant, keys);
        String purpose = purpose(why, keys, all);
        for (Feedback f : all) {
            List<LegalHold> held = privacy.holds(tenant, f.id());
            if (!held.isEmpty()) {
                throw new LegalHoldException(held.get(0).name(), f.reference());
            }
        }
        List<String> done = new ArrayList<>();
        for (Feedback f : all) {
            anonymise(f, actor, purpose);
            done.add(f.reference().toString());
        }
        int invitations = 0;
        int consents = 0;
        for (PersonKey key : keys) {
            invitations += forgetCampaignRecipient(tenant, key.value());
            consents += privacy.deleteConsents(tenant, key);
        }
        // after the work, so the entry states what was done; a failure before it leaves the anonymisations' entries,
        // and the erasure, called again to finish, records itself then
        privacy.appendAccessLog(new AccessLogEntry(UUID.randomUUID(), tenant, AccessLogEntry.Action.ERASURE, subjects(tenant, keys, all),
                actor, purpose, desk.clock().instant(), done, Map.of(AccessLogEntry.FEEDBACK, done.size(),
                        AccessLogEntry.CONSENTS, consents, AccessLogEntry.CAMPAIGN_INVITATIONS, invitations)));
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

    /**
     * Everything held on the person, for an access request; write it with {@code io.memnun.privacy.json.PersonalDataJson}.
     * Before the data is returned, the disclosure is recorded in the access log: who, why, when, under the person's
     * keys (as digests) and how much (feedback, events, survey responses, comments, legal holds, consents), never the
     * data. If the record cannot be written the export fails and nothing is returned; an export that fails while
     * gathering the data records nothing.
     *
     * @param actor who answers the request (a privacy officer; {@link Actor#customer()} for a self-service download)
     * @param why the request's reference, e.g. {@code KVKK-2026-0042}, or a short code; at most
     *     {@value AccessLogEntry#MAX_WHY} characters on one line. It must not name the person: the log keeps it for
     *     years, after an erasure too
     * @throws ValidationException naming {@code why} if it is blank, too long, or holds the person's key or one of
     *     the keys on their feedback
     */
    public PersonalData export(TenantId tenant, PersonKey person, Actor actor, String why) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(actor, "actor");
        Checks.code(why, "why", AccessLogEntry.MAX_WHY);
        List<Feedback> found = feedbackOf(tenant, person);
        String purpose = purpose(why, List.of(person), found);
        List<PersonalData.Item> items = new ArrayList<>();
        for (Feedback f : found) {
            List<LegalHold> holds = new ArrayList<>(privacy.releasedHolds(tenant, f.id()));
            holds.addAll(privacy.holds(tenant, f.id()));
            holds.sort(Comparator.comparing(LegalHold::placedAt));
            items.add(new PersonalData.Item(f, store.history(tenant, f.id()),
                    surveys == null ? List.of() : surveys.responsesFor(tenant, f.id()),
                    surveys == null ? List.of() : surveys.commentsFor(tenant, f.id()),
                    holds));
        }
        PersonalData data = new PersonalData(person, desk.clock().instant(), items, privacy.consents(tenant, person));
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(AccessLogEntry.FEEDBACK, items.size());
        counts.put(AccessLogEntry.EVENTS, items.stream().mapToInt(i -> i.history().size()).sum());
        counts.put(AccessLogEntry.SURVEY_RESPONSES, items.stream().mapToInt(i -> i.responses().size()).sum());
        counts.put(AccessLogEntry.COMMENTS, items.stream().mapToInt(i -> i.comments().size()).sum());
        counts.put(AccessLogEntry.LEGAL_HOLDS, items.stream().mapToInt(i -> i.holds().size()).sum());
        counts.put(AccessLogEntry.CONSENTS, data.consents().size());
        // recorded before the data leaves: a disclosure the log cannot record does not happen
        List<String> references = items.stream().map(i -> i.feedback().reference().toString()).toList();
        privacy.appendAccessLog(new AccessLogEntry(UUID.randomUUID(), tenant, AccessLogEntry.Action.EXPORT,
                subjects(tenant, List.of(person), found), actor, purpose, data.exportedAt(), references, counts));
        return data;
    }

    // ---- the access log

    /**
     * What was done with the person's data, oldest first: every export, anonymisation and erasure recorded under the
     * key, whatever the case it is written in. An erasure leaves the entries (they hold digests of the keys, not the
     * keys), so this answers for an erased person too.
     */
    public List<AccessLogEntry> accessLog(TenantId tenant, PersonKey person) {
        Objects.requireNonNull(tenant, "tenant");
        return privacy.accessLog(tenant, subject(tenant, Objects.requireNonNull(person, "person")));
    }

    /**
     * The tenant's access log for a period, {@code from} inclusive, {@code to} exclusive, oldest first: for an auditor.
     *
     * @throws ValidationException naming {@code to} if it is before {@code from}
     */
    public List<AccessLogEntry> accessLog(TenantId tenant, Instant from, Instant to) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Checks.argument(!to.isBefore(from), "to", "must not be before from " + from + ", was " + to);
        return privacy.accessLog(tenant, from, to);
    }

    /** The log's name for the person known by {@code key} in {@code tenant}: the same for every spelling of the key. */
    private AccessLogEntry.Subject subject(TenantId tenant, PersonKey key) {
        // the tenant is part of the text, so one person's entries in two tenants cannot be linked by their digests
        return new AccessLogEntry.Subject(key.kind(), subjectDigest.hex(tenant.value() + "\n" + key));
    }

    /** The subjects of an entry: the keys given, then every key the feedback concerned held, each once. */
    private List<AccessLogEntry.Subject> subjects(TenantId tenant, List<PersonKey> given, List<Feedback> feedback) {
        Set<PersonKey> keys = new LinkedHashSet<>(given);
        for (Feedback f : feedback) {
            keys.addAll(keysOf(f.customer()));
        }
        return keys.stream().map(k -> subject(tenant, k)).toList();
    }

    private static List<PersonKey> keysOf(Customer c) {
        List<PersonKey> keys = new ArrayList<>();
        c.emailAddress().ifPresent(e -> keys.add(PersonKey.email(e.value())));
        c.phoneNumber().ifPresent(p -> keys.add(PersonKey.phone(p.e164())));
        if (c.externalId() != null) {
            keys.add(PersonKey.externalId(c.externalId()));
        }
        return keys;
    }

    /**
     * {@code why} checked for the access log: one line of at most {@value AccessLogEntry#MAX_WHY} characters that does
     * not hold any key the entry names the person by, the keys given and those on the feedback concerned (the log
     * keeps it past an erasure, which removes the keys everywhere else).
     */
    private static String purpose(String why, List<PersonKey> given, List<Feedback> feedback) {
        String checked = Checks.code(why, "why", AccessLogEntry.MAX_WHY);
        String folded = checked.toLowerCase(Locale.ROOT);
        Set<PersonKey> persons = new LinkedHashSet<>(given);
        for (Feedback f : feedback) {
            persons.addAll(keysOf(f.customer()));
        }
        for (PersonKey p : persons) {
            if (holds(folded, p)) {
                throw new ValidationException("why", "holds the person's " + p.kind().name().toLowerCase(Locale.ROOT)
                        + "; give the request's reference instead");
            }
        }
        return checked;
    }

    /**
     * True when {@code folded} (in lower case) holds the key. An e-mail address or a phone number anywhere; a customer
     * id only as a word of its own, not inside a longer run of letters and digits: a host's ids are often short
     * numbers, and a request's reference such as {@code KVKK-2026-0042} does not name customer 42.
     */
    private static boolean holds(String folded, PersonKey key) {
        String value = key.value().toLowerCase(Locale.ROOT);
        if (key.kind() != PersonKey.Kind.EXTERNAL_ID) {
            return folded.contains(value);
        }
        for (int at = folded.indexOf(value); at >= 0; at = folded.indexOf(value, at + 1)) {
            int end = at + value.length();
            boolean startsWord = at == 0 || !Character.isLetterOrDigit(folded.charAt(at - 1));
            boolean endsWord = end == folded.length() || !Character.isLetterOrDigit(folded.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    // ---- retention

    /**
     * Runs the retention policy for every tenant the desk was built with; the host's scheduler calls it. A tenant whose
     * run fails as a whole (its feedback cannot be listed) is logged and left for the next tick; the other tenants run.
     *
     * @throws TransactionConflictException if a run meets one in the host's transaction (see {@link #runRetention}); the
     *     tenants after it wait for the next tick
     */
    public List<RetentionReport> tick(Instant now) {
        List<RetentionReport> reports = new ArrayList<>();
        for (TenantId t : tenants) {
            try {
                reports.add(runRetention(t, now));
            } catch (RuntimeException e) {
                HostTransactions.rethrowIfLost(e);
                LOG.error("the retention run of tenant {} failed; the next tick tries again", t, e);
            }
        }
        return reports;
    }

    /**
     * Anonymises the tenant's closed and cancelled feedback whose retention period has run out at {@code now}, except
     * those under a legal hold, deletes the access log's entries older than its retention period
     * ({@link Builder#accessLogRetention}), and answers what it did. A feedback that cannot be anonymised is logged,
     * listed as {@link RetentionReport#failed() failed} and tried again by the next run; the run goes on with the others.
     *
     * @throws TransactionConflictException if a concurrent transaction changed what the run works on inside the host's
     *     transaction ({@link TransactionConflictException#inHostTransaction()}): the run stops there. The database has
     *     aborted that transaction (H2 rolled back the anonymisations before), so going on would report work that is not
     *     kept and run the rest in a new transaction, or not at all; roll back and run again. Outside a host's
     *     transaction a conflict cost only that feedback's anonymisation, which is listed as failed like any other.
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
                    HostTransactions.rethrowIfLost(e);
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
        int purged = 0;
        try {
            purged = privacy.purgeAccessLog(tenant, now.minus(accessLogRetention));
        } catch (RuntimeException e) {
            HostTransactions.rethrowIfLost(e);
            LOG.error("the access log of tenant {} could not be purged; the next run tries again", tenant, e);
        }
        return new RetentionReport(now, examined, anonymised, held, failed, purged);
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
        // what this call anonymised, and the state it anonymised (with the person's keys)
        Anonymisation.Result done = null;
        Feedback before = null;
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
                done = r;
                before = f;
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
        if (done != null) {
            // recorded as soon as the feedback is anonymised, before the clean-up: a clean-up that fails is finished by
            // calling again, which finds the feedback anonymised and records nothing more
            privacy.appendAccessLog(new AccessLogEntry(UUID.randomUUID(), tenant, AccessLogEntry.Action.ANONYMISATION,
                    subjects(tenant, List.of(), List.of(before)), actor, why, done.recorded().at(), List.of(f.reference().toString()),
                    Map.of(AccessLogEntry.FEEDBACK, 1, AccessLogEntry.EVENTS_REWRITTEN, done.rewritten().size(),
                            AccessLogEntry.ATTACHMENTS, files.size())));
        }
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
        private byte @Nullable [] accessLogKey;
        private Duration accessLogRetention = DEFAULT_ACCESS_LOG_RETENTION;

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

        /**
         * The secret under which the access log names people (required): at least 32 random bytes, the same on every
         * node and for as long as the log is kept. The log holds an HMAC-SHA-256 of each person's key under it, so
         * whoever holds the database alone cannot read the keys or confirm a guess. Keep it outside the database, like a
         * credential; with another secret, {@link PrivacyDesk#accessLog(TenantId, PersonKey)} no longer finds the
         * entries written before (the period query still lists them).
         *
         * @throws ValidationException naming {@code accessLogKey} if it is shorter than 32 bytes
         */
        public Builder accessLogKey(byte[] secret) {
            new KeyedDigest(secret);
            this.accessLogKey = secret.clone();
            return this;
        }

        /**
         * How long an access log entry is kept; {@link PrivacyDesk#tick} and {@link PrivacyDesk#runRetention} delete
         * older ones. Ten years by default ({@link PrivacyDesk#DEFAULT_ACCESS_LOG_RETENTION}); KVKK's regulation on
         * erasure asks for records of erasures for at least three.
         *
         * @throws ValidationException naming {@code accessLogRetention} if it is not positive
         */
        public Builder accessLogRetention(Duration period) {
            Objects.requireNonNull(period, "period");
            Checks.argument(!period.isNegative() && !period.isZero(), "accessLogRetention", "must be positive, was " + period);
            this.accessLogRetention = period;
            return this;
        }

        /** The tenants {@link #tick} runs retention for. */
        public Builder tenants(TenantId... tenants) {
            this.tenants.addAll(List.of(tenants));
            return this;
        }

        /** @throws ValidationException naming {@code accessLogKey} if none was given */
        public PrivacyDesk build() {
            if (accessLogKey == null) {
                throw new ValidationException("accessLogKey", "is required: 32 or more random bytes kept outside the database,"
                        + " under which the access log names people");
            }
            return new PrivacyDesk(this, new KeyedDigest(accessLogKey));
        }
    }
}
