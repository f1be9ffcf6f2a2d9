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
        return words(text, stripDiacritics, false);
    }

    private static String[] words(String text, boolean stripDiacritics, boolean normalized) {
        // routing folds every description, so this is on the hot path: one pass, Latin letters from a table
        char[] table = stripDiacritics ? WORD_STRIPPED : WORD_CASED;
        List<String> words = new ArrayList<>(Math.max(4, text.length() / 6));
        char[] word = new char[Math.min(text.length(), 64) + 1];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char f;
            if (c < TABLED) {
                f = table[c];
            } else if (c >= '\u0300' && c <= '\u036F') {
                if (!normalized) {
                    // decomposed text: compose (or fully decompose, to strip) it first, then start again
                    return words(Normalizer.normalize(text, stripDiacritics ? Normalizer.Form.NFD : Normalizer.Form.NFC),
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
                if (length > 0) {
                    words.add(new String(word, 0, length));
                    length = 0;
                }
                continue;
            }
            if (length == word.length) {
                word = java.util.Arrays.copyOf(word, length * 2);
            }
            word[length++] = f;
        }
        if (length > 0) {
            words.add(new String(word, 0, length));
        }
        return words.toArray(new String[0]);
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
