package io.memnun.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON text as stored, whether the generator hands it over in one piece or in several (a long value). */
class JsonTextTest {
    @Test
    void aShortMapIsWrittenAsBefore() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sla.RESOLUTION.due", "2026-03-17T06:00:00Z");
        m.put("q\"uote\\ \n ğ😊", "\u0001 </script>");

        assertThat(Json.map(m)).isEqualTo("{\"sla.RESOLUTION.due\":\"2026-03-17T06:00:00Z\",\"q\\\"uote\\\\ \\n ğ😊\":\"\\u0001 </script>\"}");
        assertThat(Json.map(Json.map(m))).isEqualTo(m);
    }

    @Test
    void everyCharacterIsEscapedAsJacksonsEncoderEscapesIt() {
        JsonStringEncoder jackson = JsonStringEncoder.getInstance();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = "a" + c + "b";
            assertThat(Json.map(Map.of(text, text))).as("U+%04X", (int) c)
                    .isEqualTo("{\"" + new String(jackson.quoteAsString(text)) + "\":\"" + new String(jackson.quoteAsString(text)) + "\"}");
        }
    }

    @Test
    void aValueLongerThanTheGeneratorsBufferIsWrittenWhole() {
        StringBuilder longText = new StringBuilder();
        for (int i = 0; longText.length() < 50_000; i++) {
            longText.append("satır ").append(i).append(" \"alıntı\" ");
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("a", "1");
        m.put("long", longText.toString());
        m.put("z", "2");

        String json = Json.map(m);

        assertThat(json).isEqualTo("{\"a\":\"1\",\"long\":\"" + longText.toString().replace("\"", "\\\"") + "\",\"z\":\"2\"}");
        assertThat(Json.map(json)).isEqualTo(m);
    }
}
