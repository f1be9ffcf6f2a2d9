package io.memnun.report.json;

import io.memnun.report.AuditPack;
import io.memnun.report.Backlog;
import io.memnun.report.Count;
import io.memnun.report.DurationStats;
import io.memnun.report.Figures;
import io.memnun.report.ManagementReview;
import io.memnun.report.RecurringProblem;
import io.memnun.report.ReportFilter;
import io.memnun.report.SlaCompliance;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A management review or an audit pack as JSON. Durations are milliseconds ({@code ...Millis}), instants ISO-8601
 * UTC strings, rates percentages or {@code null} when there is nothing to divide by. Field order is fixed, so two
 * exports of the same figures are equal strings.
 */
public final class ReportJson {
    private final StringBuilder out = new StringBuilder();
    private boolean first = true;

    private ReportJson() {}

    public static String review(ManagementReview r) {
        ReportJson j = new ReportJson();
        j.open('{');
        j.field("title", r.title());
        j.field("generatedAt", r.generatedAt());
        j.name("current");
        j.figures(r.current());
        j.name("previous");
        j.figures(r.previous());
        j.array("trend", r.trend(), (w, t) -> {
            w.field("month", t.month());
            w.field("received", t.received());
            w.field("complaints", t.complaints());
        });
        j.array("subjects", r.subjects(), (w, s) -> {
            w.field("subject", s.subject());
            w.field("previous", s.previous());
            w.field("current", s.current());
            w.field("changePercent", s.changePercent());
        });
        j.array("recurring", r.recurring(), ReportJson::recurring);
        j.array("openCapas", r.openCapas(), (w, c) -> {
            w.field("id", c.id());
            w.field("title", c.title());
            w.field("department", c.department());
            w.field("subject", c.subject());
            w.field("openedAt", c.openedAt());
            w.field("openItems", c.openItems());
            w.field("overdueItems", c.overdueItems());
            w.field("earliestDue", c.earliestDue());
        });
        j.array("surveys", r.surveys(), (w, s) -> {
            w.field("department", s.department());
            w.field("csat", s.csat());
            w.field("nps", s.nps());
            w.field("responseRate", s.responseRate());
            w.field("responses", s.responses());
        });
        j.array("suggestions", r.suggestions(), (w, s) -> {
            w.field("rule", s.rule());
            w.field("subject", s.subject());
            w.field("text", s.text());
        });
        j.close('}');
        return j.out.toString();
    }

    public static String auditPack(AuditPack pack) {
        ReportJson j = new ReportJson();
        j.open('{');
        j.field("title", pack.title());
        j.field("generatedAt", pack.generatedAt());
        j.array("records", pack.records(), (w, r) -> {
            w.field("reference", r.reference());
            w.field("kind", r.kind().name());
            w.field("status", r.status().name());
            w.field("receivedAt", r.receivedAt());
            w.field("department", r.department().orElse(null));
            w.array("steps", r.steps(), (w2, s) -> {
                w2.field("stage", s.stage().name());
                w2.field("event", s.event().name());
                w2.field("at", s.at());
                w2.field("actor", s.actor());
                w2.field("note", s.note());
            });
            w.array("gaps", r.gaps(), (w2, g) -> {
                w2.field("type", g.type().name());
                w2.field("detail", g.detail());
            });
        });
        j.close('}');
        return j.out.toString();
    }

