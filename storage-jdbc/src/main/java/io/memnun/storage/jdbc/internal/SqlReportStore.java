package io.memnun.storage.jdbc.internal;

import static io.memnun.storage.jdbc.internal.Params.getInstant;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.SlaHistory;
import io.memnun.feedback.SlaKind;
import io.memnun.internal.Checks;
import io.memnun.report.Backlog;
import io.memnun.report.Count;
import io.memnun.report.Dimension;
import io.memnun.report.DurationStats;
import io.memnun.report.Outcomes;
import io.memnun.report.Recurrence;
import io.memnun.report.RecurringProblem;
import io.memnun.report.ReportFilter;
import io.memnun.report.SlaCompliance;
import io.memnun.spi.ReportStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link ReportStore} as SQL aggregates over the feedback table, clock rounds included as the totals each row keeps
 * ({@link RoundTotals}) ({@code GROUP BY}, {@code PERCENTILE_CONT ... WITHIN GROUP}, correlated {@code EXISTS}); only
 * the groups travel to Java. Groups are sorted in Java by their keys' character codes, so the order does not depend
 * on the database's collation.
 */
public final class SqlReportStore implements ReportStore {
    private static final Comparator<@Nullable String> KEY_ORDER = Comparator.nullsLast(Comparator.naturalOrder());
    private static final String ONE_IF = "SUM(CASE WHEN %s THEN 1 ELSE 0 END)";
    private final Transactions tx;
    private final SqlDialect dialect;
    private final String feedback;
    private final String events;

