package io.memnun;

import io.memnun.feedback.Feedback;
import io.memnun.sla.SlaEngine;
import io.memnun.sla.SlaTarget;
import io.memnun.spi.CatalogStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts each feedback's response times on the business calendar of its location, as the tenant's catalogue
 * names it (a location without one inherits its parent's): a hotel's 24/7 front desk and a head office open on
 * weekdays keep different clocks under one policy. Feedback without a location, or whose location names no
 * calendar, keeps the calendar the policy's target names.
 *
 * <pre>{@code
 * FeedbackDesk.builder().sla(SlaEngine.of(policy, LocationCalendars.of(catalogs)))
 * }</pre>
 *
 * <p>Every calendar a location names should be registered in the policy's {@code CalendarRegistry}: a name it
 * lacks does not refuse the feedback, which keeps the policy's calendar, and a warning is logged. Nor does a
 * calendar with too little working time for a target (a seasonal location whose days are entered only so far ahead):
 * the target is not counted, as {@link SlaEngine} describes, and a warning is logged.
 */
public final class LocationCalendars implements SlaEngine.CalendarResolver {
    private final CatalogStore catalogs;

    private LocationCalendars(CatalogStore catalogs) {
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
    }

    public static LocationCalendars of(CatalogStore catalogs) {
        return new LocationCalendars(catalogs);
    }

    @Override
    public Optional<String> calendarFor(Feedback feedback, SlaTarget target) {
        return feedback.location().flatMap(location -> catalogs.catalog(feedback.tenant()).calendarOf(location));
    }
}
