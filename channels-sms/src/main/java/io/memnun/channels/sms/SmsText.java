package io.memnun.channels.sms;

import io.memnun.channels.sms.internal.Gsm7;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMS text with the cheapest encoding that carries it and its split into parts. GSM-7 when the default
 * alphabet and extension table hold every character; otherwise GSM-7 with the Turkish single shift table when
 * that holds them (and it is allowed); otherwise UCS-2. Of two encodings that fit, the one with fewer parts wins.
 * A two-septet character (an escape and its code) and a surrogate pair are never split between parts.
 *
 * @param text the text
 * @param encoding the chosen encoding
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2) the whole text takes
 * @param parts the text of each part, in order; one part when it fits a single message
 */
public record SmsText(String text, SmsEncoding encoding, int units, List<String> parts) {
    /** A link at the very end of a text, after a space. */
    private static final Pattern TRAILING_LINK = Pattern.compile("\\s(https?://\\S+)\\s*$");
    /** How far back from the cut a space is looked for, so that words stay whole. */
    private static final int WORD_SEARCH = 20;

    public SmsText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(encoding, "encoding");
        parts = List.copyOf(parts);
    }

    /** Analyses {@code text}, allowing the Turkish single shift table. */
    public static SmsText of(String text) {
        return of(text, true);
    }

    /** Analyses {@code text}; {@code turkishShift} false keeps to GSM-7 and UCS-2 (for networks without it). */
    public static SmsText of(String text, boolean turkishShift) {
        Objects.requireNonNull(text, "text");
        if (fits(text, SmsEncoding.GSM7)) {
            return split(text, SmsEncoding.GSM7);
        }
        SmsText ucs2 = split(text, SmsEncoding.UCS2);
        if (turkishShift && fits(text, SmsEncoding.GSM7_TURKISH_SHIFT)) {
            SmsText turkish = split(text, SmsEncoding.GSM7_TURKISH_SHIFT);
            return turkish.segments() <= ucs2.segments() ? turkish : ucs2;
        }
        return ucs2;
    }

    /**
     * {@code text} cut to at most {@code maxSegments} segments: as it is when it fits; otherwise its beginning, an
     * ellipsis ({@code ...}, or {@code …} in a text that is UCS-2 anyway) and, when the text ends with a link (the
     * tracking link the shipped templates put last), that link. The cut falls at a space when one is near, never inside
     * a surrogate pair; a link that does not fit even after an ellipsis alone is dropped too.
     */
    public static SmsText fitted(String text, int maxSegments, boolean turkishShift) {
        Objects.requireNonNull(text, "text");
        SmsText whole = of(text, turkishShift);
        if (whole.segments() <= maxSegments) {
            return whole;
        }
        String ellipsis = whole.encoding() == SmsEncoding.UCS2 ? "\u2026" : "...";
        String head = text;
        String link = "";
        Matcher m = TRAILING_LINK.matcher(text);
        if (m.find()) {
            head = text.substring(0, m.start());
            link = " " + m.group(1);
            if (of(ellipsis + link, turkishShift).segments() > maxSegments) {
                link = "";
            }
        }
        // every character takes a septet or more: a longer beginning cannot fit
        int lo = 0;
        int hi = Math.min(head.length(), maxSegments * SmsEncoding.GSM7.singleCapacity());
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (of(beginning(head, mid) + ellipsis + link, turkishShift).segments() <= maxSegments) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int space = head.lastIndexOf(' ', lo);
        if (space > 0 && space >= lo - WORD_SEARCH) {
            lo = space;
        }
        return of(beginning(head, lo) + ellipsis + link, turkishShift);
    }

    /** The first {@code length} characters without trailing spaces, one fewer if that would split a surrogate pair. */
    private static String beginning(String text, int length) {
        int end = length > 0 && length < text.length() && Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end).stripTrailing();
    }

    /** How many messages it is sent as (and charged for). */
    public int segments() {
        return parts.size();
    }

    private static boolean fits(String text, SmsEncoding encoding) {
        for (int i = 0; i < text.length(); i++) {
            if (width(text, i, encoding) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Units the character at {@code i} takes (2 for the high half of a surrogate pair in UCS-2), or -1. */
    private static int width(String text, int i, SmsEncoding encoding) {
        char c = text.charAt(i);
        switch (encoding) {
            case UCS2:
                return Character.isHighSurrogate(c) && i + 1 < text.length() ? 2 : Character.isLowSurrogate(c) ? 0 : 1;
            case GSM7:
                return Gsm7.basic(c) >= 0 ? 1 : Gsm7.extension(c) >= 0 ? 2 : -1;
            case GSM7_TURKISH_SHIFT:
            default:
                return Gsm7.basic(c) >= 0 ? 1 : Gsm7.turkishShift(c) >= 0 ? 2 : -1;
        }
    }

    private static SmsText split(String text, SmsEncoding encoding) {
        int total = 0;
        for (int i = 0; i < text.length(); i++) {
            total += width(text, i, encoding);
        }
        if (total <= encoding.singleCapacity()) {
            return new SmsText(text, encoding, total, List.of(text));
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int w = width(text, i, encoding);
            if (used + w > encoding.partCapacity()) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += w;
        }
        parts.add(text.substring(start));
        return new SmsText(text, encoding, total, parts);
    }

    /**
     * The bytes of one part as an SMSC takes them in SMPP's {@code short_message} with data coding 0 (one septet
     * per octet, escapes included) or 8 (UTF-16 big-endian).
     */
    public byte[] payload(String part) {
        if (encoding == SmsEncoding.UCS2) {
            return part.getBytes(StandardCharsets.UTF_16BE);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(part.length() + 8);
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            int basic = Gsm7.basic(c);
            if (basic >= 0) {
                out.write(basic);
            } else {
                out.write(Gsm7.ESCAPE);
                out.write(encoding == SmsEncoding.GSM7 ? Gsm7.extension(c) : Gsm7.turkishShift(c));
            }
        }
        return out.toByteArray();
    }
}
