package io.memnun.sla;

import static io.memnun.sla.Calendars.OFFICE;
import static io.memnun.sla.Calendars.SPLIT_DAY;
import static io.memnun.sla.Calendars.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlusWorkingDaysTest {

    record Example(String story, BusinessCalendar calendar, String start, int days, String due) {
        @Override
        public String toString() {
            return story;
        }
    }

    static Stream<Example> examples() {
        return Stream.of(
                new Example("Monday 15:00 + 1 working day is Tuesday 15:00", OFFICE, "2025-03-10T15:00", 1, "2025-03-11T15:00"),
                new Example("Friday 17:30 + 1 working day is Monday 17:30", OFFICE, "2025-03-07T17:30", 1, "2025-03-10T17:30"),
                new Example("received Saturday: counts from Monday's opening, so Tuesday 09:00", OFFICE, "2025-03-08T11:00", 1, "2025-03-11T09:00"),
                new Example("received after closing: counts from the next opening", OFFICE, "2025-03-10T19:00", 1, "2025-03-12T09:00"),
                new Example("landing on the 28 October half day after 13:00 gives its 13:00 close", OFFICE, "2025-10-27T15:00", 1, "2025-10-28T13:00"),
                new Example("landing on 28 October before 13:00 keeps the time", OFFICE, "2025-10-27T10:00", 1, "2025-10-28T10:00"),
                new Example("skips Ramazan Bayramı 2024 and the weekend", OFFICE, "2024-04-08T10:00", 2, "2024-04-15T10:00"),
                new Example("30 working days over 23 April, 1 May and 19 May", OFFICE, "2025-04-21T10:00", 30, "2025-06-05T10:00"),
                new Example("30 working days over Kurban Bayramı 2025: the eve (open until 13:00) is a working day, 6-9 Jun are not",
                        OFFICE, "2025-05-26T14:00", 30, "2025-07-09T14:00"),
                new Example("over New Year", OFFICE, "2025-12-31T11:00", 1, "2026-01-02T11:00"),
                new Example("a time in the lunch break moves back to the break's start", SPLIT_DAY, "2025-03-10T12:29", 1, "2025-03-11T12:29"),
                new Example("zero days is the start itself", OFFICE, "2025-03-08T11:00", 0, "2025-03-08T11:00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void adds_working_days(Example example) {
        Instant start = at(example.calendar(), example.start());

        assertThat(example.calendar().plusWorkingDays(start, example.days())).isEqualTo(at(example.calendar(), example.due()));
    }
}
