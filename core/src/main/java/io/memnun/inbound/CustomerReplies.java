package io.memnun.inbound;

import io.memnun.internal.TextFold;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a customer's decision on a resolution from the first word of their reply: {@code EVET}, {@code KABUL},
 * {@code YES}, {@code ACCEPT} accept; {@code HAYIR}, {@code RET}, {@code RED}, {@code NO},
 * {@code REJECT} reject. Case is folded the Turkish-aware way ({@code evet}, {@code Evet}, {@code EVET};
 * {@code HAYIR}, {@code hayır}, {@code hayir}), so is punctuation around the word ({@code "Evet."}).
 *
 * <p>Lines quoted from our own message ({@code > ...}) and blank lines before the answer are skipped. A
 * {@code kabul} followed by a negated verb ({@code kabul etmiyorum}, {@code kabul değil}) is a rejection, not an
 * acceptance: the one Turkish phrasing where the first word alone would say the opposite of what is meant.
 * Everything else is no decision, and the reply is kept as a message for staff to read.
 */
public final class CustomerReplies {
    /** What a reply decides. */
    public enum Decision {
        ACCEPT,
        REJECT
    }

    private static final Set<String> ACCEPT = Set.of("evet", "kabul", "yes", "accept", "accepted");
    private static final Set<String> REJECT = Set.of("hayir", "ret", "red", "reddediyorum", "no", "reject", "rejected");

    private CustomerReplies() {}

    /** The decision the reply's first word states, if any. */
    public static Optional<Decision> decision(String reply) {
        Objects.requireNonNull(reply, "reply");
        for (String line : reply.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith(">")) {
                continue;
            }
            String[] words = TextFold.words(trimmed, true);
            if (words.length == 0) {
                continue;
            }
            String first = words[0];
            if (ACCEPT.contains(first)) {
                if (first.equals("kabul") && words.length > 1 && negated(words[1])) {
                    return Optional.of(Decision.REJECT);
                }
                return Optional.of(Decision.ACCEPT);
            }
            if (REJECT.contains(first)) {
                return Optional.of(Decision.REJECT);
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean negated(String word) {
        // etmiyorum, etmem, etmeyecegim, edemem, edilemez; degil; olmaz
        return word.startsWith("etmi") || word.startsWith("etme") || word.startsWith("edeme") || word.startsWith("edileme")
                || word.equals("degil") || word.equals("olmaz");
    }
}
