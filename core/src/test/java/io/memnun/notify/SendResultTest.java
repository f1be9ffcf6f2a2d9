package io.memnun.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendResultTest {

    @Test
    void aDeliveryKeepsTheChannelsFactsInTheirOrderAndUnchangeable() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("segments", "6");
        facts.put("cut", "true");
        SendResult.Delivered d = (SendResult.Delivered) SendResult.delivered("J-1", facts);
        facts.put("later", "x");

        assertThat(d.details()).containsExactly(Map.entry("segments", "6"), Map.entry("cut", "true"));
        assertThatThrownBy(() -> d.details().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(SendResult.delivered("J-2")).isEqualTo(new SendResult.Delivered("J-2", Map.of()));
    }

    @Test
    void factsThatCouldReshapeARecordAreRefused() {
        assertRefused(Map.of("two words", "x"));
        assertRefused(Map.of("", "x"));
        assertRefused(Map.of("cut", ""));
        assertRefused(Map.of("cut", "true\nproviderId=forged"));
        assertRefused(Map.of("note", "x".repeat(201)));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= SendResult.Delivered.MAX_DETAILS; i++) {
            many.put("fact" + i, "1");
        }
        assertRefused(many);
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("cut", null);
        assertRefused(nullValue);
    }

    private static void assertRefused(Map<String, String> details) {
        assertThatThrownBy(() -> SendResult.delivered("J-1", details)).isInstanceOf(ValidationException.class);
    }
}
