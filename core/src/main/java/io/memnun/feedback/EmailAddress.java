package io.memnun.feedback;

import io.memnun.error.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An e-mail address, checked for the shape mail servers accept: one {@code @}, a local part of at most 64
 * characters, a domain with a dot, no white space or control characters (so it can never inject a mail header).
 * The domain is kept in lower case.
 */
public record EmailAddress(String value) {
    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{4,253}$)([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+(\\p{L}{2,63}|xn--[a-z0-9]([a-z0-9-]{0,57}[a-z0-9])?)");

    public EmailAddress {
        Objects.requireNonNull(value, "value");
        if (value.length() > 254) {
            // RFC 5321 limits a path to 256 octets including the angle brackets
            throw new ValidationException("email", "is " + value.length() + " characters long, the limit is 254");
        }
        // the messages say which rule the text breaks, never the text: it is a person's address, messages end up in
        // logs, and whoever passed it has it in hand
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.indexOf('@') != at) {
            throw new ValidationException("email", "is not an e-mail address");
        }
        String local = value.substring(0, at);
        String typedDomain = value.substring(at + 1);
        String domain = lowerCase(typedDomain);
        if (!localShape(local) || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new ValidationException("email", "has an invalid local part");
        }
        if (!domainShape(domain)) {
            throw new ValidationException("email", "has an invalid domain");
        }
        if (!domain.equals(typedDomain)) {
            value = local + "@" + domain;
        }
    }

    /**
     * Whether {@code local} has the shape of {@link #LOCAL}: checked by hand when it is ASCII, the usual case, since
     * an address is checked on every intake and every read of a feedback, and the pattern's Unicode classes took
     * half a microsecond.
     */
    static boolean localShape(String local) {
        if (!isAscii(local)) {
            return LOCAL.matcher(local).matches();
        }
        if (local.isEmpty() || local.length() > 64) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!isAsciiLetterOrDigit(c) && LOCAL_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static final String LOCAL_SYMBOLS = "!#$%&'*+/=?^_`{|}~.-";

    /** Whether {@code domain} has the shape of {@link #DOMAIN}: by hand when it is ASCII, as {@link #localShape}. */
    static boolean domainShape(String domain) {
        if (!isAscii(domain)) {
            return DOMAIN.matcher(domain).matches();
        }
        int n = domain.length();
        int lastDot = domain.lastIndexOf('.');
        if (n < 4 || n > 253 || lastDot < 0) {
            return false;
        }
        // the top-level label: 2 to 63 letters, or an internationalised one in its ASCII form (xn--p1ai for .рф)
        int top = n - lastDot - 1;
        if (top < 2 || top > 63) {
            return false;
        }
        if (domain.startsWith("xn--", lastDot + 1)) {
            if (top == 4 || domain.charAt(n - 1) == '-') {
                return false;
            }
            for (int i = lastDot + 5; i < n; i++) {
                char c = domain.charAt(i);
                if (!isAsciiLetterOrDigit(c) && c != '-') {
                    return false;
                }
            }
        } else {
            for (int i = lastDot + 1; i < n; i++) {
                if (!isAsciiLetter(domain.charAt(i))) {
                    return false;
                }
            }
        }
        // every other label: 1 to 63 letters, digits and inner hyphens
        int start = 0;
        while (start <= lastDot) {
            int end = domain.indexOf('.', start);
            int length = end - start;
            if (length < 1 || length > 63 || !isAsciiLetterOrDigit(domain.charAt(start)) || !isAsciiLetterOrDigit(domain.charAt(end - 1))) {
                return false;
            }
            for (int i = start + 1; i < end - 1; i++) {
                char c = domain.charAt(i);
                if (!isAsciiLetterOrDigit(c) && c != '-') {
                    return false;
                }
            }
            start = end + 1;
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9';
    }

    /**
     * Lower case letter by letter. {@code String.toLowerCase} turns {@code İ} into {@code i} and a combining dot,
     * which the domain pattern refuses, so the stored value could not be read back as an address.
     */
    private static String lowerCase(String s) {
        if (isLowerCaseAscii(s)) {
            return s; // the usual domain: nothing to change, and no copy
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            sb.appendCodePoint(Character.toLowerCase(c));
            i += Character.charCount(c);
        }
        return sb.toString();
    }

    private static boolean isLowerCaseAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    /**
     * The address as a person is looked up by it: all of it in lower case, letter by letter as the domain is. Mail
     * servers treat the part before the {@code @} without regard to case in practice, and people type it both ways
     * ({@code Mehmet@…} on a form, {@code mehmet@…} in a letter); {@link #value()} keeps what was typed, for showing
     * and sending, and this key finds all of a person's feedback, consents and invitations.
     */
    public String matchKey() {
        return lowerCase(value);
    }

    /**
     * {@link #matchKey()} of a recipient recorded as text, which may be an e-mail address, a phone number or a host's
     * customer id: text with an {@code @} is taken for an address and folded to lower case, anything else is returned
     * as it is (a customer id's case is its own).
     */
    public static String matchKeyOf(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        return recipient.indexOf('@') >= 0 ? lowerCase(recipient) : recipient;
    }

    /** Parses an address typed by a person: surrounding white space is removed. */
    public static EmailAddress of(String text) {
        Objects.requireNonNull(text, "text");
        return new EmailAddress(text.strip());
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 80; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