    public SqlReportStore(Transactions tx, SqlDialect dialect, Tables tables) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.feedback = tables.feedback();
        this.events = tables.feedbackEvent();
    }

    private static String column(Dimension d) {
        return "f." + switch (d) {
            case SUBJECT -> "subject_id";
            case LOCATION -> "location_id";
            case DEPARTMENT -> "department_id";
            case CHANNEL -> "channel";
            case KIND -> "kind";
            case STATUS -> "status";
        };
    }

    /** The filter's conditions on the feedback table aliased {@code f}, the period included unless {@code withPeriod} is false. */
    private static Sql where(ReportFilter filter, boolean withPeriod) {
        Sql w = new Sql();
        w.and("f.tenant = ?", filter.tenant().value());
        if (withPeriod) {
            w.and("f.received_at >= ?", filter.period().start());
        }
        w.and("f.received_at < ?", filter.period().end());
        if (!filter.locations().isEmpty()) {
            List<String> ids = filter.locations().stream().map(LocationId::value).sorted().toList();
            w.and("f.location_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", ids.toArray());
        }
        if (filter.department() != null) {
            w.and("f.department_id = ?", filter.department().value());
        }
        if (filter.scope() != null) {
            w.and(inScope("f", filter), scopeIds(filter).toArray());
        }
        if (filter.kind() != null) {
            w.and("f.kind = ?", filter.kind().name());
        }
        if (filter.channel() != null) {
            w.and("f.channel = ?", filter.channel().code());
        }
        return w;
    }

    /** {@code alias}'s department within the filter's scope: one placeholder per department, none matching an empty scope. */
    private static String inScope(String alias, ReportFilter filter) {
        int n = Objects.requireNonNull(filter.scope()).size();
        return n == 0 ? "1 = 0" : alias + ".department_id IN (" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }

    private static List<String> scopeIds(ReportFilter filter) {
        return filter.scope() == null ? List.of() : filter.scope().stream().map(DepartmentId::value).sorted().toList();
    }

    @Override
    public List<Count> count(ReportFilter filter, Dimension by) {
        Objects.requireNonNull(by, "by");
        String col = column(by);
        Sql where = where(filter, true);
        String sql = "SELECT " + col + ", COUNT(*) FROM " + feedback + " f" + where.text() + " GROUP BY " + col;
        List<Count> counts = query("count feedback", sql, where.params(), rs -> new Count(rs.getString(1), rs.getLong(2)));
        return counts.stream().sorted(Comparator.comparing(Count::key, KEY_ORDER)).toList();
    }

    @Override
    public List<DurationStats> handlingTime(ReportFilter filter, @Nullable Dimension by) {
        String key = by == null ? "CAST(NULL AS VARCHAR(64))" : column(by);
        String ms = "f." + RoundTotals.RESOLUTION_USED_MS;
        Sql where = where(filter, true);
        // feedback whose decision reached the customer at least once
        where.and("f." + RoundTotals.met(SlaKind.RESOLUTION) + " + f." + RoundTotals.missed(SlaKind.RESOLUTION) + " > 0");
        String sql = "SELECT " + key + ", COUNT(*), AVG(" + ms + "), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + ms + "),"
                + " PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY " + ms + ") FROM " + feedback + " f" + where.text()
                + (by == null ? "" : " GROUP BY " + key);
        List<DurationStats> stats = query("report handling time", sql, where.params(),
                rs -> DurationStats.ofMillis(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
        return stats.stream().filter(s -> s.count() > 0).sorted(Comparator.comparing(DurationStats::key, KEY_ORDER)).toList();
    }

    @Override
    public List<SlaCompliance> slaCompliance(ReportFilter filter, @Nullable Dimension by) {
        String key = by == null ? "CAST(NULL AS VARCHAR(64))" : column(by);
        Sql where = where(filter, true);
        // the selected feedback, each marked when any event of its history says a target was not counted: one look at
        // its events by their key, and a closer one per target only for a feedback so marked, which few are
        StringBuilder selected = new StringBuilder("(SELECT f.tenant, f.id");
        if (by != null) {
            selected.append(", ").append(key);
        }
        for (SlaKind kind : SlaKind.values()) {
            selected.append(", f.").append(RoundTotals.met(kind)).append(", f.").append(RoundTotals.missed(kind));
        }
        selected.append(", CASE WHEN ").append(anyNotCounted()).append(" THEN 1 ELSE 0 END AS sla_not_counted FROM ").append(feedback)
                .append(" f").append(where.text()).append(") f");
        StringBuilder sql = new StringBuilder("SELECT ").append(key);
        for (SlaKind kind : SlaKind.values()) {
            sql.append(", SUM(f.").append(RoundTotals.met(kind)).append("), SUM(f.").append(RoundTotals.missed(kind)).append("), ");
            sql.append(kind.isPolicyTarget() ? ONE_IF.formatted("f.sla_not_counted = 1 AND " + notCounted(kind)) : "0");
        }
        sql.append(" FROM ").append(selected).append(by == null ? "" : " GROUP BY " + key);
        List<List<SlaCompliance>> groups = query("report SLA compliance", sql.toString(), where.params(), rs -> {
            List<SlaCompliance> group = new ArrayList<>();
            int column = 2;
            for (SlaKind kind : SlaKind.values()) {
                long met = rs.getLong(column++);
                long missed = rs.getLong(column++);
                long notCounted = rs.getLong(column++);
                // a group without a round of this target, nor one its calendar could not count, has no figure for it
                if (met + missed + notCounted > 0) {
                    group.add(new SlaCompliance(kind, rs.getString(1), met, missed, notCounted));
                }
            }
            return group;
        });
        return groups.stream().flatMap(List::stream)
                .sorted(Comparator.comparing((SlaCompliance c) -> c.target().name()).thenComparing(SlaCompliance::key, KEY_ORDER))
                .toList();
    }

    /**
     * The condition that the feedback {@code f}'s history says its {@code kind} target could not be counted, and no later
     * event says a recompute started its clock ({@link SlaHistory#notCounted}, which the in-memory store evaluates): a
     * correlated {@code EXISTS} over the feedback's events by their primary key, whose {@code NOT EXISTS} runs only for
     * the rare event that says so.
     */
    private String notCounted(SlaKind kind) {
        String key = SlaHistory.key(kind);
        return "EXISTS (SELECT 1 FROM " + events + " e WHERE e.tenant = f.tenant AND e.feedback_id = f.id AND "
                + dialect.detailStartsWith("e.details", key, SlaHistory.NOT_COUNTED)
                + " AND NOT EXISTS (SELECT 1 FROM " + events + " r WHERE r.tenant = e.tenant AND r.feedback_id = e.feedback_id"
                + " AND r.version > e.version AND " + dialect.detailStartsWith("r.details", key, SlaHistory.STARTED_BY_RECOMPUTE) + "))";
    }

    /** The condition that any event of the feedback {@code f} says a target could not be counted. */
    private String anyNotCounted() {
        List<String> said = new ArrayList<>();
        for (SlaKind kind : SlaKind.values()) {
            if (kind.isPolicyTarget()) {
                said.add(dialect.detailStartsWith("e.details", SlaHistory.key(kind), SlaHistory.NOT_COUNTED));
            }
        }
        return "EXISTS (SELECT 1 FROM " + events + " e WHERE e.tenant = f.tenant AND e.feedback_id = f.id AND (" + String.join(" OR ", said)
                + "))";
    }

    @Override
    public Outcomes outcomes(ReportFilter filter) {
        Sql where = where(filter, true);
        String resolved = "f.resolved_at IS NOT NULL";
        String sql = "SELECT COUNT(*), " + ONE_IF.formatted(resolved) + ", "
                + ONE_IF.formatted("f.closure_reason IN ('ACCEPTED', 'UNRESOLVED', 'NO_RESPONSE')") + ", "
                + ONE_IF.formatted("f.closure_reason = 'ACCEPTED'") + ", "
                + ONE_IF.formatted(resolved + " AND f.rejection_count > 0") + ", "
                + ONE_IF.formatted(resolved + " AND f.appeal_count > 0")
                + " FROM " + feedback + " f" + where.text();
        return query("report outcomes", sql, where.params(),
                rs -> new Outcomes(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))).get(0);
    }

    @Override
    public Recurrence recurrence(ReportFilter filter, Duration window) {
        Objects.requireNonNull(window, "window");
        Checks.argument(!window.isNegative() && !window.isZero(), "window", "must be positive, was " + window);
        Sql where = where(filter, true);
        // a scoped report measures repeats only against earlier feedback it may see
        String earlier = "EXISTS (SELECT 1 FROM " + feedback + " g WHERE g.tenant = f.tenant AND g.received_at < f.received_at"
                + " AND g.received_at >= " + dialect.minusMillis("f.received_at")
                + (filter.scope() == null ? "" : " AND " + inScope("g", filter).replace("%", "%%")) + " AND (%s))";
        String sql = "SELECT COUNT(*), "
                // one EXISTS per identifier, so that each can use its index: an OR inside one subquery scans
                + ONE_IF.formatted(earlier.formatted("g.customer_email_key = f.customer_email_key") + " OR "
                        + earlier.formatted("g.customer_phone = f.customer_phone") + " OR "
                        + earlier.formatted("g.customer_external_id = f.customer_external_id")) + ", "
                + ONE_IF.formatted(earlier.formatted("g.subject_id = f.subject_id AND g.location_id = f.location_id"))
                + " FROM " + feedback + " f" + where.text();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            params.add(window.toMillis());
            params.addAll(scopeIds(filter));
        }
        params.addAll(where.params());
        return query("report recurrence", sql, params, rs -> new Recurrence(window, rs.getLong(1), rs.getLong(2), rs.getLong(3))).get(0);
    }

    @Override
    public List<RecurringProblem> recurringProblems(ReportFilter filter, int minimum, int limit) {
        Checks.argument(minimum >= 1, "minimum", "must be at least 1, was " + minimum);
        Checks.argument(limit >= 1, "limit", "must be at least 1, was " + limit);
        Sql where = where(filter, true);
        where.and("f.subject_id IS NOT NULL AND f.location_id IS NOT NULL");
        String sql = "SELECT f.subject_id, f.location_id, COUNT(*) FROM " + feedback + " f" + where.text()
                + " GROUP BY f.subject_id, f.location_id HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC, "
                + dialect.binaryOrder("f.subject_id") + ", " + dialect.binaryOrder("f.location_id") + " LIMIT ?";
        List<Object> params = new ArrayList<>(where.params());
        params.add(minimum);
        params.add(limit);
        return query("report recurring problems", sql, params, rs -> new RecurringProblem(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    @Override
    public Backlog backlog(ReportFilter filter, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        Sql where = where(filter, false);
        where.and("f.status NOT IN ('CLOSED', 'CANCELLED')");
        Instant day = asOf.minus(Duration.ofDays(1));
        Instant week = asOf.minus(Duration.ofDays(7));
        Instant month = asOf.minus(Duration.ofDays(30));
        String sql = "SELECT COUNT(*), " + ONE_IF.formatted("f.received_at > ?") + ", "
                + ONE_IF.formatted("f.received_at <= ? AND f.received_at > ?") + ", "
                + ONE_IF.formatted("f.received_at <= ? AND f.received_at > ?") + ", "
                + ONE_IF.formatted("f.received_at <= ?") + ", "
                + "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + dialect.epochMillis("f.received_at") + "), MIN(f.received_at)"
                + " FROM " + feedback + " f" + where.text();
        List<Object> params = new ArrayList<>(List.of(day, day, week, week, month, month));
        params.addAll(where.params());
        return query("report backlog", sql, params, rs -> {
            long open = rs.getLong(1);
            if (open == 0) {
                return new Backlog(asOf, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO);
            }
            double medianReceived = rs.getDouble(6);
            Instant oldest = Objects.requireNonNull(getInstant(rs, 7));
            return new Backlog(asOf, open, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                    Duration.ofMillis(Math.round(asOf.toEpochMilli() - medianReceived)), Duration.between(oldest, asOf));
        }).get(0);
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String what, String sql, List<Object> params, Row<T> row) {
        return tx.read(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    Params.set(ps, i + 1, params.get(i));
                }
                List<T> list = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(row.map(rs));
                    }
                }
                return list;
            }
        });
    }

    /** Conditions joined by AND, and their parameters in order. */
    private static final class Sql {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        void and(String condition, Object... values) {
            conditions.add(condition);
            params.addAll(List.of(values));
        }

        String text() {
            return " WHERE " + String.join(" AND ", conditions);
        }

        List<Object> params() {
            return params;
        }
    }
}
