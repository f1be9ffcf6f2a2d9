package io.memnun.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An instant's {@link Instant#toString()} text, written by hand for years 1970 to 9999: history details carry due
 * instants on every step of a feedback, and the general formatter behind {@code toString} costs several times more.
 * Other instants take {@code toString} itself.
 */
public final class InstantText {
    /** 9999-12-31T23:59:59Z. */
    private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

    private InstantText() {}

    /** Exactly {@code at.toString()}: {@code yyyy-MM-ddTHH:mm:ss}, the fraction in groups of three digits as needed, {@code Z}. */
    public static String of(Instant at) {
        long second = at.getEpochSecond();
        if (second < 0 || second > LAST_FOUR_DIGIT_SECOND) {
            return at.toString();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(30);
        digits(sb, t.getYear(), 4).append('-');
        digits(sb, t.getMonthValue(), 2).append('-');
        digits(sb, t.getDayOfMonth(), 2).append('T');
        digits(sb, t.getHour(), 2).append(':');
        digits(sb, t.getMinute(), 2).append(':');
        digits(sb, t.getSecond(), 2);
        int nano = at.getNano();
        if (nano > 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                digits(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(sb, nano / 1000, 6);
            } else {
                digits(sb, nano, 9);
            }
        }
        return sb.append('Z').toString();
    }

    /** {@code value} (not negative) in {@code width} digits, zeros in front. */
    private static StringBuilder digits(StringBuilder sb, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(text);
    }
}
