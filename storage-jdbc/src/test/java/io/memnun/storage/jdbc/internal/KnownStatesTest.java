package io.memnun.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Command;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
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
    }

    @Test
    void aStateForgottenBeforeItsAnonymisationCommitsDoesNotComeBackFromAReadOfTheOlderRow() {
        TenantId tenant = Fixtures.newTenant("known");
        Lifecycle lifecycle = new Lifecycle(Lifecycle.Rules.defaults());
        Feedback v1 = lifecycle.receive(Fixtures.randomId(), ReferenceNumber.of("FB", 2026, 2),
                Fixtures.minimalIntake(tenant, "Şükrü Bey'in odası soğuk").build(), T0, T0);
        Feedback v2 = lifecycle.apply(v1, new Command.Take(Fixtures.AYSE, null), T0.plusSeconds(60)).after();
        KnownStates known = new KnownStates();
        known.written(v1, null);

        // the anonymisation to version 2 is under way (in a host's transaction, say); another thread reads version 1
        known.forget(v2);
        known.read(v1);

        assertThat(known.of(tenant, v1.id())).isNull();
        assertThat(known.of(tenant, v1.reference())).isNull();
        assertThat(known.at(tenant, v1.id(), 1)).isNull();
        // once version 2 is read (or written), it is kept as usual
        known.read(v2);
        assertThat(known.of(tenant, v1.id()).feedback()).isEqualTo(v2);
        assertThat(known.of(tenant, v1.reference()).feedback()).isEqualTo(v2);
    }

    private static int slot(Object key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & 1023;
    }

    @Test
    void theBarHoldsWhileAnotherFeedbackTakesTheSlot() {
        TenantId tenant = Fixtures.newTenant("known");
        Lifecycle lifecycle = new Lifecycle(Lifecycle.Rules.defaults());
        Feedback v1 = lifecycle.receive(Fixtures.randomId(), ReferenceNumber.of("FB", 2026, 7),
                Fixtures.minimalIntake(tenant, "Şükrü Bey'in odası soğuk").build(), T0, T0);
        Feedback v2 = lifecycle.apply(v1, new Command.Take(Fixtures.AYSE, null), T0.plusSeconds(60)).after();
        FeedbackId neighbourId;
        do {
            neighbourId = Fixtures.randomId();
        } while (slot(neighbourId) != slot(v1.id()));
        Feedback neighbour = lifecycle.receive(neighbourId, ReferenceNumber.of("FB", 2026, 9_000_001),
                Fixtures.minimalIntake(tenant, "başka bir şikayet").build(), T0, T0);
        KnownStates known = new KnownStates();
        known.written(v1, null);

        known.forget(v2);
        known.read(neighbour);
        known.read(v1);

        assertThat(known.of(tenant, v1.id())).isNull();
        assertThat(known.of(tenant, neighbourId).feedback()).isEqualTo(neighbour);
        known.written(v2, null);
        known.read(v1);
        assertThat(known.of(tenant, v1.id()).feedback()).isEqualTo(v2);
    }
}
