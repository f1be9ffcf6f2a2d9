package io.memnun.channels.sms.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The GSM 03.38 default alphabet, its default extension table and the Turkish national language single shift
 * table (3GPP TS 23.038, 6.2.1, 6.2.1.1 and A.2.1), as maps from character to septet.
 */
public final class Gsm7 {
    /** The escape to the extension (or single shift) table. */
    public static final int ESCAPE = 0x1B;

    private static final String DEFAULT_ALPHABET =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final Map<Character, Integer> DEFAULT = new HashMap<>();
    private static final Map<Character, Integer> EXTENSION = new HashMap<>();
    private static final Map<Character, Integer> TURKISH_SHIFT = new HashMap<>();

    static {
        if (DEFAULT_ALPHABET.length() != 128) {
            throw new IllegalStateException("the default alphabet has 128 characters, not " + DEFAULT_ALPHABET.length());
        }
        for (int i = 0; i < 128; i++) {
            if (i != ESCAPE) {
                DEFAULT.put(DEFAULT_ALPHABET.charAt(i), i);
            }
        }
        Object[][] common = {
            {'\f', 0x0A}, {'^', 0x14}, {'{', 0x28}, {'}', 0x29}, {'\\', 0x2F}, {'[', 0x3C}, {'~', 0x3D}, {']', 0x3E}, {'|', 0x40},
            {'€', 0x65},
        };
        for (Object[] e : common) {
            EXTENSION.put((Character) e[0], (Integer) e[1]);
            TURKISH_SHIFT.put((Character) e[0], (Integer) e[1]);
        }
        Object[][] turkish = {{'Ğ', 0x47}, {'İ', 0x49}, {'Ş', 0x53}, {'ç', 0x63}, {'ğ', 0x67}, {'ı', 0x69}, {'ş', 0x73}};
        for (Object[] e : turkish) {
            TURKISH_SHIFT.put((Character) e[0], (Integer) e[1]);
        }
    }

    private Gsm7() {}

    /** The septet of {@code c} in the default alphabet, or -1. */
    public static int basic(char c) {
        return DEFAULT.getOrDefault(c, -1);
    }

    /** The septet of {@code c} in the default extension table, or -1. */
    public static int extension(char c) {
        return EXTENSION.getOrDefault(c, -1);
    }

    /** The septet of {@code c} in the Turkish single shift table, or -1. */
    public static int turkishShift(char c) {
        return TURKISH_SHIFT.getOrDefault(c, -1);
    }

    /**
     * Decodes unpacked GSM-7 (one septet an octet, as SMPP carries data coding 0); with {@code turkish}, escapes
     * use the Turkish single shift table. An unknown escape gives the character of the default table.
     */
    public static String decode(byte[] septets, boolean turkish) {
        Map<Character, Integer> shift = turkish ? TURKISH_SHIFT : EXTENSION;
        StringBuilder sb = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int v = septets[i] & 0x7F;
            if (v == ESCAPE && i + 1 < septets.length) {
                int next = septets[++i] & 0x7F;
                Character found = null;
                for (Map.Entry<Character, Integer> e : shift.entrySet()) {
                    if (e.getValue() == next) {
                        found = e.getKey();
                        break;
                    }
                }
                sb.append(found != null ? found.charValue() : DEFAULT_ALPHABET.charAt(next));
            } else if (v != ESCAPE) {
                sb.append(DEFAULT_ALPHABET.charAt(v));
            }
        }
        return sb.toString();
    }
}
