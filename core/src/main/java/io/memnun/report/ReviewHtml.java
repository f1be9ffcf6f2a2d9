package io.memnun.report;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A management review as one self-contained HTML document: tables of every figure beside the previous period's, bar
 * and line charts as inline SVG, print styles for A4. No script, no external style sheet, font or image.
 */
public final class ReviewHtml {
    private ReviewHtml() {}

    public static String render(ManagementReview r) {
        Figures cur = r.current();
        Figures prev = r.previous();
        ZoneId zone = cur.filter().period().zone();
        String now = "Current " + cur.filter().period().label();
        String before = "Previous " + prev.filter().period().label();
        StringBuilder b = new StringBuilder();
        b.append("<header><h1>").append(Html.esc(r.title())).append("</h1>\n<div class=\"meta\">Tenant ")
                .append(Html.esc(cur.filter().tenant().value())).append(" · ").append(Html.esc(describe(cur.filter()))).append(" · times in ")
                .append(Html.esc(zone.getId())).append(" · generated ").append(Html.time(r.generatedAt(), zone)).append("</div></header>\n");

        b.append("<section id=\"summary\"><h2>Summary</h2>\n<table><thead><tr><th>Figure</th><th class=\"num\">")
                .append(Html.esc(before)).append("</th><th class=\"num\">").append(Html.esc(now)).append("</th><th class=\"num\">Change</th></tr></thead><tbody>\n");
        countRow(b, "Feedback received", prev.outcomes().received(), cur.outcomes().received());
        countRow(b, "Complaints received", Figures.countOf(prev.byKind(), "COMPLAINT"), Figures.countOf(cur.byKind(), "COMPLAINT"));
        countRow(b, "Resolved (a decision reached the customer)", prev.outcomes().resolved(), cur.outcomes().resolved());
        rateRow(b, "Acceptance rate of resolutions", prev.outcomes().acceptanceRate(), cur.outcomes().acceptanceRate());
        rateRow(b, "Reopen rate (rejected at least once)", prev.outcomes().reopenRate(), cur.outcomes().reopenRate());
        rateRow(b, "Appeal rate", prev.outcomes().appealRate(), cur.outcomes().appealRate());
        hoursRow(b, "Handling time, median (business hours)", prev.handling().median(), cur.handling().median());
        hoursRow(b, "Handling time, 90th percentile (business hours)", prev.handling().p90(), cur.handling().p90());
        hoursRow(b, "Handling time, mean (business hours)", prev.handling().mean(), cur.handling().mean());
        for (SlaCompliance c : cur.slaByTarget()) {
            OptionalDouble p = prev.slaByTarget().stream().filter(x -> x.target() == c.target()).findFirst().map(SlaCompliance::percentMet)
                    .orElse(OptionalDouble.empty());
            rateRow(b, "SLA met: " + label(c.target().name()), p, c.percentMet());
        }
        for (SlaCompliance c : Html.notCountedRows(prev.slaByTarget(), cur.slaByTarget())) {
            countRow(b, "SLA not counted: " + label(c.target().name()) + " (calendar too sparse)", Html.notCountedIn(prev.slaByTarget(), c),
                    c.notCounted());
        }
        rateRow(b, "Repeat from the same customer within " + r.current().recurrence().window().toDays() + " days",
                prev.recurrence().sameCustomerRate(), cur.recurrence().sameCustomerRate());
        rateRow(b, "Repeat on the same subject and location", prev.recurrence().sameSubjectAndLocationRate(),
                cur.recurrence().sameSubjectAndLocationRate());
        b.append("</tbody></table>\n<p class=\"meta\">Backlog now: ").append(cur.backlog().open()).append(" open, median age ")
                .append(Html.days(cur.backlog().medianAge())).append(", oldest ").append(Html.days(cur.backlog().oldestAge()))
                .append(".</p></section>\n");

        b.append("<section id=\"suggestions\"><h2>Suggestions</h2>\n");
        if (r.suggestions().isEmpty()) {
            b.append("<p>No figure crossed a review threshold.</p>\n");
        } else {
            b.append("<ul class=\"suggestions\">\n");
            for (Suggestion s : r.suggestions()) {
                b.append("<li><span class=\"tag\">").append(Html.esc(label(s.rule()))).append("</span>").append(Html.esc(s.text())).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("</section>\n");

        b.append("<section id=\"trend\"><h2>Trend</h2>\n");
        b.append(SvgChart.lines("Feedback and complaints received per month", r.trend().stream().map(TrendPoint::month).toList(), List.of(
                new SvgChart.Line("Received", r.trend().stream().mapToDouble(TrendPoint::received).toArray()),
                new SvgChart.Line("Complaints", r.trend().stream().mapToDouble(TrendPoint::complaints).toArray()))));
        b.append("</section>\n");

        b.append("<section id=\"subjects\"><h2>Complaints by subject</h2>\n");
        List<SvgChart.Bar> subjectBars = new ArrayList<>();
        for (SubjectChange s : r.subjects()) {
            subjectBars.add(new SvgChart.Bar(s.subject(), new double[] {s.previous(), s.current()}));
        }
        b.append(SvgChart.bars("Complaints per subject", List.of(before, now), subjectBars, v -> String.format(Locale.ROOT, "%.0f", v)));
        b.append("<table><thead><tr><th>Subject</th><th class=\"num\">Previous</th><th class=\"num\">Current</th><th class=\"num\">Change</th></tr></thead><tbody>\n");
        for (SubjectChange s : r.subjects()) {
            OptionalDouble ch = s.changePercent();
            b.append("<tr><td>").append(Html.esc(s.subject())).append("</td><td class=\"num\">").append(s.previous()).append("</td><td class=\"num\">")
                    .append(s.current()).append("</td><td class=\"num ").append(ch.orElse(0) > 0 ? "up" : "down").append("\">")
                    .append(ch.isPresent() ? Html.signed(ch.getAsDouble(), "%") : "new").append("</td></tr>\n");
        }
        b.append("</tbody></table></section>\n");

        b.append("<section id=\"sla\"><h2>Response-time targets</h2>\n");
        List<SvgChart.Bar> slaBars = new ArrayList<>();
        for (SlaCompliance c : cur.slaByTarget()) {
            double p = prev.slaByTarget().stream().filter(x -> x.target() == c.target()).findFirst().map(SlaCompliance::percentMet)
                    .orElse(OptionalDouble.empty()).orElse(0);
            slaBars.add(new SvgChart.Bar(label(c.target().name()), new double[] {p, c.percentMet().orElse(0)}));
        }
        b.append(SvgChart.bars("Targets met, in percent", List.of(before, now), slaBars, v -> String.format(Locale.ROOT, "%.1f%%", v)));
        b.append("<h3>Per department (current period)</h3>\n<table><thead><tr><th>Department</th><th>Target</th><th class=\"num\">Met</th><th class=\"num\">Missed</th><th class=\"num\">Met %</th><th class=\"num\">Not counted</th></tr></thead><tbody>\n");
        for (SlaCompliance c : cur.slaByDepartment()) {
            b.append("<tr><td>").append(Html.esc(Html.orNone(c.key()))).append("</td><td>").append(Html.esc(label(c.target().name())))
                    .append("</td><td class=\"num\">").append(c.met()).append("</td><td class=\"num\">").append(c.missed())
                    .append("</td><td class=\"num\">").append(Html.percent(c.percentMet())).append("</td><td class=\"num\">")
                    .append(c.notCounted()).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        List<SlaCompliance> uncounted = Html.notCountedRows(List.of(), cur.slaByLocation());
        if (!uncounted.isEmpty()) {
            // feedback in neither met nor missed: where a location's calendar has too few working days entered
            b.append("<h3>Not counted: the location's business calendar could not count the target (current period)</h3>\n")
                    .append("<table><thead><tr><th>Location</th><th>Target</th><th class=\"num\">Not counted</th></tr></thead><tbody>\n");
            for (SlaCompliance c : uncounted) {
                b.append("<tr><td>").append(Html.esc(Html.orNone(c.key()))).append("</td><td>").append(Html.esc(label(c.target().name())))
                        .append("</td><td class=\"num\">").append(c.notCounted()).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");

        b.append("<section id=\"handling\"><h2>Handling time in business hours (current period)</h2>\n");
        handlingTable(b, "Subject", cur.handlingBySubject());
        handlingTable(b, "Department", cur.handlingByDepartment());
        b.append("</section>\n");

        b.append("<section id=\"where\"><h2>Where feedback comes from (current period)</h2>\n<div class=\"charts\">\n");
        b.append(SvgChart.bars("Feedback per location", List.of(now), single(cur.byLocation()), v -> String.format(Locale.ROOT, "%.0f", v)));
        b.append(SvgChart.bars("Feedback per department", List.of(now), single(cur.byDepartment()), v -> String.format(Locale.ROOT, "%.0f", v)));
        b.append("</div>\n");
        countTable(b, "Channel", cur.byChannel(), prev.byChannel());
        countTable(b, "Kind", cur.byKind(), prev.byKind());
        countTable(b, "Status now", cur.byStatus(), prev.byStatus());
        b.append("</section>\n");

        b.append("<section id=\"recurring\"><h2>Top recurring problems</h2>\n<table><thead><tr><th>Subject</th><th>Location</th><th class=\"num\">Feedback</th></tr></thead><tbody>\n");
        for (RecurringProblem p : r.recurring()) {
            b.append("<tr><td>").append(Html.esc(p.subject())).append("</td><td>").append(Html.esc(p.location())).append("</td><td class=\"num\">")
                    .append(p.count()).append("</td></tr>\n");
        }
        b.append("</tbody></table></section>\n");

        b.append("<section id=\"backlog\"><h2>Backlog age</h2>\n");
        Backlog bl = cur.backlog();
        b.append(SvgChart.bars("Open feedback by age, at " + Html.time(bl.asOf(), zone), List.of("Open"), List.of(
                new SvgChart.Bar("under 1 day", new double[] {bl.underOneDay()}), new SvgChart.Bar("1 to 7 days", new double[] {bl.underOneWeek()}),
                new SvgChart.Bar("7 to 30 days", new double[] {bl.underOneMonth()}), new SvgChart.Bar("30 days or more", new double[] {bl.older()})),
                v -> String.format(Locale.ROOT, "%.0f", v)));
        b.append("</section>\n");

        b.append("<section id=\"capa\"><h2>Open corrective actions</h2>\n");
        if (r.openCapas().isEmpty()) {
            b.append("<p>None open.</p>\n");
        } else {
            b.append("<table><thead><tr><th>Action</th><th>Department</th><th>Subject</th><th>Opened</th><th class=\"num\">Open items</th><th class=\"num\">Overdue</th><th>Earliest due</th></tr></thead><tbody>\n");
            for (CapaLine c : r.openCapas()) {
                b.append(c.isOverdue() ? "<tr class=\"bad\">" : "<tr>").append("<td>").append(Html.esc(c.title())).append("</td><td>")
                        .append(Html.esc(c.department())).append("</td><td>").append(Html.esc(Html.orNone(c.subject()))).append("</td><td>")
                        .append(Html.time(c.openedAt(), zone)).append("</td><td class=\"num\">").append(c.openItems()).append("</td><td class=\"num\">")
                        .append(c.overdueItems()).append("</td><td>").append(Html.time(c.earliestDue(), zone)).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");

        b.append("<section id=\"surveys\"><h2>Customer satisfaction surveys (current period)</h2>\n");
        if (r.surveys().isEmpty()) {
            b.append("<p>No survey scores.</p>\n");
        } else {
            b.append("<table><thead><tr><th>Department</th><th class=\"num\">CSAT</th><th class=\"num\">NPS</th><th class=\"num\">Response rate</th><th class=\"num\">Responses</th></tr></thead><tbody>\n");
            for (SurveyLine s : r.surveys()) {
                b.append("<tr><td>").append(Html.esc(s.department())).append("</td><td class=\"num\">").append(Html.percent(s.csat()))
                        .append("</td><td class=\"num\">").append(s.nps().isPresent() ? String.format(Locale.ROOT, "%.0f", s.nps().getAsDouble()) : "–")
                        .append("</td><td class=\"num\">").append(Html.percent(s.responseRate())).append("</td><td class=\"num\">").append(s.responses())
                        .append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");
        return Html.page(r.title(), b.toString());
    }

    static String describe(ReportFilter f) {
        List<String> parts = new ArrayList<>();
        parts.add("period " + f.period().from() + " to " + f.period().to().minusDays(1));
        if (!f.locations().isEmpty()) {
            parts.add("locations " + f.locations().stream().map(l -> l.value()).sorted().toList());
        }
        if (f.department() != null) {
            parts.add("department " + f.department().value());
        }
        if (f.kind() != null) {
            parts.add("kind " + f.kind());
        }
        if (f.channel() != null) {
            parts.add("channel " + f.channel().code());
        }
        return String.join(", ", parts);
    }

    /** {@code RESOLUTION} as {@code resolution}, {@code FIRST_RESPONSE} as {@code first response}. */
    static String label(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static List<SvgChart.Bar> single(List<Count> counts) {
        return counts.stream().map(c -> new SvgChart.Bar(Html.orNone(c.key()), new double[] {c.count()})).toList();
    }

    private static void countRow(StringBuilder b, String name, long previous, long current) {
        double change = previous == 0 ? Double.NaN : 100.0 * (current - previous) / previous;
        row(b, name, Long.toString(previous), Long.toString(current), Double.isNaN(change) ? "–" : Html.signed(change, "%"));
    }

    private static void rateRow(StringBuilder b, String name, OptionalDouble previous, OptionalDouble current) {
        String change = previous.isPresent() && current.isPresent() ? Html.signed(current.getAsDouble() - previous.getAsDouble(), " pt") : "–";
        row(b, name, Html.percent(previous), Html.percent(current), change);
    }

    private static void hoursRow(StringBuilder b, String name, Duration previous, Duration current) {
        row(b, name, Html.hours(previous), Html.hours(current), Html.signed((current.toMillis() - previous.toMillis()) / 3_600_000.0, " h"));
    }

    private static void row(StringBuilder b, String name, String previous, String current, String change) {
        b.append("<tr><td>").append(Html.esc(name)).append("</td><td class=\"num\">").append(Html.esc(previous)).append("</td><td class=\"num\">")
                .append(Html.esc(current)).append("</td><td class=\"num\">").append(Html.esc(change)).append("</td></tr>\n");
    }

    private static void handlingTable(StringBuilder b, String what, List<DurationStats> stats) {
        b.append("<h3>Per ").append(what.toLowerCase(Locale.ROOT)).append("</h3>\n<table><thead><tr><th>").append(what)
                .append("</th><th class=\"num\">Decided</th><th class=\"num\">Median</th><th class=\"num\">90th percentile</th><th class=\"num\">Mean</th></tr></thead><tbody>\n");
        for (DurationStats s : stats) {
            b.append("<tr><td>").append(Html.esc(Html.orNone(s.key()))).append("</td><td class=\"num\">").append(s.count()).append("</td><td class=\"num\">")
                    .append(Html.hours(s.median())).append("</td><td class=\"num\">").append(Html.hours(s.p90())).append("</td><td class=\"num\">")
                    .append(Html.hours(s.mean())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
    }

    private static void countTable(StringBuilder b, String what, List<Count> current, List<Count> previous) {
        b.append("<h3>Per ").append(what.toLowerCase(Locale.ROOT)).append("</h3>\n<table><thead><tr><th>").append(what)
                .append("</th><th class=\"num\">Previous</th><th class=\"num\">Current</th></tr></thead><tbody>\n");
        Count.sideBySide(previous, current).forEach((k, n) -> b.append("<tr><td>").append(Html.esc(k)).append("</td><td class=\"num\">")
                .append(n[0]).append("</td><td class=\"num\">").append(n[1]).append("</td></tr>\n"));
        b.append("</tbody></table>\n");
    }
}
