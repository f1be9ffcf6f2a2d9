package io.memnun.storage.jdbc.internal;

import io.memnun.feedback.SlaKind;
import io.memnun.report.SlaRound;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The response-time clock rounds a change ended, as the totals schema 15 keeps on the feedback row: rounds met and
 * missed per target, and the working time the resolution rounds used. A receipt writes them, an update adds them to
 * the row's ({@code column = column + ?}); the reports sum them ({@link SqlReportStore}).
 */
final class RoundTotals {
    /** The columns in the order {@link #bind} binds them: met and missed per target as declared, then the time. */
    static final List<String> COLUMNS = columns();

    static final RoundTotals NONE = new RoundTotals(List.of());

    private final int[] metAndMissed = new int[SlaKind.values().length * 2];
    private final long resolutionUsedMs;
    private final boolean empty;

    private RoundTotals(List<SlaRound> rounds) {
        long resolution = 0;
        for (SlaRound r : rounds) {
            metAndMissed[r.kind().ordinal() * 2 + (r.met() ? 0 : 1)]++;
            if (r.kind() == SlaKind.RESOLUTION) {
                resolution += r.used().toMillis();
            }
        }
        this.resolutionUsedMs = resolution;
        this.empty = rounds.isEmpty();
    }

    static RoundTotals of(List<SlaRound> rounds) {
        return rounds.isEmpty() ? NONE : new RoundTotals(rounds);
    }

    /** True when the change ended no round: an update then leaves the totals as they are. */
    boolean isEmpty() {
        return empty;
    }

    static String met(SlaKind kind) {
        return "sla_" + kind.name().toLowerCase(Locale.ROOT) + "_met";
    }

    static String missed(SlaKind kind) {
        return "sla_" + kind.name().toLowerCase(Locale.ROOT) + "_missed";
    }

    static final String RESOLUTION_USED_MS = "sla_resolution_used_ms";

    private static List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (SlaKind kind : SlaKind.values()) {
            columns.add(met(kind));
            columns.add(missed(kind));
        }
        columns.add(RESOLUTION_USED_MS);
        return List.copyOf(columns);
    }

    /** The assignments of an update that adds a change's totals to the row's, bound by {@link #bind}. */
    static String increments() {
        List<String> assignments = new ArrayList<>();
        for (String c : COLUMNS) {
            assignments.add(c + " = " + c + " + ?");
        }
        return String.join(", ", assignments);
    }

    /** Binds {@link #COLUMNS} from {@code start}; returns the next parameter index. */
    int bind(PreparedStatement ps, int start) throws SQLException {
        int i = start;
        for (int n : metAndMissed) {
            ps.setInt(i++, n);
        }
        ps.setLong(i++, resolutionUsedMs);
        return i;
    }
}
