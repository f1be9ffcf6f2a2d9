package io.memnun.feedback;

import io.memnun.error.ValidationException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +905321234567}). {@link #parse(String, String)} normalises what people
 * type: spaces, dots, dashes and brackets are dropped, {@code 00} becomes {@code +}, and a national number
 * with a trunk {@code 0} (or without one) gets the default country code. A number typed with the default country
 * code but without {@code +} or {@code 00} ({@code 90 532 123 45 67}) is read as international when the country's
 * national numbers all have one length and the digits after the code have exactly it (see {@link #NATIONAL_LENGTHS}).
 * {@link #kind()} says what the numbering plan tells about a number (a Turkish landline cannot take SMS).
 */
public record PhoneNumber(String e164) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[1-9]\\d{0,2}");
    /**
     * The length of every national (significant) number of a few countries whose numbers have one length: Turkey,
     * North America, the United Kingdom (mobile and geographic numbers), France and Spain. Typed without the trunk
     * {@code 0}, a national number there is this long, so a number that is its country code longer can only be the
     * country code followed by a national number. Countries with numbers of several lengths (Germany, Austria,
     * Italy...) are not listed: there the digits alone cannot tell, and such a number must be typed with {@code +}.
     */
    private static final Map<String, Integer> NATIONAL_LENGTHS = Map.of("90", 10, "1", 10, "44", 10, "33", 9, "34", 9);

    /**
     * What a number is, as far as its country's numbering plan tells without asking a network. Only Turkey's plan is
     * known here (a small rule, no phone-number library in core); every other number is {@link #UNKNOWN}.
     */
    public enum Kind {
        /** A mobile number: Turkey's {@code +90 5xx xxx xx xx}. */
        MOBILE,
        /** A landline: Turkey's geographic numbers, {@code +90 2xx}, {@code 3xx} and {@code 4xx} with ten digits. */
        FIXED_LINE,
        /** A number for calls only: Turkey's {@code 444 xxxx}, {@code 0800} (free) and {@code 0850} numbers. */
        SERVICE,
        /** Not known from the plan: another country's number, or a Turkish one of a range or length not listed. */
        UNKNOWN
    }

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        if (!E164.matcher(e164).matches()) {
            // the rule, not the number: it is a person's, messages end up in logs, and whoever passed it has it in hand
            throw new ValidationException("phone", "is not an E.164 number (+ and 8 to 15 digits)");
        }
    }

    /** Accepts only an international number, e.g. {@code +44 20 7946 0958}. */
    public static PhoneNumber of(String text) {
        return new PhoneNumber(strip(text));
    }

    /**
     * Normalises {@code text} to E.164, using {@code defaultCountryCode} (digits, e.g. {@code "90"} for
     * Turkey) for a national number such as {@code 0532 123 45 67}.
     */
    public static PhoneNumber parse(String text, String defaultCountryCode) {
        Objects.requireNonNull(defaultCountryCode, "defaultCountryCode");
        if (!COUNTRY_CODE.matcher(defaultCountryCode).matches()) {
            throw new ValidationException("defaultCountryCode", "must be 1 to 3 digits, was '" + defaultCountryCode + "'");
        }
        String s = strip(text);
        if (s.startsWith("+")) {
            return new PhoneNumber(s);
        }
        if (s.startsWith("00")) {
            return new PhoneNumber("+" + s.substring(2));
        }
        if (s.startsWith("0")) {
            return new PhoneNumber("+" + defaultCountryCode + s.substring(1));
        }
        Integer national = NATIONAL_LENGTHS.get(defaultCountryCode);
        if (national != null && s.startsWith(defaultCountryCode) && s.length() == defaultCountryCode.length() + national) {
            return new PhoneNumber("+" + s);
        }
        return new PhoneNumber("+" + defaultCountryCode + s);
    }

    /** What the numbering plan tells about this number; see {@link Kind}. */
    public Kind kind() {
        if (!e164.startsWith("+90")) {
            return Kind.UNKNOWN;
        }
        String national = e164.substring(3);
        if (national.startsWith("444")) {
            // nationwide numbers with seven digits, dialled without an area code
            return national.length() == 7 ? Kind.SERVICE : Kind.UNKNOWN;
        }
        if (national.length() != 10) {
            return Kind.UNKNOWN;
        }
        if (national.startsWith("800") || national.startsWith("850")) {
            return Kind.SERVICE;
        }
        return switch (national.charAt(0)) {
            case '2', '3', '4' -> Kind.FIXED_LINE;
            case '5' -> Kind.MOBILE;
            default -> Kind.UNKNOWN;
        };
    }

    /**
     * False when the plan says the number cannot receive SMS (a {@link Kind#FIXED_LINE landline} or a
     * {@link Kind#SERVICE service number}); true otherwise, including numbers whose kind is not known, which an SMS
     * channel has to try.
     */
    public boolean mayTakeSms() {
        Kind kind = kind();
        return kind != Kind.FIXED_LINE && kind != Kind.SERVICE;
    }

    private static String strip(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\u00a0') {
                continue;
            }
            if (c == '+' && sb.length() == 0 || c >= '0' && c <= '9') {
                sb.append(c);
            } else {
                // the character that is not allowed and where, not the number (see the constructor)
                throw new ValidationException("phone", "contains '" + EmailAddress.printable(String.valueOf(c)) + "' at " + i + ", not a phone number");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return e164;
    }
}
