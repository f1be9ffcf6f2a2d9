package io.memnun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    @Test
    void theTextIsExactlyInstantsToString() {
        Instant[] edges = {Instant.EPOCH, Instant.EPOCH.minusNanos(1), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.ofEpochSecond(253_402_300_800L), Instant.MIN, Instant.MAX, Instant.parse("2026-02-28T23:59:00Z"),
                Instant.parse("2028-02-29T12:00:00.100Z"), Instant.parse("2026-05-04T10:00:00.000001Z"),
                Instant.parse("2026-05-04T10:00:00.000000001Z"), Instant.parse("2026-05-04T10:00:00.120Z")};
        for (Instant at : edges) {
            assertThat(InstantText.of(at)).isEqualTo(at.toString());
        }
        for (long seed = 1; seed <= 50_000; seed++) {
            Random random = new Random(seed);
            long second = switch (random.nextInt(3)) {
                case 0 -> 1_700_000_000L + random.nextInt(200_000_000); // around now
                case 1 -> (long) (random.nextDouble() * 253_402_300_800L); // any four-digit year since 1970
                default -> random.nextLong() % Instant.MAX.getEpochSecond(); // anything, before 1970 too
            };
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(second, nano);
            assertThat(InstantText.of(at)).as("seed %d", seed).isEqualTo(at.toString());
        }
    }
}
