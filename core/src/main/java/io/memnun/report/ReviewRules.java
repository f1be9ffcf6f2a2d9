package io.memnun.report;

import io.memnun.internal.Checks;

/**
 * The thresholds a management review's suggestions use.
 *
 * @param growthPercent a subject whose complaints grew by more than this (in percent of the previous period) is flagged
 * @param minimumComplaints ... but only with at least this many complaints in the current period
 * @param slaFloorPercent a target met less often than this (in percent) is flagged
 * @param acceptanceDropPoints an acceptance rate that fell by more than this many percentage points is flagged
 * @param recurringMinimum a subject and location pair with at least this many feedback is a recurring problem
 */
public record ReviewRules(double growthPercent, int minimumComplaints, double slaFloorPercent, double acceptanceDropPoints,
        int recurringMinimum) {
    public static final ReviewRules DEFAULTS = new ReviewRules(20, 5, 90, 5, 3);

    public ReviewRules {
        Checks.argument(growthPercent >= 0, "growthPercent", "must not be negative, was " + growthPercent);
        Checks.argument(minimumComplaints >= 1, "minimumComplaints", "must be at least 1, was " + minimumComplaints);
        Checks.argument(slaFloorPercent >= 0 && slaFloorPercent <= 100, "slaFloorPercent", "must be 0 to 100, was " + slaFloorPercent);
        Checks.argument(acceptanceDropPoints >= 0, "acceptanceDropPoints", "must not be negative, was " + acceptanceDropPoints);
        Checks.argument(recurringMinimum >= 2, "recurringMinimum", "must be at least 2, was " + recurringMinimum);
    }
}
