package io.memnun.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Command;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.Lifecycle;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.TenantId;
import io.memnun.tck.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KnownStatesTest {
    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    @Test
    void aReadThatFinishesAfterALaterWriteDoesNotBringTheOlderStateBack() {
        TenantId tenant = Fixtures.newTenant("known");
        Lifecycle lifecycle = new Lifecycle(Lifecycle.Rules.defaults());
        Feedback v1 = lifecycle.receive(Fixtures.randomId(), ReferenceNumber.of("FB", 2026, 1),
                Fixtures.minimalIntake(tenant, "Şükrü Bey'in odası soğuk").build(), T0, T0);
        Feedback v2 = lifecycle.apply(v1, new Command.Take(Fixtures.AYSE, null), T0.plusSeconds(60)).after();
        KnownStates known = new KnownStates();

        known.forget(v1);
        known.written(v2, null);
        known.read(v1);

        assertThat(known.of(tenant, v1.id()).feedback().version()).isEqualTo(2);
        assertThat(known.of(tenant, v1.reference()).feedback().version()).isEqualTo(2);
        // with nothing later kept, a read is kept as usual
        known.forget(v2);
        known.read(v1);
        assertThat(known.of(tenant, v1.id()).feedback().version()).isEqualTo(1);
        known.written(v2, null);
        assertThat(known.of(tenant, v1.id()).feedback().version()).isEqualTo(2);
    }
}
