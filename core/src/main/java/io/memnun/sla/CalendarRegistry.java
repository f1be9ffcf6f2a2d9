package io.memnun.sla;

import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Business calendars by name, e.g. {@code head-office} and {@code front-desk-24x7}. Immutable. */
public final class CalendarRegistry {
    private final Map<String, BusinessCalendar> byName;

    private CalendarRegistry(Map<String, BusinessCalendar> byName) {
        this.byName = byName;
    }

    /** The calendars, each under its {@link BusinessCalendar#name()}; two with one name are refused. */
    public static CalendarRegistry of(BusinessCalendar... calendars) {
        return of(List.of(calendars));
    }

    public static CalendarRegistry of(Collection<BusinessCalendar> calendars) {
        Map<String, BusinessCalendar> byName = new LinkedHashMap<>();
        for (BusinessCalendar calendar : calendars) {
            Objects.requireNonNull(calendar, "calendar");
            if (byName.putIfAbsent(calendar.name(), calendar) != null) {
                throw new ValidationException("calendars", "two calendars are named '" + calendar.name() + "'");
            }
        }
        return new CalendarRegistry(Collections.unmodifiableMap(byName));
    }

    public Optional<BusinessCalendar> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @throws NotFoundException when no calendar has that name */
    public BusinessCalendar get(String name) {
        BusinessCalendar calendar = byName.get(name);
        if (calendar == null) {
            throw new NotFoundException("calendar '" + name + "'");
        }
        return calendar;
    }

    /** The names, in the order the calendars were given. */
    public Set<String> names() {
        return byName.keySet();
    }
}
