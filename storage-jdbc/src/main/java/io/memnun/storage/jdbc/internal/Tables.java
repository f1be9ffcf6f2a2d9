package io.memnun.storage.jdbc.internal;

import io.memnun.error.ValidationException;
import java.util.regex.Pattern;

/**
 * The names of memnun's tables under the host's prefix. The prefix is checked once, here, so that it can be
 * concatenated into SQL: only lower-case letters, digits and underscores, starting with a letter, short enough
 * that every table and index name stays within PostgreSQL's 63 characters.
 */
public record Tables(String prefix) {
    public static final String DEFAULT_PREFIX = "memnun_";
    public static final int MAX_PREFIX_LENGTH = 30;
    private static final Pattern PREFIX = Pattern.compile("([a-z][a-z0-9_]*)?");

    public Tables {
        requireValidPrefix(prefix);
    }

    /** Refuses a prefix that could not be used unquoted as the start of a table name. */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new ValidationException("tablePrefix", "is required (use \"\" for none)");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ValidationException("tablePrefix", "'" + printable(prefix)
                    + "' may hold only a-z, 0-9 and '_' and must start with a letter a-z");
        }
        if (prefix.length() > MAX_PREFIX_LENGTH) {
            throw new ValidationException("tablePrefix", "is " + prefix.length() + " characters long, the limit is " + MAX_PREFIX_LENGTH);
        }
        return prefix;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    public String feedback() {
        return prefix + "feedback";
    }

    /** The feedback's index that leads with the status (H2, schema 17) or the tenant and the status (PostgreSQL). */
    public String feedbackStatusIndex() {
        return prefix + "feedback_status_dept_ix";
    }

    public String feedbackEvent() {
        return prefix + "feedback_event";
    }

    public String referenceSequence() {
        return prefix + "reference_sequence";
    }

    public String catalog() {
        return prefix + "catalog";
    }

    public String ruleSet() {
        return prefix + "rule_set";
    }

    public String survey() {
        return prefix + "survey";
    }

    public String surveyInvitation() {
        return prefix + "survey_invitation";
    }

    public String surveyResponse() {
        return prefix + "survey_response";
    }

    public String surveyComment() {
        return prefix + "survey_comment";
    }

    public String capa() {
        return prefix + "capa";
    }

    public String capaEvent() {
        return prefix + "capa_event";
    }

    /** The bytes of attached files (schema 7). */
    public String attachment() {
        return prefix + "attachment";
    }

    /** The transactional outbox of notifications (schema 4). */
    public String outbox() {
        return prefix + "outbox";
    }

    /** Tracking tokens' hashes, one per feedback (schema 12). */
    public String trackingToken() {
        return prefix + "tracking_token";
    }

    /** Consent records (schema 12). */
    public String consent() {
        return prefix + "consent";
    }

    /** Legal holds on feedback (schema 12). */
    public String legalHold() {
        return prefix + "legal_hold";
    }

    /** Released legal holds (schema 19). */
    public String legalHoldReleased() {
        return prefix + "legal_hold_released";
    }

    /** The privacy access log (schema 22). */
    public String privacyLog() {
        return prefix + "privacy_log";
    }

    /** The keyed digests of the persons each access log entry concerns (schema 22). */
    public String privacyLogSubject() {
        return prefix + "privacy_log_subject";
    }

    /** Flyway's history table, prefixed too so two installations in one schema keep separate histories. */
    public String schemaHistory() {
        return prefix + "schema_history";
    }
}
