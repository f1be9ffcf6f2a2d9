package io.memnun.survey;

import io.memnun.internal.Checks;
import java.util.OptionalDouble;

/**
 * One metric's value and the sample it was computed from. With an empty sample there is no value: a department
 * nobody rated has no CSAT, which is not the same as a CSAT of 0.
 *
 * @param value the value, or {@code NaN} when {@code sample == 0}
 * @param sample how many answers (or invitations, for a response rate) it was computed from
 */
public record Measure(double value, int sample) {
    public static final Measure EMPTY = new Measure(Double.NaN, 0);

    public Measure {
        Checks.argument(sample >= 0, "sample", "must not be negative, was " + sample);
        Checks.argument(sample == 0 ? Double.isNaN(value) : !Double.isNaN(value), "value", "is NaN exactly when the sample is empty");
    }

    public OptionalDouble valueIfAny() {
        return sample == 0 ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    public boolean isEmpty() {
        return sample == 0;
    }

    /** This value minus {@code earlier}'s; empty when either is empty. */
    public OptionalDouble change(Measure earlier) {
        return isEmpty() || earlier.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(value - earlier.value);
    }

    @Override
    public String toString() {
        return sample == 0 ? "n/a (n=0)" : String.format(java.util.Locale.ROOT, "%.2f (n=%d)", value, sample);
    }
}
