package io.memnun.report;

import java.time.ZoneId;
import java.util.Map;

/** An audit pack as one self-contained, printable HTML document: a summary of the gaps, then each tracking record. */
public final class AuditPackHtml {
    private AuditPackHtml() {}

    /** The pack with its times shown in {@code zone}. */
    public static String render(AuditPack pack, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append("<header><h1>").append(Html.esc(pack.title())).append("</h1>\n<div class=\"meta\">ISO 10002 complaint tracking records · ")
                .append(pack.records().size()).append(" feedback · gaps judged at ").append(Html.time(pack.generatedAt(), zone))
                .append(" · times in ").append(Html.esc(zone.getId())).append("</div></header>\n");
        Map<AuditGap.Type, Long> gaps = AuditRecord.countGaps(pack.records());
        b.append("<section id=\"gaps\"><h2>Gaps</h2>\n");
        if (gaps.isEmpty()) {
            b.append("<p>No gaps found.</p>\n");
        } else {
            b.append("<table><thead><tr><th>Gap</th><th class=\"num\">Feedback</th></tr></thead><tbody>\n");
            gaps.forEach((type, n) -> b.append("<tr><td>").append(Html.esc(ReviewHtml.label(type.name()))).append("</td><td class=\"num\">")
                    .append(n).append("</td></tr>\n"));
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");
        for (AuditRecord r : pack.records()) {
            b.append("<section class=\"record\"><h2>").append(Html.esc(r.reference())).append(" <span class=\"tag\">").append(r.kind())
                    .append("</span><span class=\"tag\">").append(r.status()).append("</span></h2>\n<div class=\"meta\">Received ")
                    .append(Html.time(r.receivedAt(), zone)).append(r.department().map(d -> " · department " + Html.esc(d)).orElse(""))
                    .append("</div>\n<table><thead><tr><th>Stage</th><th>Event</th><th>When</th><th>Who</th><th>Note</th></tr></thead><tbody>\n");
            for (AuditStep s : r.steps()) {
                b.append("<tr><td>").append(Html.esc(ReviewHtml.label(s.stage().name()))).append("</td><td>").append(Html.esc(ReviewHtml.label(s.event().name())))
                        .append("</td><td>").append(Html.time(s.at(), zone)).append("</td><td>").append(Html.esc(s.actor())).append("</td><td>")
                        .append(Html.esc(s.note())).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
            for (AuditGap g : r.gaps()) {
                b.append("<p class=\"gap\">Gap: ").append(Html.esc(ReviewHtml.label(g.type().name()))).append(": ").append(Html.esc(g.detail()))
                        .append("</p>\n");
            }
            b.append("</section>\n");
        }
        return Html.page(pack.title(), b.toString());
    }
}
