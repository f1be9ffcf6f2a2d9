package io.memnun;

import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.TenantId;
import io.memnun.internal.HostTransactions;
import io.memnun.internal.TextCut;
import io.memnun.notify.Contact;
import io.memnun.notify.Delivery;
import io.memnun.notify.ErrorText;
import io.memnun.notify.MessageCategory;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.NotificationRule;
import io.memnun.notify.Party;
import io.memnun.notify.TemplateCatalog;
import io.memnun.notify.TemplatePart;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.RecipientDirectory;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the events of a change into notifications by the rules: who is told, through which channel, rendered in
 * their language. What it could not send is written on the event ({@code notify.CUSTOMER=not notified: ...}),
 * what it planned too ({@code notify.CUSTOMER=EMAIL}). It never fails a change: a notification that cannot be
 * planned is recorded as not notified and logged, and the transition goes on. The one exception is a
 * {@link io.memnun.error.TransactionConflictException} in the host's transaction (the directory may read the host's
 * database in it): the database aborted that transaction, so the change is not saved and the command throws it.
 */
final class NotificationPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationPlanner.class);

    /**
     * What a history records of a notification that could not be planned: its failure's message, without the addresses
     * and numbers a host's directory, check or template may have put in it.
     */
    static String notNotified(RuntimeException failure) {
        return "not notified: " + ErrorText.redact(String.valueOf(failure.getMessage()));
    }

    /** The longest account a message shows (see {@link #shortened}). */
    static final int MAX_ACCOUNT = 20_000;

    private final Notifications config;

    NotificationPlanner(Notifications config) {
        this.config = config;
    }

    FeedbackChange plan(FeedbackChange change) {
        return plan(change, Map.of());
    }

    /**
     * Plans with {@code renderOnly} added to the template model of the customer's messages: values that messages to
     * the customer show but the history must not keep, such as a survey link's secret token.
     */
    FeedbackChange plan(FeedbackChange change, Map<String, String> renderOnly) {
        List<FeedbackEvent> events = new ArrayList<>();
        List<Notification> out = new ArrayList<>(change.outbox());
        for (FeedbackEvent e : change.events()) {
            events.add(plan(change.feedback(), e, out, renderOnly));
        }
        return change.withOutbox(events, out);
    }

    private FeedbackEvent plan(Feedback f, FeedbackEvent e, List<Notification> out, Map<String, String> renderOnly) {
        List<NotificationRule> rules = config.rules().forEvent(e.type());
        if (rules.isEmpty()) {
            return e;
        }
        Map<String, String> details = new LinkedHashMap<>(e.details());
        Set<String> keys = new HashSet<>();
        for (NotificationRule rule : rules) {
            String label = "notify." + rule.to();
            if (details.containsKey(label)) {
                label = label + "." + rule.template();
            }
            try {
                if (!rule.when().test(f)) {
                    continue;
                }
                Recipients r = recipients(rule.to(), f, e, 0);
                if (r.contacts().isEmpty()) {
                    if (r.why() != null) {
                        details.put(label, "not notified: " + r.why());
                    }
                    continue;
                }
                if (!rule.to().isStaff() && !rule.category().permittedBy(f.customer().consent())) {
                    details.put(label, "not notified: the customer gave no consent to " + rule.category().name().toLowerCase(Locale.ROOT)
                            + " messages");
                    continue;
                }
                List<String> done = new ArrayList<>();
                boolean emailForSms = rule.to().type() == Party.Type.CUSTOMER && rule.category() == MessageCategory.TRANSACTIONAL;
                for (Contact contact : r.contacts()) {
                    Choice choice = choose(rule.delivery(), contact, emailForSms);
                    if (choice.channels().isEmpty()) {
                        done.add("not notified" + (r.contacts().size() > 1 && contact.id() != null ? " " + contact.id() : "") + ": " + choice.why());
                        continue;
                    }
                    List<String> channels = new ArrayList<>();
                    for (ContactChannel channel : choice.channels()) {
                        String address = channel == ContactChannel.EMAIL ? contact.email().value() : contact.phone().e164();
                        String key = Notification.idempotencyKey(f.id(), e.version(), channel, address);
                        if (keys.add(key)) {
                            out.add(render(f, e, rule, contact, channel, address, key, renderOnly));
                        }
                        channels.add(channel.name());
                    }
                    done.add(String.join(", ", channels) + (choice.note() == null ? "" : " (" + choice.note() + ")"));
                }
                details.put(label, String.join(", ", done));
            } catch (RuntimeException ex) {
                // the host's directory or predicates may read its database in its transaction: a conflict there aborted
                // the transaction, and the change saved after this plan would fail or run outside it
                HostTransactions.rethrowIfLost(ex);
                // a notification never blocks the complaint process: record it, log it, go on
                // the host's directory or template may have put an address or a number in the message: redacted, as
                // the history and the log keep it
                LOG.warn("cannot plan {} for {} of {}", rule, e.type(), f.reference(), ErrorText.loggable(ex, null));
                details.put(label, notNotified(ex));
            }
        }
        return new FeedbackEvent(e.feedbackId(), e.version(), e.type(), e.actor(), e.at(), e.note(), e.from(), e.to(), details);
    }

    private record Recipients(List<Contact> contacts, @Nullable String why) {}

    /**
     * @param channels what the message goes through; empty when it cannot be sent
     * @param why why it cannot, when {@code channels} is empty
     * @param note what the event adds after the channels, e.g. why e-mail was chosen over the SMS a number cannot take
     */
    private record Choice(List<ContactChannel> channels, @Nullable String why, @Nullable String note) {}

    private Recipients recipients(Party party, Feedback f, FeedbackEvent e, int depth) {
        RecipientDirectory directory = config.directory();
        switch (party.type()) {
            case CUSTOMER:
                return new Recipients(List.of(Contact.of(f.customer())), null);
            case ASSIGNEE:
                if (f.assignee().isEmpty()) {
                    return new Recipients(List.of(), null);
                }
                return directory.staff(f.tenant(), f.assignee().get()).map(c -> new Recipients(List.of(c), null))
                        .orElseGet(() -> new Recipients(List.of(), "the directory has no contact for " + f.assignee().get()));
            case DEPARTMENT:
                if (f.department().isEmpty()) {
                    return new Recipients(List.of(), null);
                }
                return found(directory.department(f.tenant(), f.department().get()), "the directory has no contact for department "
                        + f.department().get());
            case DEPARTMENT_HEAD:
                if (f.department().isEmpty()) {
                    return new Recipients(List.of(), null);
                }
                return found(directory.departmentHeads(f.tenant(), f.department().get()), "the directory has no head of department "
                        + f.department().get());
            case WATCHERS:
                return new Recipients(directory.watchers(f), null);
            case ROLE:
                return found(directory.role(f.tenant(), party.role()), "nobody holds the role " + party.role());
            case ESCALATION_RECIPIENT:
            default:
                String named = e.details().get("recipient");
                if (named == null) {
                    return new Recipients(List.of(), "the event names no recipient");
                }
                Party target = Party.parse(named);
                if (target.type() == Party.Type.ESCALATION_RECIPIENT || depth > 0) {
                    return new Recipients(List.of(), "the recipient " + named + " names no one");
                }
                return recipients(target, f, e, depth + 1);
        }
    }

    private static Recipients found(List<Contact> contacts, String whyNot) {
        return contacts.isEmpty() ? new Recipients(List.of(), whyNot) : new Recipients(List.copyOf(contacts), null);
    }

    /**
     * The channels {@code delivery} names for {@code c}, or why none. A phone number that cannot take SMS (see
     * {@link Notifications#whyNoSms}) counts as none for SMS; where {@code emailForSms} (a transactional message to the
     * customer, which the dispatcher would tell by e-mail after the SMS failed) an e-mail takes the SMS's place at once,
     * and the choice notes why.
     */
    private Choice choose(Delivery delivery, Contact c, boolean emailForSms) {
        if (c.email() == null && c.phone() == null) {
            // say what is missing rather than a preference the builder derived from the missing details
            return new Choice(List.of(), "no e-mail address or phone number", null);
        }
        if (c.preferredChannel() == ContactChannel.NONE) {
            // an opt-out holds whatever channel a rule names; only PREFERRED rules read the other preferences
            return new Choice(List.of(), "does not wish to be contacted", null);
        }
        boolean email = c.email() != null && config.channels().contains(ContactChannel.EMAIL);
        @Nullable String noSms = c.phone() == null ? null : config.whyNoSms(c.phone()).orElse(null);
        boolean sms = c.phone() != null && noSms == null && config.channels().contains(ContactChannel.SMS);
        String none = noSms != null ? noSms : "no address for the channels in use";
        @Nullable String instead = noSms == null ? null : "not SMS: " + noSms;
        switch (delivery) {
            case EMAIL:
                return email ? new Choice(List.of(ContactChannel.EMAIL), null, null) : new Choice(List.of(), c.email() == null
                        ? "no e-mail address" : "no EMAIL channel in use", null);
            case SMS:
                if (sms) {
                    return new Choice(List.of(ContactChannel.SMS), null, null);
                }
                if (noSms != null && emailForSms && email) {
                    return new Choice(List.of(ContactChannel.EMAIL), null, instead);
                }
                return new Choice(List.of(), c.phone() == null ? "no phone number" : noSms != null ? noSms : "no SMS channel in use", null);
            case EMAIL_AND_SMS: {
                List<ContactChannel> both = new ArrayList<>();
                if (email) {
                    both.add(ContactChannel.EMAIL);
                }
                if (sms) {
                    both.add(ContactChannel.SMS);
                }
                return new Choice(both, both.isEmpty() ? none : null, email ? instead : null);
            }
            case PREFERRED:
            default:
                switch (c.preferredChannel()) {
                    case NONE:
                        return new Choice(List.of(), "does not wish to be contacted", null);
                    case PHONE:
                    case POST:
                        return new Choice(List.of(), "prefers " + c.preferredChannel() + ", which staff must use themselves", null);
                    case SMS:
                        return sms ? new Choice(List.of(ContactChannel.SMS), null, null)
                                : email ? new Choice(List.of(ContactChannel.EMAIL), null, instead) : new Choice(List.of(), none, null);
                    case EMAIL:
                    default:
                        return email ? new Choice(List.of(ContactChannel.EMAIL), null, null)
                                : sms ? new Choice(List.of(ContactChannel.SMS), null, null) : new Choice(List.of(), none, null);
                }
        }
    }

    /**
     * The e-mail that stands in for {@code failed}, an SMS to the customer about {@code e} that their number cannot take:
     * the same template, category and urgency rendered for e-mail to the customer's address as {@code f} has it now,
     * with the idempotency key an e-mail about {@code e} would have had. Empty when the customer left no e-mail
     * address, wishes no contact, no e-mail channel is in use, or {@code e} told the customer by e-mail already.
     * Values only ever rendered (a tracking code) are not known any more and stay out.
     */
    Optional<Notification> emailInstead(Feedback f, FeedbackEvent e, Notification failed) {
        Contact contact = Contact.of(f.customer());
        if (contact.email() == null || contact.preferredChannel() == ContactChannel.NONE || !config.channels().contains(ContactChannel.EMAIL)) {
            return Optional.empty();
        }
        String label = "notify." + Party.CUSTOMER;
        boolean emailed = e.details().entrySet().stream()
                .anyMatch(d -> d.getKey().startsWith(label) && d.getValue().contains(ContactChannel.EMAIL.name()));
        if (emailed) {
            return Optional.empty();
        }
        String address = contact.email().value();
        NotificationRule rule = new NotificationRule(e.type(), failed.party(), Delivery.EMAIL, failed.template(), failed.category(),
                failed.urgent(), any -> true);
        return Optional.of(render(f, e, rule, contact, ContactChannel.EMAIL, address,
                Notification.idempotencyKey(f.id(), e.version(), ContactChannel.EMAIL, address), Map.of()));
    }

    /** The messages planned for one contact, or why none could be. */
    record Direct(List<Notification> messages, @Nullable String notSent) {}

    /**
     * Plans the messages to {@code contact} about an owner that is not a feedback (a campaign's invitation, a corrective
     * action): the channels by {@code delivery} and what the contact has, rendered from {@code template} in the
     * contact's language with {@code variables} plus {@code organisation} and {@code recipientName}. The ids derive from
     * the owner, {@code version} and the address, so planning the same message twice gives the same id.
     */
    Direct planDirect(TenantId tenant, MessageOwner owner, long version, String template, Party party, Delivery delivery,
            MessageCategory category, Contact contact, ZoneId zone, Map<String, String> variables, Instant at) {
        // not a feedback's transactional message: a number that cannot take SMS is not replaced by e-mail beyond PREFERRED
        Choice choice = choose(delivery, contact, false);
        if (choice.channels().isEmpty()) {
            return new Direct(List.of(), choice.why());
        }
        TemplateCatalog templates = config.templates();
        Map<String, Object> model = new HashMap<>(variables);
        model.put("organisation", config.organisation());
        model.put("recipientName", orEmpty(contact.name()));
        List<Notification> out = new ArrayList<>();
        for (ContactChannel channel : choice.channels()) {
            String address = channel == ContactChannel.EMAIL ? contact.email().value() : contact.phone().e164();
            String key = Notification.idempotencyKey(owner, version, channel, address);
            TemplatePart main = channel == ContactChannel.EMAIL ? TemplatePart.TEXT : TemplatePart.SMS;
            Locale language = templates.languageFor(template, contact.language(), main).orElse(templates.fallbackLanguage());
            String subject = channel == ContactChannel.EMAIL ? templates.render(template, contact.language(), TemplatePart.SUBJECT, model) : null;
            String html = channel == ContactChannel.EMAIL ? templates.render(template, contact.language(), TemplatePart.HTML, model) : null;
            String text = templates.render(template, contact.language(), main, model);
            out.add(new Notification(Notification.idFor(key), tenant, owner, version, null, template, party, channel, contact.id(),
                    contact.name(), address, language, zone, subject, text, html, category, false, false, key, at));
        }
        return new Direct(out, null);
    }

    /**
     * Times in a message to someone speaking {@code language} in {@code zone}, by the configured pattern: in their
     * language if the catalogue has templates in it, else in the fallback language the message is written in (not
     * French month names in an English text).
     */
    DateTimeFormatter timeFormat(Locale language, ZoneId zone) {
        TemplateCatalog templates = config.templates();
        Locale written = templates.languages().contains(language.getLanguage()) ? language : templates.fallbackLanguage();
        return DateTimeFormatter.ofPattern(config.dateTimePattern(), written).withZone(zone);
    }

    private Notification render(Feedback f, FeedbackEvent e, NotificationRule rule, Contact contact, ContactChannel channel,
            String address, String key, Map<String, String> renderOnly) {
        TemplateCatalog templates = config.templates();
        TemplatePart main = channel == ContactChannel.EMAIL ? TemplatePart.TEXT : TemplatePart.SMS;
        Locale language = templates.languageFor(rule.template(), contact.language(), main).orElse(templates.fallbackLanguage());
        ZoneId zone = rule.to().isStaff() ? config.zone() : config.zoneOf(f);
        Map<String, Object> model = model(f, e, contact, language, zone);
        if (rule.to().type() == Party.Type.CUSTOMER) {
            // the customer's secrets (the tracking code, a survey link's token) are the customer's alone: a staff or role
            // template on the same event that prints trackingUrl gets the link without them
            model.putAll(renderOnly);
        }
        String subject = null;
        String html = null;
        String text;
        if (channel == ContactChannel.EMAIL) {
            subject = templates.render(rule.template(), contact.language(), TemplatePart.SUBJECT, model);
            text = templates.render(rule.template(), contact.language(), TemplatePart.TEXT, model);
            html = templates.render(rule.template(), contact.language(), TemplatePart.HTML, model);
        } else {
            text = templates.render(rule.template(), contact.language(), TemplatePart.SMS, model);
        }
        return new Notification(Notification.idFor(key), f.tenant(), MessageOwner.feedback(f.id(), f.reference()), e.version(), e.type(), rule.template(),
                rule.to(), channel, contact.id(), contact.name(), address, language, zone, subject, text, html, rule.category(),
                rule.urgent(), e.type() == EventType.RECEIVED && rule.to().type() == Party.Type.CUSTOMER, key, e.at());
    }

    /** A value for every documented variable: empty strings where one does not apply. */
    private Map<String, Object> model(Feedback f, FeedbackEvent e, Contact contact, Locale language, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern(config.dateTimePattern(), language).withZone(zone);
        Map<String, String> d = e.details();
        Map<String, Object> m = new HashMap<>();
        m.put("reference", f.reference().toString());
        m.put("organisation", config.organisation());
        m.put("customerName", orEmpty(f.customer().name()));
        m.put("recipientName", orEmpty(contact.name()));
        m.put("kind", f.kind().name());
        m.put("priority", f.priority().name());
        m.put("status", e.to().name());
        m.put("channel", f.channel().code());
        m.put("department", f.department().map(x -> x.value()).orElse(""));
        m.put("assignee", f.assignee().map(x -> x.value()).orElse(""));
        m.put("subject", f.subject().map(x -> x.value()).orElse(""));
        m.put("location", f.location().map(x -> x.value()).orElse(""));
        m.put("description", shortened(f.description()));
        m.put("receivedAt", time.format(f.receivedAt()));
        m.put("eventAt", time.format(e.at()));
        m.put("actor", e.actor().toString());
        m.put("note", orEmpty(e.note()));
        m.put("trackingUrl", config.trackingUrlFor(f.reference().toString()).orElse(""));
        m.put("trackingToken", "");
        m.put("plannedUntil", f.plannedUntil().map(time::format).orElse(""));
        m.put("resolution", f.resolution().orElse(""));
        m.put("closureReason", f.closureReason().map(Enum::name).orElse(""));
        m.put("fromDepartment", d.getOrDefault("fromDepartment", ""));
        m.put("toDepartment", d.getOrDefault("toDepartment", f.department().map(x -> x.value()).orElse("")));
        m.put("rejectionCount", Integer.toString(f.rejectionCount()));
        m.put("appealCount", Integer.toString(f.appealCount()));
        m.put("sla", d.getOrDefault("sla", ""));
        m.put("slaDueAt", instant(d.get("dueAt")).map(time::format).orElse(""));
        m.put("slaPercent", d.getOrDefault("percent", ""));
        m.put("escalationLevel", d.getOrDefault("level", ""));
        m.put("surveyUrl", "");
        m.put("surveyTitle", "");
        m.put("surveyExpiresAt", "");
        return m;
    }

    /**
     * The account as messages show it: a desk may accept accounts up to {@code Intake.MAX_TEXT} long, but a message body
     * holds {@link Notification#MAX_BODY} characters, and HTML escaping makes a value up to six times longer. Cut at
     * {@value #MAX_ACCOUNT} characters (as long as a note or resolution may be), the whole account stays in the desk.
     */
    static String shortened(String account) {
        if (account.length() <= MAX_ACCOUNT) {
            return account;
        }
        return TextCut.prefix(account, MAX_ACCOUNT) + " […]";
    }

    private static Optional<Instant> instant(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
