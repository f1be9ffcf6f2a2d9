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
        String folded = fold(text, stripDiacritics);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            boolean inWord = Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.isSurrogate(c);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
        }
        if (start >= 0) {
            words.add(folded.substring(start));
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
