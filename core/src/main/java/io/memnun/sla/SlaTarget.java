package io.memnun.sla;

import io.memnun.error.ValidationException;
import io.memnun.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * How much working time one step of handling may take, counted on a named {@link BusinessCalendar}.
 *
 * @param kind which step
 * @param workingTime the working time allowed; positive
 * @param calendar the name of the calendar it is counted on, resolved in the policy's {@link CalendarRegistry}
 */
public record SlaTarget(Kind kind, Duration workingTime, String calendar) {

    /** The steps of handling that have a target. */
    public enum Kind {
        /** Telling the customer the feedback was received (alındı bilgisi). */
        ACKNOWLEDGEMENT,
        /** The first substantive answer or progress information (geri bildirim süresi). */
        FIRST_RESPONSE,
        /** The decision communicated to the customer. */
        RESOLUTION
    }

    public SlaTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(workingTime, "workingTime");
        if (workingTime.isZero() || workingTime.isNegative()) {
            throw new ValidationException("target." + kind + ".workingTime", "must be positive, was " + workingTime);
        }
        calendar = Checks.code(calendar, "target." + kind + ".calendar", 64);
    }

    public static SlaTarget of(Kind kind, Duration workingTime, String calendar) {
        return new SlaTarget(kind, workingTime, calendar);
    }
}
