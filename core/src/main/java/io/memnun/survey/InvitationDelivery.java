package io.memnun.survey;

import io.memnun.internal.Checks;
import io.memnun.internal.TextCut;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What became of the message that carried a campaign invitation, recorded on the invitation: a campaign's
 * invitation belongs to no feedback whose history could keep it. The latest attempt's outcome replaces the one before.
 *
 * @param state sent, failed (to be tried again) or dead (given up on)
 * @param at when the attempt ended
 * @param message the outbox message's id
 * @param detail the channel and address, and the provider's id or the error; a delivery adds the facts the channel gave
 *     with it in parentheses, as a feedback's history has them, e.g. an SMS cut to fit:
 *     {@code SMS to +905321234567: 4711 (cut=true, segments=2, length=306, originalSegments=4, originalLength=539)}
 *     (read them with {@link #facts()})
 */
public record InvitationDelivery(State state, Instant at, UUID message, String detail) {
    public enum State {
        SENT,
        FAILED,
        DEAD
    }

    /** The most characters of a detail. */
    public static final int MAX_DETAIL = 1000;

    /** The facts at the end of a delivery's detail: {@code (key=value, key=value)}. */
    private static final Pattern FACTS = Pattern.compile(" \\(([A-Za-z][A-Za-z0-9]*=[^,()=]*(?:, [A-Za-z][A-Za-z0-9]*=[^,()=]*)*)\\)$");

    public InvitationDelivery {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
        detail = Checks.text(detail, "delivery.detail", MAX_DETAIL);
    }

    /**
     * A detail: {@code head} (the channel, the address, the provider's id or the error) and, when there are any,
     * {@code facts} in parentheses; the head is cut so that the whole fits {@value #MAX_DETAIL} characters with its
     * facts.
     */
    public static String detail(String head, Map<String, String> facts) {
        StringBuilder tail = new StringBuilder();
        facts.forEach((k, v) -> tail.append(tail.length() == 0 ? " (" : ", ").append(k).append('=').append(v));
        if (tail.length() > 0) {
            tail.append(')');
        }
        if (tail.length() > MAX_DETAIL / 2) {
            tail.setLength(0);
        }
        int room = MAX_DETAIL - tail.length();
        if (head.length() <= room) {
            return head + tail;
        }
        // never half a surrogate pair, which a detail refuses: the outcome would not be recorded
        return TextCut.prefix(head, room) + tail;
    }

    /**
     * The facts the channel gave with a delivery, as the detail ends with them (empty for a failure or a delivery without
     * any): an SMS cut to fit has {@code cut=true}, the {@code segments} and {@code length} sent and the
     * {@code originalSegments} and {@code originalLength} of the whole text.
     */
    public Map<String, String> facts() {
        Matcher m = FACTS.matcher(detail);
        if (state != State.SENT || !m.find()) {
            return Map.of();
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (String pair : m.group(1).split(", ")) {
            int eq = pair.indexOf('=');
            facts.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return Collections.unmodifiableMap(facts);
    }

    /** Whether the channel sent the text cut to fit (an SMS over its segment limit); the outbox keeps the whole text. */
    public boolean cut() {
        return "true".equals(facts().get("cut"));
    }
}
