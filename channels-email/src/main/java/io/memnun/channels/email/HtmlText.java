package io.memnun.channels.email;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an HTML mail body into plain text for the feedback's description: tags go, the content of {@code script},
 * {@code style}, {@code head} and comments goes with them, block elements and {@code <br>} become line breaks,
 * list items start with "- ", and character references are decoded. The result is only ever stored and shown as
 * text, never rendered as HTML, so dropping markup is all "safe" has to mean here; a hand-written scanner of a
 * hundred lines was preferred to a dependency (jsoup) for that.
 */
final class HtmlText {
    private static final Set<String> SKIP = Set.of("script", "style", "head", "title", "noscript", "template");
    private static final Set<String> BLOCK = Set.of("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "table", "ul", "ol", "pre", "hr", "section", "article", "header", "footer", "address");
    /** Blocks set apart by a blank line; the other blocks only start a new line. */
    private static final Set<String> PARAGRAPH = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "pre", "hr");
    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
            Map.entry("ccedil", "ç"), Map.entry("Ccedil", "Ç"), Map.entry("ouml", "ö"), Map.entry("Ouml", "Ö"),
            Map.entry("uuml", "ü"), Map.entry("Uuml", "Ü"), Map.entry("euro", "€"), Map.entry("hellip", "…"),
            Map.entry("ndash", "–"), Map.entry("mdash", "—"), Map.entry("rsquo", "’"), Map.entry("lsquo", "‘"),
            Map.entry("rdquo", "”"), Map.entry("ldquo", "“"));

    private HtmlText() {}

    static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                int end = tagEnd(html, i + 1);
                String tag = html.substring(i + 1, Math.min(end, n));
                i = end < n ? end + 1 : n;
                String name = tagName(tag);
                if (name.isEmpty()) {
                    continue;
                }
                if (!tag.startsWith("/") && SKIP.contains(name)) {
                    int close = indexOfIgnoreCase(html, "</" + name, i);
                    i = close < 0 ? n : Math.max(i, tagEnd(html, close + 1) + 1);
                    continue;
                }
                if (BLOCK.contains(name)) {
                    newline(out, name.equals("br") ? 0 : PARAGRAPH.contains(name) ? 2 : 1);
                    if (name.equals("li") && !tag.startsWith("/")) {
                        out.append("- ");
                    }
                } else if (name.equals("td") || name.equals("th")) {
                    out.append(' ');
                }
            } else if (c == '&') {
                int semi = html.indexOf(';', i);
                if (semi > i && semi - i <= 10) {
                    String decoded = entity(html.substring(i + 1, semi));
                    if (decoded != null) {
                        out.append(decoded);
                        i = semi + 1;
                        continue;
                    }
                }
                out.append('&');
                i++;
            } else if (Character.isWhitespace(c)) {
                // runs of source white space are one space, as a browser shows them
                if (out.length() > 0 && !Character.isWhitespace(out.charAt(out.length() - 1))) {
                    out.append(' ');
                }
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return tidy(out.toString());
    }

    /** The index of the '>' that ends a tag starting at {@code from}, skipping quoted attribute values. */
    private static int tagEnd(String html, int from) {
        char quote = 0;
        for (int j = from; j < html.length(); j++) {
            char c = html.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return j;
            }
        }
        return html.length();
    }

    /**
     * Where {@code needle} (ASCII) starts in {@code html} at or after {@code from}, ignoring case; -1 if nowhere. Not a
     * search in {@code html.toLowerCase()}: lower case can change the length ("İ" becomes two characters), and with it
     * every index after it.
     */
    private static int indexOfIgnoreCase(String html, String needle, int from) {
        for (int j = from; j <= html.length() - needle.length(); j++) {
            if (html.regionMatches(true, j, needle, 0, needle.length())) {
                return j;
            }
        }
        return -1;
    }

    private static String tagName(String tag) {
        int j = tag.startsWith("/") ? 1 : 0;
        int start = j;
        while (j < tag.length() && (Character.isLetterOrDigit(tag.charAt(j)))) {
            j++;
        }
        return tag.substring(start, j).toLowerCase(Locale.ROOT);
    }

    private static String entity(String name) {
        if (name.startsWith("#")) {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                if (Character.isValidCodePoint(cp) && !Character.isISOControl(cp) && (cp < 0xD800 || cp > 0xDFFF)) {
                    return new String(Character.toChars(cp));
                }
                return "";
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(name);
    }

    /** Ends the line: {@code 0} always adds a break ({@code <br>}), else it ensures that many breaks end the text. */
    private static void newline(StringBuilder out, int breaks) {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
        if (breaks == 0) {
            out.append('\n');
            return;
        }
        int have = 0;
        while (have < out.length() && out.charAt(out.length() - 1 - have) == '\n') {
            have++;
        }
        for (; have < breaks; have++) {
            out.append('\n');
        }
    }

    /** At most one blank line in a row, no spaces at line ends or starts. */
    private static String tidy(String text) {
        StringBuilder sb = new StringBuilder();
        int blank = 0;
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            if (l.isEmpty()) {
                blank++;
                continue;
            }
            if (sb.length() > 0) {
                sb.append(blank > 0 ? "\n\n" : "\n");
            }
            blank = 0;
            sb.append(l);
        }
        return sb.toString();
    }
}
