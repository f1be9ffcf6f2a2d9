package io.memnun.tck;

import static io.memnun.tck.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CapaLifecycle;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.capa.RootCause;
import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.TenantId;
import io.memnun.spi.CapaStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
}