    private void figures(Figures f) {
        open('{');
        filter(f.filter());
        name("outcomes");
        open('{');
        field("received", f.outcomes().received());
        field("resolved", f.outcomes().resolved());
        field("closedAfterResolution", f.outcomes().closedAfterResolution());
        field("accepted", f.outcomes().accepted());
        field("reopened", f.outcomes().reopened());
        field("appealed", f.outcomes().appealed());
        field("acceptanceRate", f.outcomes().acceptanceRate());
        field("reopenRate", f.outcomes().reopenRate());
        field("appealRate", f.outcomes().appealRate());
        close('}');
        counts("byKind", f.byKind());
        counts("bySubject", f.bySubject());
        counts("byLocation", f.byLocation());
        counts("byDepartment", f.byDepartment());
        counts("byChannel", f.byChannel());
        counts("byStatus", f.byStatus());
        name("handling");
        open('{');
        stats(f.handling());
        close('}');
        array("handlingBySubject", f.handlingBySubject(), (w, s) -> w.stats(s));
        array("handlingByDepartment", f.handlingByDepartment(), (w, s) -> w.stats(s));
        array("slaByTarget", f.slaByTarget(), ReportJson::sla);
        array("slaByDepartment", f.slaByDepartment(), ReportJson::sla);
        array("slaByLocation", f.slaByLocation(), ReportJson::sla);
        name("recurrence");
        open('{');
        field("windowMillis", f.recurrence().window().toMillis());
        field("counted", f.recurrence().counted());
        field("sameCustomer", f.recurrence().sameCustomer());
        field("sameSubjectAndLocation", f.recurrence().sameSubjectAndLocation());
        close('}');
        Backlog b = f.backlog();
        name("backlog");
        open('{');
        field("asOf", b.asOf());
        field("open", b.open());
        field("underOneDay", b.underOneDay());
        field("underOneWeek", b.underOneWeek());
        field("underOneMonth", b.underOneMonth());
        field("older", b.older());
        field("medianAgeMillis", b.medianAge().toMillis());
        field("oldestAgeMillis", b.oldestAge().toMillis());
        close('}');
        close('}');
    }

    private void filter(ReportFilter f) {
        name("filter");
        open('{');
        field("tenant", f.tenant().value());
        field("from", f.period().from().toString());
        field("to", f.period().to().toString());
        field("zone", f.period().zone().getId());
        name("locations");
        open('[');
        f.locations().stream().map(l -> l.value()).sorted().forEach(l -> {
            comma();
            string(l);
        });
        close(']');
        field("department", f.department() == null ? null : f.department().value());
        field("kind", f.kind() == null ? null : f.kind().name());
        field("channel", f.channel() == null ? null : f.channel().code());
        close('}');
    }

    private void counts(String name, List<Count> counts) {
        array(name, counts, (w, c) -> {
            w.field("key", c.key());
            w.field("count", c.count());
        });
    }

    private void stats(DurationStats s) {
        field("key", s.key());
        field("count", s.count());
        field("meanMillis", s.mean().toMillis());
        field("medianMillis", s.median().toMillis());
        field("p90Millis", s.p90().toMillis());
    }

    private static void sla(ReportJson w, SlaCompliance c) {
        w.field("target", c.target().name());
        w.field("key", c.key());
        w.field("met", c.met());
        w.field("missed", c.missed());
        w.field("notCounted", c.notCounted());
        w.field("percentMet", c.percentMet());
    }

    private static void recurring(ReportJson w, RecurringProblem p) {
        w.field("subject", p.subject());
        w.field("location", p.location());
        w.field("count", p.count());
    }

    // ---- the writer ----

    private <T> void array(String name, List<T> items, BiConsumer<ReportJson, T> item) {
        name(name);
        open('[');
        for (T t : items) {
            comma();
            out.append('{');
            first = true;
            item.accept(this, t);
            out.append('}');
            first = false;
        }
        close(']');
    }

    private void open(char c) {
        comma();
        out.append(c);
        first = true;
    }

    private void close(char c) {
        out.append(c);
        first = false;
    }

    private void comma() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    /** Writes a member name; the value that follows is written without a comma of its own. */
    private void name(String name) {
        comma();
        string(name);
        out.append(':');
        first = true;
    }

    private void field(String name, @Nullable String value) {
        name(name);
        first = false;
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
    }

    private void field(String name, long value) {
        name(name);
        first = false;
        out.append(value);
    }

    private void field(String name, @Nullable Instant value) {
        field(name, value == null ? null : value.toString());
    }

    private void field(String name, OptionalDouble value) {
        name(name);
        first = false;
        out.append(value.isPresent() ? String.format(Locale.ROOT, "%.4f", value.getAsDouble()) : "null");
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
