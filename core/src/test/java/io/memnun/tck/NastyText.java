package io.memnun.tck;

import java.util.Random;

/**
 * Random text of the kinds that break systems: empty and blank, huge, control characters (NUL, ESC, DEL, NEL, the
 * line and paragraph separators), mixed scripts (Turkish dotted and dotless i, Arabic and Hebrew with direction
 * overrides, Cyrillic, CJK, combining marks, emoji and other surrogate pairs), unpaired or reversed surrogates, a
 * byte-order mark, zero-width characters, SQL and markup fragments. Drawn from a seeded {@link Random}, so a failing
 * case is reproduced by its seed.
 */
public final class NastyText {
    private static final String[] PIECES = {
        "", " ", "\t", "\n", "\r\n", "ıİiI", "ĞÜŞÖÇğüşöç", "مرحبا", "\u202Eevil\u202C", "שלום", "Привет", "日本語",
        "e\u0301\u0302\u0303", "😞", "👩‍👩‍👧", "\uD83D\uDE00", "\u0000", "\u001B[31m", "\u007F", "\u0085", "\u2028",
        "\u2029", "\uFEFF", "\u200B\u200D", "\uD800", "\uDC00", "\uDC00\uD800", "'; DROP TABLE memnun_feedback; --",
        "<script>alert(1)</script>", "{{description}}", "{{#a}}", "%s%n", "\\", "\"", "null", "FB-2026-000001-6",
        "a@b.c", "+905321234567", "\u0130stanbul", "\uFFFD", "\uFFFF", "x".repeat(300),
    };

    private final Random random;

    public NastyText(Random random) {
        this.random = random;
    }

    /**
     * The text of one case, numbered by its seed. The seed is mixed first: {@link Random}s seeded with consecutive
     * numbers begin with nearly the same values, so that without mixing a run's cases would all take the same branch.
     */
    public static NastyText forCase(long seed) {
        return new NastyText(new Random(new java.util.SplittableRandom(seed).nextLong()));
    }

    /** A string of up to about {@code typicalLength} characters, now and then far longer ({@code hugeLength}). */
    public String next(int typicalLength, int hugeLength) {
        int mode = random.nextInt(20);
        if (mode == 0) {
            return "";
        }
        if (mode == 1) {
            return "a".repeat(hugeLength + random.nextInt(3) - 1);
        }
        StringBuilder sb = new StringBuilder();
        int target = 1 + random.nextInt(Math.max(1, typicalLength));
        while (sb.length() < target) {
            switch (random.nextInt(4)) {
                case 0 -> sb.append(PIECES[random.nextInt(PIECES.length)]);
                case 1 -> sb.append((char) random.nextInt(0x10000)); // any UTF-16 unit, surrogates included
                default -> sb.append("Oda klima şikayet ").append(random.nextInt(1000)).append(' ');
            }
        }
        return sb.toString();
    }

    /** Like {@link #next} but free of the characters validation refuses: what must be stored faithfully. */
    public String clean(int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            String p = PIECES[random.nextInt(PIECES.length)];
            if (isClean(p) && !p.isBlank()) {
                sb.append(p);
            }
            sb.append(" şık ").append(random.nextInt(100));
        }
        return sb.toString();
    }

    private static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    public Random random() {
        return random;
    }
}
