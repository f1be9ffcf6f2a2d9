package io.memnun.privacy;

import io.memnun.feedback.Actor;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One line of the privacy access log: what the controller did with a person's data (disclosed it in an access
 * request, anonymised a feedback, erased the person), who did it, when and why, and how much it concerned. It holds
 * no personal data: the person is named only by {@link Subject#digest() keyed digests} of their keys, and the figures
 * are counts, never the data. Entries are never changed; they are deleted when the log's own retention period ends.
 *
 * @param id the entry's id
 * @param tenant the tenant
 * @param action what was done
 * @param subjects whom it concerned: a digest per key the person is known by (the key given, and the e-mail address,
 *     phone number and customer id on the feedback concerned); empty for a feedback without any
 * @param actor who did it
 * @param why the purpose: a request's reference (e.g. {@code KVKK-2026-0042}) or a code such as {@code retention};
 *     never the person's name or contacts, since the entry outlives an erasure
 * @param at when
 * @param references the reference numbers of the feedback concerned
 * @param counts how much was concerned, by name (see the constants of this type); the names are single words
 */
public record AccessLogEntry(UUID id, TenantId tenant, Action action, List<Subject> subjects, Actor actor, String why, Instant at,
        List<String> references, Map<String, Integer> counts) {

    /** Export: feedback disclosed; anonymisation: 1; erasure: feedback anonymised. */
    public static final String FEEDBACK = "feedback";
    /** Export: history events disclosed. */
    public static final String EVENTS = "events";
    /** Export: survey responses disclosed. */
    public static final String SURVEY_RESPONSES = "surveyResponses";
    /** Export: survey comments disclosed. */
    public static final String COMMENTS = "comments";
    /** Export: legal holds disclosed, released ones too. */
    public static final String LEGAL_HOLDS = "legalHolds";
    /** Export: consent records disclosed; erasure: consent records deleted. */
    public static final String CONSENTS = "consents";
    /** Anonymisation: earlier history events whose text was blanked. */
    public static final String EVENTS_REWRITTEN = "eventsRewritten";
    /** Anonymisation: attachments deleted. */
    public static final String ATTACHMENTS = "attachments";
    /** Erasure: survey campaign invitations that lost their recipient. */
    public static final String CAMPAIGN_INVITATIONS = "campaignInvitations";

    /** The longest {@link #why}. */
    public static final int MAX_WHY = 200;

    private static final Pattern COUNT_NAME = Pattern.compile("[a-zA-Z]{1,32}");

    /** What was done. */
    public enum Action {
        /** An access request answered: the person's data was put together and handed to the host. */
        EXPORT,
        /** One feedback anonymised (by request, by an erasure, or by retention). */
        ANONYMISATION,
        /** An erasure request carried out (its feedback's anonymisations have entries of their own). */
        ERASURE
    }

    /**
     * A person as the log names them: the kind of key and a keyed digest (HMAC-SHA-256 under the host's secret, in
     * lower-case hex) of the tenant and the key in its canonical form. Without the secret it cannot be turned back
     * into the key, nor confirmed by guessing one.
     *
     * @param kind what kind of key it was
     * @param digest 64 lower-case hex digits
     */
    public record Subject(PersonKey.Kind kind, String digest) {
        private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

        public Subject {
            Objects.requireNonNull(kind, "kind");
            Checks.argument(digest != null && HEX.matcher(digest).matches(), "subject.digest", "must be 64 lower-case hex digits");
        }
    }

    public AccessLogEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(action, "action");
        subjects = List.copyOf(subjects);
        Checks.argument(subjects.stream().distinct().count() == subjects.size(), "subjects", "must not name a subject twice");
        Objects.requireNonNull(actor, "actor");
        why = Checks.code(why, "why", MAX_WHY);
        Objects.requireNonNull(at, "at");
        references = List.copyOf(references);
        for (String r : references) {
            Checks.code(r, "references", 64);
            Checks.argument(r.indexOf(',') < 0, "references", "a reference number holds no comma");
        }
        TreeMap<String, Integer> sorted = new TreeMap<>();
        counts.forEach((name, n) -> {
            Checks.argument(name != null && COUNT_NAME.matcher(name).matches(), "counts", "a count's name is a word of letters");
            Checks.argument(n != null && n >= 0, "counts", name + " must not be negative");
            sorted.put(name, n);
        });
        counts = Collections.unmodifiableMap(sorted);
    }

    /** True when the entry names {@code subject}. */
    public boolean concerns(Subject subject) {
        return subjects.contains(subject);
    }

    /** The count of that name, 0 if none was recorded. */
    public int count(String name) {
        return counts.getOrDefault(name, 0);
    }
}
