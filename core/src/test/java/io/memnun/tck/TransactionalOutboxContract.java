package io.memnun.tck;

import static io.memnun.tck.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.DuplicateKeyException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Command;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.Lifecycle;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.OutboxStore;
import io.memnun.spi.TransactionalOutbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules for a {@link FeedbackStore} that is also a {@link TransactionalOutbox}: a change's notifications are
 * written with it, and a change that is refused writes none of them.
 */
public abstract class TransactionalOutboxContract {
    private static final Lifecycle LIFECYCLE = new Lifecycle(Lifecycle.Rules.defaults());

    protected FeedbackStore store;
    protected OutboxStore outbox;
    protected TenantId tenant;

    /** A feedback store that implements {@link TransactionalOutbox}. */
    protected abstract FeedbackStore createStore();

    @BeforeEach
    void setUpStore() {
        store = createStore();
        assertThat(store).isInstanceOf(TransactionalOutbox.class);
        outbox = ((TransactionalOutbox) store).outbox();
        tenant = Fixtures.newTenant("txoutbox");
    }

    private Feedback received(long sequence) {
        return LIFECYCLE.receive(Fixtures.randomId(), ReferenceNumber.of("TX", 2026, sequence),
                Fixtures.richIntake(tenant).intakeKey("key-" + sequence).build(), T0, T0);
    }

    @Test
    void aCreateWritesItsNotifications() {
        Feedback f = received(1);
        Notification n = OutboxFixtures.email(tenant, f.id(), 1, "a@örnek.com.tr", T0);
        store.save(new FeedbackChange(f, 0, List.of(Lifecycle.receivedEvent(f, Actor.SYSTEM, T0)), List.of(n)));

        assertThat(store.find(tenant, f.id())).isPresent();
        assertThat(outbox.find(n.id()).orElseThrow().notification()).isEqualTo(n);
    }

    @Test
    void anUpdateWritesItsNotifications() {
        Feedback f = received(2);
        store.save(FeedbackChange.create(f, Lifecycle.receivedEvent(f, Actor.SYSTEM, T0)));
        Lifecycle.Transition t = LIFECYCLE.apply(f, new Command.Take(Fixtures.AYSE, null), T0.plusSeconds(1));
        Notification n = OutboxFixtures.sms(tenant, f.id(), 2, "+905321234567", T0);

        store.save(new FeedbackChange(t.after(), 1, List.of(t.event()), List.of(n)));

        assertThat(outbox.find(n.id())).isPresent();
    }

    @Test
    void aStaleUpdateWritesNoNotification() {
        Feedback f = received(3);
        store.save(FeedbackChange.create(f, Lifecycle.receivedEvent(f, Actor.SYSTEM, T0)));
        Lifecycle.Transition t = LIFECYCLE.apply(f, new Command.Take(Fixtures.AYSE, null), T0.plusSeconds(1));
        store.save(FeedbackChange.update(t.after(), 1, t.event()));
        Notification n = OutboxFixtures.sms(tenant, f.id(), 2, "+905321234567", T0);

        assertThatThrownBy(() -> store.save(new FeedbackChange(t.after(), 1, List.of(t.event()), List.of(n))))
                .isInstanceOf(VersionConflictException.class);

        assertThat(outbox.find(n.id())).isEmpty();
    }

    @Test
    void aDuplicateCreateWritesNoNotification() {
        Feedback f = received(4);
        FeedbackEvent event = Lifecycle.receivedEvent(f, Actor.SYSTEM, T0);
        store.save(FeedbackChange.create(f, event));
        Notification n = OutboxFixtures.email(tenant, f.id(), 1, "b@örnek.com.tr", T0);

        assertThatThrownBy(() -> store.save(new FeedbackChange(f, 0, List.of(event), List.of(n))))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(outbox.find(n.id())).isEmpty();
    }

    @Test
    void aChangeWhoseNotificationExistsAlreadyWritesNothing() {
        Feedback f = received(5);
        store.save(FeedbackChange.create(f, Lifecycle.receivedEvent(f, Actor.SYSTEM, T0)));
        Notification n = OutboxFixtures.sms(tenant, f.id(), 2, "+905321234567", T0);
        outbox.enqueue(List.of(n));
        Lifecycle.Transition t = LIFECYCLE.apply(f, new Command.Take(Fixtures.AYSE, null), T0.plusSeconds(1));

        assertThatThrownBy(() -> store.save(new FeedbackChange(t.after(), 1, List.of(t.event()), List.of(n))))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(store.find(tenant, f.id()).orElseThrow().version()).isEqualTo(1);
        assertThat(store.history(tenant, f.id())).hasSize(1);
    }
}
