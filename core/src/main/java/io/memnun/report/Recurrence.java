package io.memnun.report;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Feedback that repeats an earlier one of the same tenant received within a window before it (the earlier one may
 * lie before the period and need not pass the other filters).
 *
 * @param window how far back an earlier feedback counts
 * @param counted how many feedback the filter selects
 * @param sameCustomer how many have an earlier one from the same customer (same e-mail, phone or external id)
 * @param sameSubjectAndLocation how many have an earlier one on the same subject at the same location
 */
public record Recurrence(Duration window, long counted, long sameCustomer, long sameSubjectAndLocation) {
    public Recurrence {
        Objects.requireNonNull(window, "window");
    }

    public OptionalDouble sameCustomerRate() {
        return Outcomes.percent(sameCustomer, counted);
    }

    public OptionalDouble sameSubjectAndLocationRate() {
        return Outcomes.percent(sameSubjectAndLocation, counted);
    }
}
