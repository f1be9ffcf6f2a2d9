package io.memnun.notify;

import io.memnun.feedback.ContactChannel;
import io.memnun.internal.TextFold;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Error texts without personal data. What is recorded about a message that failed (an outbox row's last error, the
 * {@code error} detail and the note of a history's {@code NOTIFICATION_FAILED}, an invitation's delivery, a log line)
 * must not name the recipient: servers and gateways often repeat the address, the number or the text in their answers
 * ({@code 550 5.1.1 <mehmet@example.com>: user unknown}). Channels pass what they quote from a provider through
 * {@link #redact(String)}; the dispatcher passes every error through {@link #redact(String, Notification)} once more
 * before it records or logs it, as the last line of defence, so a channel of the host's own is covered too.
 *
 * <p>What is replaced: e-mail addresses (also URL-encoded, {@code %40}) by {@value #EMAIL}; runs of 7 to 15 digits that
 * may be separated by spaces, hyphens, slashes or parentheses and may start with {@code +} (or {@code %2B}), phone
 * numbers in every usual form, and 10 to 15 digits in groups separated by dots that are no IPv4 address
 * ({@code 0532.123.45.67}), by {@value #PHONE}. Knowing the message, also its address as it is, its recipient's
 * name (whole, in any case, and each word of it of three letters or more as written or in capitals; with or without its
 * diacritics, since servers answer in ASCII: {@code Sukru} for {@code Şükrü}; only as whole words, so that
 * {@code Ela} leaves {@code Relay} alone) by {@value #NAME}, and its subject and whole text
 * (whatever white space stands between its words, and also as the channel sent it: {@link #redact(String, Notification,
 * String)}) by {@value #TEXT}. What stays: status and reply codes ({@code 550 5.1.1}, {@code HTTP 400},
 * {@code 0x0000000b}), host names and ports, dates ({@code 2026-03-16}, {@code 16/03/2026}, {@code 16.03.2026}) and
 * times, reference numbers ({@code FB-2026-000123-7}), UUIDs, and other ids that are not digits only.
 */
public final class ErrorText {
    /** What an e-mail address is replaced by. */
    public static final String EMAIL = "[email]";
    /** What a phone-like run of digits is replaced by. */
    public static final String PHONE = "[phone]";
    /** What the recipient's name is replaced by. */
    public static final String NAME = "[name]";
    /** What the message's text or subject is replaced by. */
    public static final String TEXT = "[text]";

    /** The texts of a message shorter than this are not looked for (a one-word test text would blank every error). */
    private static final int MIN_TEXT = 12;
    private static final int MIN_NAME_WORD = 3;

    // the local part's usual letters: a rarer one (!#$&...) leaves a stub of the part before it, never the domain
    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "[\\p{L}\\p{N}._+\\-]+(?:@|%40)[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*");
    /*
     * 7 to 15 digits (E.164 has at most 15; shorter runs are codes and counts), separated by at most two of space,
     * hyphen, slash, parentheses: "+90 (532) 123 45 67", "0532-123-45-67", "905321234567". Not part of a longer word or
     * number (a hex id, a 26-digit job id); dots are no separator, so that "5.1.1", IP addresses and "01.03.2026" stay.
     */
    private static final Pattern PHONE_LIKE = Pattern.compile(
            "(?<![\\p{L}\\p{N}+%])(?:\\+|%2[Bb])?\\d(?:[ \\-/()]{0,2}\\d){6,14}(?![\\p{L}\\p{N}])");
    /*
     * A number written in groups separated by dots, as some of the world writes phone numbers ("0532.123.45.67",
     * "+90.532.123.45.67"): a phone number when its groups hold 10 to 15 digits and it is not an IPv4 address (four
     * groups of at most three digits, each at most 255). Dates, times, reply codes and versions have fewer digits.
     */
    private static final Pattern DOTTED_NUMBER = Pattern.compile(
            "(?<![\\p{L}\\p{N}+%.])(?:\\+|%2[Bb])?\\d{1,5}(?:\\.\\d{1,5}){2,6}(?![\\p{L}\\p{N}]|\\.\\d)");
    private static final int DOTTED_MIN_DIGITS = 10;
    private static final int DOTTED_MAX_DIGITS = 15;
    /*
     * What has digits enough for a number and is none, kept as it is: a UUID (a message's id), a reference number
     * (FB-2026-000123-7) and a date (2026-03-16, 2026/03/16, 16/03/2026, 03/16/2026, 16-03-2026; a year of 19xx or 20xx,
     * which no Turkish area code or mobile prefix is). Each stands alone, not within a longer word or number; a number
     * next to one is still replaced.
     */
    private static final Pattern KEPT = Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
            + "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}"
            + "|[A-Z]{1,5}-\\d{4}-\\d{6,18}-\\d"
            + "|(?:19|20)\\d{2}([-/])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12]\\d|3[01])"
            + "|(?:0?[1-9]|[12]\\d|3[01])([-/])(?:0?[1-9]|[12]\\d|3[01])\\2(?:19|20)\\d{2}"
            + ")(?![\\p{L}\\p{N}])");
    /** Stands for a {@link #KEPT} span while numbers are looked for: a private-use character, neither letter nor digit. */
    private static final char HELD = '\uE000';
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+");
    /** Around a name: not within a longer word or number. */
    private static final String WORD_START = "(?<![\\p{L}\\p{M}\\p{N}])";
    private static final String WORD_END = "(?![\\p{L}\\p{M}\\p{N}])";
    /** Capitals as Turkish writes them ({@code i} to {@code İ}); {@link #spelling} adds the ASCII {@code I}. */
    private static final Locale TURKISH = Locale.forLanguageTag("tr");

    private ErrorText() {}

    /** {@code text} with every e-mail address and phone-like run of digits replaced; see the class comment. */
    public static String redact(String text) {
        Objects.requireNonNull(text, "text");
        String out = EMAIL_ADDRESS.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
        // ids and dates are held out of the search (a text that holds the stand-in itself is searched as it is)
        List<String> held = new ArrayList<>();
        if (out.indexOf(HELD) < 0) {
            Matcher k = KEPT.matcher(out);
            StringBuilder sb = new StringBuilder(out.length());
            while (k.find()) {
                held.add(k.group());
                k.appendReplacement(sb, String.valueOf(HELD));
            }
            k.appendTail(sb);
            out = sb.toString();
        }
        out = PHONE_LIKE.matcher(out).replaceAll(Matcher.quoteReplacement(PHONE));
        out = DOTTED_NUMBER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(dottedPhone(m.group()) ? PHONE : m.group()));
        if (held.isEmpty()) {
            return out;
        }
        StringBuilder sb = new StringBuilder(out.length());
        int next = 0;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == HELD) {
                sb.append(held.get(next++));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Whether a {@link #DOTTED_NUMBER} is a phone number: 10 to 15 digits, and not an IPv4 address. */
    private static boolean dottedPhone(String number) {
        String[] groups = number.replaceFirst("^(?:\\+|%2[Bb])", "").split("\\.");
        int digits = 0;
        boolean address = groups.length == 4;
        for (String g : groups) {
            digits += g.length();
            address &= g.length() <= 3 && Integer.parseInt(g) <= 255;
        }
        return digits >= DOTTED_MIN_DIGITS && digits <= DOTTED_MAX_DIGITS && !address;
    }

    /**
     * {@code text} without anything of {@code about}'s that names its recipient or repeats what was sent: its text and
     * subject, its address, its recipient's name, and then every e-mail address and phone-like number as
     * {@link #redact(String)}.
     */
    public static String redact(String text, Notification about) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(about, "about");
        String out = literal(text, about.text(), MIN_TEXT, TEXT);
        return redactedBeyondText(out, about);
    }

    /**
     * Like {@link #redact(String, Notification)}, knowing also the text as the channel sent it where that differs from
     * the message's: an SMS cut to fit its segment limit, which a gateway echoes as it got it.
     */
    public static String redact(String text, Notification about, String sent) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(sent, "sent");
        // the longer first: the text sent may be the beginning of the message's
        String out = literal(text, about.text(), MIN_TEXT, TEXT);
        out = literal(out, sent, MIN_TEXT, TEXT);
        return redactedBeyondText(out, about);
    }

    /** The subject, the address, the name, then every address and number: what follows the text in {@link #redact(String, Notification)}. */
    private static String redactedBeyondText(String text, Notification about) {
        String out = text;
        if (about.subject() != null) {
            out = literal(out, about.subject(), MIN_TEXT, TEXT);
        }
        // the address before the name, which may be part of it (Sukru.Bey@...)
        out = literal(out, about.address(), 1, about.channel() == ContactChannel.SMS ? PHONE : EMAIL);
        String name = about.recipientName();
        if (name != null && name.strip().length() >= MIN_NAME_WORD) {
            // whole words only: a short name ("Ela", "Can") is also a part of the server's words ("Relay", "cannot")
            out = Pattern.compile(WORD_START + spelling(name.strip()) + WORD_END, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(out).replaceAll(Matcher.quoteReplacement(NAME));
            Matcher words = WORD.matcher(name);
            while (words.find()) {
                String word = words.group();
                if (word.length() >= MIN_NAME_WORD) {
                    // as written or in capitals ("OZTURK MEHMET", as registers write a name): "Can" is a name, "can" a
                    // word of the error
                    String capitals = word.toUpperCase(TURKISH);
                    out = Pattern.compile(WORD_START + "(?:" + spelling(word) + (capitals.equals(word) ? "" : "|" + spelling(capitals)) + ")"
                            + WORD_END).matcher(out).replaceAll(Matcher.quoteReplacement(NAME));
                }
            }
        }
        return redact(out);
    }

    /** A pattern of {@code value} that also matches it without diacritics: {@code Şükrü} or {@code Sukru}. */
    private static String spelling(String value) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.isWhitespace(cp)) {
                // "Mehmet  Öztürk", or the name across a line break of the server's
                re.append("\\s+");
                while (i < value.length() && Character.isWhitespace(value.codePointAt(i))) {
                    i += Character.charCount(value.codePointAt(i));
                }
                continue;
            }
            String letter = new String(Character.toChars(cp));
            String base = TextFold.fold(letter, true);
            base = Character.isUpperCase(cp) ? base.toUpperCase(Locale.ROOT) : base;
            re.append(base.isEmpty() || base.equals(letter) ? Pattern.quote(letter)
                    : "(?:" + Pattern.quote(letter) + "|" + Pattern.quote(base) + ")");
            i += Character.charCount(cp);
        }
        return re.toString();
    }

    /**
     * {@code text} with {@code value} replaced, in any case and whatever white space stands between its words: a server
     * or a channel may have written its line breaks as spaces, or put the lines of a reply on one line.
     */
    private static String literal(String text, String value, int minLength, String placeholder) {
        String[] words = value.strip().split("\\s+");
        int shortest = words.length - 1;
        for (String w : words) {
            shortest += w.length();
        }
        if (shortest < minLength || text.length() < shortest) {
            return text;
        }
        StringBuilder re = new StringBuilder();
        for (String w : words) {
            re.append(re.length() == 0 ? "" : "\\s++").append(Pattern.quote(w));
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text)
                .replaceAll(Matcher.quoteReplacement(placeholder));
    }

    /**
     * One line about {@code failure} without personal data: its class's simple name and its message, then each cause's
     * message, redacted: {@code IOException: cannot reach [email] / ConnectException: Connection refused}.
     */
    public static String of(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t) && seen.size() <= 5; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" / ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                sb.append(": ").append(t.getMessage().strip());
            }
        }
        return redact(sb.toString());
    }

    /**
     * A copy of {@code failure} for a log: the same stack traces, causes and class names (in the messages), each message
     * redacted as {@link #redact(String, Notification)} when {@code about} is given, else as {@link #redact(String)}.
     * A log keeps where a failure came from without the person it was about.
     */
    public static Throwable loggable(Throwable failure, @Nullable Notification about) {
        Objects.requireNonNull(failure, "failure");
        return copy(failure, about, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static @Nullable Redacted copy(@Nullable Throwable t, @Nullable Notification about, Set<Throwable> seen) {
        if (t == null || !seen.add(t) || seen.size() > 10) {
            return null;
        }
        String message = t.getMessage() == null ? "" : t.getMessage();
        String redacted = about == null ? redact(message) : redact(message, about);
        return new Redacted(t, redacted, copy(t.getCause(), about, seen));
    }

    /** A failure's stand-in in a log: its class name and redacted message, its stack trace, its cause's stand-in. */
    private static final class Redacted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Redacted(Throwable original, String message, @Nullable Redacted cause) {
            super(original.getClass().getName() + (message.isEmpty() ? "" : ": " + message), cause, false, true);
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            // printed as the original would be: "java.io.IOException: ..." rather than this class's name
            return Objects.requireNonNull(getMessage());
        }
    }
}
