package io.memnun.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TurkishHolidaysTest {
    private static final TurkishHolidays TR = TurkishHolidays.provider();
    private static final LocalTime ONE_PM = LocalTime.of(13, 0);

    /** First days as announced in Türkiye; 2016 is the year Umm al-Qura gets both wrong. */
    static Stream<Arguments> bayrams() {
        return Stream.of(
                Arguments.of(LocalDate.of(2016, 7, 5), LocalDate.of(2016, 9, 12)),
                Arguments.of(LocalDate.of(2020, 5, 24), LocalDate.of(2020, 7, 31)),
                Arguments.of(LocalDate.of(2021, 5, 13), LocalDate.of(2021, 7, 20)),
                Arguments.of(LocalDate.of(2022, 5, 2), LocalDate.of(2022, 7, 9)),
                Arguments.of(LocalDate.of(2023, 4, 21), LocalDate.of(2023, 6, 28)),
                Arguments.of(LocalDate.of(2024, 4, 10), LocalDate.of(2024, 6, 16)),
                Arguments.of(LocalDate.of(2025, 3, 30), LocalDate.of(2025, 6, 6)),
                Arguments.of(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 5, 27)),
                Arguments.of(LocalDate.of(2027, 3, 9), LocalDate.of(2027, 5, 16)),
                Arguments.of(LocalDate.of(2030, 2, 4), LocalDate.of(2030, 4, 13)),
                Arguments.of(LocalDate.of(2035, 12, 1), LocalDate.of(2035, 2, 19)));
    }

    @ParameterizedTest(name = "Ramazan Bayramı {0}, Kurban Bayramı {1}")
    @MethodSource("bayrams")
    void bayrams_with_their_eves(LocalDate ramazan, LocalDate kurban) {
        assertBayram(ramazan, 3, "Ramazan Bayramı");
        assertBayram(kurban, 4, "Kurban Bayramı");
    }

    private static void assertBayram(LocalDate first, int days, String name) {
        Holiday eve = TR.holidayOn(first.minusDays(1)).orElseThrow();
        if (eve.isFullDay()) {
            // the eve of Ramazan Bayramı 2022 was 1 May, a full national holiday anyway
            assertThat(eve.localName()).isEqualTo("Emek ve Dayanışma Günü");
        } else {
            assertThat(eve.startsAt()).isEqualTo(ONE_PM);
            assertThat(eve.localName()).contains(name + " Arifesi");
        }
        for (int day = 0; day < days; day++) {
            Holiday holiday = TR.holidayOn(first.plusDays(day)).orElseThrow();
            assertThat(holiday.isFullDay()).isTrue();
            assertThat(holiday.localName()).contains(name + " " + (day + 1) + ". Gün");
        }
        assertThat(TR.holidayOn(first.plusDays(days)).map(Holiday::localName).orElse("")).doesNotContain(name);
    }

    @Test
    void the_announced_dates_of_2024_to_2026() {
        assertThat(religiousDays(2024)).containsExactly(
                "2024-04-09 13:00", "2024-04-10", "2024-04-11", "2024-04-12",
                "2024-06-15 13:00", "2024-06-16", "2024-06-17", "2024-06-18", "2024-06-19");
        assertThat(religiousDays(2025)).containsExactly(
                "2025-03-29 13:00", "2025-03-30", "2025-03-31", "2025-04-01",
                "2025-06-05 13:00", "2025-06-06", "2025-06-07", "2025-06-08", "2025-06-09");
        assertThat(religiousDays(2026)).containsExactly(
                "2026-03-19 13:00", "2026-03-20", "2026-03-21", "2026-03-22",
                "2026-05-26 13:00", "2026-05-27", "2026-05-28", "2026-05-29", "2026-05-30");
    }

    private static List<String> religiousDays(int year) {
        return TR.holidaysIn(year).stream()
                .filter(h -> h.localName().contains("Ramazan") || h.localName().contains("Kurban"))
                .map(h -> h.date() + (h.isFullDay() ? "" : " " + h.startsAt()))
                .toList();
    }

    @Test
    void national_days_and_the_republic_day_half_day() {
        List<Holiday> national = TR.holidaysIn(2025).stream().filter(h -> !h.localName().contains("Ramazan") && !h.localName().contains("Kurban")).toList();

        assertThat(national).extracting(h -> h.date().getMonth() + "-" + h.date().getDayOfMonth() + (h.isFullDay() ? "" : "@" + h.startsAt()))
                .containsExactly("JANUARY-1", "APRIL-23", "MAY-1", "MAY-19", "JULY-15", "AUGUST-30", "OCTOBER-28@13:00", "OCTOBER-29");
        assertThat(TR.holidayOn(LocalDate.of(2025, 10, 29)).orElseThrow().englishName()).isEqualTo("Republic Day");
    }

    @Test
    void days_added_by_later_law_are_absent_before_it() {
        assertThat(TR.holidayOn(LocalDate.of(2016, 7, 15))).isEmpty();
        assertThat(TR.holidayOn(LocalDate.of(2017, 7, 15))).isPresent();
        assertThat(TR.holidayOn(LocalDate.of(2008, 5, 1))).isEmpty();
    }

    @Test
    void two_holidays_on_one_date_are_one_holiday_under_both_names() {
        Holiday day = TR.holidayOn(LocalDate.of(2023, 4, 23)).orElseThrow();

        assertThat(day.isFullDay()).isTrue();
        assertThat(day.localName()).contains("Ulusal Egemenlik ve Çocuk Bayramı").contains("Ramazan Bayramı 3. Gün");
    }

    @Test
    void a_year_can_hold_two_ramazan_bayrams() {
        assertThat(religiousDays(2033)).contains("2033-01-03", "2033-12-23", "2033-12-22 13:00");
    }

    @Test
    void a_bayram_eve_in_the_previous_year_is_found() {
        // Ramazan Bayramı 2033 begins on 3 January, its eve is 2 January
        assertThat(TR.holidayOn(LocalDate.of(2033, 1, 2)).orElseThrow().startsAt()).isEqualTo(ONE_PM);
    }

    @Test
    void the_table_agrees_with_umm_al_qura_from_2017_and_differs_in_2016() {
        for (LocalDate first : BayramDates.RAMAZAN_TABLE) {
            assertThat(BayramDates.ummAlQura(first.getYear(), 10, 1)).as("Ramazan %s", first)
                    .contains(first.getYear() == 2016 ? first.plusDays(1) : first);
        }
        for (LocalDate first : BayramDates.KURBAN_TABLE) {
            assertThat(BayramDates.ummAlQura(first.getYear(), 12, 10)).as("Kurban %s", first)
                    .contains(first.getYear() == 2016 ? first.minusDays(1) : first);
        }
    }

    @Test
    void the_table_has_every_bayram_of_its_years() {
        for (int year = BayramDates.TABLE_FIRST_YEAR; year <= BayramDates.TABLE_LAST_YEAR; year++) {
            assertThat(BayramDates.ramazan(year, year)).hasSameSizeAs(BayramDates.ummAlQura(year, 10, 1));
            assertThat(BayramDates.kurban(year, year)).hasSameSizeAs(BayramDates.ummAlQura(year, 12, 10));
        }
    }

    @Test
    void outside_the_table_the_dates_come_from_umm_al_qura() {
        assertThat(TR.holidayOn(LocalDate.of(2040, 10, 7)).orElseThrow().localName()).isEqualTo("Ramazan Bayramı 1. Gün");
        assertThat(TR.holidayOn(LocalDate.of(2040, 12, 15)).orElseThrow().localName()).isEqualTo("Kurban Bayramı 1. Gün");
        assertThat(TR.holidayOn(LocalDate.of(2019, 6, 4)).orElseThrow().localName()).isEqualTo("Ramazan Bayramı 1. Gün");
    }

    @Test
    void beyond_the_hijrah_chronology_only_national_days_remain() {
        assertThat(TR.holidaysIn(2200)).hasSize(8).allMatch(h -> !h.localName().contains("Ramazan") && !h.localName().contains("Kurban"));
        assertThat(TR.holidaysIn(1800)).hasSize(6);
        assertThat(TR.holidaysIn(2174)).anyMatch(h -> h.localName().contains("Ramazan"));
    }

    @Test
    void every_year_from_2020_to_2035_has_both_bayrams_in_full() {
        for (int year = 2020; year <= 2035; year++) {
            long ramazanDays = TR.holidaysIn(year).stream().filter(h -> h.isFullDay() && h.localName().contains("Ramazan Bayramı")).count();
            long kurbanDays = TR.holidaysIn(year).stream().filter(h -> h.isFullDay() && h.localName().contains("Kurban Bayramı")).count();
            assertThat(ramazanDays).as("Ramazan days in %d", year).isIn(3L, 6L);
            assertThat(kurbanDays).as("Kurban days in %d", year).isEqualTo(4L);
        }
        assertThat(TR.holidayOn(LocalDate.of(2030, Month.APRIL, 12)).orElseThrow().startsAt()).isEqualTo(ONE_PM);
    }
}
