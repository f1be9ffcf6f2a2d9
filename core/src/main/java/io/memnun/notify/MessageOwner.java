package io.memnun.notify;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.internal.Checks;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What an outbox message belongs to: the feedback it is about, a campaign's survey invitation, a corrective action, or
 * a kind of the host's own. The dispatcher records a message's delivery with its owner (a feedback's history, the
 * invitation, the action's history), so each kind has its own recorder.
 *
 * @param kind the owner's kind, e.g. {@value #FEEDBACK}; 1 to 32 characters of a-z 0-9 and '-', starting with a letter
 * @param id the owner's id
 * @param label what people know the owner by, printed in headers and logs: a reference number, a campaign's name
 */
public record MessageOwner(String kind, UUID id, String label) {
    /** A feedback; its id is the {@link FeedbackId}'s, its label the reference number. */
    public static final String FEEDBACK = "feedback";
    /** A survey invitation of a periodic campaign; its label is the campaign's name. */
    public static final String SURVEY_INVITATION = "survey-invitation";
    /** A corrective or preventive action (DÖF); its label is the action's number. */
    public static final String CORRECTIVE_ACTION = "capa";

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public MessageOwner {
        requireKind(kind);
        Objects.requireNonNull(id, "id");
        label = Checks.code(label, "owner.label", 80);
    }

    /**
     * Checks an owner kind.
     *
     * @throws io.memnun.error.ValidationException naming {@code owner.kind} if it is not 1 to 32 characters of a-z 0-9 and
     *     '-' starting with a letter
     */
    public static String requireKind(String kind) {
        Checks.argument(kind != null && KIND.matcher(kind).matches(), "owner.kind",
                "must be 1 to 32 characters of a-z 0-9 and '-', starting with a letter, was '" + kind + "'");
        return kind;
    }

    /** The feedback {@code id} known as {@code reference}. */
    public static MessageOwner feedback(FeedbackId id, ReferenceNumber reference) {
        return new MessageOwner(FEEDBACK, id.value(), reference.toString());
    }

    public boolean isFeedback() {
        return FEEDBACK.equals(kind);
    }

    @Override
    public String toString() {
        return kind + ":" + label;
    }
}
