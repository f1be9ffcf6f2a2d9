package io.memnun.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.StoreException;
import io.memnun.tck.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A stored document this memnun cannot read is refused with a message that says where and what kind of problem, never
 * the text it holds: the column is a customer's details, and messages end up in logs.
 */
class UnreadableJsonTest {
    @Test
    void textThatIsNotJsonIsRefusedByWhereTheParserStoppedNotByTheTokenItQuotes() {
        assertThatThrownBy(() -> Json.map("{\"name\": Ayşe Yılmaz}"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("line 1, column")
                .hasMessageNotContaining("Ayşe");
        assertThatThrownBy(() -> JsonValues.parse("{\"name\": Ayşe Yılmaz}"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("line 1, column")
                .hasMessageNotContaining("Ayşe");
    }

    @Test
    void textThatIsNotJsonIsRefusedWithoutTheParsersExceptionWhichQuotesTheTokenAsItsCause() {
        // a log prints the causes too
        assertThatThrownBy(() -> Json.map("{\"name\": Ayşe Yılmaz}"))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(Fixtures.causeMessages(e)).noneMatch(m -> m.contains("Ayşe")));
        assertThatThrownBy(() -> JsonValues.parse("{\"name\": Ayşe Yılmaz}"))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(Fixtures.causeMessages(e)).noneMatch(m -> m.contains("Ayşe")));
    }

    @Test
    void aValueWhereAnObjectBelongsIsRefusedByItsKindNotItsText() {
        assertThatThrownBy(() -> JsonValues.Obj.of(JsonValues.parse("\"Ayşe Yılmaz, +905321234567\"")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("a string")
                .hasMessageNotContainingAny("Ayşe", "905321234567");
    }

    @Test
    void aStoredAddressTheChecksRefuseIsNamedByItsField() {
        assertThatThrownBy(() -> Json.customer("{}", null, "Ayşe Yılmaz", "ayse.yilmaz@example", null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("email")
                .hasMessageNotContaining("yilmaz")
                .hasRootCauseMessage("email: has an invalid domain")
                .hasMessageNotContaining("Ayşe");
    }
}
