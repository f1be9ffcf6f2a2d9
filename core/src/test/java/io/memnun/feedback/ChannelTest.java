package io.memnun.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelTest {

    @Test
    void theWellKnownChannelsHaveTheirCodes() {
        assertThat(List.of(Channel.EMAIL, Channel.PHONE, Channel.FACE_TO_FACE, Channel.SOCIAL_MEDIA, Channel.WEB_FORM,
                Channel.FAX, Channel.LETTER, Channel.DEALER, Channel.KIOSK, Channel.SMS))
                .extracting(Channel::code)
                .containsExactly("email", "phone", "face-to-face", "social-media", "web-form", "fax", "letter", "dealer",
                        "kiosk", "sms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"instagram", "whatsapp_business", "0800-hat", "x", "a234567890123456789012345678901234567890"})
    void hostsMayUseTheirOwnCodes(String code) {
        assertThat(Channel.of(code).code()).isEqualTo(code);
        assertThat(Channel.of(code)).isEqualTo(new Channel(code)).hasToString(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Instagram", "-x", "_x", "web form", "e-posta✉", "çağrı-merkezi", "x\n",
        "a2345678901234567890123456789012345678901"})
    void refusesOtherCodes(String code) {
        assertThatThrownBy(() -> Channel.of(code))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("channel"));
    }
}
