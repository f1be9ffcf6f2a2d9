package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.tck.IntakeFuzz;
import io.memnun.testing.MutableClock;
import io.memnun.testing.ReliabilityFigures;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feedback intake fuzzed through the database ({@link IntakeFuzz}): what is accepted reads back from H2 or
 * PostgreSQL equal, every character of it (mixed scripts, surrogate pairs, line breaks), and what is refused is
 * refused before anything is written.
 */
class IntakeFuzzTest extends OnEachDatabase {
    private static final long SEED = Long.getLong("memnun.fuzz.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("memnun.fuzz.cases", 600);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void intakeIsRefusedWithATypedErrorOrStoredFaithfully(String database) {
        on(database);
        System.out.println("[intake fuzz " + name() + "] seed " + SEED);
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource()).build();
        FeedbackDesk desk = FeedbackDesk.builder().store(storage.feedbackStore())
                .clock(MutableClock.at("2026-05-04T07:00:00.000001Z")).config(IntakeFuzz.config()).build();
        IntakeFuzz.Figures f = IntakeFuzz.run(desk, storage.feedbackStore(), "fuzz-" + SEED, SEED, CASES);
        assertThat(f.accepted()).isPositive().isLessThan(f.tried());
        ReliabilityFigures.of("bad-input-intake-" + name())
                .put("base seed", SEED)
                .put("intakes tried", f.tried())
                .put("accepted and read back equal from the database", f.accepted())
                .put("refused with a typed error, nothing written", f.tried() - f.accepted())
                .write();
    }
}
