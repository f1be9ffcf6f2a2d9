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
            Pattern.compile("(?=.{4,253}$)([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63}");

    public EmailAddress {
        Objects.requireNonNull(value, "value");
        if (value.length() > 254) {
            // RFC 5321 limits a path to 256 octets including the angle brackets
            throw new ValidationException("email", "is " + value.length() + " characters long, the limit is 254");
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.indexOf('@') != at) {
            throw new ValidationException("email", "'" + printable(value) + "' is not an e-mail address");
        }
        String local = value.substring(0, at);
        String domain = lowerCase(value.substring(at + 1));
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new ValidationException("email", "'" + printable(value) + "' has an invalid local part");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new ValidationException("email", "'" + printable(value) + "' has an invalid domain");
        }
        value = local + "@" + domain;
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
