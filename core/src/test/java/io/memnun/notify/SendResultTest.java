package io.memnun.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void factsThatCouldReshapeARecordAreLeftOutAndTheDeliveryStands() {
        assertLeftOut(Map.of("two words", "x"));
        assertLeftOut(Map.of("", "x"));
        assertLeftOut(Map.of("cut", ""));
        assertLeftOut(Map.of("cut", "true\nproviderId=forged"));
        assertLeftOut(Map.of("note", "x".repeat(201)));
        assertLeftOut(Map.of("note", " padded"));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("cut", null);
        assertLeftOut(nullValue);
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, "1");
        assertLeftOut(nullKey);
        assertThat(new SendResult.Delivered("J-1", null).details()).isEmpty();
    }

    @Test
    void theFirstFactsUpToTheLimitAreKeptInTheChannelsOrder() {
        Map<String, String> many = new LinkedHashMap<>();
        many.put("bad key", "x");
        for (int i = 0; i <= SendResult.Delivered.MAX_DETAILS; i++) {
            many.put("fact" + i, Integer.toString(i));
        }
        SendResult.Delivered d = (SendResult.Delivered) SendResult.delivered("J-1", many);
        assertThat(d.details()).hasSize(SendResult.Delivered.MAX_DETAILS).containsEntry("fact0", "0")
                .containsEntry("fact15", "15").doesNotContainKeys("bad key", "fact16");
        assertThat(d.details().keySet()).first().isEqualTo("fact0");
    }

    @Test
    void aProviderIdThatCannotBeKeptIsRecordedAsUnknown() {
        for (String id : new String[] {null, "", "  ", "J\u0000-1", "x".repeat(501)}) {
            assertThat(((SendResult.Delivered) SendResult.delivered(id)).providerId()).as("%s", id)
                    .isEqualTo(SendResult.Delivered.UNKNOWN_PROVIDER_ID);
        }
        assertThat(((SendResult.Delivered) SendResult.delivered("<a@b>\t1")).providerId()).isEqualTo("<a@b>\t1");
    }

    private static void assertLeftOut(Map<String, String> details) {
        Map<String, String> with = new LinkedHashMap<>(details);
        with.put("segments", "2");
        SendResult.Delivered d = (SendResult.Delivered) SendResult.delivered("J-1", with);
        assertThat(d.providerId()).isEqualTo("J-1");
        assertThat(d.details()).containsExactly(Map.entry("segments", "2"));
    }

    @Test
    void aFailureWhoseReasonCannotBeKeptAsWordedStaysTheFailureItIs() {
        // refused, such a reason would make the dispatcher dead-letter a message a retry could send
        SendResult.RetryableFailure busy = (SendResult.RetryableFailure) SendResult.retryable("busy\u0000" + "x".repeat(3000));
        assertThat(busy.reason()).startsWith("busy x").hasSize(SendResult.MAX_REASON);
        assertThat(((SendResult.RetryableFailure) SendResult.retryable(" ")).reason()).isEqualTo("no reason given");
        assertThat(new SendResult.RetryableFailure("busy", java.time.Duration.ofSeconds(-5)).retryAfterHint()).isEmpty();

        String emoji = "\uD83D\uDE00";
        String cutInsideAPair = "x".repeat(SendResult.MAX_REASON - 1) + emoji;
        assertThat(((SendResult.PermanentFailure) SendResult.permanent(cutInsideAPair)).reason()).isEqualTo("x".repeat(SendResult.MAX_REASON - 1));
        assertThat(((SendResult.PermanentFailure) SendResult.permanent("lone \uD83D surrogate")).reason()).isEqualTo("lone ? surrogate");
        assertThat(((SendResult.Deferred) SendResult.deferred(java.time.Instant.EPOCH, "quiet\u0007hours")).reason()).isEqualTo("quiet hours");
        assertThat(((SendResult.PermanentFailure) SendResult.permanent("line one\nline two\t" + emoji)).reason())
                .isEqualTo("line one\nline two\t" + emoji);
    }
}
