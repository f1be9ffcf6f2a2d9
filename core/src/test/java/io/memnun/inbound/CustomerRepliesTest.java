package io.memnun.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.inbound.CustomerReplies.Decision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerRepliesTest {

    @ParameterizedTest
    @ValueSource(strings = {"evet", "Evet", "EVET", "EVET.", "  evet, teşekkürler", "kabul ediyorum", "KABUL", "Kabul.",
        "yes", "Yes please", "ACCEPT", "accepted", "\n\n> quoted line\nEvet\n"})
    void accepts(String reply) {
        assertThat(CustomerReplies.decision(reply)).contains(Decision.ACCEPT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hayır", "HAYIR", "Hayir", "hayır, hala bozuk", "RET", "red", "Red.", "reddediyorum", "no",
        "NO!", "Reject", "kabul etmiyorum", "Kabul değil", "KABUL ETMİYORUM"})
    void rejects(String reply) {
        assertThat(CustomerReplies.decision(reply)).contains(Decision.REJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Merhaba, evet", "teşekkürler", "Klima hala çalışmıyor", "Evetle hayır arası",
        "nothing", "yesterday it broke", "> evet", "redirect me"})
    void otherwiseDecidesNothing(String reply) {
        assertThat(CustomerReplies.decision(reply)).isEmpty();
    }
}
