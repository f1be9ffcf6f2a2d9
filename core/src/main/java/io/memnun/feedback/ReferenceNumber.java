package io.memnun.feedback;

import io.memnun.error.ValidationException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The human-friendly number a customer is given for a feedback, e.g. {@code FB-2026-000123-7}: a prefix of
 * one to five letters, the year of receipt, a sequence number unique per tenant, prefix and year, and a check
 * digit.
 *
 * <p>The check digit is computed with the Damm algorithm over the prefix (each letter as its two-digit value
 * A=10..Z=35), the year and the sequence. Damm detects every single-digit substitution and every transposition
 * of two adjacent digits, so a mistyped number is refused by {@link #parse} instead of finding another
 * customer's feedback.
 */
public record ReferenceNumber(String prefix, int year, long sequence) implements FeedbackKey {
    private static final Pattern PREFIX = Pattern.compile("[A-Z]{1,5}");
    private static final Pattern TEXT = Pattern.compile("([A-Z]{1,5})-?(\\d{4})-?(\\d{6,18})-?(\\d)");
    private static final int MIN_SEQUENCE_DIGITS = 6;
    /** The largest sequence {@link #parse} reads back: 18 digits. */
    public static final long MAX_SEQUENCE = 999_999_999_999_999_999L;

    // Damm's totally anti-symmetric quasigroup of order 10.
    private static final int[][] DAMM = {
        {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
        {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
        {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
        {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
        {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
        {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
        {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
        {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
        {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
        {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
    };

    public ReferenceNumber {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ValidationException("referenceNumber.prefix", "must be 1 to 5 letters A-Z, was '" + prefix + "'");
        }
        if (year < 1000 || year > 9999) {
            throw new ValidationException("referenceNumber.year", "must have four digits, was " + year);
        }
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new ValidationException("referenceNumber.sequence", "must be between 1 and " + MAX_SEQUENCE + ", was " + sequence);
        }
    }

    public static ReferenceNumber of(String prefix, int year, long sequence) {
        return new ReferenceNumber(prefix, year, sequence);
    }

    /**
     * Reads a reference number as a customer may type it: case and surrounding or inner spaces do not matter,
     * the hyphens are optional. A wrong check digit, a malformed number or a sequence written with
     * surplus leading zeros is refused with an {@link InvalidReferenceNumberException}.
     */
    public static ReferenceNumber parse(String text) {
        Objects.requireNonNull(text, "text");
        String normalised = normalise(text);
        Matcher m = TEXT.matcher(normalised);
        if (!m.matches()) {
            throw new InvalidReferenceNumberException("is not of the form PREFIX-YYYY-NNNNNN-C");
        }
        String seq = m.group(3);
        if (seq.length() > MIN_SEQUENCE_DIGITS && seq.charAt(0) == '0') {
            throw new InvalidReferenceNumberException("has surplus leading zeros in its sequence");
        }
        ReferenceNumber ref;
        try {
            ref = new ReferenceNumber(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(seq));
        } catch (ValidationException e) {
            // a year before 1000 or a sequence of zero: well-formed digits, but no reference number
            throw new InvalidReferenceNumberException("is not a reference number (" + e.getMessage() + ")");
        }
        if (ref.checkDigit() != m.group(4).charAt(0) - '0') {
            throw new InvalidReferenceNumberException("check digit does not match (mistyped?)");
        }
        return ref;
    }

    /** True when {@code text} parses as a valid reference number. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    private static String normalise(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // isWhitespace leaves out the no-break spaces (U+00A0, U+2007, U+202F) a copied number often carries
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            // a Turkish keyboard turns i into İ and I into ı; the prefix is plain A-Z, so DÖF is read as DOF
            c = switch (c) {
                case 'ı', 'İ' -> 'I';
                case 'ö', 'Ö' -> 'O';
                case 'ü', 'Ü' -> 'U';
                case 'ç', 'Ç' -> 'C';
                case 'ş', 'Ş' -> 'S';
                case 'ğ', 'Ğ' -> 'G';
                default -> c;
            };
            sb.append(c);
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /** The check digit of this number. */
    public int checkDigit() {
        int interim = 0;
        for (int i = 0; i < prefix.length(); i++) {
            int v = prefix.charAt(i) - 'A' + 10;
            interim = DAMM[interim][v / 10];
            interim = DAMM[interim][v % 10];
        }
        String digits = String.format(Locale.ROOT, "%04d%0" + MIN_SEQUENCE_DIGITS + "d", year, sequence);
        for (int i = 0; i < digits.length(); i++) {
            interim = DAMM[interim][digits.charAt(i) - '0'];
        }
        return interim;
    }

    /** The printed form, e.g. {@code FB-2026-000123-7}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s-%04d-%0" + MIN_SEQUENCE_DIGITS + "d-%d", prefix, year, sequence, checkDigit());
    }
}
