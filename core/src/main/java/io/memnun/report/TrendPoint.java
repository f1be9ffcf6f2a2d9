package io.memnun.report;

import java.util.Objects;

/**
 * One month of a trend line.
 *
 * @param month the month's label, e.g. {@code 2026-03}
 * @param received feedback received in it
 * @param complaints complaints among them
 */
public record TrendPoint(String month, long received, long complaints) {
    public TrendPoint {
        Objects.requireNonNull(month, "month");
    }
}
