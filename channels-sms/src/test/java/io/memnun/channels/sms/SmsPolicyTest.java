package io.memnun.channels.sms;

import static io.memnun.channels.sms.SmsFixtures.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import io.memnun.error.ValidationException;
import io.memnun.feedback.PhoneNumber;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsPolicyTest {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Test
    void acceptsWhatCheckWouldSendTo() {
        SmsPolicy mobileOnly = SmsPolicy.defaults();
        SmsPolicy any = SmsPolicy.builder().requireMobile(false).build();

        assertThat(mobileOnly.accepts(PhoneNumber.of("+905321234567"))).isTrue();
        assertThat(mobileOnly.accepts(PhoneNumber.of("+447911123456"))).isTrue();
        assertThat(mobileOnly.accepts(PhoneNumber.of("+442079460958"))).as("a London landline").isFalse();
        assertThat(mobileOnly.accepts(PhoneNumber.of("+90532123456"))).as("too short").isFalse();
        assertThat(any.accepts(PhoneNumber.of("+442079460958"))).isTrue();
        assertThat(any.accepts(PhoneNumber.of("+90532123456"))).as("still no valid number").isFalse();
    }

    /** A refusal ends up in the outbox and the history: it names what is wrong with the number, never the number. */
    @ParameterizedTest
    @ValueSource(strings = {"+902122223344", "+90123456789", "+442079460958"})
    void aRefusedNumberIsNotRepeatedInTheRefusal(String e164) {
        assertThatThrownBy(() -> SmsPolicy.defaults().check(sms(e164, "Şikayetiniz alındı")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("phone");
                    assertThat(e.getMessage()).matches("phone: (is not a valid number in (TR|any region)|is a FIXED_LINE number of [A-Z]{2}, not a mobile one)")
                            .doesNotContain(e164.substring(3, 9));
                });
    }

    /** Core's small rule and libphonenumber's metadata agree on the Turkish numbers core claims to know. */
    @ParameterizedTest
    @ValueSource(strings = {
        "+905321234567", "+905011234567", "+905551112233", "+902125550142", "+902161234567", "+903125550142", "+903921234567",
        "+904125550142", "+904881234567", "+904441234", "+904445678", "+908501234567", "+908001234567"
    })
    void theKindCoreKnowsAgreesWithLibphonenumber(String e164) throws Exception {
        Map<PhoneNumber.Kind, java.util.Set<PhoneNumberType>> same = Map.of(
                PhoneNumber.Kind.MOBILE, java.util.Set.of(PhoneNumberType.MOBILE),
                PhoneNumber.Kind.FIXED_LINE, java.util.Set.of(PhoneNumberType.FIXED_LINE),
                PhoneNumber.Kind.SERVICE, java.util.Set.of(PhoneNumberType.UAN, PhoneNumberType.TOLL_FREE, PhoneNumberType.VOIP));
        PhoneNumber number = PhoneNumber.of(e164);
        PhoneNumberType type = PHONES.getNumberType(PHONES.parse(e164, "ZZ"));

        assertThat(same.get(number.kind())).as("%s is %s to core, %s to libphonenumber", e164, number.kind(), type).contains(type);
        assertThat(number.mayTakeSms()).isEqualTo(SmsPolicy.defaults().accepts(number));
    }
}
