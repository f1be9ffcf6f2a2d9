package io.memnun.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine's share of a target in long arithmetic equals {@link Duration}'s own, which checkpoints were computed with. */
class SlaShareTest {
    @Test
    void aShareEqualsDurationsMultiplyThenDivide() {
        for (long seed = 1; seed <= 20_000; seed++) {
            Random random = new Random(seed);
            Duration budget = switch (random.nextInt(4)) {
                case 0 -> Duration.ofMinutes(random.nextInt(100_000));
                case 1 -> Duration.ofSeconds(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000));
                case 2 -> Duration.ofNanos(random.nextLong()); // negative ones too
                default -> Duration.ofSeconds(random.nextLong() >> random.nextInt(64)); // beyond a long of nanoseconds
            };
            int percent = random.nextInt(4) == 0 ? random.nextInt(Integer.MAX_VALUE) : random.nextInt(301);

            Duration expected;
            try {
                expected = budget.multipliedBy(percent).dividedBy(100);
            } catch (ArithmeticException beyondDuration) {
                assertThatThrownBy(() -> SlaEngine.share(budget, percent)).as("seed %d", seed).isInstanceOf(ArithmeticException.class);
                continue;
            }
            assertThat(SlaEngine.share(budget, percent)).as("seed %d: %s × %d%%", seed, budget, percent).isEqualTo(expected);
        }
    }
}
