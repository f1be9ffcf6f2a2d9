package io.memnun.sla;

import io.memnun.error.ValidationException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells which dates are holidays. memnun ships {@link TurkishHolidays}; a host supplies its own for another
 * country, for company closing days, or from a fixed list ({@link #of(Collection)}), and combines several with
 * {@link #and(HolidayProvider)}.
 *
 * <p>A {@link BusinessCalendar} asks once per date and keeps the answer, so a provider should give the same
 * answer every time; it is called from any thread.
 */
@FunctionalInterface
public interface HolidayProvider {

    /** The holiday on {@code date}, if any; the holiday's own date must be {@code date}. */
    Optional<Holiday> holidayOn(LocalDate date);

    /** This provider and {@code other}; see {@link #combine(HolidayProvider...)} for overlapping answers. */
    default HolidayProvider and(HolidayProvider other) {
        return combine(this, other);
    }

    /** No holidays at all. */
    static HolidayProvider none() {
        return date -> Optional.empty();
    }

    /**
     * Several providers as one. When more than one knows a date, the holiday that closes more of the day wins
     * (a full day beats a half day; an earlier start beats a later one); on a tie the earlier provider in the
     * argument list wins.
     */
    static HolidayProvider combine(HolidayProvider... providers) {
        List<HolidayProvider> all = List.of(providers);
        return date -> {
            Holiday best = null;
            for (HolidayProvider provider : all) {
                Optional<Holiday> found = Objects.requireNonNull(provider.holidayOn(date), "a HolidayProvider returned null");
                if (found.isPresent() && (best == null || found.get().closesMoreThan(best))) {
                    best = found.get();
                }
            }
            return Optional.ofNullable(best);
        };
    }

    /** A fixed list of holidays; two on the same date are refused. */
    static HolidayProvider of(Collection<Holiday> holidays) {
        Map<LocalDate, Holiday> byDate = new HashMap<>();
        for (Holiday holiday : holidays) {
            Holiday previous = byDate.putIfAbsent(holiday.date(), holiday);
            if (previous != null) {
                throw new ValidationException("holidays", "two holidays on " + holiday.date() + ": '"
                        + previous.localName() + "' and '" + holiday.localName() + "'");
            }
        }
        Map<LocalDate, Holiday> copy = Map.copyOf(byDate);
        return date -> Optional.ofNullable(copy.get(date));
    }
}
