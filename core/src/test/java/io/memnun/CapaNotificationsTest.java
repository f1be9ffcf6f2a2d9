package io.memnun;

import static io.memnun.NotificationFixture.HOTEL;
import static io.memnun.NotificationFixture.HOUSEKEEPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaEventType;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CapaNumber;
import io.memnun.capa.CapaStatus;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.InvalidReferenceNumberException;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.OutboxMessage;
import io.memnun.notify.Party;
import io.memnun.store.memory.InMemoryCapaStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrective actions' numbers, reminders and overdue notices through the outbox, and effectiveness from complaint counts. */
class CapaNotificationsTest {
    private static final Actor QUALITY = Actor.staff("kalite");
    private final MutableClock clock = NotificationFixture.clock();
    private final InMemoryFeedbackStore feedbackStore = new InMemoryFeedbackStore();
    private final InMemoryCapaStore capaStore = new InMemoryCapaStore(feedbackStore.outbox());
    private FeedbackDesk desk;
    private CapaDesk capa;

    @BeforeEach
    void setUp() {
        desk = FeedbackDesk.builder().store(feedbackStore).clock(clock).notifications(NotificationFixture.notifications().build()).build();
        capa = CapaDesk.builder(desk).store(capaStore).reminderBefore(Duration.ofDays(2)).build();
    }

    private CorrectiveAction open() {
        return capa.open(HOTEL, CapaKind.PREVENTIVE, "Klima bakımı", "Yaz öncesi klimalar denetlenmiyor", Origin.standalone(), HOUSEKEEPING,
                QUALITY);
    }

    /** The messages about corrective actions written since the last look. */
    private List<Notification> capaMessages() {
        List<Notification> out = new ArrayList<>();
        for (OutboxMessage m : feedbackStore.outbox().claim("test", clock.instant().plus(Duration.ofDays(3650)), Duration.ofMinutes(1), 1000)) {
            if (m.notification().owner().kind().equals(MessageOwner.CORRECTIVE_ACTION)) {
                out.add(m.notification());
            }
            // taken: a later look finds only what was written since
            feedbackStore.outbox().markSent(m.id(), "test", clock.instant(), "seen");
        }
        return out;
    }

    @Test
    void actionsAreNumberedPerTenantAndYearAndFoundByTheNumberAsTyped() {
        CorrectiveAction first = open();
        CorrectiveAction second = open();
        assertThat(first.number()).isEqualTo(CapaNumber.of("DOF", 2026, 1));
        assertThat(second.number()).isEqualTo(CapaNumber.of("DOF", 2026, 2));
        String typed = "dÖf 2026 000002 " + second.number().value().checkDigit();
        assertThat(capa.find(HOTEL, typed)).contains(second);
        assertThat(capa.find(HOTEL, second.number().toString())).contains(second);
        assertThat(capa.find(io.memnun.feedback.TenantId.of("baska-otel"), second.number().toString())).isEmpty();
        String mistyped = "DOF-2026-000002-" + (second.number().value().checkDigit() + 1) % 10;
        assertThatThrownBy(() -> capa.find(HOTEL, mistyped)).isInstanceOf(InvalidReferenceNumberException.class);
        assertThat(capa.history(HOTEL, first.id()).get(0).details()).containsEntry("number", first.number().toString());
        // feedback numbers draw from the same sequence under their own prefix, so they are unaffected
        assertThat(desk.receive(NotificationFixture.complaint(NotificationFixture.customer()).build()).reference().sequence()).isEqualTo(1);
        assertThatThrownBy(() -> CapaDesk.builder(desk).store(new InMemoryCapaStore()).numberPrefix("FB").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("numberPrefix"));
    }

