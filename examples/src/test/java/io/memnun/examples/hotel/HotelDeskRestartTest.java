package io.memnun.examples.hotel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hotel desk stopped and started again on its database file: the reference numbers its storage took in blocks
 * and did not issue were given back on close, so every sequence ends at the last number a feedback carries.
 */
class HotelDeskRestartTest {
    @TempDir
    Path data;

    @Test
    void closingTheDeskLeavesEverySequenceAtItsLastIssuedNumber() throws SQLException {
        HotelDeskApp.start(data, 0).close();
        Map<String, List<Long>> first = sequences();
        assertThat(first).as("the seeded year spans at least one sequence").isNotEmpty();
        assertThat(first.values()).allSatisfy(s -> assertThat(s.get(0)).as("last number taken").isEqualTo(s.get(1)));

        // a second start keeps the data and seeds nothing more; closed again, nothing is left taken and unissued
        HotelDeskApp.start(data, 0).close();
        assertThat(sequences()).isEqualTo(first);
    }

    /** Per tenant, prefix and year: [the sequence's last value, the highest number a feedback carries]. */
    private Map<String, List<Long>> sequences() throws SQLException {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("hotel"), "", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT q.tenant, q.prefix, q.ref_year, q.last_value, MAX(f.ref_seq)"
                        + " FROM memnun_reference_sequence q LEFT JOIN memnun_feedback f"
                        + " ON f.tenant = q.tenant AND f.ref_prefix = q.prefix AND f.ref_year = q.ref_year"
                        + " GROUP BY q.tenant, q.prefix, q.ref_year, q.last_value ORDER BY 1, 2, 3")) {
            while (rs.next()) {
                out.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getInt(3), List.of(rs.getLong(4), rs.getLong(5)));
            }
        }
        return out;
    }
}
