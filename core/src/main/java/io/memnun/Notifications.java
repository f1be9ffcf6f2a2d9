package io.memnun;

import io.memnun.error.ValidationException;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.PhoneNumber;
import io.memnun.internal.Checks;
import io.memnun.notify.Delivery;
import io.memnun.notify.NotificationRule;
import io.memnun.notify.NotificationRules;
import io.memnun.notify.TemplateCatalog;
import io.memnun.notify.TemplatePart;
import io.memnun.spi.RecipientDirectory;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How a desk notifies: its rules, templates, staff directory and the values templates print. Pass it to
 * {@link FeedbackDesk.Builder#notifications(Notifications)}; the desk then plans the notifications of every event
 * and its store writes them to the outbox in the same transaction. Send them with a {@link NotificationDispatcher}.
 *
 * <pre>{@code
 * Notifications notifications = Notifications.builder("Boğaziçi Otel")
 *         .directory(staffDirectory)
 *         .trackingUrl("https://otel.example/geri-bildirim/{reference}")
 *         .zone(ZoneId.of("Europe/Istanbul"))
 *         .build();
 * }</pre>
 *
 * <p>Everything is checked by {@link Builder#build()}: each rule's template must exist in the catalogue's fallback
 * language with the parts its delivery needs, and name only the variables of its event.
 */
public final class Notifications {
    /** The customer attribute that may hold the customer's time zone, e.g. {@code Europe/London}. */
    public static final String TIME_ZONE_ATTRIBUTE = "timeZone";

    private final String organisation;
    private final NotificationRules rules;
    private final TemplateCatalog templates;
    private final RecipientDirectory directory;
    private final @Nullable String trackingUrl;
    private final ZoneId zone;
    private final String dateTimePattern;
    private final Set<ContactChannel> channels;
    private final Function<Feedback, Optional<ZoneId>> customerZone;
    private final Predicate<PhoneNumber> smsReachable;

    private Notifications(Builder b) {
        this.organisation = b.organisation;
        this.rules = b.rules;
        this.templates = b.templates;
        this.directory = b.directory;
        this.trackingUrl = b.trackingUrl;
        this.zone = b.zone;
        this.dateTimePattern = b.dateTimePattern;
        this.channels = Set.copyOf(b.channels);
        this.customerZone = b.customerZone;
        this.smsReachable = b.smsReachable;
    }

    /** Starts the configuration; {@code organisation} is the name templates sign with, e.g. the hotel's name. */
    public static Builder builder(String organisation) {
        return new Builder(organisation);
    }

    public String organisation() {
        return organisation;
    }

    public NotificationRules rules() {
        return rules;
    }

    public TemplateCatalog templates() {
        return templates;
    }

    public RecipientDirectory directory() {
        return directory;
    }

    public Optional<String> trackingUrl() {
        return Optional.ofNullable(trackingUrl);
    }

    /** The time zone of staff and of customers without one of their own. */
    public ZoneId zone() {
        return zone;
    }

    public String dateTimePattern() {
        return dateTimePattern;
    }

    /** The channels notifications are planned for. */
    public Set<ContactChannel> channels() {
        return channels;
    }

    /**
     * Checks that {@code template} can serve messages outside the rules (a campaign, a corrective action): it uses only
     * {@code allowed} variables and has the parts the channels in use need.
     *
     * @throws ValidationException naming the template and what is wrong
     */
    void checkTemplate(String template, Set<String> allowed, String purpose) {
        Set<TemplatePart> parts = EnumSet.noneOf(TemplatePart.class);
        if (channels.contains(ContactChannel.EMAIL)) {
            parts.add(TemplatePart.SUBJECT);
            parts.add(TemplatePart.TEXT);
        }
        if (channels.contains(ContactChannel.SMS)) {
            parts.add(TemplatePart.SMS);
        }
        templates.checkFor(template, allowed, purpose, parts);
    }

    /**
     * Why no SMS is planned to {@code phone}, or empty when one may be: the number is one that {@link
     * Builder#smsReachable} refuses (by default, one that {@link PhoneNumber#mayTakeSms()} knows to be a landline or a
     * service number). The reason names the kind of number, never the number.
     */
    Optional<String> whyNoSms(PhoneNumber phone) {
        if (smsReachable.test(phone)) {
            return Optional.empty();
        }
        return Optional.of(switch (phone.kind()) {
            case FIXED_LINE -> "the phone number is a fixed line, which cannot take SMS";
            case SERVICE -> "the phone number is a service number, which cannot take SMS";
            default -> "the phone number cannot take SMS";
        });
    }

    /** The link for {@code reference}, if a tracking URL is configured. */
    Optional<String> trackingUrlFor(String reference) {
        if (trackingUrl == null) {
            return Optional.empty();
        }
        String encoded = java.net.URLEncoder.encode(reference, java.nio.charset.StandardCharsets.UTF_8);
        return Optional.of(trackingUrl.contains("{reference}") ? trackingUrl.replace("{reference}", encoded) : trackingUrl + encoded);
    }

    /** The customer's zone: the host's resolver, then the {@value #TIME_ZONE_ATTRIBUTE} attribute, then {@link #zone()}. */
    ZoneId zoneOf(Feedback feedback) {
        Optional<ZoneId> resolved = customerZone.apply(feedback);
        if (resolved.isPresent()) {
            return resolved.get();
        }
        return zoneOf(feedback.customer());
    }

    /** A customer's zone without a feedback (a campaign): the {@value #TIME_ZONE_ATTRIBUTE} attribute, then {@link #zone()}. */
    ZoneId zoneOf(io.memnun.feedback.Customer customer) {
        String attribute = customer.attributes().get(TIME_ZONE_ATTRIBUTE);
        if (attribute != null) {
            try {
                return ZoneId.of(attribute);
            } catch (DateTimeException e) {
                // a wrong attribute must not stop the notification; the default zone will do
            }
        }
        return zone;
    }

    public static final class Builder {
        private final String organisation;
        private NotificationRules rules = NotificationRules.defaults();
        private @Nullable TemplateCatalog templates;
        private RecipientDirectory directory = RecipientDirectory.NONE;
        private @Nullable String trackingUrl;
        private ZoneId zone = ZoneId.of("UTC");
        private String dateTimePattern = "d MMMM yyyy HH:mm";
        private final Set<ContactChannel> channels = EnumSet.of(ContactChannel.EMAIL, ContactChannel.SMS);
        private Function<Feedback, Optional<ZoneId>> customerZone = f -> Optional.empty();
        private Predicate<PhoneNumber> smsReachable = PhoneNumber::mayTakeSms;

        private Builder(String organisation) {
            this.organisation = Checks.code(organisation, "organisation", 200);
        }

        /** The rules ({@link NotificationRules#defaults()} unless set). */
        public Builder rules(NotificationRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** The templates ({@link TemplateCatalog#defaults()} unless set). */
        public Builder templates(TemplateCatalog templates) {
            this.templates = Objects.requireNonNull(templates, "templates");
            return this;
        }

        /** Where staff addresses come from (nobody unless set: only the customer is told). */
        public Builder directory(RecipientDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * The page where a customer follows their feedback: {@code {reference}} is replaced by the reference number,
         * or the number is appended. Templates print it as {@code {{trackingUrl}}}; without it that is empty.
         */
        public Builder trackingUrl(String url) {
            Objects.requireNonNull(url, "url");
            String probe = url.replace("{reference}", "FB-2026-000001-0");
            try {
                URI uri = new URI(probe);
                if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    throw new ValidationException("trackingUrl", "must be an absolute http(s) URL, was '" + url + "'");
                }
            } catch (java.net.URISyntaxException e) {
                throw new ValidationException("trackingUrl", "is not a URL: " + e.getMessage());
            }
            this.trackingUrl = url;
            return this;
        }

        /** The zone times are written in for staff, and for customers without a zone of their own (UTC unless set). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Finds a customer's time zone (for times in messages and quiet hours); empty falls back to the customer's
         * {@value Notifications#TIME_ZONE_ATTRIBUTE} attribute and then to {@link #zone}.
         */
        public Builder customerZone(Function<Feedback, Optional<ZoneId>> resolver) {
            this.customerZone = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Which phone numbers SMS are planned for ({@link PhoneNumber#mayTakeSms()} unless set: not Turkish landlines
         * and service numbers, whose kind the numbering plan tells). A number refused here gets no SMS: the message
         * goes by e-mail where the customer left an address (as when an SMS channel answers unreachable), and the
         * event records why. Pass {@code phone -> true} when your gateway delivers to landlines, or
         * {@code smsPolicy::accepts} from {@code memnun-channels-sms} to plan by the same check the channel makes.
         */
        public Builder smsReachable(Predicate<PhoneNumber> test) {
            this.smsReachable = Objects.requireNonNull(test, "test");
            return this;
        }

        /** How times are written, as a {@link DateTimeFormatter} pattern in the message's language. */
        public Builder dateTimePattern(String pattern) {
            Objects.requireNonNull(pattern, "pattern");
            try {
                DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("dateTimePattern", "'" + pattern + "' is not a pattern: " + e.getMessage());
            }
            this.dateTimePattern = pattern;
            return this;
        }

        /** The channels the host sends through (e-mail and SMS unless set); others are never planned. */
        public Builder channels(ContactChannel... available) {
            Set<ContactChannel> set = EnumSet.noneOf(ContactChannel.class);
            for (ContactChannel c : available) {
                Checks.argument(c == ContactChannel.EMAIL || c == ContactChannel.SMS, "channels", "EMAIL and SMS only, not " + c);
                set.add(c);
            }
            Checks.argument(!set.isEmpty(), "channels", "name at least one channel");
            channels.clear();
            channels.addAll(set);
            return this;
        }

        /**
         * Checks every rule against the templates.
         *
         * @throws ValidationException naming the rule's template, the language and the variable or part at fault
         */
        public Notifications build() {
            if (templates == null) {
                templates = TemplateCatalog.defaults();
            }
            for (NotificationRule rule : rules.all()) {
                Set<TemplatePart> parts = EnumSet.noneOf(TemplatePart.class);
                boolean email = rule.delivery() != Delivery.SMS && channels.contains(ContactChannel.EMAIL);
                boolean sms = rule.delivery() != Delivery.EMAIL && channels.contains(ContactChannel.SMS);
                if (email) {
                    parts.add(TemplatePart.SUBJECT);
                    parts.add(TemplatePart.TEXT);
                }
                if (sms) {
                    parts.add(TemplatePart.SMS);
                }
                templates.checkFor(rule.template(), rule.event(), parts);
            }
            return new Notifications(this);
        }
    }
}
