package io.memnun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.NotFoundException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Command;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Page;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.AccessDeniedException;
import io.memnun.privacy.Viewer;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staff see and change only their departments' feedback unless a wider role says otherwise. */
class ScopedDeskTest {
    private static final TenantId HOTEL = TenantId.of("bogazici-otel");
    private static final DepartmentId HOUSEKEEPING = DepartmentId.of("kat-hizmetleri");
    private static final DepartmentId KITCHEN = DepartmentId.of("mutfak");
    private static final DepartmentId SPA = DepartmentId.of("spa");

    private final MutableClock clock = MutableClock.at("2026-03-16T07:00:00Z");
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).build();
    private final Viewer ayse = Viewer.ofDepartments(StaffId.of("ayse"), HOUSEKEEPING);
    private final Viewer chef = Viewer.ofDepartments(StaffId.of("sef"), KITCHEN, SPA);
    private final Viewer quality = Viewer.allDepartments(StaffId.of("kalite"));
    private final Viewer officer = new Viewer(StaffId.of("kvkk"), Set.of(), Set.of(Viewer.Role.PRIVACY_OFFICER));
    private final List<Feedback> housekeeping = new ArrayList<>();
    private final List<Feedback> kitchenAndSpa = new ArrayList<>();
    private Feedback unrouted;

    @BeforeEach
    void feedback() {
        for (int i = 0; i < 7; i++) {
            housekeeping.add(receive(HOUSEKEEPING, "Havlu eksik " + i));
            kitchenAndSpa.add(receive(i % 2 == 0 ? KITCHEN : SPA, "Yemek soğuk " + i));
        }
        unrouted = receive(null, "Nereye yazacağımı bilemedim");
    }

    private Feedback receive(DepartmentId department, String text) {
        clock.advance(Duration.ofMinutes(1));
        return desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.WEB_FORM, text).department(department).build());
    }

    @Test
    void getFindAndHistoryOfAnotherDepartmentAreDenied() {
        Feedback theirs = kitchenAndSpa.get(0);
        ScopedDesk mine = desk.scopedTo(ayse);

        assertThat(mine.get(HOTEL, housekeeping.get(0).id()).id()).isEqualTo(housekeeping.get(0).id());
        assertThat(mine.history(HOTEL, housekeeping.get(0).reference())).hasSize(1);
        assertThatThrownBy(() -> mine.get(HOTEL, theirs.id())).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
            assertThat(e.staff()).isEqualTo("ayse");
            assertThat(e.action()).isEqualTo("view");
            assertThat(e.getMessage()).doesNotContain("Yemek");
        });
        assertThatThrownBy(() -> mine.find(HOTEL, theirs.reference())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> mine.history(HOTEL, theirs.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> mine.get(HOTEL, unrouted.id())).isInstanceOf(AccessDeniedException.class);
        // a missing feedback is still just missing
        assertThatThrownBy(() -> mine.get(HOTEL, ReferenceNumber.of("FB", 2026, 999))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void queriesAndCountsLeaveOtherDepartmentsOutAcrossPages() {
        FeedbackQuery all = FeedbackQuery.builder(HOTEL).limit(3).build();

        assertThat(walk(desk.scopedTo(ayse), all)).containsExactlyElementsOf(housekeeping);
        assertThat(walk(desk.scopedTo(chef), all)).containsExactlyElementsOf(kitchenAndSpa);
        assertThat(walk(desk.scopedTo(quality), all)).hasSize(15);
        assertThat(walk(desk.scopedTo(officer), all)).hasSize(15);

        assertThat(desk.scopedTo(ayse).count(all)).isEqualTo(7);
        assertThat(desk.scopedTo(chef).count(all)).isEqualTo(7);
        assertThat(desk.scopedTo(quality).count(all)).isEqualTo(15);
        assertThat(desk.scopedTo(ayse).count(FeedbackQuery.builder(HOTEL).department(KITCHEN).build())).isZero();
        assertThat(desk.scopedTo(chef).count(FeedbackQuery.builder(HOTEL).department(SPA).build())).isEqualTo(3);
    }

    private static List<Feedback> walk(ScopedDesk scoped, FeedbackQuery first) {
        List<Feedback> seen = new ArrayList<>();
        FeedbackQuery q = first;
        while (true) {
            Page<Feedback> page = scoped.query(q);
            assertThat(page.items().size()).isLessThanOrEqualTo(first.limit());
            seen.addAll(page.items());
            if (page.next().isEmpty()) {
                return seen;
            }
            q = q.after(page.next().get());
        }
    }

    @Test
    void commandsOnAnotherDepartmentAreDeniedAndChangeNothing() {
        Feedback theirs = kitchenAndSpa.get(0);
        ScopedDesk mine = desk.scopedTo(ayse);

        assertThatThrownBy(() -> mine.take(HOTEL, theirs.id())).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.action()).isEqualTo("change"));
        assertThatThrownBy(() -> mine.addNote(HOTEL, theirs.id(), "bakarım")).isInstanceOf(AccessDeniedException.class);
        assertThat(desk.get(HOTEL, theirs.id()).version()).isEqualTo(theirs.version());

        Feedback taken = mine.take(HOTEL, housekeeping.get(0).id());
        assertThat(taken.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(taken.assignee()).contains(StaffId.of("ayse"));
    }

    @Test
    void aCommandInSomeoneElsesNameIsDenied() {
        Feedback mineToo = housekeeping.get(1);
        assertThatThrownBy(() -> desk.scopedTo(ayse).execute(HOTEL, mineToo.id(), new Command.Take(Actor.staff("mehmet"), null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(desk.get(HOTEL, mineToo.id()).version()).isEqualTo(mineToo.version());
    }

    @Test
    void wideRolesSeeEverythingButThePrivacyOfficerChangesNothing() {
        Feedback theirs = kitchenAndSpa.get(0);

        assertThat(desk.scopedTo(quality).take(HOTEL, unrouted.id()).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(desk.scopedTo(officer).history(HOTEL, theirs.id())).isNotEmpty();
        assertThatThrownBy(() -> desk.scopedTo(officer).take(HOTEL, theirs.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(desk.get(HOTEL, theirs.id()).status()).isEqualTo(Status.NEW);
    }

    @Test
    void aFeedbackRedirectedAwayBetweenTheScopeCheckAndTheWriteIsNotChanged() {
        java.util.concurrent.atomic.AtomicReference<io.memnun.feedback.FeedbackId> target = new java.util.concurrent.atomic.AtomicReference<>();
        FeedbackDesk plain = FeedbackDesk.builder().store(store).clock(clock).build();
        // the kitchen takes the feedback over right after Ayşe's desk read it for its scope check
        io.memnun.testing.ForwardingFeedbackStore racing = new io.memnun.testing.ForwardingFeedbackStore(store) {
            @Override
            public java.util.Optional<Feedback> find(TenantId tenant, io.memnun.feedback.FeedbackId id) {
                java.util.Optional<Feedback> read = super.find(tenant, id);
                if (target.compareAndSet(id, null)) {
                    plain.redirect(HOTEL, id, Actor.staff("kalite"), KITCHEN, null, "mutfağın işi");
                }
                return read;
            }
        };
        FeedbackDesk raced = FeedbackDesk.builder().store(racing).referenceSequence(store).clock(clock).build();

        Feedback noted = housekeeping.get(2);
        target.set(noted.id());
        assertThatThrownBy(() -> raced.scopedTo(ayse).addNote(HOTEL, noted.id(), "bakarım")).isInstanceOf(AccessDeniedException.class);
        Feedback now = desk.get(HOTEL, noted.id());
        assertThat(now.department()).contains(KITCHEN);
        assertThat(now.version()).isEqualTo(noted.version() + 1);

        Feedback merged = housekeeping.get(3);
        target.set(merged.id());
        assertThatThrownBy(() -> raced.scopedTo(ayse).merge(HOTEL, merged.id(), housekeeping.get(4).id(), null))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(desk.get(HOTEL, merged.id()).isOpen()).isTrue();
        assertThat(desk.get(HOTEL, merged.id()).version()).isEqualTo(merged.version() + 1);
    }

    @Test
    void anOriginalRedirectedAwayJustBeforeTheMergeIsWrittenIsNotLinkedTo() {
        java.util.concurrent.atomic.AtomicReference<io.memnun.feedback.FeedbackId> original = new java.util.concurrent.atomic.AtomicReference<>();
        FeedbackDesk plain = FeedbackDesk.builder().store(store).clock(clock).build();
        // the kitchen takes the original over after every check was made, as the merge is being written
        io.memnun.testing.ForwardingFeedbackStore racing = new io.memnun.testing.ForwardingFeedbackStore(store) {
            @Override
            public void save(io.memnun.spi.FeedbackChange change) {
                io.memnun.feedback.FeedbackId o = original.get();
                if (o != null && change.events().get(0).type() == io.memnun.feedback.EventType.MERGED && original.compareAndSet(o, null)) {
                    plain.redirect(HOTEL, o, Actor.staff("kalite"), KITCHEN, null, "mutfağın işi");
                }
                super.save(change);
            }
        };
        FeedbackDesk raced = FeedbackDesk.builder().store(racing).referenceSequence(store).clock(clock).build();
        Feedback duplicate = housekeeping.get(5);
        Feedback theOriginal = housekeeping.get(6);
        original.set(theOriginal.id());

        assertThatThrownBy(() -> raced.scopedTo(ayse).merge(HOTEL, duplicate.id(), theOriginal.id(), null))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(desk.get(HOTEL, theOriginal.id()).department()).contains(KITCHEN);
        assertThat(desk.get(HOTEL, duplicate.id())).satisfies(d -> {
            assertThat(d.isOpen()).isTrue();
            assertThat(d.mergedInto()).isEmpty();
            assertThat(d.version()).isEqualTo(duplicate.version());
        });
        // without a race the same merge goes through
        assertThat(raced.scopedTo(ayse).merge(HOTEL, duplicate.id(), housekeeping.get(4).id(), null).mergedInto())
                .contains(housekeeping.get(4).id());
    }
}
