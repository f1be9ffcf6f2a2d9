package io.memnun.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import io.memnun.tck.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {
    private static final Lifecycle LIFECYCLE = new Lifecycle(Lifecycle.Rules.defaults());

    @Test
    void theTokenRoundTrips() {
        for (Instant at : List.of(Fixtures.T0, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00.000000001Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.EPOCH)) {
            for (UUID id : List.of(UUID.randomUUID(), new UUID(-1, -1), new UUID(0, 0))) {
                Cursor c = new Cursor(at, FeedbackId.of(id));
                assertThat(Cursor.parse(c.token())).isEqualTo(c);
            }
        }
    }

    @Test
    void theTokenIsSafeInAUrl() {
        Cursor c = new Cursor(Fixtures.T0, FeedbackId.of(UUID.randomUUID()));
        assertThat(c.token()).matches("[0-9a-f.-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.2", "1.2.", "1.2.not-a-uuid", "x.0.6f1c3a9e-0000-7000-8000-000000000000",
        "1.y.6f1c3a9e-0000-7000-8000-000000000000", "1.2.6f1c3a9e-0000-7000-8000-000000000000.5",
        "99999999999999999999.0.6f1c3a9e-0000-7000-8000-000000000000", "1.2.3\r\n"})
    void badTokensAreRefusedNamingTheCursor(String token) {
        assertThatThrownBy(() -> Cursor.parse(token))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("cursor"))
                .hasMessageNotContaining("\r");
    }

    @Test
    void orderIsByReceiptTimeThenIdAsUnsigned128BitNumber() {
        Instant t = Fixtures.T0;
        Feedback a = feedback(t, "00000000-0000-7000-8000-000000000000");
        Feedback b = feedback(t, "7fffffff-ffff-7fff-bfff-ffffffffffff");
        Feedback c = feedback(t, "80000000-0000-7000-0000-000000000000");
        Feedback d = feedback(t, "80000000-0000-7000-8000-000000000000");
        Feedback e = feedback(t, "ffffffff-ffff-7fff-bfff-ffffffffffff");
        Feedback later = feedback(t.plusNanos(1_000), "00000000-0000-7000-0000-000000000000");
        List<Feedback> shuffled = new ArrayList<>(List.of(later, e, c, a, d, b));
        shuffled.sort(Cursor.ORDER);
        assertThat(shuffled).containsExactly(a, b, c, d, e, later);

        Cursor atC = Cursor.of(c);
        assertThat(atC.compareTo(a)).isPositive();
        assertThat(atC.compareTo(b)).isPositive();
        assertThat(atC.compareTo(c)).isZero();
        assertThat(atC.compareTo(d)).isNegative();
        assertThat(atC.compareTo(e)).isNegative();
        assertThat(atC.compareTo(later)).isNegative();
    }

    private static Feedback feedback(Instant receivedAt, String uuid) {
        TenantId tenant = TenantId.of("t");
        return LIFECYCLE.receive(FeedbackId.of(UUID.fromString(uuid)), ReferenceNumber.of("FB", 2026, 1),
                Fixtures.minimalIntake(tenant, "x").build(), receivedAt, receivedAt);
    }
}
