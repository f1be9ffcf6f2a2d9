package io.memnun.internal;

/** Cutting text to a length without splitting a surrogate pair, which the checks of every record refuse. */
public final class TextCut {
    private TextCut() {}

    /** {@code text} if it has at most {@code max} characters, else its longest prefix of at most that many that ends between characters. */
    public static String prefix(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        if (max <= 0) {
            return "";
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }
}
