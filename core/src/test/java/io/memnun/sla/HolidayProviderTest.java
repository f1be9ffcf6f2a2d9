package io.memnun.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolidayProviderTest {
    private static final LocalDate DAY = LocalDate.of(2025, 12, 24);

    @Test
    void a_fixed_list() {
        HolidayProvider company = HolidayProvider.of(List.of(
                Holiday.fullDay(LocalDate.of(2025, 12, 31), "Şirket tatili", "Company day off"),
                Holiday.halfDay(DAY, "Yılsonu", "Year end", LocalTime.of(12, 0))));

        assertThat(company.holidayOn(DAY)).map(Holiday::startsAt).contains(LocalTime.NOON);
        assertThat(company.holidayOn(DAY.plusDays(1))).isEmpty();
    }

    @Test
    void a_fixed_list_refuses_two_holidays_on_one_date() {
        assertThatThrownBy(() -> HolidayProvider.of(List.of(
                Holiday.fullDay(DAY, "A", "A"), Holiday.fullDay(DAY, "B", "B"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(DAY.toString());
    }

    @Test
    void combined_the_holiday_that_closes_more_wins() {
        HolidayProvider half = HolidayProvider.of(List.of(Holiday.halfDay(DAY, "Yarım", "Half", LocalTime.of(13, 0))));
        HolidayProvider earlier = HolidayProvider.of(List.of(Holiday.halfDay(DAY, "Öğlen", "Noon", LocalTime.NOON)));
        HolidayProvider full = HolidayProvider.of(List.of(Holiday.fullDay(DAY, "Tam", "Full")));

        assertThat(half.and(full).holidayOn(DAY)).map(Holiday::englishName).contains("Full");
        assertThat(full.and(half).holidayOn(DAY)).map(Holiday::englishName).contains("Full");
        assertThat(HolidayProvider.combine(half, earlier).holidayOn(DAY)).map(Holiday::englishName).contains("Noon");
        assertThat(HolidayProvider.combine(half, HolidayProvider.none()).holidayOn(DAY)).map(Holiday::englishName).contains("Half");
    }

    @Test
    void on_a_tie_the_first_provider_wins() {
        HolidayProvider a = HolidayProvider.of(List.of(Holiday.fullDay(DAY, "A", "A")));
        HolidayProvider b = HolidayProvider.of(List.of(Holiday.fullDay(DAY, "B", "B")));

        assertThat(a.and(b).holidayOn(DAY)).map(Holiday::localName).contains("A");
    }

    @Test
    void turkish_holidays_with_company_days() {
        HolidayProvider provider = TurkishHolidays.provider().and(HolidayProvider.of(List.of(
                Holiday.fullDay(LocalDate.of(2025, 10, 28), "Köprü günü", "Bridge day"))));

        assertThat(provider.holidayOn(LocalDate.of(2025, 10, 28))).map(Holiday::isFullDay).contains(true);
        assertThat(provider.holidayOn(LocalDate.of(2025, 10, 29))).map(Holiday::englishName).contains("Republic Day");
    }

    @Test
    void a_half_day_must_start_after_midnight() {
        assertThatThrownBy(() -> Holiday.halfDay(DAY, "X", "X", LocalTime.MIDNIGHT)).isInstanceOf(ValidationException.class);
    }
}
