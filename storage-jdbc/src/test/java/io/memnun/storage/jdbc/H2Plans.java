package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the H2 plan tests share: the text of a statement memnun ran, taken from H2's statistics (switched on with
 * {@code SET QUERY_STATISTICS TRUE}), and the rows each look-up of an {@code EXPLAIN ANALYZE} plan read.
 */
final class H2Plans {
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private H2Plans() {}

    /** The text of a statement among H2's statistics whose text is {@code LIKE like}. */
    static String statement(Statement s, String like) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS WHERE SQL_STATEMENT LIKE '"
                + like + "'")) {
            assertThat(rs.next()).as("memnun's statement like %s among H2's statistics", like).isTrue();
            return rs.getString(1);
        }
    }

    /** The rows read by each look-up of {@code plan}, in the plan's order; at least one. */
    static List<Long> scanCounts(String plan) {
        Matcher m = SCAN_COUNT.matcher(plan);
        List<Long> counts = new ArrayList<>();
        while (m.find()) {
            counts.add(Long.parseLong(m.group(1)));
        }
        assertThat(counts).as(plan).isNotEmpty();
        return counts;
    }
}
