package io.memnun.report;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A management review as CSV (RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or line break in
 * double quotes, quotes doubled), one figure per row: {@code section,figure,key,previous,current}. Text that a
 * spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return) is prefixed with an
 * apostrophe; numbers are written as numbers.
 */
public final class ReviewCsv {
    private ReviewCsv() {}

    public static String render(ManagementReview r) {
        StringBuilder b = new StringBuilder();
        line(b, "section", "figure", "key", "previous", "current");
        Figures cur = r.current();
        Figures prev = r.previous();
        line(b, "period", "period", "", prev.filter().period().toString(), cur.filter().period().toString());
        Outcomes p = prev.outcomes();
        Outcomes c = cur.outcomes();
        numbers(b, "outcomes", "received", "", p.received(), c.received());
        numbers(b, "outcomes", "resolved", "", p.resolved(), c.resolved());
        numbers(b, "outcomes", "closed after resolution", "", p.closedAfterResolution(), c.closedAfterResolution());
        numbers(b, "outcomes", "accepted", "", p.accepted(), c.accepted());
        numbers(b, "outcomes", "reopened", "", p.reopened(), c.reopened());
        numbers(b, "outcomes", "appealed", "", p.appealed(), c.appealed());
        rates(b, "outcomes", "acceptance rate %", "", p.acceptanceRate(), c.acceptanceRate());
        rates(b, "outcomes", "reopen rate %", "", p.reopenRate(), c.reopenRate());
        rates(b, "outcomes", "appeal rate %", "", p.appealRate(), c.appealRate());
        counts(b, "kind", prev.byKind(), cur.byKind());
        counts(b, "subject", prev.bySubject(), cur.bySubject());
        counts(b, "location", prev.byLocation(), cur.byLocation());
        counts(b, "department", prev.byDepartment(), cur.byDepartment());
        counts(b, "channel", prev.byChannel(), cur.byChannel());
        counts(b, "status", prev.byStatus(), cur.byStatus());
        handling(b, "all", List.of(prev.handling()), List.of(cur.handling()));
        handling(b, "subject", prev.handlingBySubject(), cur.handlingBySubject());
        handling(b, "department", prev.handlingByDepartment(), cur.handlingByDepartment());
        for (SlaCompliance s : cur.slaByTarget()) {
            OptionalDouble before = prev.slaByTarget().stream().filter(x -> x.target() == s.target()).findFirst()
                    .map(SlaCompliance::percentMet).orElse(OptionalDouble.empty());
            rates(b, "sla", "met %", s.target().name(), before, s.percentMet());
        }
        for (SlaCompliance s : cur.slaByDepartment()) {
            line(b, "sla by department", "met/missed " + s.target().name(), text(Html.orNone(s.key())), "", s.met() + "/" + s.missed());
        }
        // feedback whose target the calendar could not count: in neither met nor missed, so said beside them
        for (SlaCompliance s : Html.notCountedRows(prev.slaByTarget(), cur.slaByTarget())) {
            numbers(b, "sla not counted", s.target().name(), "", Html.notCountedIn(prev.slaByTarget(), s), s.notCounted());
        }
        for (SlaCompliance s : Html.notCountedRows(prev.slaByLocation(), cur.slaByLocation())) {
            numbers(b, "sla not counted by location", s.target().name(), Html.orNone(s.key()), Html.notCountedIn(prev.slaByLocation(), s),
                    s.notCounted());
        }
        numbers(b, "recurrence", "same customer", "", prev.recurrence().sameCustomer(), cur.recurrence().sameCustomer());
        numbers(b, "recurrence", "same subject and location", "", prev.recurrence().sameSubjectAndLocation(), cur.recurrence().sameSubjectAndLocation());
        numbers(b, "backlog", "open", "", prev.backlog().open(), cur.backlog().open());
        numbers(b, "backlog", "30 days or older", "", prev.backlog().older(), cur.backlog().older());
        for (TrendPoint t : r.trend()) {
            line(b, "trend", "received/complaints", text(t.month()), "", t.received() + "/" + t.complaints());
        }
        for (SubjectChange s : r.subjects()) {
            numbers(b, "complaints by subject", "complaints", s.subject(), s.previous(), s.current());
        }
        for (RecurringProblem rp : r.recurring()) {
            line(b, "recurring", text(rp.location()), text(rp.subject()), "", Long.toString(rp.count()));
        }
        for (CapaLine cl : r.openCapas()) {
            line(b, "open capa", text(cl.title()), text(cl.department()), "", cl.openItems() + " open, " + cl.overdueItems() + " overdue");
        }
        for (SurveyLine s : r.surveys()) {
            rates(b, "survey csat %", "csat", s.department(), OptionalDouble.empty(), s.csat());
        }
        for (Suggestion s : r.suggestions()) {
            line(b, "suggestion", text(s.rule()), text(s.subject()), "", text(s.text()));
        }
        return b.toString();
    }

    private static void counts(StringBuilder b, String dimension, List<Count> previous, List<Count> current) {
        Count.sideBySide(previous, current).forEach((k, n) -> numbers(b, "count by " + dimension, "feedback", k, n[0], n[1]));
    }

    private static void handling(StringBuilder b, String by, List<DurationStats> previous, List<DurationStats> current) {
        for (DurationStats s : current) {
            DurationStats before = previous.stream().filter(x -> java.util.Objects.equals(x.key(), s.key())).findFirst().orElse(DurationStats.NONE);
            String key = Html.orNone(s.key());
            line(b, "handling hours by " + by, "median", text(key), hours(before.median()), hours(s.median()));
            line(b, "handling hours by " + by, "p90", text(key), hours(before.p90()), hours(s.p90()));
            line(b, "handling hours by " + by, "mean", text(key), hours(before.mean()), hours(s.mean()));
            line(b, "handling hours by " + by, "decided", text(key), Long.toString(before.count()), Long.toString(s.count()));
        }
    }

    private static String hours(java.time.Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 3_600_000.0);
    }

    private static void numbers(StringBuilder b, String section, String figure, String key, long previous, long current) {
        line(b, section, figure, text(key), Long.toString(previous), Long.toString(current));
    }

    private static void rates(StringBuilder b, String section, String figure, String key, OptionalDouble previous, OptionalDouble current) {
        line(b, section, figure, text(key), rate(previous), rate(current));
    }

    private static String rate(OptionalDouble d) {
        return d.isPresent() ? String.format(Locale.ROOT, "%.2f", d.getAsDouble()) : "";
    }

    /** Text from data (ids, titles, suggestions) made harmless for a spreadsheet: a leading formula character is escaped. */
    static String text(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }

    /** One record; each field quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static void line(StringBuilder b, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String f = fields[i];
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        b.append("\r\n");
    }
}
