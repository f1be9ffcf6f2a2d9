package io.memnun.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/** The pieces the HTML renderings share: escaping, number formats, the page frame with its screen and print styles. */
final class Html {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Html() {}

    /** Text escaped for element content and quoted attribute values. */
    static String esc(@Nullable String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The groups (target and key) with feedback whose target was not counted in either period, in the current period's
     * figures (a group only the previous period had comes with none now), ordered by target and key.
     */
    static java.util.List<SlaCompliance> notCountedRows(java.util.List<SlaCompliance> previous, java.util.List<SlaCompliance> current) {
        java.util.List<SlaCompliance> rows = new java.util.ArrayList<>();
        for (SlaCompliance c : current) {
            if (c.notCounted() > 0 || notCountedIn(previous, c) > 0) {
                rows.add(c);
            }
        }
        for (SlaCompliance p : previous) {
            if (p.notCounted() > 0 && current.stream().noneMatch(c -> sameGroup(c, p))) {
                rows.add(new SlaCompliance(p.target(), p.key(), 0, 0, 0));
            }
        }
        rows.sort(java.util.Comparator.comparing((SlaCompliance c) -> c.target().name())
                .thenComparing(SlaCompliance::key, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return rows;
    }

    /** The feedback not counted in {@code figures} for {@code group}'s target and key; 0 when it has no such group. */
    static long notCountedIn(java.util.List<SlaCompliance> figures, SlaCompliance group) {
        return figures.stream().filter(c -> sameGroup(c, group)).mapToLong(SlaCompliance::notCounted).sum();
    }

    private static boolean sameGroup(SlaCompliance a, SlaCompliance b) {
        return a.target() == b.target() && java.util.Objects.equals(a.key(), b.key());
    }

    static String orNone(@Nullable String key) {
        return key == null ? "(none)" : key;
    }

    static String percent(OptionalDouble p) {
        return p.isPresent() ? String.format(Locale.ROOT, "%.1f%%", p.getAsDouble()) : "–";
    }

    /** A duration as business hours with one decimal, e.g. {@code 12.5 h}. */
    static String hours(Duration d) {
        return String.format(Locale.ROOT, "%.1f h", d.toMillis() / 3_600_000.0);
    }

    /** A duration as days with one decimal. */
    static String days(Duration d) {
        return String.format(Locale.ROOT, "%.1f d", d.toMillis() / 86_400_000.0);
    }

    static String time(@Nullable Instant t, ZoneId zone) {
        return t == null ? "" : DATE_TIME.format(t.atZone(zone));
    }

    static String signed(double change, String unit) {
        return String.format(Locale.ROOT, "%+.1f%s", change, unit);
    }

    /** The document around {@code body}: self-contained, no external assets, readable on screen and on A4 paper. */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title) + "</title>\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + body + "</body>\n</html>\n";
    }

    private static final String STYLE = """
            * { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1d2433; margin: 24px auto; max-width: 1100px; line-height: 1.4; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #2f5d9e; padding-bottom: 3px; }
            h3 { font-size: 15px; margin: 16px 0 6px; }
            .meta { color: #5a6478; font-size: 13px; margin-bottom: 12px; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 12px; }
            th, td { border: 1px solid #c9d1de; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #e8eef7; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.bad td { background: #fdecea; }
            .up { color: #b3261e; } .down { color: #1e7b34; }
            .charts { display: flex; flex-wrap: wrap; gap: 16px; }
            figure { margin: 8px 0; break-inside: avoid; }
            figcaption { font-size: 13px; font-weight: bold; margin-bottom: 4px; }
            svg text { font-family: "DejaVu Sans", Arial, sans-serif; }
            ul.suggestions li { margin-bottom: 6px; }
            .tag { display: inline-block; font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #e8eef7; margin-right: 6px; }
            .gap { color: #b3261e; font-size: 13px; margin: 2px 0; }
            section { break-inside: avoid-page; }
            @page { size: A4; margin: 14mm; }
            @media print {
              body { margin: 0; max-width: none; font-size: 11px; }
              h2 { break-after: avoid; }
              table, figure, tr { break-inside: avoid; }
            }
            """;
}
