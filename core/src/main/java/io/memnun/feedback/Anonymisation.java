package io.memnun.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Removes a feedback's personal data while keeping what statistics and the tracking form need: kind, type,
 * channel, location, subject, department, assignee, priority, every status and instant, SLA clocks, counts, and
 * the history's shape (every event stays, with its type, actor, time and statuses).
 *
 * <p>What goes: the customer's name, contacts, address, external id and attributes, the host context, the
 * description and every free text (remedy, immediate action, assessment impact, resolution, recourse,
 * cancellation reason, attachment names), every event note, and event details that are free text or that
 * mention the person. Text is blanked <em>in place</em> (a field that had text gets {@link #PLACEHOLDER}, so one
 * can still see that there was some), and a new {@link EventType#ANONYMISED} event records that it was done and
 * how many events were rewritten. Nothing is deleted, so version numbers and event order stay as they were.
 */
public final class Anonymisation {
    /** What replaces a removed text. */
    public static final String PLACEHOLDER = "[anonymised]";
    /** What replaces an attachment's file name (a file name may not contain brackets). */
    public static final String FILE_NAME = "anonymised";

    /**
     * Detail keys whose values are free text wherever they appear: an inbound message's refused attachments, a
     * provider's error (which may quote the address), the recipient a message went to.
     */
    private static final Set<String> FREE_TEXT_DETAILS = Set.of("refusedAttachments", "error", "recipient", "reason", "text", "from",
            "sender");

    /**
     * The facts of a delivery record that name no one ({@link #blankedForAnonymised}), the SMS channels' counts among
     * them.
     */
    private static final Set<String> DELIVERY_FACTS = Set.of("message", "about", "template", "channel", "to", "attempt", "idempotencyKey",
            "providerId", "retryAt", "cut", "segments", "length", "originalSegments", "originalLength");

    private Anonymisation() {}

    /**
     * The details of an event recorded about a feedback that is anonymised already, such as the outcome of a delivery
     * that was under way when it was: every value but the message's own facts (its id, template, channel, the party
     * it went to, the attempt, the provider's id) blanked to {@link #PLACEHOLDER}, since the address, the recipient
     * and a provider's error text name the person and no later anonymisation will look at the event.
     */
    public static Map<String, String> blankedForAnonymised(Map<String, String> details) {
        Map<String, String> blanked = new LinkedHashMap<>();
        details.forEach((key, value) -> blanked.put(key, DELIVERY_FACTS.contains(key) ? value : PLACEHOLDER));
        return blanked;
    }

    /**
     * The result: the feedback's new state (next version), the earlier events with their text blanked (same versions;
     * only those that changed), and the {@link EventType#ANONYMISED} event carrying the new version.
     */
    public record Result(Feedback feedback, List<FeedbackEvent> rewritten, FeedbackEvent recorded) {
        public Result {
            Objects.requireNonNull(feedback, "feedback");
            rewritten = List.copyOf(rewritten);
            Objects.requireNonNull(recorded, "recorded");
        }
    }

    /** True when the feedback no longer holds personal data: it was anonymised (or never had any). */
    public static boolean isAnonymised(Feedback f) {
        Customer c = f.customer();
        return PLACEHOLDER.equals(f.description()) && c.name() == null && c.email() == null && c.phone() == null
                && c.externalId() == null && c.address() == null;
    }

    /**
     * Anonymises {@code feedback} given its full {@code history}.
     *
     * @param why a short code for the record, e.g. {@code retention} or {@code erasure-request}
     */
    public static Result anonymise(Feedback feedback, List<FeedbackEvent> history, Actor actor, String why, Instant now) {
        return anonymise(feedback, history, actor, why, now, rewritten -> Map.of());
    }

    /**
     * Like {@link #anonymise(Feedback, List, Actor, String, Instant)}, given the history as a store that keeps seals
     * returned it ({@link SealedEvent}): the {@link EventType#ANONYMISED} event also records what that store will do
     * to the chain ({@link HistorySeals#afterRewrite}): {@code chain}, {@code intact} or {@code broken} as stored;
     * {@code resealedFrom}, the first version it seals anew (a head recorded elsewhere for an earlier version still
     * verifies, a later one no longer does); and {@code chainBrokenAt}, where the chain was already broken, from
     * which the chain hashes are cleared. The store checks the plan against the history it reads under the row's
     * lock ({@link io.memnun.spi.FeedbackRedaction#reseal}).
     */
    public static Result anonymiseSealed(Feedback feedback, List<SealedEvent> history, Actor actor, String why, Instant now) {
        Objects.requireNonNull(history, "history");
        return anonymise(feedback, history.stream().map(SealedEvent::event).toList(), actor, why, now,
                rewritten -> HistorySeals.afterRewrite(history, rewritten, feedback.version()).details());
    }

    private static Result anonymise(Feedback feedback, List<FeedbackEvent> history, Actor actor, String why, Instant now,
            Function<List<FeedbackEvent>, Map<String, String>> sealDetails) {
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(now, "now");
        Set<String> person = personValues(feedback.customer());
        Customer c = feedback.customer();
        Feedback.Draft d = feedback.draft();
        d.version = feedback.version() + 1;
        d.updatedAt = now.isAfter(feedback.updatedAt()) ? now : feedback.updatedAt();
        d.customer = new Customer(null, null, null, null, null, c.language(), ContactChannel.NONE, Consent.NONE, Map.of());
        d.description = PLACEHOLDER;
        d.desiredRemedy = blank(feedback.desiredRemedy().orElse(null));
        d.immediateAction = blank(feedback.immediateAction().orElse(null));
        d.assessment = feedback.assessment()
                .map(a -> new Assessment(a.severity(), blank(a.impact()), a.immediateActionNeeded()))
                .orElse(null);
        d.attachments = feedback.attachments().stream()
                .map(a -> new AttachmentRef(a.id(), FILE_NAME, a.mediaType(), a.sizeBytes()))
                .toList();
        d.context = Map.of();
        d.intakeKey = feedback.intakeKey().filter(k -> !mentions(k, person)).orElse(null);
        d.resolution = blank(feedback.resolution().orElse(null));
        d.recourseOffered = feedback.recourseOffered().stream().map(r -> new Recourse(r.kind(), PLACEHOLDER)).toList();
        d.cancellationReason = blank(feedback.cancellationReason().orElse(null));
        Feedback after = d.build();

        List<FeedbackEvent> rewritten = new ArrayList<>();
        for (FeedbackEvent e : history) {
            FeedbackEvent blanked = blank(e, person);
            if (!blanked.equals(e)) {
                rewritten.add(blanked);
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("why", why);
        details.put("eventsRewritten", Integer.toString(rewritten.size()));
        details.put("attachments", Integer.toString(feedback.attachments().size()));
        details.putAll(sealDetails.apply(rewritten));
        FeedbackEvent recorded = new FeedbackEvent(feedback.id(), after.version(), EventType.ANONYMISED, actor, now, null,
                feedback.status(), feedback.status(), details);
        return new Result(after, rewritten, recorded);
    }

    /** The event with its note and its free-text or personal details blanked. */
    static FeedbackEvent blank(FeedbackEvent e, Set<String> person) {
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : e.details().entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            boolean freeText = FREE_TEXT_DETAILS.contains(key)
                    // an inbound message's subject line, not the feedback's subject id
                    || e.type() == EventType.CUSTOMER_MESSAGE && key.equals("subject");
            details.put(key, freeText || mentions(value, person) ? PLACEHOLDER : value);
        }
        return new FeedbackEvent(e.feedbackId(), e.version(), e.type(), e.actor(), e.at(), blank(e.note()), e.from(), e.to(), details);
    }

    private static @Nullable String blank(@Nullable String text) {
        return text == null ? null : PLACEHOLDER;
    }

    /** The person's identifying values, lower-cased, to find them inside other text. */
    static Set<String> personValues(Customer c) {
        Set<String> values = new TreeSet<>();
        add(values, c.name());
        add(values, c.externalId());
        add(values, c.address());
        if (c.email() != null) {
            add(values, c.email().value());
        }
        if (c.phone() != null) {
            add(values, c.phone().e164());
            // also the national digits, the way people write their number in free text
            String digits = c.phone().e164().substring(1);
            add(values, digits.length() > 10 ? digits.substring(digits.length() - 10) : digits);
        }
        c.attributes().values().forEach(v -> add(values, v));
        return values;
    }

    private static void add(Set<String> values, @Nullable String v) {
        // very short values (a one-letter attribute, "gold") would blank innocent text: names and contacts are longer
        if (v != null && v.strip().length() >= 5) {
            values.add(v.strip().toLowerCase(Locale.ROOT));
        }
    }

    private static boolean mentions(String text, Set<String> person) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String p : person) {
            if (lower.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
