package io.memnun.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.TextDigests;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The stored text of an event's digests: the map of its fields as {@link Json#map} writes it, read back whole. */
class EventSealsTest {
    @Test
    void digestsAreStoredAsTheMapOfTheirFieldsAndReadBack() {
        TreeMap<String, String> details = new TreeMap<>();
        details.put("channel", HistoryChain.textDigest("web-form"));
        // detail keys are the host's: anything JSON must escape
        details.put("müşteri \"notu\"\\\n", HistoryChain.textDigest("Oda soğuk"));
        TextDigests digests = new TextDigests(HistoryChain.textDigest("Isıtıcı verildi"), details);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("note", digests.note());
        details.forEach((k, v) -> fields.put("detail:" + k, v));

        String json = EventSeals.json(digests);

        assertThat(json).isEqualTo(Json.map(fields));
        assertThat(EventSeals.digests(json)).isEqualTo(digests);
    }

    @Test
    void anEventWithoutTextHasAnEmptyObjectAndOneWithoutANoteNoNoteField() {
        assertThat(EventSeals.json(new TextDigests(null, new TreeMap<>()))).isEqualTo("{}");
        assertThat(EventSeals.digests("{}")).isEqualTo(new TextDigests(null, new TreeMap<>()));
        TreeMap<String, String> one = new TreeMap<>(Map.of("kind", HistoryChain.textDigest("COMPLAINT")));
        assertThat(EventSeals.json(new TextDigests(null, one))).isEqualTo("{\"detail:kind\":\"" + one.get("kind") + "\"}");
    }
}
