package io.memnun;

import static io.memnun.tck.FeedbackAssert.assertSameState;
import static io.memnun.tck.Fixtures.AYSE;
import static io.memnun.tck.Fixtures.MEHMET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.IllegalTransitionException;
import io.memnun.feedback.Intake;
import io.memnun.feedback.InvalidReferenceNumberException;
import io.memnun.feedback.Page;
import io.memnun.feedback.Recourse;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.FeedbackStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.testing.CapturedLog;
import io.memnun.testing.ForwardingFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedbackDeskTest {
    private static final int THREADS = 8;
    private static final Duration CLOSING_PERIOD = Duration.ofDays(365);

    private final MutableClock clock = MutableClock.at("2026-03-14T09:26:53.589793Z");
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final TenantId tenant = TenantId.of("otel-a");
    private final TenantId otherTenant = TenantId.of("otel-b");
    private final List<FeedbackEvent> published = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private FeedbackDesk desk() {
        return desk(DeskConfig.defaults());
    }

    private FeedbackDesk desk(DeskConfig config) {
        return FeedbackDesk.builder().store(store).clock(clock).config(config).listener((f, e) -> published.add(e)).build();
    }

    private Intake.Builder complaint(TenantId t, String description) {
        return Intake.builder(t, FeedbackKind.COMPLAINT, Channel.WEB_FORM, description);
    }

    // ---------------------------------------------------------------- intake

    @Test
    void receivingRecordsANewFeedbackWithItsReceiptEvent() {
        FeedbackDesk desk = desk();
        Feedback f = desk.receive(complaint(tenant, "Oda soğuktu").recordedBy(MEHMET).build());

        assertThat(f.status()).isEqualTo(Status.NEW);
        assertThat(f.version()).isEqualTo(1);
        assertThat(f.receivedAt()).isEqualTo(clock.instant());
        assertThat(f.updatedAt()).isEqualTo(clock.instant());
        assertSameState(desk.get(tenant, f.id()), f);
        assertThat(desk.history(tenant, f.id())).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.RECEIVED);
            assertThat(e.actor()).isEqualTo(MEHMET);
            assertThat(e.at()).isEqualTo(clock.instant());
        });
        assertThat(published).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED);
    }

    @Test
    void aFeedbackReceivedEarlierKeepsItsReceiptTime() {
        FeedbackDesk desk = desk();
        Instant letterArrived = clock.instant().minus(Duration.ofDays(3));
        Feedback f = desk.receive(complaint(tenant, "Mektup").receivedAt(letterArrived).build());
        assertThat(f.receivedAt()).isEqualTo(letterArrived);
        assertThat(f.updatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void theSameIntakeKeyTwiceGivesOneFeedback() {
        FeedbackDesk desk = desk();
        Feedback first = desk.receive(complaint(tenant, "Çift gönderim").intakeKey("form-4711").build());
        clock.advance(Duration.ofMinutes(1));
        Feedback again = desk.receive(complaint(tenant, "Çift gönderim (tekrar)").intakeKey("form-4711").build());

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.reference()).isEqualTo(first.reference());
        assertSameState(again, first);
        assertThat(desk.history(tenant, first.id())).hasSize(1);
        assertThat(desk.query(FeedbackQuery.builder(tenant).build()).items()).hasSize(1);
        assertThat(published).hasSize(1);
    }

    @Test
    void theSameIntakeKeyInAnotherTenantIsAnotherFeedback() {
        FeedbackDesk desk = desk();
        Feedback a = desk.receive(complaint(tenant, "A").intakeKey("k").build());
        Feedback b = desk.receive(complaint(otherTenant, "B").intakeKey("k").build());
        assertThat(b.id()).isNotEqualTo(a.id());
        assertThat(b.tenant()).isEqualTo(otherTenant);
    }

    @Test
    void eightThreadsReceivingTheSameIntakeKeyCreateOneFeedback() throws Exception {
        FeedbackDesk desk = desk();
        for (int round = 0; round < 20; round++) {
            String key = "mesaj-" + round;
            List<Feedback> results = concurrently(thread -> desk.receive(complaint(tenant, "gönderim " + thread).intakeKey(key).build()));
            assertThat(results).extracting(Feedback::id).containsOnly(results.get(0).id());
            assertThat(results).extracting(Feedback::reference).containsOnly(results.get(0).reference());
        }
        Page<Feedback> all = desk.query(FeedbackQuery.builder(tenant).limit(100).build());
        assertThat(all.items()).hasSize(20);
        assertThat(all.items()).allSatisfy(f -> assertThat(desk.history(tenant, f.id())).hasSize(1));
        assertThat(published).hasSize(20);
    }

    @Test
    void whenEveryThreadPassesTheLookupBeforeAnyInsertTheLosersGetTheWinnersFeedback() throws Exception {
        CyclicBarrier allLookedUp = new CyclicBarrier(THREADS);
        AtomicInteger gatedLookups = new AtomicInteger();
        FeedbackStore gated = new ForwardingFeedbackStore(store) {
            @Override
            public Optional<Feedback> findByIntakeKey(TenantId t, String intakeKey) {
                Optional<Feedback> found = super.findByIntakeKey(t, intakeKey);
                if (gatedLookups.incrementAndGet() <= THREADS) {
                    await(allLookedUp);
                }
                return found;
            }
        };
        FeedbackDesk desk = FeedbackDesk.builder().store(gated).referenceSequence(store).clock(clock)
                .listener((f, e) -> published.add(e)).build();

        List<Feedback> results = concurrently(thread -> desk.receive(complaint(tenant, "yarış " + thread).intakeKey("aynı").build()));

        assertThat(gatedLookups.get()).as("every loser looked again after its insert was refused").isEqualTo(2 * THREADS - 1);
        assertThat(results).extracting(Feedback::id).containsOnly(results.get(0).id());
        assertThat(store.query(FeedbackQuery.builder(tenant).build()).items()).hasSize(1);
        assertThat(published).hasSize(1);
    }

    /**
     * A store whose lookup cannot see the feedback that refused the insert: one committed after the host's transaction
     * began, at REPEATABLE READ or SERIALIZABLE. Only running the transaction again can find it.
     */
    @Test
    void anIntakeKeyTakenByAReceiptThisTransactionCannotSeeIsATransactionConflict() {
        FeedbackDesk.builder().store(store).referenceSequence(store).clock(clock).build()
                .receive(complaint(tenant, "first").intakeKey("mail-4711").build());
        FeedbackStore snapshot = new ForwardingFeedbackStore(store) {
            @Override
            public Optional<Feedback> findByIntakeKey(TenantId t, String intakeKey) {
                return Optional.empty();
            }
        };
        FeedbackDesk desk = FeedbackDesk.builder().store(snapshot).referenceSequence(store).clock(clock).build();

        assertThatThrownBy(() -> desk.receive(complaint(tenant, "again").intakeKey("mail-4711").build()))
                .isInstanceOfSatisfying(io.memnun.error.TransactionConflictException.class, e -> assertThat(e.inHostTransaction())
                        .as("only a host's transaction reads a snapshot older than the call").isTrue())
                .hasCauseInstanceOf(io.memnun.error.DuplicateKeyException.class).hasMessageNotContaining("mail-4711");
        assertThat(store.query(FeedbackQuery.builder(tenant).build()).items()).hasSize(1);
    }

    // ---------------------------------------------------------------- reference numbers

    @Test
    void referenceNumbersAreUniqueAndCountedPerTenant() {
        FeedbackDesk desk = desk();
        List<ReferenceNumber> a = new ArrayList<>();
        List<ReferenceNumber> b = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            a.add(desk.receive(complaint(tenant, "a" + i).build()).reference());
            b.add(desk.receive(complaint(otherTenant, "b" + i).build()).reference());
        }
        assertThat(a).doesNotHaveDuplicates();
        assertThat(b).doesNotHaveDuplicates();
        assertThat(a.get(0)).isEqualTo(ReferenceNumber.of("FB", 2026, 1));
        assertThat(b.get(0)).isEqualTo(ReferenceNumber.of("FB", 2026, 1));
        for (ReferenceNumber ref : a) {
            assertThat(ref.toString()).matches("FB-2026-\\d{6}-\\d");
            assertThat(ReferenceNumber.parse(ref.toString())).isEqualTo(ref);
            assertThat(desk.findByReference(tenant, ref.toString())).map(Feedback::reference).contains(ref);
        }
    }

    @Test
    void theYearIsTheYearOfReceiptInTheConfiguredZone() {
        clock.set(Instant.parse("2025-12-31T21:30:00Z")); // 00:30 on 1 January 2026 in Istanbul
        FeedbackDesk istanbul = desk(DeskConfig.builder().referenceZone(ZoneId.of("Europe/Istanbul")).build());
        FeedbackDesk utc = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
        assertThat(istanbul.receive(complaint(tenant, "yeni yıl").build()).reference().year()).isEqualTo(2026);
        assertThat(utc.receive(complaint(tenant, "eski yıl").build()).reference().year()).isEqualTo(2025);
    }

    @Test
    void aLateRecordedFeedbackGetsTheYearItWasReceivedAndEachYearCountsFromOne() {
        clock.set(Instant.parse("2026-01-05T10:00:00Z"));
        FeedbackDesk desk = desk();
        ReferenceNumber thisYear = desk.receive(complaint(tenant, "bu yıl").build()).reference();
        ReferenceNumber letter = desk.receive(complaint(tenant, "geçen yılın mektubu")
                .receivedAt(Instant.parse("2025-12-29T15:00:00Z")).build()).reference();
        assertThat(thisYear).hasToString(ReferenceNumber.of("FB", 2026, 1).toString());
        assertThat(letter).isEqualTo(ReferenceNumber.of("FB", 2025, 1));
    }

    @Test
    void aTenantMayHaveItsOwnPrefix() {
        FeedbackDesk desk = desk(DeskConfig.builder().referencePrefix("MEM").tenantPrefix(otherTenant, "SKY").build());
        assertThat(desk.receive(complaint(tenant, "a").build()).reference().toString()).startsWith("MEM-2026-000001-");
        assertThat(desk.receive(complaint(otherTenant, "b").build()).reference().toString()).startsWith("SKY-2026-000001-");
    }

    @Test
    void aFeedbackCanBeNamedByItsReferenceAsACustomerTypesIt() {
        FeedbackDesk desk = desk();
        Feedback f = desk.receive(complaint(tenant, "x").build());
        String typed = " " + f.reference().toString().toLowerCase().replace("-", " ") + " ";
        assertThat(desk.findByReference(tenant, typed)).map(Feedback::id).contains(f.id());
        assertThat(desk.take(tenant, f.reference(), AYSE).status()).isEqualTo(Status.IN_PROGRESS);

        String mistyped = f.reference().toString().substring(0, f.reference().toString().length() - 1)
                + ((f.reference().checkDigit() + 1) % 10);
        assertThatThrownBy(() -> desk.findByReference(tenant, mistyped)).isInstanceOf(InvalidReferenceNumberException.class);
        assertThat(desk.findByReference(tenant, ReferenceNumber.of("FB", 2026, 99).toString())).isEmpty();
    }

    // ---------------------------------------------------------------- tenants

    @Test
    void anotherTenantCannotLoadQueryChangeOrReadTheHistoryOfAFeedback() {
        FeedbackDesk desk = desk();
        Feedback firstOfA = desk.receive(complaint(tenant, "ilk").build());
        Feedback f = desk.receive(complaint(tenant, "gizli").intakeKey("k-1").build());
        Feedback onlyOfB = desk.receive(complaint(otherTenant, "onların").build());
        published.clear();
        // both tenants have a number 1; each sees only its own
        assertThat(onlyOfB.reference()).isEqualTo(firstOfA.reference());
        assertThat(desk.get(otherTenant, firstOfA.reference()).id()).isEqualTo(onlyOfB.id());
        assertThat(desk.get(tenant, firstOfA.reference()).id()).isEqualTo(firstOfA.id());

        for (var key : List.of(f.id(), f.reference())) {
            assertThat(desk.find(otherTenant, key)).isEmpty();
            assertThatThrownBy(() -> desk.get(otherTenant, key)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> desk.history(otherTenant, key)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> desk.take(otherTenant, key, AYSE)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> desk.addNote(otherTenant, key, AYSE, "not")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> desk.cancel(otherTenant, key, AYSE, "iptal")).isInstanceOf(NotFoundException.class);
        }
        assertThat(desk.findByReference(otherTenant, f.reference().toString())).isEmpty();
        assertThat(desk.query(FeedbackQuery.builder(otherTenant).customerExternalId(null).status(Status.NEW)
                .kind(FeedbackKind.COMPLAINT).build()).items()).extracting(Feedback::description).containsExactly("onların");

        assertSameState(desk.get(tenant, f.id()), f);
        assertThat(desk.history(tenant, f.id())).hasSize(1);
        assertThat(published).isEmpty();
    }

    // ---------------------------------------------------------------- validation

    @Test
    void invalidIntakeIsRefusedNamingTheFieldAndNothingIsStored() {
        FeedbackDesk desk = desk(DeskConfig.builder().maxDescriptionLength(100).maxAttachments(2).build());
        AttachmentRef photo = new AttachmentRef("p", "foto.jpg", "image/jpeg", 10);
        assertRefused(desk, "description", () -> complaint(tenant, "   ").build());
        assertRefused(desk, "description", () -> complaint(tenant, "x".repeat(101)).build());
        assertRefused(desk, "desiredRemedy", () -> complaint(tenant, "x").desiredRemedy("y".repeat(101)).build());
        assertRefused(desk, "immediateAction", () -> complaint(tenant, "x").immediateAction("z".repeat(101)).build());
        assertRefused(desk, "attachments", () -> complaint(tenant, "x").attachment(photo).attachment(photo).attachment(photo).build());
        assertRefused(desk, "receivedAt", () -> complaint(tenant, "x").receivedAt(clock.instant().plusNanos(1_000)).build());
        assertRefused(desk, "email", () -> complaint(tenant, "x")
                .customer(Customer.builder().email("ali@example").build()).build());
        assertRefused(desk, "email", () -> complaint(tenant, "x")
                .customer(Customer.builder().email("ali@example.com\r\nBcc: kurban@example.com").build()).build());
        assertRefused(desk, "phone", () -> complaint(tenant, "x").customer(Customer.builder().phone("0532 12").build()).build());
        assertRefused(desk, "phone", () -> complaint(tenant, "x").customer(Customer.builder().phone("+90 532 123 45 67 8901").build()).build());
        assertRefused(desk, "phone", () -> complaint(tenant, "x").customer(Customer.builder().phone("0532-CALL-ME").build()).build());
        assertRefused(desk, "customer.name", () -> complaint(tenant, "x").customer(Customer.builder().name("  ").build()).build());
        assertRefused(desk, "customer.name", () -> complaint(tenant, "x").customer(Customer.builder().name("Ali\nVeli").build()).build());
        assertRefused(desk, "intakeKey", () -> complaint(tenant, "x").intakeKey("a\nb").build());
        assertRefused(desk, "context.oda", () -> complaint(tenant, "x").context("oda", "4\u000012").build());

        assertThat(desk.query(FeedbackQuery.builder(tenant).build()).items()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void aRefusedIntakeIsExplainedByItsFieldAndRuleWithoutQuotingWhatTheCustomerGave() {
        // messages end up in the host's logs; the host that passed the intake has every value in hand
        FeedbackDesk desk = desk(DeskConfig.builder().maxDescriptionLength(100).maxAttachmentBytes(1_000).build());
        AttachmentRef scan = new AttachmentRef("p", "Ayşe Yılmaz kimlik.pdf", "application/pdf", 1_001);
        assertRefusedWithout(desk, "attachments", "Yılmaz", () -> complaint(tenant, "x").attachment(scan).build());
        assertRefusedWithout(desk, "email", "yilmaz", () -> complaint(tenant, "x")
                .customer(Customer.builder().email("ayse.yilmaz@example").build()).build());
        assertRefusedWithout(desk, "email", "yilmaz", () -> complaint(tenant, "x")
                .customer(Customer.builder().email("ayse..yilmaz@example.com").build()).build());
        assertRefusedWithout(desk, "phone", "532", () -> complaint(tenant, "x").customer(Customer.builder().phone("0532 123 45 67 dahili").build()).build());
        assertRefusedWithout(desk, "phone", "532", () -> complaint(tenant, "x").customer(Customer.builder().phone("+90 532 123 45 67 8901").build()).build());
        assertRefusedWithout(desk, "description", "Yılmaz", () -> complaint(tenant, "Ayşe Yılmaz ".repeat(10)).build());
        assertThat(desk.query(FeedbackQuery.builder(tenant).build()).items()).isEmpty();
    }

    private void assertRefusedWithout(FeedbackDesk desk, String field, String personal, Supplier<Intake> intake) {
        assertThatThrownBy(() -> desk.receive(intake.get()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageNotContaining(personal);
    }

    @Test
    void aReceiptTimeNoReferenceNumberCanCarryIsRefusedAsReceivedAtAndTakesNoNumber() {
        FeedbackDesk desk = desk();
        assertRefused(desk, "receivedAt", () -> complaint(tenant, "x").receivedAt(Instant.parse("0999-12-31T23:59:59Z")).build());
        assertRefused(desk, "receivedAt", () -> complaint(tenant, "x").receivedAt(Instant.MIN).build());
        assertThat(desk.query(FeedbackQuery.builder(tenant).build()).items()).isEmpty();
        Feedback f = desk.receive(complaint(tenant, "x").receivedAt(Intake.EARLIEST_RECEIVED_AT).build());
        assertThat(f.receivedAt()).isEqualTo(Intake.EARLIEST_RECEIVED_AT);
        assertThat(f.reference().sequence()).isEqualTo(1);
    }

    @Test
    void aReceiptTimeBeforeTheYearsBusinessCalendarsCountIsRefusedAsReceivedAtWithOrWithoutResponseTimeTargets() {
        io.memnun.sla.SlaPolicy policy = io.memnun.sla.SlaPolicy.builder(io.memnun.sla.CalendarRegistry.of(
                        io.memnun.sla.BusinessCalendar.alwaysOpen("desk", ZoneId.of("Europe/Istanbul"))))
                .target(io.memnun.feedback.Priority.NORMAL, io.memnun.sla.SlaTarget.of(io.memnun.feedback.SlaKind.RESOLUTION,
                        Duration.ofHours(24), "desk"))
                .build();
        FeedbackDesk withTargets = FeedbackDesk.builder().store(store).clock(clock).sla(policy).build();
        Instant lastCentury = Instant.parse("1899-12-31T23:59:59.999999999Z");
        for (FeedbackDesk desk : List.of(withTargets, desk())) {
            assertRefused(desk, "receivedAt", () -> complaint(tenant, "x").receivedAt(lastCentury).build());
            assertRefused(desk, "receivedAt", () -> complaint(tenant, "x").receivedAt(Instant.parse("1000-01-01T00:00:00Z")).build());
            assertThatThrownBy(() -> desk.receive(complaint(tenant, "x").receivedAt(lastCentury).build()))
                    .hasMessageContaining("1900-01-01T00:00:00Z");
        }
        assertThat(desk().query(FeedbackQuery.builder(tenant).build()).items()).isEmpty();
        // the first instant calendars count from is taken, and its clock is counted from it
        Feedback f = withTargets.receive(complaint(tenant, "x").receivedAt(Intake.EARLIEST_RECEIVED_AT).build());
        assertThat(f.reference().sequence()).isEqualTo(1);
        assertThat(f.slaClock(io.memnun.feedback.SlaKind.RESOLUTION).orElseThrow().dueAt())
                .isEqualTo(Intake.EARLIEST_RECEIVED_AT.plus(Duration.ofHours(24)));
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        FeedbackDesk desk = desk(DeskConfig.builder().maxDescriptionLength(100).maxAttachments(2).build());
        AttachmentRef photo = new AttachmentRef("p", "foto.jpg", "image/jpeg", 10);
        Feedback f = desk.receive(complaint(tenant, "x".repeat(100)).desiredRemedy("y".repeat(100))
                .attachment(photo).attachment(photo).receivedAt(clock.instant()).build());
        assertThat(f.description()).hasSize(100);
        assertThat(f.attachments()).hasSize(2);
    }

    @Test
    void aRefusedCommandChangesNothingAndPublishesNothing() {
        FeedbackDesk desk = desk();
        Feedback f = desk.receive(complaint(tenant, "x").build());
        published.clear();
        assertThatThrownBy(() -> desk.accept(tenant, f.id(), null)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> desk.execute(tenant, FeedbackId.of(java.util.UUID.randomUUID()), new io.memnun.feedback.Command.AddNote(AYSE, "x")))
                .isInstanceOf(NotFoundException.class);
        assertSameState(desk.get(tenant, f.id()), f);
        assertThat(published).isEmpty();
    }

    @Test
    void aCommandDecidedOnAnOlderVersionIsRefusedAndChangesNothing() {
        FeedbackDesk desk = desk();
        Feedback seen = desk.receive(complaint(tenant, "x").build());
        Feedback taken = desk.take(tenant, seen.id(), AYSE);

        assertThatThrownBy(() -> desk.execute(tenant, seen.id(), seen.version(), new io.memnun.feedback.Command.Cancel(AYSE, "duplicate")))
                .isInstanceOfSatisfying(io.memnun.error.VersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(seen.version());
                    assertThat(e.actualVersion()).isEqualTo(taken.version());
                });
        assertSameState(desk.get(tenant, seen.id()), taken);

        Feedback cancelled = desk.execute(tenant, seen.id(), taken.version(), new io.memnun.feedback.Command.Cancel(AYSE, "duplicate"));
        assertThat(cancelled.status()).isEqualTo(io.memnun.feedback.Status.CANCELLED);
    }

    // ---------------------------------------------------------------- listeners

    @Test
    void listenersAreToldEveryEventAfterItWasStored() {
        List<String> problems = new CopyOnWriteArrayList<>();
        List<FeedbackEvent> seen = new CopyOnWriteArrayList<>();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).listener((f, e) -> {
            Feedback stored = store.find(f.tenant(), f.id()).orElse(null);
            if (stored == null || stored.version() != e.version() || !store.history(f.tenant(), f.id()).contains(e)) {
                problems.add(e.type() + " v" + e.version() + " published before it was stored");
            }
            if (f.version() != e.version()) {
                problems.add(e.type() + " came with feedback v" + f.version());
            }
            seen.add(e);
        }).build();

        Feedback f = desk.receive(complaint(tenant, "x").build());
        desk.take(tenant, f.id(), AYSE);
        desk.plan(tenant, f.id(), AYSE, clock.instant().plus(Duration.ofDays(1)), "yarın");
        desk.addNote(tenant, f.id(), MEHMET, "not");
        desk.resolve(tenant, f.id(), AYSE, "çözüm");
        desk.reject(tenant, f.id(), "hayır", Recourse.external("hakem heyeti"));

        assertThat(problems).isEmpty();
        assertThat(seen).isEqualTo(desk.history(tenant, f.id()));
    }

    @Test
    void aFailingListenerDoesNotBreakTheCommandOrStopOtherListeners() {
        List<FeedbackEvent> seen = new CopyOnWriteArrayList<>();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock)
                .listener((f, e) -> {
                    throw new IllegalStateException("listener bozuk");
                })
                .listener((f, e) -> seen.add(e))
                .build();

        Feedback f = desk.receive(complaint(tenant, "x").build());
        Feedback taken = desk.take(tenant, f.id(), AYSE);

        assertThat(taken.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(desk.get(tenant, f.id()).version()).isEqualTo(2);
        assertThat(seen).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED, EventType.TAKEN);
    }

    /**
     * A listener that meets a conflict in the host's transaction (a survey invitation saved in it, say) cost the host
     * that transaction, the command's own write included: the command throws it rather than answer as if it stood.
     * One in a store call's own transaction is the listener's failure like any other.
     */
    @Test
    void aListenersConflictInTheHostsTransactionFailsTheCommandAndOneOutsideItDoesNot() {
        io.memnun.error.TransactionConflictException[] thrown = new io.memnun.error.TransactionConflictException[1];
        List<FeedbackEvent> seen = new CopyOnWriteArrayList<>();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock)
                .listener((f, e) -> {
                    if (thrown[0] != null) {
                        throw thrown[0];
                    }
                })
                .listener((f, e) -> seen.add(e))
                .build();
        Feedback f = desk.receive(complaint(tenant, "x").build());

        thrown[0] = SlaMonitorTest.conflict(false);
        assertThat(desk.take(tenant, f.id(), AYSE).status()).isEqualTo(Status.IN_PROGRESS);

        thrown[0] = SlaMonitorTest.conflict(true);
        assertThatThrownBy(() -> desk.addNote(tenant, f.id(), MEHMET, "not")).isSameAs(thrown[0]);
        assertThat(seen).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED, EventType.TAKEN);
    }

    // ---------------------------------------------------------------- closing expired feedback

    @Test
    void closeExpiredClosesOnlyFeedbackPastTheClosingPeriod() {
        FeedbackDesk desk = desk();
        Feedback answeredNever = resolved(desk, "cevapsız");
        Feedback rejectedInProgress = rejected(desk, "reddedildi");
        Feedback rejectedPlanned = rejected(desk, "reddedildi, planlı");
        Feedback rejectedWaiting = rejected(desk, "reddedildi, bekliyor");
        Feedback oldButNeverResolved = desk.take(tenant, desk.receive(complaint(tenant, "üzerinde çalışılıyor").build()).id(), AYSE);
        Feedback oldNew = desk.receive(complaint(tenant, "yeni").build());
        Feedback accepted = resolved(desk, "kabul");
        desk.accept(tenant, accepted.id(), null);
        Feedback othersOld = desk.receive(complaint(otherTenant, "başka kiracı").build());
        desk.take(otherTenant, othersOld.id(), AYSE);
        desk.resolve(otherTenant, othersOld.id(), AYSE, "çözüm");

        clock.advance(Duration.ofDays(100));
        Feedback atTheBoundary = resolved(desk, "tam sınırda");
        desk.plan(tenant, rejectedPlanned.id(), AYSE, clock.instant().plus(Duration.ofDays(1)), null);
        desk.awaitCustomer(tenant, rejectedWaiting.id(), AYSE, "?");

        clock.advance(Duration.ofDays(200));
        Feedback recentResolved = resolved(desk, "yeni çözüldü");
        Feedback recentRejected = rejected(desk, "yeni reddedildi");
        // now: exactly one closing period after the boundary case, 465 days after the first ones, 165 after the recent
        clock.set(atTheBoundary.resolvedAt().orElseThrow().plus(CLOSING_PERIOD));
        published.clear();

        assertThat(desk.closeExpired(tenant)).isEqualTo(5);

        assertClosed(desk, answeredNever, ClosureReason.NO_RESPONSE);
        assertClosed(desk, atTheBoundary, ClosureReason.NO_RESPONSE);
        assertClosed(desk, rejectedInProgress, ClosureReason.UNRESOLVED);
        assertClosed(desk, rejectedPlanned, ClosureReason.UNRESOLVED);
        assertClosed(desk, rejectedWaiting, ClosureReason.UNRESOLVED);
        assertThat(desk.get(tenant, oldButNeverResolved.id()).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(desk.get(tenant, oldNew.id()).status()).isEqualTo(Status.NEW);
        assertThat(desk.get(tenant, accepted.id()).closureReason()).contains(ClosureReason.ACCEPTED);
        assertThat(desk.get(tenant, recentResolved.id()).status()).isEqualTo(Status.RESOLVED);
        assertThat(desk.get(tenant, recentRejected.id()).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(desk.get(otherTenant, othersOld.id()).status()).isEqualTo(Status.RESOLVED);
        assertThat(published).hasSize(5).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(EventType.CLOSED);
            assertThat(e.actor()).isEqualTo(Actor.system("closing-period"));
        });

        assertThat(desk.closeExpired(tenant)).as("a second run finds nothing left").isZero();
    }

    @Test
    void closeExpiredWorksThroughMoreThanOnePage() {
        FeedbackDesk desk = desk();
        int count = FeedbackQuery.MAX_LIMIT + 7;
        for (int i = 0; i < count; i++) {
            resolved(desk, "toplu " + i);
        }
        clock.advance(CLOSING_PERIOD);
        assertThat(desk.closeExpired(tenant)).isEqualTo(count);
        assertThat(desk.query(FeedbackQuery.builder(tenant).open().build()).items()).isEmpty();
    }

    /** A closing period reaching back before any receipt memnun takes (1900) ends for nothing yet. */
    @Test
    void closeExpiredWithAClosingPeriodLongerThanAnyHistoryClosesNothing() {
        FeedbackDesk desk = desk(DeskConfig.builder().closingPeriod(Duration.ofDays(365L * 3000)).build());
        Feedback f = resolved(desk, "eski");
        clock.advance(Duration.ofDays(365L * 50));

        assertThat(desk.closeExpired(tenant)).isZero();
        assertThat(desk.get(tenant, f.id()).status()).isEqualTo(Status.RESOLVED);
    }

    /**
     * One feedback the store will not close (a database error, a row it cannot write) is logged and left for the next
     * run; the feedback after it are closed all the same.
     */
    @Test
    void closeExpiredGoesOnPastAFeedbackThatCannotBeClosed() {
        Feedback[] refused = new Feedback[1];
        boolean[] refusing = {true};
        FeedbackDesk desk = FeedbackDesk.builder().store(new ForwardingFeedbackStore(store) {
            @Override
            public void save(FeedbackChange change) {
                if (refusing[0] && refused[0] != null && change.feedback().id().equals(refused[0].id())) {
                    throw new io.memnun.error.StoreException("could not save feedback " + refused[0].reference());
                }
                super.save(change);
            }
        }).referenceSequence(store).clock(clock).build();
        Feedback before = resolved(desk, "önce");
        refused[0] = resolved(desk, "kaydedilemeyen, Veli Bey");
        Feedback after = rejected(desk, "sonra");
        clock.advance(CLOSING_PERIOD);

        String log = CapturedLog.during(() -> assertThat(desk.closeExpired(tenant)).isEqualTo(2));

        assertClosed(desk, before, ClosureReason.NO_RESPONSE);
        assertClosed(desk, after, ClosureReason.UNRESOLVED);
        assertThat(desk.get(tenant, refused[0].id()).status()).isEqualTo(Status.RESOLVED);
        assertThat(log).contains(refused[0].reference().toString()).doesNotContain("Veli Bey");

        refusing[0] = false;
        assertThat(desk.closeExpired(tenant)).as("the next run closes it").isEqualTo(1);
        assertClosed(desk, refused[0], ClosureReason.NO_RESPONSE);
    }

    /**
     * A conflict in the store's own transaction cost only that feedback's closing, which the next run tries again; one
     * in the host's transaction ends the run: the database aborted the transaction, with the closings before it.
     */
    @Test
    void closeExpiredTreatsAConflictAsOneFailureOutsideTheHostsTransactionAndStopsAtItInside() {
        for (boolean inHostTransaction : new boolean[] {false, true}) {
            MutableClock at = MutableClock.at("2026-03-16T07:00:00Z");
            InMemoryFeedbackStore own = new InMemoryFeedbackStore();
            Feedback[] refused = new Feedback[1];
            List<FeedbackId> tried = new ArrayList<>();
            io.memnun.error.TransactionConflictException conflict = SlaMonitorTest.conflict(inHostTransaction);
            FeedbackDesk desk = FeedbackDesk.builder().store(new ForwardingFeedbackStore(own) {
                @Override
                public void save(FeedbackChange change) {
                    if (change.feedback().status() == Status.CLOSED) {
                        tried.add(change.feedback().id());
                        if (change.feedback().id().equals(refused[0].id())) {
                            throw conflict;
                        }
                    }
                    super.save(change);
                }
            }).referenceSequence(own).clock(at).build();
            // the run works from the oldest: the conflict comes first, with work left after it
            refused[0] = resolved(desk, "çakışan");
            at.advance(Duration.ofMinutes(1));
            Feedback other = resolved(desk, "diğeri");
            at.advance(CLOSING_PERIOD);

            if (inHostTransaction) {
                assertThatThrownBy(() -> desk.closeExpired(tenant)).isSameAs(conflict);
                assertThat(tried).as("nothing after the conflict was tried").containsOnly(refused[0].id());
                assertThat(desk.get(tenant, other.id()).status()).isEqualTo(Status.RESOLVED);
            } else {
                assertThat(desk.closeExpired(tenant)).isEqualTo(1);
                assertThat(desk.get(tenant, other.id()).closureReason()).contains(ClosureReason.NO_RESPONSE);
                assertThat(desk.get(tenant, refused[0].id()).status()).isEqualTo(Status.RESOLVED);
            }
        }
    }

    // ---------------------------------------------------------------- queries

    @Test
    void queriesPageThroughTheDesk() {
        FeedbackDesk desk = desk();
        List<FeedbackId> received = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            received.add(desk.receive(complaint(tenant, "sıra " + i).type(FeedbackTypeId.of("t")).build()).id());
            if (i % 3 != 0) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        desk.receive(complaint(otherTenant, "başka").build());

        List<FeedbackId> oldestFirst = walk(desk, FeedbackQuery.builder(tenant).limit(5).build());
        List<FeedbackId> newestFirst = walk(desk, FeedbackQuery.builder(tenant).limit(5).order(FeedbackQuery.Order.NEWEST_FIRST).build());

        assertThat(oldestFirst).hasSize(12).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(received);
        List<FeedbackId> reversed = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(reversed);
        assertThat(oldestFirst).isEqualTo(reversed);
        List<Feedback> inOrder = oldestFirst.stream().map(id -> desk.get(tenant, id)).toList();
        assertThat(inOrder).isSortedAccordingTo(io.memnun.feedback.Cursor.ORDER);
    }

    @Test
    void theBuilderRequiresAStoreAndASequence() {
        assertThatThrownBy(() -> FeedbackDesk.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("store");
        FeedbackStore notASequence = new ForwardingFeedbackStore(store);
        assertThatThrownBy(() -> FeedbackDesk.builder().store(notASequence).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("referenceSequence");
        assertThat(FeedbackDesk.builder().store(notASequence).referenceSequence(store).build()).isNotNull();
    }

    // ---------------------------------------------------------------- concurrent writes

    /**
     * A store that lets another writer save first, once, just before the first staff command's save: the desk's read
     * is then stale and its save conflicts.
     */
    private FeedbackStore racedBy(java.util.function.UnaryOperator<Feedback> otherWriter) {
        AtomicInteger raced = new AtomicInteger();
        return new ForwardingFeedbackStore(store) {
            @Override
            public void save(io.memnun.spi.FeedbackChange change) {
                if (!change.isCreate() && raced.getAndIncrement() == 0) {
                    otherWriter.apply(store.find(change.feedback().tenant(), change.feedback().id()).orElseThrow());
                }
                super.save(change);
            }
        };
    }

    private Feedback saveAsOtherWriter(io.memnun.feedback.Lifecycle.Transition t, Feedback before) {
        store.save(io.memnun.spi.FeedbackChange.update(t.after(), before.version(), t.event()));
        return t.after();
    }

    @Test
    void aDeliveryRecordedMeanwhileIsNoConflictForACommandThatNamedNoVersion() {
        io.memnun.feedback.Lifecycle lifecycle = new io.memnun.feedback.Lifecycle(io.memnun.feedback.Lifecycle.Rules.defaults());
        FeedbackStore raced = racedBy(f -> saveAsOtherWriter(lifecycle.record(f, io.memnun.feedback.EventType.NOTIFICATION_SENT,
                Actor.system("notifications"), null, java.util.Map.of("channel", "EMAIL"), clock.instant()), f));
        FeedbackDesk desk = FeedbackDesk.builder().store(raced).referenceSequence(store).clock(clock).build();
        Feedback f = desk.receive(complaint(tenant, "Klima çalışmıyor").build());

        Feedback taken = desk.take(tenant, f.id(), Actor.staff("ayse.yilmaz"));

        assertThat(taken.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(store.history(tenant, f.id())).extracting(FeedbackEvent::type)
                .containsExactly(io.memnun.feedback.EventType.RECEIVED, io.memnun.feedback.EventType.NOTIFICATION_SENT,
                        io.memnun.feedback.EventType.TAKEN);
    }

    @Test
    void aPersonsChangeMeanwhileIsStillAConflict() {
        io.memnun.feedback.Lifecycle lifecycle = new io.memnun.feedback.Lifecycle(io.memnun.feedback.Lifecycle.Rules.defaults());
        FeedbackStore raced = racedBy(f -> saveAsOtherWriter(lifecycle.apply(f,
                new io.memnun.feedback.Command.AddNote(Actor.staff("mehmet"), "misafir aradı"), clock.instant()), f));
        FeedbackDesk desk = FeedbackDesk.builder().store(raced).referenceSequence(store).clock(clock).build();
        Feedback f = desk.receive(complaint(tenant, "Klima çalışmıyor").build());

        assertThatThrownBy(() -> desk.take(tenant, f.id(), Actor.staff("ayse.yilmaz")))
                .isInstanceOf(io.memnun.error.VersionConflictException.class);
        assertThat(store.history(tenant, f.id())).extracting(FeedbackEvent::type)
                .containsExactly(io.memnun.feedback.EventType.RECEIVED, io.memnun.feedback.EventType.NOTE_ADDED);
    }

    // ---------------------------------------------------------------- a store's last known state

    /** A store that offers {@code known} as its last known state of every feedback, current or not. */
    private FeedbackStore knowing(java.util.concurrent.atomic.AtomicReference<Feedback> known) {
        return new ForwardingFeedbackStore(store) {
            @Override
            public Optional<Feedback> lastKnown(TenantId t, io.memnun.feedback.FeedbackKey key) {
                return Optional.ofNullable(known.get()).filter(f -> f.tenant().equals(t));
            }
        };
    }

    private FeedbackDesk deskKnowing(java.util.concurrent.atomic.AtomicReference<Feedback> known) {
        return FeedbackDesk.builder().store(knowing(known)).referenceSequence(store).clock(clock).build();
    }

    @Test
    void aCommandStartsFromTheLastKnownStateWithoutReadingIt() {
        java.util.concurrent.atomic.AtomicReference<Feedback> known = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        FeedbackStore counting = new ForwardingFeedbackStore(knowing(known)) {
            @Override
            public Optional<Feedback> find(TenantId t, FeedbackId id) {
                reads.incrementAndGet();
                return super.find(t, id);
            }

            @Override
            public Optional<Feedback> lastKnown(TenantId t, io.memnun.feedback.FeedbackKey key) {
                return Optional.ofNullable(known.get());
            }
        };
        FeedbackDesk desk = FeedbackDesk.builder().store(counting).referenceSequence(store).clock(clock).build();
        Feedback f = desk.receive(complaint(tenant, "Klima çalışmıyor").build());
        known.set(f);

        Feedback taken = desk.take(tenant, f.id(), AYSE);

        assertThat(reads).hasValue(0);
        assertThat(taken.version()).isEqualTo(2);
        assertThat(store.find(tenant, f.id()).orElseThrow().status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void aStaleLastKnownStateIsReadAfreshAndTheCommandAppliedToTheStoredOne() {
        java.util.concurrent.atomic.AtomicReference<Feedback> known = new java.util.concurrent.atomic.AtomicReference<>();
        FeedbackDesk desk = deskKnowing(known);
        Feedback received = desk.receive(complaint(tenant, "Klima çalışmıyor").build());
        known.set(received);
        // another node took it meanwhile: the known state (NEW, version 1) is stale
        FeedbackDesk otherNode = desk();
        otherNode.take(tenant, received.id(), MEHMET);

        Feedback resolved = desk.resolve(tenant, received.id(), AYSE, "Klima onarıldı");

        assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
        assertThat(resolved.version()).isEqualTo(3);
        assertThat(store.history(tenant, received.id())).extracting(FeedbackEvent::type)
                .containsExactly(EventType.RECEIVED, EventType.TAKEN, EventType.RESOLVED);
    }

    @Test
    void aCommandAllowedOnAStaleStateButNotOnTheStoredOneIsRefusedAndWritesNothing() {
        java.util.concurrent.atomic.AtomicReference<Feedback> known = new java.util.concurrent.atomic.AtomicReference<>();
        FeedbackDesk desk = deskKnowing(known);
        Feedback received = desk.receive(complaint(tenant, "Klima çalışmıyor").build());
        known.set(desk.take(tenant, received.id(), AYSE));
        desk().cancel(tenant, received.id(), MEHMET, "müşteri vazgeçti");

        assertThatThrownBy(() -> desk.resolve(tenant, received.id(), AYSE, "Klima onarıldı"))
                .isInstanceOf(io.memnun.feedback.IllegalTransitionException.class);
        assertThat(store.find(tenant, received.id()).orElseThrow().status()).isEqualTo(Status.CANCELLED);
        assertThat(store.history(tenant, received.id())).extracting(FeedbackEvent::type)
                .containsExactly(EventType.RECEIVED, EventType.TAKEN, EventType.CANCELLED);
    }

    @Test
    void aVersionNamedByTheActorStillConflictsWhenOnlyTheLastKnownStateHasIt() {
        java.util.concurrent.atomic.AtomicReference<Feedback> known = new java.util.concurrent.atomic.AtomicReference<>();
        FeedbackDesk desk = deskKnowing(known);
        Feedback received = desk.receive(complaint(tenant, "Klima çalışmıyor").build());
        known.set(received);
        desk().take(tenant, received.id(), MEHMET);

        assertThatThrownBy(() -> desk.execute(tenant, received.id(), 1, new io.memnun.feedback.Command.AddNote(AYSE, "aradım")))
                .isInstanceOfSatisfying(io.memnun.error.VersionConflictException.class,
                        e -> assertThat(e.actualVersion()).isEqualTo(2));
        assertThat(store.find(tenant, received.id()).orElseThrow().version()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- helpers

    private Feedback resolved(FeedbackDesk desk, String description) {
        Feedback f = desk.receive(complaint(tenant, description).build());
        desk.take(tenant, f.id(), AYSE);
        return desk.resolve(tenant, f.id(), AYSE, "çözüm");
    }

    private Feedback rejected(FeedbackDesk desk, String description) {
        Feedback f = resolved(desk, description);
        return desk.reject(tenant, f.id(), "kabul etmiyorum");
    }

    private void assertClosed(FeedbackDesk desk, Feedback f, ClosureReason reason) {
        Feedback now = desk.get(tenant, f.id());
        assertThat(now.status()).as(f.description()).isEqualTo(Status.CLOSED);
        assertThat(now.closureReason()).as(f.description()).contains(reason);
        assertThat(now.closedAt()).contains(clock.instant());
    }

    private void assertRefused(FeedbackDesk desk, String field, Supplier<Intake> intake) {
        assertThatThrownBy(() -> desk.receive(intake.get()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private static List<FeedbackId> walk(FeedbackDesk desk, FeedbackQuery query) {
        List<FeedbackId> ids = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        FeedbackQuery q = query;
        while (true) {
            Page<Feedback> page = desk.query(q);
            page.items().forEach(f -> ids.add(f.id()));
            if (!page.hasNext()) {
                return ids;
            }
            assertThat(cursors.add(page.next().orElseThrow().token())).isTrue();
            q = q.after(page.next().orElseThrow());
        }
    }

    private <T> List<T> concurrently(ThreadTask<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        for (int i : IntStream.range(0, THREADS).toArray()) {
            Callable<T> c = () -> {
                start.await();
                return task.run(i);
            };
            futures.add(pool.submit(c));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @FunctionalInterface
    private interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