    /**
     * A reminder that cannot be planned never blocks the reminder's mark, but a conflict in the host's transaction (met
     * by the host's own check of a number, reading its database in that transaction) is not such a failure: the tick
     * throws it and marks nothing. One outside the host's transaction is recorded on the event as not notified.
     */
    @Test
    void aConflictInTheHostsTransactionWhilePlanningAReminderEndsTheTickAndOneOutsideItIsRecordedAsNotNotified() {
        for (boolean inHostTransaction : new boolean[] {false, true}) {
            InMemoryFeedbackStore feedback = new InMemoryFeedbackStore();
            io.memnun.error.TransactionConflictException conflict = SlaMonitorTest.conflict(inHostTransaction);
            FeedbackDesk d = FeedbackDesk.builder().store(feedback).clock(clock).notifications(NotificationFixture.notifications()
                    .smsReachable(phone -> {
                        throw conflict;
                    }).build()).build();
            CapaDesk c = CapaDesk.builder(d).store(new InMemoryCapaStore(feedback.outbox())).reminderBefore(Duration.ofDays(2))
                    .drivenBySlaMonitor(false).build();
            CorrectiveAction a = c.open(HOTEL, CapaKind.PREVENTIVE, "Klima bakımı", "Yaz öncesi klimalar denetlenmiyor", Origin.standalone(),
                    HOUSEKEEPING, QUALITY);
            // the department's own contact is its duty phone
            c.execute(HOTEL, a.id(), new CapaCommand.AddItem(QUALITY, ActionItem.Kind.TRAINING, "Bakım eğitimi", HOUSEKEEPING, null,
                    clock.instant().plus(Duration.ofDays(5))));
            Instant reminder = clock.instant().plus(Duration.ofDays(3));

            if (inHostTransaction) {
                assertThatThrownBy(() -> c.tick(reminder)).isSameAs(conflict);
                assertThat(c.history(HOTEL, a.id())).noneMatch(e -> e.type() == CapaEventType.ITEM_DUE_SOON);
            } else {
                assertThat(c.tick(reminder)).isEqualTo(1);
                assertThat(c.history(HOTEL, a.id()).stream().filter(e -> e.type() == CapaEventType.ITEM_DUE_SOON).findFirst().orElseThrow()
                        .details()).hasEntrySatisfying("notify.DEPARTMENT", v -> assertThat(v).startsWith("not notified: could not save feedback"));
            }
            assertThat(feedback.outbox().all()).isEmpty();
        }
    }

    @Test
    void theSlaMonitorRemindsBeforeTheDueDateAndTellsOfOverdueItemsOnceThroughTheOutbox() {
        CorrectiveAction a = open();
        Instant due1 = clock.instant().plus(Duration.ofDays(5));
        Instant due2 = clock.instant().plus(Duration.ofDays(7));
        capa.execute(HOTEL, a.id(), new CapaCommand.AddItem(QUALITY, ActionItem.Kind.TRAINING, "Bakım eğitimi", HOUSEKEEPING, null, due1));
        capa.execute(HOTEL, a.id(), new CapaCommand.AddItem(QUALITY, ActionItem.Kind.MEETING, "Vardiya toplantısı", HOUSEKEEPING,
                StaffId.of("ayse.yilmaz"), due2));
        // an item due sooner than the reminder lead gets no reminder
        capa.execute(HOTEL, a.id(), new CapaCommand.AddItem(QUALITY, ActionItem.Kind.OTHER, "Filtre değişimi", DepartmentId.of("teknik"), null,
                clock.instant().plus(Duration.ofDays(1))));
        assertThat(capa.get(HOTEL, a.id()).items()).extracting(ActionItem::remindAt)
                .containsExactly(due1.minus(Duration.ofDays(2)), due2.minus(Duration.ofDays(2)), null);
        SlaMonitor monitor = desk.slaMonitor();

        clock.advance(Duration.ofDays(3));
        // item 3 is overdue (its department has no contacts), item 1 due soon
        assertThat(monitor.tick()).isEqualTo(2);
        assertThat(monitor.tick()).isZero();
        List<Notification> first = capaMessages();
        assertThat(first).singleElement().satisfies(n -> {
            assertThat(n.template()).isEqualTo("staff/CAPA_ITEM_DUE_SOON");
            assertThat(n.party()).isEqualTo(Party.DEPARTMENT);
            assertThat(n.channel()).isEqualTo(ContactChannel.SMS);
            assertThat(n.address()).isEqualTo("+905551112233");
            assertThat(n.owner()).isEqualTo(new MessageOwner(MessageOwner.CORRECTIVE_ACTION, a.id().value(), a.number().toString()));
            assertThat(n.text()).isEqualTo(a.number() + " madde 1 son tarihi 21 Mart 2026 10:00: Bakım eğitimi");
        });
        List<CapaEvent> history = capa.history(HOTEL, a.id());
        CapaEvent overdue3 = history.stream().filter(e -> e.type() == CapaEventType.ITEM_OVERDUE).findFirst().orElseThrow();
        assertThat(overdue3.details()).containsEntry("item", "3")
                .containsEntry("notify.DEPARTMENT", "not notified: the directory has no contact for department teknik")
                .containsEntry("notify.DEPARTMENT_HEAD", "not notified: the directory has no head of department teknik");
        assertThat(history.stream().filter(e -> e.type() == CapaEventType.ITEM_DUE_SOON).findFirst().orElseThrow().details())
                .containsEntry("notify.DEPARTMENT", "SMS");

        clock.advance(Duration.ofDays(3));
        // item 1 overdue: its department and the department's head; item 2 due soon: its person
        assertThat(monitor.tick()).isEqualTo(2);
        List<Notification> second = capaMessages();
        assertThat(second).extracting(Notification::template, Notification::party, Notification::address).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("staff/CAPA_ITEM_OVERDUE", Party.DEPARTMENT, "+905551112233"),
                org.assertj.core.groups.Tuple.tuple("staff/CAPA_ITEM_OVERDUE", Party.DEPARTMENT_HEAD, "fatma@otel.example"),
                org.assertj.core.groups.Tuple.tuple("staff/CAPA_ITEM_DUE_SOON", Party.ASSIGNEE, "ayse@otel.example"));
        Notification toHead = second.stream().filter(n -> n.party().equals(Party.DEPARTMENT_HEAD)).findFirst().orElseThrow();
        assertThat(toHead.subject()).isEqualTo("Eylem maddesi gecikti: " + a.number() + " madde 1");
        assertThat(toHead.text()).startsWith("Merhaba Fatma Kaya,").contains("Bakım eğitimi").contains("21 Mart 2026 10:00");

