package io.memnun.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds text typed by customers for keyword matching, Turkish-aware.
 *
 * <p>Case: {@code I}, {@code ı}, {@code İ} and {@code i} all fold to {@code i}. Turkish lower-casing alone would
 * turn the English {@code INTERNET} into {@code ınternet}, root-locale lower-casing would turn {@code ŞİKAYET}
 * into {@code şi̇kayet} (with a combining dot) and leave {@code KIRIK} apart from {@code kırık}; treating the four
 * letters as one makes Turkish and English capitals both match, at the price of not telling {@code ı} from
 * {@code i}, which keyword matching can afford.
 *
 * <p>Diacritics, when asked: {@code ş→s}, {@code ç→c}, {@code ğ→g}, {@code ö→o}, {@code ü→u}, {@code â→a} and
 * every other Latin letter with a mark to its base letter, because many customers type Turkish without Turkish
 * letters ({@code sikayet}, {@code musteri}) on phones and foreign keyboards.
 *
 * <p>Text in decomposed form (a letter followed by combining marks) is composed first, so {@code s} + U+0327
 * matches {@code ş}.
 */
public final class TextFold {
    private static final char FIRST_TABLED = '\u00C0';
    private static final char LAST_TABLED = '\u024F';
    private static final char[] BASE = baseLetters();
    /** Characters below this are folded by table lookup in {@link #words}: ASCII and every Latin letter with marks. */
    private static final char TABLED = '\u0250';
    /** Per character below {@link #TABLED}: its folded form inside a word, or 0 for a character between words. */
    private static final char[] WORD_CASED = wordTable(false);
    private static final char[] WORD_STRIPPED = wordTable(true);

    private TextFold() {}

    /** The folded text; {@code stripDiacritics} also removes marks from letters. */
    public static String fold(String text, boolean stripDiacritics) {
        String s = text;
        if (hasCombiningMarks(s)) {
            s = Normalizer.normalize(s, stripDiacritics ? Normalizer.Form.NFD : Normalizer.Form.NFC);
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char f = foldChar(c, stripDiacritics);
            if (sb == null) {
                if (f == c) {
                    continue;
                }
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (f != 0) {
                sb.append(f);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** The folded words of {@code text}: runs of letters and digits; everything else separates words. */
    public static String[] words(String text, boolean stripDiacritics) {
        Words w = split(text, stripDiacritics);
        String[] out = new String[w.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = w.word(i);
        }
        return out;
    }

    /** The folded words of {@code text} in one buffer, without a string per word: for matching on a hot path. */
    public static Words split(String text, boolean stripDiacritics) {
        return split(text, stripDiacritics, false);
    }

    private static Words split(String text, boolean stripDiacritics, boolean normalized) {
        // routing folds every description, so this is on the hot path: one pass, Latin letters from a table
        char[] table = stripDiacritics ? WORD_STRIPPED : WORD_CASED;
        // folded in place: a folded word is never longer than its source, so writes never overtake reads
        int length = text.length();
        char[] out = new char[length];
        text.getChars(0, length, out, 0);
        int[] bounds = new int[16];
        int n = 0;
        int words = 0;
        int start = -1;
        for (int i = 0; i < length; i++) {
            char c = out[i];
            char f;
            if (c < TABLED) {
                f = table[c];
            } else if (c >= '\u0300' && c <= '\u036F') {
                if (!normalized) {
                    // decomposed text: compose (or fully decompose, to strip) it first, then start again
                    return split(Normalizer.normalize(text, stripDiacritics ? Normalizer.Form.NFD : Normalizer.Form.NFC),
                            stripDiacritics, true);
                }
                if (stripDiacritics || c == '\u0307') {
                    continue;
                }
                f = c;
            } else if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
                f = foldChar(c, stripDiacritics);
            } else {
                f = 0;
            }
            if (f == 0) {
                if (start >= 0) {
                    if (2 * words + 2 > bounds.length) {
                        bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
                    }
                    bounds[2 * words] = start;
                    bounds[2 * words + 1] = n;
                    words++;
                    start = -1;
                }
                continue;
            }
            if (start < 0) {
                start = n;
            }
            out[n++] = f;
        }
        if (start >= 0) {
            if (2 * words + 2 > bounds.length) {
                bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[2 * words] = start;
            bounds[2 * words + 1] = n;
            words++;
        }
        return new Words(out, bounds, words);
    }

    /** Folded words in one character buffer; word {@code i} runs from {@code start(i)} to {@code end(i)}. */
    public static final class Words {
        private final char[] chars;
        private final int[] bounds;
        private final int count;

        private Words(char[] chars, int[] bounds, int count) {
            this.chars = chars;
            this.bounds = bounds;
            this.count = count;
        }

        public int count() {
            return count;
        }

        public int start(int word) {
            return bounds[2 * word];
        }

        public int end(int word) {
            return bounds[2 * word + 1];
        }

        /** The folded character at {@code index} of the buffer. */
        public char charAt(int index) {
            return chars[index];
        }

        public String word(int word) {
            return new String(chars, start(word), end(word) - start(word));
        }

        /** True when word {@code word} begins with {@code prefix} (or equals it, with {@code whole}). */
        public boolean matches(int word, String prefix, boolean whole) {
            int s = start(word);
            int length = end(word) - s;
            if (length < prefix.length() || whole && length != prefix.length()) {
                return false;
            }
            for (int k = 0; k < prefix.length(); k++) {
                if (chars[s + k] != prefix.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The folded form of one character, or 0 when it disappears (a mark being stripped). */
    private static char foldChar(char c, boolean stripDiacritics) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        if (c == '\u0130' || c == '\u0131') {
            return 'i';
        }
        if (c == '\u0307') {
            // the dot of a decomposed İ, or what root-locale lower-casing of İ leaves behind
            return 0;
        }
        char lower = Character.toLowerCase(c);
        if (!stripDiacritics) {
            return lower;
        }
        if (Character.getType(c) == Character.NON_SPACING_MARK) {
            return 0;
        }
        return lower >= FIRST_TABLED && lower <= LAST_TABLED ? BASE[lower - FIRST_TABLED] : lower;
    }

    private static boolean hasCombiningMarks(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u0300' && c <= '\u036F') {
                return true;
            }
        }
        return false;
    }

    private static char[] wordTable(boolean stripDiacritics) {
        char[] table = new char[TABLED];
        for (char c = 0; c < TABLED; c++) {
            table[c] = Character.isLetterOrDigit(c) ? foldChar(c, stripDiacritics) : 0;
        }
        return table;
    }

    private static char[] baseLetters() {
        char[] table = new char[LAST_TABLED - FIRST_TABLED + 1];
        for (char c = FIRST_TABLED; c <= LAST_TABLED; c++) {
            String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            char base = decomposed.charAt(0);
            table[c - FIRST_TABLED] = base == '\u0131' || base == '\u0130' ? 'i' : Character.toLowerCase(base);
        }
        return table;
    }
}
