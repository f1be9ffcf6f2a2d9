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

    @ParameterizedTest
    @ValueSource(strings = {"0532 123 45 67 dahili 5", "+90 532 123 45 67x", "+1234567", "++905321234567"})
    void theMessageNamesTheFieldAndTheRuleNotTheNumber(String text) {
        // messages end up in logs: a number is a person's, and the host that passed it has it in hand
        assertThatThrownBy(() -> PhoneNumber.parse(text, "90"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("phone"))
                .hasMessageNotContainingAny("532", "123", "1234567");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+905321234567   | MOBILE",
        "+905011234567   | MOBILE",
        "+902125550142   | FIXED_LINE",
        "+903125550142   | FIXED_LINE",
        "+904125550142   | FIXED_LINE",
        "+903921234567   | FIXED_LINE",
        "+904441234      | SERVICE",
        "+908501234567   | SERVICE",
        "+908001234567   | SERVICE",
        // lengths the plan does not have, other ranges, other countries: not known, so still tried
        "+90212555014    | UNKNOWN",
        "+90532123456    | UNKNOWN",
        "+904441234567   | UNKNOWN",
        "+909001234567   | UNKNOWN",
        "+442079460958   | UNKNOWN",
        "+447911123456   | UNKNOWN",
        "+12125550142    | UNKNOWN",
        "+9912345678     | UNKNOWN",
    })
    void theKindOfATurkishNumberIsKnownFromTheNumberingPlan(String e164, PhoneNumber.Kind kind) {
        PhoneNumber number = PhoneNumber.of(e164);
        assertThat(number.kind()).isEqualTo(kind);
        assertThat(number.mayTakeSms()).isEqualTo(kind != PhoneNumber.Kind.FIXED_LINE && kind != PhoneNumber.Kind.SERVICE);
    }

    @Test
    void aLandlineTypedTheWayPeopleDoIsAFixedLine() {
        assertThat(PhoneNumber.parse("0212 222 33 44", "90").mayTakeSms()).isFalse();
        assertThat(PhoneNumber.parse("444 0 444", "90").kind()).isEqualTo(PhoneNumber.Kind.SERVICE);
        assertThat(PhoneNumber.parse("0850 222 33 44", "90").kind()).isEqualTo(PhoneNumber.Kind.SERVICE);
        assertThat(PhoneNumber.parse("0532 123 45 67", "90").mayTakeSms()).isTrue();
    }

    private static void assertRefused(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("phone"));
    }
}
