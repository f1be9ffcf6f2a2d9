package io.memnun.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The open feedback at an instant and how old it is (elapsed time since receipt).
 *
 * @param asOf the instant the ages are measured at
 * @param open how many are open (any status but closed and cancelled)
 * @param underOneDay open for less than a day
 * @param underOneWeek open for a day to less than seven days
 * @param underOneMonth open for seven to less than thirty days
 * @param older open for thirty days or more
 * @param medianAge the median age (zero without open feedback)
 * @param oldestAge the age of the oldest (zero without open feedback)
 */
public record Backlog(Instant asOf, long open, long underOneDay, long underOneWeek, long underOneMonth, long older, Duration medianAge,
        Duration oldestAge) {
    public Backlog {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(medianAge, "medianAge");
        Objects.requireNonNull(oldestAge, "oldestAge");
    }
}
