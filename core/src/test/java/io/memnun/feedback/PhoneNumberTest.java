package io.memnun.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0532 123 45 67        | 90 | +905321234567",
        "532 123 45 67         | 90 | +905321234567",
        "0 (532) 123-45.67     | 90 | +905321234567",
        "0532/1234567          | 90 | +905321234567",
        "0090 532 123 45 67    | 90 | +905321234567",
        "+90 532 123 45 67     | 90 | +905321234567",
        "+44 20 7946 0958      | 90 | +442079460958",
        "0044 20 7946 0958     | 90 | +442079460958",
        "020 7946 0958         | 44 | +442079460958",
        "(212) 555-0142        | 1  | +12125550142",
        // the country code typed without + or 00, where national numbers have one length
        "90 532 123 45 67      | 90 | +905321234567",
        "905321234567          | 90 | +905321234567",
        "90 (212) 555 01 42    | 90 | +902125550142",
        "44 20 7946 0958       | 44 | +442079460958",
        "1 212 555 0142        | 1  | +12125550142",
        "33 1 42 68 53 00      | 33 | +33142685300",
        // national numbers that start with the country code's digits, and lengths or countries the rule does not know
        "901 234 5678          | 90 | +909012345678",
        "4420 7946 09          | 44 | +444420794609",
        "49 30 1234567         | 49 | +4949301234567",
        "90 532 123 45 6       | 90 | +9090532123456",
    })
    void parseNormalisesWhatPeopleTypeToE164(String typed, String country, String e164) {
        assertThat(PhoneNumber.parse(typed, country).e164()).isEqualTo(e164);
        assertThat(PhoneNumber.parse(typed, country)).hasToString(e164);
    }

    @Test
    void parseDropsNoBreakSpaces() {
        assertThat(PhoneNumber.parse("0532\u00a0123\u00a045\u00a067", "90")).isEqualTo(new PhoneNumber("+905321234567"));
    }

    @Test
    void ofAcceptsOnlyInternationalNumbers() {
        assertThat(PhoneNumber.of("+44 20 7946 0958")).isEqualTo(new PhoneNumber("+442079460958"));
        assertRefused(() -> PhoneNumber.of("0532 123 45 67"));
        assertRefused(() -> PhoneNumber.of("532 123 45 67"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0532 ABC 45 67", "0532 123 45 67 dahili 5", "+90 532 123 45 67x", "0532+1234567", "++905321234567",
        "0532\r\n1234567", "0532\t1234567", "+0 532 123 45 67", "+90", "0", "", "12", "+1234567",
        "+1234567890123456", "00", "000532 123 45 67", "٠٥٣٢١٢٣٤٥٦٧", "0532_123_45_67"
    })
    void refusesWhatIsNotAPhoneNumber(String text) {
        assertRefused(() -> PhoneNumber.parse(text, "90"));
    }

    @Test
    void theShortestAndLongestE164NumbersAreAccepted() {
        assertThat(PhoneNumber.of("+12345678").e164()).isEqualTo("+12345678");
        assertThat(PhoneNumber.of("+123456789012345").e164()).isEqualTo("+123456789012345");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "1234", "9a", "+90"})
    void refusesABadDefaultCountryCode(String country) {
        assertThatThrownBy(() -> PhoneNumber.parse("0532 123 45 67", country))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("defaultCountryCode"));
    }

    @Test
    void theMessageEscapesControlCharacters() {
        assertThatThrownBy(() -> PhoneNumber.parse("0532\r\n1234567", "90"))
                .hasMessageContaining("\\u000d")
                .hasMessageNotContaining("\r");
    }

    private static void assertRefused(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("phone"));
    }
}
