package io.memnun.tck;

import static io.memnun.tck.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaEventType;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CapaLifecycle;
import io.memnun.capa.CapaNumber;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.capa.RootCause;
import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.TenantId;
import io.memnun.notify.MessageCategory;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.Party;
import io.memnun.spi.CapaStore;
import io.memnun.spi.OutboxStore;
import io.memnun.spi.TransactionalOutbox;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link CapaStore} must follow; an implementation's test extends it. {@code dueForEscalation} is
 * cross-tenant: the store must hold nothing due before {@link Fixtures#T0} plus ten years but what the tests write.
 */
public abstract class CapaStoreContract {
    protected CapaStore store;
    protected TenantId tenant;

    protected abstract CapaStore createStore();

    @BeforeEach
    void setUpCapaStore() {
        store = createStore();
        tenant = Fixtures.newTenant("capa");
    }

    private CapaLifecycle.Transition opened() {
        return CapaLifecycle.open(CapaId.of(UUID.randomUUID()), tenant, CapaKind.CORRECTIVE, "Klima arızaları", Fixtures.TURKISH_TEXT,
                Origin.standalone(), Fixtures.HOUSEKEEPING, Fixtures.AYSE, T0);
    }

    @Test
    void anActionAndItsHistoryRoundTrip() {
        CapaLifecycle.Transition o = opened();
        store.save(o.after(), 0, o.event());
        CapaLifecycle.Transition item = CapaLifecycle.apply(o.after(), new CapaCommand.AddItem(Fixtures.AYSE, ActionItem.Kind.TRAINING,
                "Klima bakım eğitimi", Fixtures.HOUSEKEEPING, null, T0.plus(Duration.ofDays(7))), T0.plusSeconds(1));
        store.save(item.after(), 1, item.event());
        assertThat(store.find(tenant, o.after().id())).contains(item.after());
        assertThat(store.history(tenant, o.after().id())).containsExactly(o.event(), item.event());
        assertThat(store.find(Fixtures.newTenant("other"), o.after().id())).isEmpty();
        assertThat(store.history(Fixtures.newTenant("other"), o.after().id())).isEmpty();
        assertThat(store.open(tenant)).containsExactly(item.after());
    }

    @Test
    void theSameIdInAnotherTenantIsAnotherActionWithAHistoryOfItsOwn() {
        CapaLifecycle.Transition ours = opened();
        store.save(ours.after(), 0, ours.event());
        TenantId other = Fixtures.newTenant("capa-other");
        CapaLifecycle.Transition theirs = CapaLifecycle.open(ours.after().id(), other, CapaKind.PREVENTIVE, "Başka bir iş", "Başka",
                Origin.standalone(), Fixtures.HOUSEKEEPING, Fixtures.AYSE, T0.plusSeconds(5));

        store.save(theirs.after(), 0, theirs.event());

        assertThat(store.find(tenant, ours.after().id())).contains(ours.after());
        assertThat(store.find(other, ours.after().id())).contains(theirs.after());
        assertThat(store.history(tenant, ours.after().id())).containsExactly(ours.event());
        assertThat(store.history(other, ours.after().id())).containsExactly(theirs.event());
    }

    @Test
    void rootCausesOfBothMethodsRoundTrip() {
        CapaLifecycle.Transition o = opened();
        store.save(o.after(), 0, o.event());
        // five whys carry no fishbone causes, a fishbone no whys: each leaves the other part empty
        CapaLifecycle.Transition whys = CapaLifecycle.apply(o.after(), new CapaCommand.RecordRootCause(Fixtures.AYSE,
                RootCause.fiveWhys(List.of("Klima bozuk", "Bakım yapılmadı"), "Bakım planı yok")), T0.plusSeconds(1));
        store.save(whys.after(), 1, whys.event());
        assertThat(store.find(tenant, o.after().id())).contains(whys.after());
        CapaLifecycle.Transition fishbone = CapaLifecycle.apply(whys.after(), new CapaCommand.RecordRootCause(Fixtures.AYSE,
                RootCause.fishbone(Map.of(RootCause.FishboneCategory.values()[0], List.of("Eğitim eksik")), "Eğitim planı yok")), T0.plusSeconds(2));
        store.save(fishbone.after(), 2, fishbone.event());
        assertThat(store.find(tenant, o.after().id())).contains(fishbone.after());
    }

    @Test
    void staleAndDuplicateWritesAreRefused() {
        CapaLifecycle.Transition o = opened();
        store.save(o.after(), 0, o.event());
        assertThatThrownBy(() -> store.save(o.after(), 0, o.event())).isInstanceOf(DuplicateKeyException.class);
        CapaLifecycle.Transition note = CapaLifecycle.apply(o.after(), new CapaCommand.AddNote(Fixtures.AYSE, "not"), T0);
        store.save(note.after(), 1, note.event());
        CapaLifecycle.Transition stale = CapaLifecycle.apply(o.after(), new CapaCommand.AddNote(Fixtures.MEHMET, "başka"), T0);
        assertThatThrownBy(() -> store.save(stale.after(), 1, stale.event())).isInstanceOf(VersionConflictException.class);
        assertThat(store.history(tenant, o.after().id())).hasSize(2);
        CapaLifecycle.Transition ghost = opened();
        CapaLifecycle.Transition ghostNote = CapaLifecycle.apply(ghost.after(), new CapaCommand.AddNote(Fixtures.AYSE, "yok"), T0);
        assertThatThrownBy(() -> store.save(ghostNote.after(), 1, ghostNote.event())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void dueForEscalationFollowsTheEarliestUnescalatedOpenItem() {
        CapaLifecycle.Transition o = opened();
        store.save(o.after(), 0, o.event());
        CorrectiveAction a = o.after();
        CapaLifecycle.Transition item = CapaLifecycle.apply(a, new CapaCommand.AddItem(Fixtures.AYSE, ActionItem.Kind.MEETING, "Toplantı",
                Fixtures.HOUSEKEEPING, null, T0.plus(Duration.ofDays(1))), T0);
        store.save(item.after(), 1, item.event());
        assertThat(store.dueForEscalation(T0.plus(Duration.ofHours(23)), 10)).isEmpty();
        assertThat(store.dueForEscalation(T0.plus(Duration.ofDays(1)), 10)).extracting(CorrectiveAction::id).containsExactly(a.id());
        CapaLifecycle.Transition esc = CapaLifecycle.escalateOverdue(item.after(), T0.plus(Duration.ofDays(1))).orElseThrow();
        store.save(esc.after(), 2, esc.event());
        assertThat(store.dueForEscalation(T0.plus(Duration.ofDays(3650)), 10)).isEmpty();
    }

    private CapaLifecycle.Transition numbered(long sequence) {
        return CapaLifecycle.open(CapaId.of(UUID.randomUUID()), CapaNumber.of("DOF", 2026, sequence), tenant, CapaKind.PREVENTIVE, "Asansör",
                "Asansör sık arızalanıyor", Origin.standalone(), Fixtures.HOUSEKEEPING, Fixtures.AYSE, T0);
    }

    @Test
    void anActionIsFoundByItsNumberWhichIsUniquePerTenant() {
        CapaLifecycle.Transition o = numbered(12);
        store.save(o.after(), 0, o.event());
        assertThat(store.findByNumber(tenant, CapaNumber.parse("DÖF-2026-000012-" + o.after().number().value().checkDigit())))
                .contains(o.after());
        assertThat(store.find(tenant, o.after().id()).orElseThrow().number()).isEqualTo(CapaNumber.of("DOF", 2026, 12));
        assertThat(store.findByNumber(tenant, CapaNumber.of("DOF", 2026, 13))).isEmpty();
        assertThat(store.findByNumber(Fixtures.newTenant("other"), o.after().number())).isEmpty();

        CapaLifecycle.Transition twin = numbered(12);
        assertThatThrownBy(() -> store.save(twin.after(), 0, twin.event())).isInstanceOf(DuplicateKeyException.class)
                .extracting(e -> ((DuplicateKeyException) e).key()).isEqualTo("number");
        assertThat(store.find(tenant, twin.after().id())).isEmpty();
        assertThat(store.history(tenant, twin.after().id())).isEmpty();
        // another tenant has numbers of its own
        TenantId other = Fixtures.newTenant("capa-other");
        CapaLifecycle.Transition elsewhere = CapaLifecycle.open(CapaId.of(UUID.randomUUID()), CapaNumber.of("DOF", 2026, 12), other,
                CapaKind.PREVENTIVE, "Asansör", "Asansör", Origin.standalone(), Fixtures.HOUSEKEEPING, Fixtures.AYSE, T0);
        store.save(elsewhere.after(), 0, elsewhere.event());
        assertThat(store.findByNumber(other, CapaNumber.of("DOF", 2026, 12))).contains(elsewhere.after());
    }

    @Test
    void theMessagesAChangeCausesAreWrittenWithItOrNotAtAll() {
        Assumptions.assumeTrue(store instanceof TransactionalOutbox, "the store writes no outbox");
        OutboxStore outbox = ((TransactionalOutbox) store).outbox();
        CapaLifecycle.Transition o = numbered(40);
        store.save(o.after(), 0, o.event());
        CapaLifecycle.Transition item = CapaLifecycle.apply(o.after(), new CapaCommand.AddItem(Fixtures.AYSE, ActionItem.Kind.TRAINING,
                "Eğitim", Fixtures.HOUSEKEEPING, null, T0.plus(Duration.ofDays(2))), T0);
        store.save(item.after(), 1, item.event());
        CapaLifecycle.Transition overdue = CapaLifecycle.escalateOverdue(item.after(), T0.plus(Duration.ofDays(2))).orElseThrow();
        Notification notice = capaMessage(o.after(), overdue.event().version());
        store.save(overdue.after(), 2, overdue.event(), List.of(notice));
        assertThat(outbox.find(notice.id()).orElseThrow().notification()).isEqualTo(notice);

        // the loser of a race writes neither its event nor its message
        CapaLifecycle.Transition stale = CapaLifecycle.apply(item.after(), new CapaCommand.AddNote(Fixtures.MEHMET, "geç kaldı"), T0);
        Notification lost = capaMessage(o.after(), 99);
        assertThatThrownBy(() -> store.save(stale.after(), 2, stale.event(), List.of(lost))).isInstanceOf(VersionConflictException.class);
        assertThat(outbox.find(lost.id())).isEmpty();
        assertThat(store.history(tenant, o.after().id())).hasSize(3);
    }

    private Notification capaMessage(CorrectiveAction a, long version) {
        MessageOwner owner = new MessageOwner(MessageOwner.CORRECTIVE_ACTION, a.id().value(), String.valueOf(a.number()));
        String key = Notification.idempotencyKey(owner, version, ContactChannel.EMAIL, "teknik@otel.example");
        return new Notification(Notification.idFor(key), tenant, owner, version, null, "staff/CAPA_ITEM_OVERDUE", Party.DEPARTMENT,
                ContactChannel.EMAIL, "teknik", "Teknik Servis", "teknik@otel.example", Locale.forLanguageTag("tr"), ZoneId.of("Europe/Istanbul"),
                "Eylem maddesi gecikti", "Madde 1 gecikti", null, MessageCategory.TRANSACTIONAL, false, false, key, T0);
    }

    @Test
    void aReminderBeforeTheDueInstantIsACheckpointOfItsOwn() {
        CapaLifecycle.Transition o = opened();
        store.save(o.after(), 0, o.event());
        Instant due = T0.plus(Duration.ofDays(5));
        CapaLifecycle.Transition item = CapaLifecycle.apply(o.after(), new CapaCommand.AddItem(Fixtures.AYSE, ActionItem.Kind.MEETING, "Toplantı",
                Fixtures.HOUSEKEEPING, null, due, due.minus(Duration.ofDays(1))), T0);
        store.save(item.after(), 1, item.event());
        CapaId id = o.after().id();
        assertThat(store.dueForEscalation(due.minus(Duration.ofDays(2)), 1000)).extracting(CorrectiveAction::id).doesNotContain(id);
        assertThat(store.dueForEscalation(due.minus(Duration.ofDays(1)), 1000)).extracting(CorrectiveAction::id).contains(id);
        CapaLifecycle.Transition reminded = CapaLifecycle.escalateOverdue(item.after(), due.minus(Duration.ofDays(1))).orElseThrow();
        assertThat(reminded.event().type()).isEqualTo(CapaEventType.ITEM_DUE_SOON);
        store.save(reminded.after(), 2, reminded.event());
        assertThat(store.find(tenant, id).orElseThrow().items().get(0).remindedAt()).isEqualTo(due.minus(Duration.ofDays(1)));
        assertThat(store.dueForEscalation(due.minusSeconds(1), 1000)).extracting(CorrectiveAction::id).doesNotContain(id);
        assertThat(store.dueForEscalation(due, 1000)).extracting(CorrectiveAction::id).contains(id);
    }
}