        // done items are neither reminded nor escalated again
        capa.execute(HOTEL, a.id(), new CapaCommand.CompleteItem(QUALITY, 2, "Toplantı yapıldı"));
        clock.advance(Duration.ofDays(30));
        assertThat(monitor.tick()).isZero();
        assertThat(capaMessages()).isEmpty();
        assertThat(capa.history(HOTEL, a.id())).filteredOn(e -> e.type() == CapaEventType.ITEM_OVERDUE).extracting(e -> e.details().get("item"))
                .containsExactly("3", "1");
    }

    @Test
    void twoNodesTickingAtOnceWriteEachNoticeOnceAndDeliveriesAreRecordedInTheActionsHistory() throws Exception {
        List<CorrectiveAction> actions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CorrectiveAction a = open();
            capa.execute(HOTEL, a.id(), new CapaCommand.AddItem(QUALITY, ActionItem.Kind.TRAINING, "Eğitim " + i, HOUSEKEEPING,
                    StaffId.of("ayse.yilmaz"), clock.instant().plus(Duration.ofHours(1))));
            actions.add(a);
        }
        // a second node: its own desks on the same stores
        FeedbackDesk deskB = FeedbackDesk.builder().store(feedbackStore).clock(clock).notifications(NotificationFixture.notifications().build())
                .build();
        CapaDesk capaB = CapaDesk.builder(deskB).store(capaStore).build();
        clock.advance(Duration.ofHours(2));
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int total = 0;
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                SlaMonitor monitor = (i % 2 == 0 ? desk : deskB).slaMonitor();
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return monitor.tick();
                }));
            }
            for (Future<Integer> r : results) {
                total += r.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(total).isEqualTo(4);

        // each overdue item: one message to the person and one to the head of department, written once
        ScriptedChannel mail = new ScriptedChannel().then(io.memnun.notify.SendResult.retryable("421 try later"));
        NotificationDispatcher dispatcher = NotificationDispatcher.builder(desk).channel(ContactChannel.EMAIL, mail)
                .recorder(MessageOwner.CORRECTIVE_ACTION, capaB.deliveries()).backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).jitter(0)
                .build();
        assertThat(dispatcher.tick()).isEqualTo(8);
        clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher.tick()).isEqualTo(1);
        assertThat(mail.sent).hasSize(9);
        assertThat(mail.sent.stream().map(Notification::id).distinct()).hasSize(8);
        for (CorrectiveAction a : actions) {
            List<CapaEvent> h = capa.history(HOTEL, a.id());
            assertThat(h).filteredOn(e -> e.type() == CapaEventType.ITEM_OVERDUE).hasSize(1);
            assertThat(h).filteredOn(e -> e.type() == CapaEventType.NOTIFICATION_SENT).hasSize(2)
                    .allSatisfy(e -> assertThat(e.details()).containsKeys("message", "providerId", "address"));
        }
        assertThat(actions.stream().flatMap(a -> capa.history(HOTEL, a.id()).stream()))
                .filteredOn(e -> e.type() == CapaEventType.NOTIFICATION_FAILED).singleElement()
                .satisfies(e -> assertThat(e.note()).contains("421 try later"));
    }

    @Test
    void effectivenessIsMeasuredByTheComplaintsOnTheSubjectBeforeAndAfterTheAction() {
        SubjectId klima = SubjectId.of("klima");
        for (int i = 0; i < 3; i++) {
            desk.receive(NotificationFixture.complaint(NotificationFixture.customer()).subject(klima).build());
        }
        // not counted: another subject, and a request on the same subject
        desk.receive(NotificationFixture.complaint(NotificationFixture.customer()).subject(SubjectId.of("gurultu")).build());
        desk.receive(io.memnun.feedback.Intake.builder(HOTEL, FeedbackKind.REQUEST, io.memnun.feedback.Channel.WEB_FORM, "Ek battaniye")
                .subject(klima).customer(NotificationFixture.customer()).build());
        clock.advance(Duration.ofDays(1));
        CorrectiveAction a = capa.open(HOTEL, CapaKind.PREVENTIVE, "Klima arızaları", "Klima şikâyetleri arttı", Origin.trend(klima),
                DepartmentId.of("teknik"), QUALITY);
        clock.advance(Duration.ofDays(10));
        assertThatThrownBy(() -> capa.measureEffectiveness(HOTEL, a.id(), Duration.ofDays(30)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("window"));
        clock.advance(Duration.ofDays(25));
        desk.receive(NotificationFixture.complaint(NotificationFixture.customer()).subject(klima).build());

        CapaDesk.ComplaintCounts counts = capa.measureEffectiveness(HOTEL, a.id(), Duration.ofDays(30));
        assertThat(counts.before()).isEqualTo(3);
        assertThat(counts.after()).isEqualTo(1);
        assertThat(counts.dropped()).isTrue();
        CorrectiveAction verified = capa.verifyByComplaints(HOTEL, a.id(), QUALITY, Duration.ofDays(30));
        assertThat(verified.verification().effective()).isTrue();
        assertThat(verified.verification().before()).isEqualTo(3);
        assertThat(verified.verification().after()).isEqualTo(1);
        assertThat(verified.verification().result()).startsWith("Complaints on klima: 3 received").contains("(dropped)");
        assertThat(capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, null)).status()).isEqualTo(CapaStatus.CLOSED);

        // without a subject there is nothing to count
        CorrectiveAction none = open();
        assertThatThrownBy(() -> capa.measureEffectiveness(HOTEL, none.id(), Duration.ofDays(1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("subject"));
    }

    @Test
    void complaintsThatDidNotDropLeaveTheActionOpen() {
        SubjectId gurultu = SubjectId.of("gurultu");
        desk.receive(NotificationFixture.complaint(NotificationFixture.customer()).subject(gurultu).build());
        clock.advance(Duration.ofHours(1));
        CorrectiveAction a = capa.open(HOTEL, CapaKind.PREVENTIVE, "Gürültü", "Gürültü şikâyetleri", Origin.trend(gurultu), HOUSEKEEPING, QUALITY);
        clock.advance(Duration.ofDays(8));
        desk.receive(NotificationFixture.complaint(NotificationFixture.customer()).subject(gurultu).build());
        desk.receive(NotificationFixture.complaint(NotificationFixture.customer()).subject(gurultu).build());
        CorrectiveAction verified = capa.verifyByComplaints(HOTEL, a.id(), QUALITY, Duration.ofDays(7));
        assertThat(verified.verification().effective()).isFalse();
        assertThat(verified.verification().result()).contains("(did not drop)");
        assertThatThrownBy(() -> capa.execute(HOTEL, a.id(), new CapaCommand.Close(QUALITY, null)))
                .hasMessageContaining("not effective");
    }

    @Test
    void aDeskThatNotifiesNeedsACapaStoreThatWritesAnOutbox() {
        io.memnun.spi.CapaStore withoutOutbox = new io.memnun.testing.ForwardingCapaStore(capaStore);
        assertThatThrownBy(() -> CapaDesk.builder(desk).store(withoutOutbox).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("store"));
        FeedbackDesk silent = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
        assertThat(CapaDesk.builder(silent).store(withoutOutbox).build()).isNotNull();
    }
}
