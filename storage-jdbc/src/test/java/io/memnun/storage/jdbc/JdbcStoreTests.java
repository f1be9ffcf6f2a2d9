package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.memnun.FeedbackDesk;
import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.StoreException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Assessment;
import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Consent;
import io.memnun.feedback.Cursor;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Lifecycle;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Page;
import io.memnun.feedback.PhoneNumber;
import io.memnun.feedback.Priority;
import io.memnun.feedback.Recourse;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.Status;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.feedback.SlaKind;
import io.memnun.notify.Notification;
import io.memnun.report.DurationStats;
import io.memnun.report.ReportFilter;
import io.memnun.report.ReportPeriod;
import io.memnun.report.SlaCompliance;
import io.memnun.sla.SlaPolicy;
import io.memnun.spi.FeedbackChange;
import io.memnun.storage.jdbc.JdbcFeedbackStore.GroupBy;
import io.memnun.storage.jdbc.JdbcFeedbackStore.GroupCount;
import io.memnun.tck.OutboxFixtures;
import io.memnun.testing.Concurrently;
import io.memnun.testing.MutableClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour of the JDBC feedback store beyond the SPI contract, on each dialect: every field survives a round trip,
 * instants keep microseconds, unique keys and versions are enforced by the database, queries page by keyset in
 * both orders, counts are grouped in SQL, and a host's transaction decides over memnun's writes.
 */
abstract class JdbcStoreTests {
    static final TenantId HOTEL = TenantId.of("bosphorus-hotels");
    static final TenantId OTHER = TenantId.of("other-tenant");
    static final Instant T0 = Instant.parse("2026-03-02T08:15:30.123456789Z");

    MutableClock clock;
    JdbcStorage storage;
    JdbcFeedbackStore store;
    FeedbackDesk desk;
    final Lifecycle lifecycle = new Lifecycle(Lifecycle.Rules.defaults());

    /** The storage on this dialect's test database, migrated, with empty tables. */
    abstract JdbcStorage storage();

    abstract DataSource dataSource();

    @BeforeEach
    void setUp() {
        storage = storage();
        store = storage.feedbackStore();
        clock = new MutableClock(T0);
        desk = FeedbackDesk.builder().store(store).clock(clock).build();
    }

    static Intake.Builder intake(TenantId tenant, String text) {
        return Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, text);
    }

    /** A feedback made by the lifecycle, not stored. */
    Feedback feedback(TenantId tenant, long sequence, Instant receivedAt, UUID id) {
        return lifecycle.receive(new FeedbackId(id), ReferenceNumber.of("FB", 2026, sequence), intake(tenant, "text " + sequence).build(),
                receivedAt, receivedAt);
    }

    void create(Feedback f) {
        store.save(FeedbackChange.create(f, Lifecycle.receivedEvent(f, Actor.SYSTEM, f.receivedAt())));
    }

    @Test
    void everyFieldSurvivesTheRoundTripWithInstantsInMicroseconds() {
        Feedback f = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.FACE_TO_FACE, "Klima çalışmıyor; oda 412 çok sıcak. \"quoted\" \\ ✓")
                .type(FeedbackTypeId.of("service"))
                .priority(Priority.URGENT)
                .location(LocationId.of("istanbul"))
                .subject(SubjectId.of("technical.ac"))
                .department(DepartmentId.of("technical"))
                .assignee(StaffId.of("ali"))
                .customer(Customer.builder().externalId("G-77").name("Mehmet Öztürk").email("mehmet@example.com.tr")
                        .phone("0532 123 45 67").address("Beşiktaş\nİstanbul").language("tr")
                        .consent(new Consent(true, false, true)).attribute("vip", "true").attribute("tier", "gold").build())
                .desiredRemedy("a working room")
                .immediateAction("fan brought")
                .assessment(Assessment.of(Assessment.Severity.HIGH, "guest could not sleep", true))
                .attachment(new AttachmentRef("att-1", "photo.jpg", "image/jpeg", 12345))
                .context("room", "412").context("reservation", "R-9")
                .intakeKey("form-123")
                .recordedBy(Actor.staff("ayse"))
                .build());
        clock.advance(Duration.ofMinutes(5));
        desk.take(HOTEL, f.reference(), Actor.staff("ali"));
        desk.plan(HOTEL, f.reference(), Actor.staff("ali"), clock.instant().plus(Duration.ofHours(2)).plusNanos(999), "technician");
        desk.take(HOTEL, f.reference(), Actor.staff("ali"));
        desk.resolve(HOTEL, f.reference(), Actor.staff("ali"), "compressor replaced");
        clock.advance(Duration.ofMinutes(1));
        Feedback expected = desk.reject(HOTEL, f.reference(), "still warm", Recourse.internal("manager"), Recourse.external("arbitration"));

        Feedback stored = store.find(HOTEL, f.id()).orElseThrow();
        assertSameState(stored, expected);
        assertThat(stored.receivedAt()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS)).isNotEqualTo(T0);
        assertThat(store.findByReference(HOTEL, f.reference())).contains(stored);
        assertThat(store.findByIntakeKey(HOTEL, "form-123")).contains(stored);

        List<FeedbackEvent> history = store.history(HOTEL, f.id());
        assertThat(history).extracting(FeedbackEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        FeedbackEvent rejected = history.get(5);
        assertThat(rejected.note()).isEqualTo("still warm");
        assertThat(rejected.from()).isEqualTo(Status.RESOLVED);
        assertThat(rejected.to()).isEqualTo(Status.IN_PROGRESS);
        assertThat(rejected.details()).containsEntry("alternatives", "2").containsEntry("alternative.2", "EXTERNAL: arbitration");
        assertThat(rejected.at()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
        assertThat(history.get(0).actor()).isEqualTo(Actor.staff("ayse"));
        assertThat(history.get(0).from()).isNull();
    }

    static void assertSameState(Feedback actual, Feedback expected) {
        assertThat(actual).usingRecursiveComparison()
                .withComparatorForType(Comparator.comparing((Instant i) -> i.truncatedTo(ChronoUnit.MICROS)), Instant.class)
                .isEqualTo(expected);
    }

    @Test
    void anUpdateBasedOnAStateReadEarlierWritesEveryChangedColumn() {
        // the store writes only the columns that differ from the state it read at the base version; a state
        // changed in many fields at once, and a base it never read, must both come back whole
        Feedback f = desk.receive(intake(HOTEL, "base").department(DepartmentId.of("front")).build());
        Feedback read = store.find(HOTEL, f.id()).orElseThrow();
        Feedback rich = Feedback.restore(read.id(), HOTEL, read.reference(), read.version() + 1)
                .kind(FeedbackKind.REQUEST).type(FeedbackTypeId.of("t")).priority(Priority.LOW).channel(Channel.SMS)
                .location(LocationId.of("l")).subject(SubjectId.of("s")).department(null).assignee(StaffId.of("a"))
                .customer(Customer.builder().name("N").email("n@example.com").attribute("k", "v").build())
                .description("changed").desiredRemedy("r").immediateAction("i")
                .assessment(Assessment.of(Assessment.Severity.LOW, null, false))
                .attachments(List.of(new AttachmentRef("a", "f.txt", "text/plain", 1))).context(java.util.Map.of("c", "d"))
                .status(Status.PLANNED).pausedFrom(null).receivedAt(read.receivedAt()).updatedAt(T0.plusSeconds(5))
                .plannedUntil(T0.plusSeconds(99)).resolution("x").resolvedAt(T0.plusSeconds(7)).rejectionCount(2)
                .lastRejectedAt(T0.plusSeconds(8)).recourseOffered(List.of(Recourse.internal("m"))).closureReason(null)
                .closedAt(null).cancellationReason("c").appealCount(3).build();
        FeedbackEvent event = new FeedbackEvent(f.id(), rich.version(), io.memnun.feedback.EventType.NOTE_ADDED, Actor.SYSTEM,
                T0.plusSeconds(5), null, Status.NEW, Status.PLANNED, java.util.Map.of());
        store.save(FeedbackChange.update(rich, read.version(), event));
        assertSameState(store.find(HOTEL, f.id()).orElseThrow(), rich);

        // based on a version this store never read: every column is written
        Lifecycle.Transition t = lifecycle.apply(rich, new io.memnun.feedback.Command.AddNote(Actor.SYSTEM, "n"), T0.plusSeconds(6));
        JdbcFeedbackStore other = JdbcStorage.builder().dataSource(dataSource()).build().feedbackStore();
        other.save(FeedbackChange.update(t.after(), rich.version(), t.event()));
        assertSameState(store.find(HOTEL, f.id()).orElseThrow(), t.after());
    }

    @Test
    void aChangeWithSeveralEventsWritesThemAllInOneTransactionOrNone() {
        Feedback f = desk.receive(intake(HOTEL, "two steps at once").build());
        Lifecycle.Transition take = lifecycle.apply(f, new io.memnun.feedback.Command.Take(Actor.staff("a"), null), T0.plusSeconds(1));
        Lifecycle.Transition note = lifecycle.apply(take.after(), new io.memnun.feedback.Command.AddNote(Actor.staff("a"), "n"), T0.plusSeconds(2));
        FeedbackChange both = new FeedbackChange(note.after(), f.version(), List.of(take.event(), note.event()));

        Feedback stale = desk.addNote(HOTEL, f.id(), Actor.staff("b"), "first");
        assertThatThrownBy(() -> store.save(both)).isInstanceOf(VersionConflictException.class);
        assertThat(store.history(HOTEL, f.id())).hasSize(2);

        FeedbackChange rebased = new FeedbackChange(
                Feedback.restore(f.id(), HOTEL, f.reference(), stale.version() + 2).kind(f.kind()).priority(f.priority())
                        .channel(f.channel()).customer(f.customer()).description(f.description()).status(Status.IN_PROGRESS)
                        .assignee(StaffId.of("a")).receivedAt(f.receivedAt()).updatedAt(T0.plusSeconds(2)).build(),
                stale.version(),
                List.of(new FeedbackEvent(f.id(), stale.version() + 1, io.memnun.feedback.EventType.TAKEN, Actor.staff("a"),
                                T0.plusSeconds(1), null, Status.NEW, Status.IN_PROGRESS, java.util.Map.of("assignee", "a")),
                        new FeedbackEvent(f.id(), stale.version() + 2, io.memnun.feedback.EventType.NOTE_ADDED, Actor.staff("a"),
                                T0.plusSeconds(2), "n", Status.IN_PROGRESS, Status.IN_PROGRESS, java.util.Map.of())));
        store.save(rebased);
        assertSameState(store.find(HOTEL, f.id()).orElseThrow(), rebased.feedback());
        assertThat(store.history(HOTEL, f.id())).extracting(FeedbackEvent::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(store.history(HOTEL, f.id()).get(3).note()).isEqualTo("n");
    }

    @Test
    void uniqueKeysAreEnforcedPerTenantAndNamed() {
        Feedback a = feedback(HOTEL, 1, T0, UUID.randomUUID());
        create(a);
        Feedback sameId = feedback(HOTEL, 2, T0, a.id().value());
        assertThatThrownBy(() -> create(sameId)).isInstanceOf(DuplicateKeyException.class).extracting("key").isEqualTo("id");
        Feedback sameReference = feedback(HOTEL, 1, T0, UUID.randomUUID());
        assertThatThrownBy(() -> create(sameReference)).isInstanceOf(DuplicateKeyException.class).extracting("key").isEqualTo("reference");

        Feedback keyed = lifecycle.receive(new FeedbackId(UUID.randomUUID()), ReferenceNumber.of("FB", 2026, 3),
                intake(HOTEL, "x").intakeKey("k-1").build(), T0, T0);
        create(keyed);
        Feedback sameKey = lifecycle.receive(new FeedbackId(UUID.randomUUID()), ReferenceNumber.of("FB", 2026, 4),
                intake(HOTEL, "y").intakeKey("k-1").build(), T0, T0);
        assertThatThrownBy(() -> create(sameKey)).isInstanceOf(DuplicateKeyException.class).extracting("key").isEqualTo("intakeKey");

        // the same id, reference and key in another tenant are another tenant's business
        create(feedback(OTHER, 1, T0, a.id().value()));
        assertThat(store.find(OTHER, a.id())).isPresent();
        assertThat(store.find(HOTEL, a.id()).orElseThrow().description()).isEqualTo("text 1");
        assertThat(store.history(HOTEL, sameKey.id())).isEmpty();
    }

    @Test
    void aStaleWriteIsAConflictAndAMissingFeedbackIsNotFound() {
        Feedback f = desk.receive(intake(HOTEL, "cold soup").build());
        Feedback taken = desk.take(HOTEL, f.id(), Actor.staff("chef"));
        Lifecycle.Transition stale = lifecycle.apply(f, new io.memnun.feedback.Command.Cancel(Actor.staff("x"), "late"), clock.instant());
        assertThatThrownBy(() -> store.save(FeedbackChange.update(stale.after(), f.version(), stale.event())))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertThat(store.find(HOTEL, f.id()).orElseThrow().status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(store.history(HOTEL, f.id())).hasSize(2);

        Feedback ghost = feedback(HOTEL, 99, T0, UUID.randomUUID());
        Lifecycle.Transition t = lifecycle.apply(ghost, new io.memnun.feedback.Command.Take(Actor.staff("x"), null), clock.instant());
        assertThatThrownBy(() -> store.save(FeedbackChange.update(t.after(), 1, t.event()))).isInstanceOf(NotFoundException.class);
        // another tenant's id is not found either, and nothing of it changes
        Lifecycle.Transition foreign = lifecycle.apply(taken, new io.memnun.feedback.Command.AddNote(Actor.staff("x"), "n"), clock.instant());
        Feedback foreignAfter = Feedback.restore(foreign.after().id(), OTHER, foreign.after().reference(), foreign.after().version())
                .kind(taken.kind()).priority(taken.priority()).channel(taken.channel()).customer(taken.customer())
                .description("d").status(taken.status()).receivedAt(taken.receivedAt()).updatedAt(taken.updatedAt()).build();
        FeedbackEvent foreignEvent = new FeedbackEvent(taken.id(), 3, foreign.event().type(), Actor.SYSTEM, clock.instant(), null,
                Status.IN_PROGRESS, Status.IN_PROGRESS, java.util.Map.of());
        assertThatThrownBy(() -> store.save(FeedbackChange.update(foreignAfter, 2, foreignEvent))).isInstanceOf(NotFoundException.class);
        assertThat(store.history(HOTEL, f.id())).hasSize(2);
    }

    @Test
    void pagesByKeysetInBothOrdersWithEqualTimesAndIdsOfEveryBitPattern() {
        List<Feedback> all = new ArrayList<>();
        long seq = 1;
        // ids whose halves have the top bit set or not: a signed comparison would order these differently
        long[] halves = {0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, -1L};
        for (int t = 0; t < 3; t++) {
            Instant at = T0.plusSeconds(t);
            for (long hi : halves) {
                for (long lo : new long[] {5L, -5L}) {
                    Feedback f = feedback(HOTEL, seq++, at, new UUID(hi, lo + t));
                    create(f);
                    all.add(f);
                }
            }
        }
        create(feedback(OTHER, 1, T0, UUID.randomUUID()));

        for (FeedbackQuery.Order order : FeedbackQuery.Order.values()) {
            List<Feedback> expected = new ArrayList<>(all);
            expected.sort(order == FeedbackQuery.Order.OLDEST_FIRST ? Cursor.ORDER : Cursor.ORDER.reversed());
            List<Feedback> seen = new ArrayList<>();
            FeedbackQuery q = FeedbackQuery.builder(HOTEL).order(order).limit(4).build();
            int pages = 0;
            while (true) {
                Page<Feedback> page = store.query(q);
                pages++;
                seen.addAll(page.items());
                if (page.next().isEmpty()) {
                    break;
                }
                q = q.after(page.next().get());
            }
            assertThat(seen).extracting(Feedback::id).as(order.name()).containsExactlyElementsOf(expected.stream().map(Feedback::id).toList());
            assertThat(pages).isEqualTo(8);
        }
    }

    @Test
    void aCursorWithNanosecondsPagesLikeTheStoredMicroseconds() {
        Instant at = T0; // .123456789: stored as .123456
        Feedback a = feedback(HOTEL, 1, at, new UUID(1, 1));
        Feedback b = feedback(HOTEL, 2, at, new UUID(1, 2));
        create(a);
        create(b);
        Page<Feedback> page = store.query(FeedbackQuery.builder(HOTEL).after(new Cursor(at, a.id())).build());
        assertThat(page.items()).extracting(Feedback::id).containsExactly(b.id());
    }

    @Test
    void criteriaNarrowTheQueryAndCountsAreGroupedInTheDatabase() {
        Feedback a = desk.receive(intake(HOTEL, "a").department(DepartmentId.of("housekeeping")).subject(SubjectId.of("cleaning"))
                .customer(Customer.builder().email("a@example.com").phone("+905321112233").externalId("c-1").build()).build());
        clock.advance(Duration.ofSeconds(1));
        Feedback b = desk.receive(intake(HOTEL, "b").department(DepartmentId.of("housekeeping")).subject(SubjectId.of("towels")).build());
        clock.advance(Duration.ofSeconds(1));
        Feedback c = desk.receive(Intake.builder(HOTEL, FeedbackKind.SUGGESTION, Channel.EMAIL, "c").department(DepartmentId.of("kitchen")).build());
        clock.advance(Duration.ofSeconds(1));
        desk.receive(intake(HOTEL, "no department").build());
        desk.receive(intake(OTHER, "elsewhere").department(DepartmentId.of("housekeeping")).build());
        desk.take(HOTEL, b.id(), Actor.staff("h1"));

        assertThat(ids(FeedbackQuery.builder(HOTEL).department(DepartmentId.of("housekeeping")).status(Status.NEW).build())).containsExactly(a.id());
        assertThat(ids(FeedbackQuery.builder(HOTEL).kind(FeedbackKind.SUGGESTION).build())).containsExactly(c.id());
        assertThat(ids(FeedbackQuery.builder(HOTEL).channel(Channel.EMAIL).build())).containsExactly(c.id());
        assertThat(ids(FeedbackQuery.builder(HOTEL).customerEmail(EmailAddress.of("a@example.com")).build())).containsExactly(a.id());
        assertThat(ids(FeedbackQuery.builder(HOTEL).customerPhone(PhoneNumber.of("+905321112233")).build())).containsExactly(a.id());
        assertThat(ids(FeedbackQuery.builder(HOTEL).customerExternalId("c-1").build())).containsExactly(a.id());
        assertThat(ids(FeedbackQuery.builder(HOTEL).assignee(StaffId.of("h1")).build())).containsExactly(b.id());
        assertThat(ids(FeedbackQuery.builder(HOTEL).subject(SubjectId.of("towels")).build())).containsExactly(b.id());
        assertThat(ids(FeedbackQuery.builder(HOTEL).receivedBetween(T0.plusSeconds(1), T0.plusSeconds(2)).build())).containsExactly(b.id());

        FeedbackQuery open = FeedbackQuery.builder(HOTEL).open().build();
        assertThat(store.countBy(open, GroupBy.DEPARTMENT)).containsExactly(
                new GroupCount("housekeeping", 2), new GroupCount("kitchen", 1), new GroupCount(null, 1));
        assertThat(store.countBy(FeedbackQuery.builder(HOTEL).status(Status.NEW).build(), GroupBy.STATUS))
                .containsExactly(new GroupCount("NEW", 3));
        assertThat(store.countBy(FeedbackQuery.builder(HOTEL).status(Status.CLOSED).build(), GroupBy.SUBJECT)).isEmpty();
        // the same conditions with another number of statuses, and as many other statuses: each its own text
        assertThat(store.countBy(FeedbackQuery.builder(HOTEL).status(Status.NEW).status(Status.IN_PROGRESS).build(), GroupBy.STATUS))
                .containsExactly(new GroupCount("IN_PROGRESS", 1), new GroupCount("NEW", 3));
        assertThat(store.countBy(FeedbackQuery.builder(HOTEL).status(Status.IN_PROGRESS).build(), GroupBy.STATUS))
                .containsExactly(new GroupCount("IN_PROGRESS", 1));
        assertThat(store.count(FeedbackQuery.builder(HOTEL).status(Status.NEW).department(DepartmentId.of("kitchen")).build())).isEqualTo(1);
        assertThat(store.count(FeedbackQuery.builder(HOTEL).status(Status.NEW).subject(SubjectId.of("towels")).build())).isZero();
        assertThat(store.openLoad(HOTEL, java.util.Set.of(StaffId.of("h1"), StaffId.of("nobody")))).containsExactly(java.util.Map.entry(StaffId.of("h1"), 1));
        assertThat(store.openLoad(OTHER, java.util.Set.of(StaffId.of("h1")))).isEmpty();
    }

    private List<FeedbackId> ids(FeedbackQuery q) {
        return store.query(q).items().stream().map(Feedback::id).toList();
    }

    @Test
    void referenceNumbersCountPerTenantPrefixAndYear() {
        assertThat(store.next(HOTEL, "FB", 2026)).isEqualTo(1);
        assertThat(store.next(HOTEL, "FB", 2026)).isEqualTo(2);
        assertThat(store.next(HOTEL, "FB", 2027)).isEqualTo(1);
        assertThat(store.next(HOTEL, "SK", 2026)).isEqualTo(1);
        assertThat(store.next(OTHER, "FB", 2026)).isEqualTo(1);
        assertThat(store.next(HOTEL, "FB", 2026)).isEqualTo(3);
    }

    @Test
    void referenceNumbersComeInBlocksPerStoreUniqueAcrossStoresAndOneAtATimeInAHostTransaction() throws SQLException {
        JdbcStorage nodeA = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(5).build();
        JdbcFeedbackStore a = nodeA.feedbackStore();
        JdbcFeedbackStore b = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(5).build().feedbackStore();
        JdbcFeedbackStore single = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(1).build().feedbackStore();

        assertThat(a.next(HOTEL, "FB", 2026)).isEqualTo(1);
        assertThat(b.next(HOTEL, "FB", 2026)).as("the other node's block").isEqualTo(6);
        assertThat(single.next(HOTEL, "FB", 2026)).as("a store taking one at a time").isEqualTo(11);
        assertThat(List.of(a.next(HOTEL, "FB", 2026), a.next(HOTEL, "FB", 2026), a.next(HOTEL, "FB", 2026), a.next(HOTEL, "FB", 2026)))
                .containsExactly(2L, 3L, 4L, 5L);
        assertThat(a.next(HOTEL, "FB", 2026)).as("the next block").isEqualTo(12);
        assertThat(a.next(HOTEL, "FB", 2027)).as("another year").isEqualTo(1);
        assertThat(a.next(OTHER, "FB", 2026)).as("another tenant").isEqualTo(1);
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            // a block taken here would be rolled back with the host's transaction while this node handed it out
            assertThat(nodeA.withConnection(c, () -> a.next(HOTEL, "SK", 2026))).isEqualTo(1);
            c.rollback();
        }
        assertThat(single.next(HOTEL, "SK", 2026)).isEqualTo(1);
        assertThat(b.next(HOTEL, "FB", 2026)).isEqualTo(7);
    }

    @Test
    void theDefaultBlockIsTwentyNumbers() {
        assertThat(store.next(HOTEL, "FB", 2026)).isEqualTo(1);
        JdbcFeedbackStore other = JdbcStorage.builder().dataSource(dataSource()).build().feedbackStore();
        assertThat(other.next(HOTEL, "FB", 2026)).isEqualTo(JdbcStorage.DEFAULT_REFERENCE_BLOCK + 1);
    }

    @Test
    void closingGivesTheNumbersNotIssuedBackSoTheNextStartGoesOnWithoutAGap() {
        JdbcStorage first = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(5).build();
        assertThat(List.of(first.feedbackStore().next(HOTEL, "FB", 2026), first.feedbackStore().next(HOTEL, "FB", 2026)))
                .containsExactly(1L, 2L);
        first.feedbackStore().next(OTHER, "FB", 2026);
        first.close();
        first.close(); // nothing left to give back

        JdbcStorage restarted = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(5).build();
        assertThat(restarted.feedbackStore().next(HOTEL, "FB", 2026)).isEqualTo(3);
        assertThat(restarted.feedbackStore().next(OTHER, "FB", 2026)).isEqualTo(2);
        // the closed storage still issues numbers, one at a time from the database
        assertThat(first.feedbackStore().next(HOTEL, "FB", 2026)).isEqualTo(8);
        assertThat(restarted.feedbackStore().next(HOTEL, "FB", 2026)).isEqualTo(4);
    }

    @Test
    void theNextBlockIsTakenWhileHalfOfTheCurrentIsLeftAndClosingGivesBackWhatEndsTheSequence() {
        JdbcStorage node = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(4).build();
        JdbcFeedbackStore a = node.feedbackStore();
        JdbcFeedbackStore single = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(1).build().feedbackStore();

        assertThat(List.of(a.next(HOTEL, "FB", 2026), a.next(HOTEL, "FB", 2026))).containsExactly(1L, 2L);
        assertThat(single.next(HOTEL, "FB", 2026)).as("after the block taken ahead at the second number").isEqualTo(9);
        assertThat(List.of(a.next(HOTEL, "FB", 2026), a.next(HOTEL, "FB", 2026), a.next(HOTEL, "FB", 2026), a.next(HOTEL, "FB", 2026)))
                .containsExactly(3L, 4L, 5L, 6L);
        node.close();
        // 10 to 13, taken ahead at 6, go back; 7 and 8 stay unissued: 9 was issued after them
        assertThat(single.next(HOTEL, "FB", 2026)).isEqualTo(10);
    }

    @Test
    void oneNodeOnManyThreadsIssuesEveryNumberOnceInOrderAndClosingLeavesNoGap() throws Exception {
        // the races are between a thread that issues a range's middle number and the threads that run the range out:
        // rounds on fresh sequences give them many chances (one round in a few dozen caught a take-ahead out of order)
        for (int round = 0; round < 30; round++) {
            TenantId tenant = io.memnun.tck.Fixtures.newTenant("race" + round);
            JdbcStorage node = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(4).build();
            int threads = 8;
            int each = 60;
            List<Long> all = new ArrayList<>();
            for (List<Long> mine : Concurrently.draw(threads, each, () -> node.feedbackStore().next(tenant, "FB", 2026))) {
                assertThat(mine).as("round %d: one thread's numbers", round).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
                all.addAll(mine);
            }
            node.close();

            assertThat(all).hasSize(threads * each).doesNotHaveDuplicates().allMatch(n -> n >= 1 && n <= threads * each);
            JdbcFeedbackStore single = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(1).build().feedbackStore();
            assertThat(single.next(tenant, "FB", 2026)).as("the blocks left were given back").isEqualTo(threads * each + 1);
        }
    }

    @Test
    void aBlockThatCouldNotBeTakenAheadIsTakenWhenTheCurrentRunsOut() {
        FailingDataSource failing = new FailingDataSource(dataSource());
        JdbcFeedbackStore a = JdbcStorage.builder().dataSource(failing).referenceBlock(4).build().feedbackStore();
        assertThat(a.next(HOTEL, "FB", 2026)).isEqualTo(1);

        failing.failCall(1);
        assertThat(a.next(HOTEL, "FB", 2026)).as("the number whose block ahead failed").isEqualTo(2);
        assertThat(failing.injected()).isEqualTo(1);
        assertThat(List.of(a.next(HOTEL, "FB", 2026), a.next(HOTEL, "FB", 2026), a.next(HOTEL, "FB", 2026)))
                .containsExactly(3L, 4L, 5L);
    }

    @Test
    void aBlockAnotherNodeDrewAfterIsNotGivenBack() {
        JdbcStorage a = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(5).build();
        JdbcStorage b = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(5).build();
        assertThat(a.feedbackStore().next(HOTEL, "FB", 2026)).isEqualTo(1);
        assertThat(b.feedbackStore().next(HOTEL, "FB", 2026)).isEqualTo(6);
        a.close(); // 2 to 5 stay unissued: giving them back would hand out b's block again
        b.close(); // 7 to 10 go back: b's block is the sequence's end
        JdbcFeedbackStore c = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(1).build().feedbackStore();
        assertThat(c.next(HOTEL, "FB", 2026)).isEqualTo(7);
    }

    @Test
    void numbersStayUniqueWhileAStorageIsClosedUnderConcurrentReceipts() throws Exception {
        JdbcStorage node = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(3).build();
        JdbcFeedbackStore other = JdbcStorage.builder().dataSource(dataSource()).referenceBlock(3).build().feedbackStore();
        int threads = 4;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> drawn = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            JdbcFeedbackStore s = t % 2 == 0 ? node.feedbackStore() : other;
            drawn.add(pool.submit(() -> {
                start.await();
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(s.next(HOTEL, "FB", 2026));
                }
                return mine;
            }));
        }
        Future<?> closing = pool.submit(() -> {
            start.await();
            for (int i = 0; i < 20; i++) {
                node.close();
            }
            return null;
        });
        start.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : drawn) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        closing.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        node.close();
        // numbers handed out after the race come after every number handed out during it
        all.add(other.next(HOTEL, "FB", 2026));
        all.add(node.feedbackStore().next(HOTEL, "FB", 2026));
        assertThat(all).hasSize(threads * each + 2).doesNotHaveDuplicates();
    }

    @Test
    void aReferenceBlockOutsideOneToAThousandIsRefused() {
        for (int bad : new int[] {0, -1, 1001}) {
            assertThatThrownBy(() -> JdbcStorage.builder().referenceBlock(bad))
                    .isInstanceOf(io.memnun.error.ValidationException.class).hasFieldOrPropertyWithValue("field", "referenceBlock");
        }
    }

    // ---------------------------------------------------------------- the state a store last knew

    /** Another node: its own storage and desk on the same database, knowing nothing of this one's states. */
    @Test
    void twoLettersFromOneCustomerDatedTheSameInstantAreLinkedAsPossibleDuplicates() {
        FeedbackDesk linking = FeedbackDesk.builder().store(store).clock(clock).duplicateWindow(java.time.Duration.ofDays(1)).build();
        Instant dated = Instant.parse("2026-03-01T00:00:00Z");
        Customer ali = Customer.builder().email("ali@example.com").build();
        Feedback first = linking.receive(intake(HOTEL, "Mektup 1").subject(SubjectId.of("linen")).customer(ali).receivedAt(dated).build());
        Feedback second = linking.receive(intake(HOTEL, "Mektup 2").subject(SubjectId.of("linen")).customer(ali).receivedAt(dated).build());
        assertThat(second.possibleDuplicateOf()).contains(first.id());
    }

    FeedbackDesk otherNode() {
        JdbcStorage node = JdbcStorage.builder().dataSource(dataSource()).build();
        return FeedbackDesk.builder().store(node.feedbackStore()).clock(clock).build();
    }

    @Test
    void aStoreKnowsWhatItWroteAsAReadWouldGiveItBack() {
        Feedback f = desk.receive(intake(HOTEL, "Klima çalışmıyor").customer(Customer.builder().name("Ayşe").email("ayse@example.com").build())
                .priority(Priority.URGENT).build());
        clock.advance(Duration.ofNanos(1_234_567_891L));
        desk.take(HOTEL, f.reference(), Actor.staff("ali"));
        clock.advance(Duration.ofMinutes(3).plusNanos(17));
        desk.plan(HOTEL, f.reference(), Actor.staff("ali"), clock.instant().plus(Duration.ofHours(2)).plusNanos(999), "technician");

        Feedback known = store.lastKnown(HOTEL, f.reference()).orElseThrow();

        assertThat(known.version()).isEqualTo(3);
        assertThat(store.lastKnown(HOTEL, f.id())).containsSame(known);
        // instants in the microseconds of the columns, like the row read back, so a command decides alike on either
        assertSameState(known, store.find(HOTEL, f.id()).orElseThrow());
        assertThat(store.lastKnown(OTHER, f.reference())).isEmpty();
    }

    @Test
    void twoNodesApplyEveryCommandToTheStoredStateWhateverEachLastKnew() {
        FeedbackDesk other = otherNode();
        Feedback f = desk.receive(intake(HOTEL, "Klima çalışmıyor").build());
        desk.take(HOTEL, f.reference(), Actor.staff("ali"));
        // this node knows version 2; the other resolves it (version 3) without this one knowing
        other.resolve(HOTEL, f.reference(), Actor.staff("veli"), "compressor replaced");

        Feedback closed = desk.accept(HOTEL, f.reference(), "thank you");

        assertThat(closed.status()).isEqualTo(Status.CLOSED);
        assertThat(closed.version()).isEqualTo(4);
        assertThat(store.history(HOTEL, f.id())).extracting(FeedbackEvent::type).containsExactly(
                io.memnun.feedback.EventType.RECEIVED, io.memnun.feedback.EventType.TAKEN,
                io.memnun.feedback.EventType.RESOLVED, io.memnun.feedback.EventType.ACCEPTED);
        // links computed in Java (this node) and in SQL (the other, then this one after its stale try) make one chain
        assertThat(io.memnun.HistoryVerifier.of(store).verify(HOTEL, f.id()).intact()).isTrue();
        assertThat(io.memnun.HistoryVerifier.of(store).verify(HOTEL, f.id()).events()).isEqualTo(4);
    }

    @Test
    void aCommandRefusedOnTheStoredStateWritesNothingThoughTheNodeKnewAStateThatAllowedIt() {
        Feedback f = desk.receive(intake(HOTEL, "Klima çalışmıyor").build());
        desk.take(HOTEL, f.reference(), Actor.staff("ali"));
        otherNode().cancel(HOTEL, f.reference(), Actor.staff("veli"), "guest withdrew");

        assertThatThrownBy(() -> desk.resolve(HOTEL, f.reference(), Actor.staff("ali"), "compressor replaced"))
                .isInstanceOf(io.memnun.feedback.IllegalTransitionException.class);
        Feedback stored = store.find(HOTEL, f.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(Status.CANCELLED);
        assertThat(stored.version()).isEqualTo(3);
        assertThat(store.history(HOTEL, f.id())).hasSize(3);
    }

    @Test
    void nothingSeenInAHostTransactionIsKnownAfterItRollsBack() throws SQLException {
        Feedback f = desk.receive(intake(HOTEL, "Klima çalışmıyor").build());
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            Feedback inside = storage.withConnection(c, () -> desk.take(HOTEL, f.reference(), Actor.staff("x")));
            assertThat(inside.version()).isEqualTo(2);
            assertThat(storage.withConnection(c, () -> store.lastKnown(HOTEL, f.reference()))).isEmpty();
            c.rollback();
        }
        assertThat(store.lastKnown(HOTEL, f.reference())).hasValueSatisfying(k -> assertThat(k.version()).isEqualTo(1));

        Feedback taken = desk.take(HOTEL, f.reference(), Actor.staff("y"));

        assertThat(taken.version()).isEqualTo(2);
        assertThat(taken.assignee()).contains(StaffId.of("y"));
        assertThat(io.memnun.HistoryVerifier.of(store).verify(HOTEL, f.id()).intact()).isTrue();
    }

    @Test
    void roundsEndedAtOneInstantInHostTransactionsCountOnce() throws SQLException {
        // in a host's transaction the store keeps no state between calls: each save that stops a clock reads the
        // clocks it was based on to tell a round it ends from one an earlier save at the same instant ended
        FeedbackDesk withTargets = FeedbackDesk.builder().store(store).clock(clock).sla(SlaPolicy.defaults()).build();
        Feedback f = inHostTransaction(() -> withTargets.receive(intake(HOTEL, "Oda soğuk").build()));
        inHostTransaction(() -> withTargets.take(HOTEL, f.reference(), Actor.staff("reception")));
        inHostTransaction(() -> withTargets.resolve(HOTEL, f.reference(), Actor.staff("reception"), "Isıtıcı verildi"));
        inHostTransaction(() -> withTargets.accept(HOTEL, f.reference(), null));

        ReportFilter march = ReportFilter.of(HOTEL, ReportPeriod.month(YearMonth.of(2026, 3), ZoneOffset.UTC));
        assertThat(storage.reportStore().slaCompliance(march, null)).extracting(SlaCompliance::target, SlaCompliance::met, SlaCompliance::missed)
                .containsExactly(tuple(SlaKind.ACKNOWLEDGEMENT, 1L, 0L), tuple(SlaKind.FIRST_RESPONSE, 1L, 0L),
                        tuple(SlaKind.RESOLUTION, 1L, 0L));
        assertThat(storage.reportStore().handlingTime(march, null)).extracting(DurationStats::count).containsExactly(1L);
    }

    private <T> T inHostTransaction(Supplier<T> work) throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            T result = storage.withConnection(c, work);
            c.commit();
            return result;
        }
    }

    @Test
    void aHostTransactionCommitsMemnunsWritesWithItsOwn() throws SQLException {
        Feedback f;
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            hostWrite(c, "committed");
            f = storage.withConnection(c, () -> desk.receive(intake(HOTEL, "with a room change").build()));
            // the host's connection sees memnun's uncommitted writes; desk commands within it read them back
            storage.withConnection(c, () -> desk.take(HOTEL, f.reference(), Actor.staff("x")));
            c.commit();
        }
        assertThat(store.find(HOTEL, f.id()).orElseThrow().status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(store.history(HOTEL, f.id())).hasSize(2);
        assertThat(hostRows()).containsExactly("committed");
    }

    @Test
    void aHostRollbackLeavesNothing() throws SQLException {
        Feedback f;
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            hostWrite(c, "rolled back");
            f = storage.withConnection(c, () -> desk.receive(intake(HOTEL, "then the host failed").build()));
            c.rollback();
        }
        assertThat(store.find(HOTEL, f.id())).isEmpty();
        assertThat(store.history(HOTEL, f.id())).isEmpty();
        assertThat(hostRows()).isEmpty();
        assertThat(store.query(FeedbackQuery.builder(HOTEL).build()).items()).isEmpty();
        // the number drawn inside the rolled-back transaction was rolled back with it
        assertThat(store.next(HOTEL, "FB", 2026)).isEqualTo(1);
    }

    @Test
    void notificationsCommitAndRollBackWithTheHostTransaction() throws SQLException {
        Feedback kept = feedback(HOTEL, 1, T0, UUID.randomUUID());
        Feedback clash = feedback(HOTEL, 2, T0, UUID.randomUUID());
        Feedback lost = feedback(HOTEL, 3, T0, UUID.randomUUID());
        // the outbox keeps instants to the microsecond, like every table
        Instant at = T0.truncatedTo(ChronoUnit.MICROS);
        Notification keptMessage = OutboxFixtures.email(HOTEL, kept.id(), 1, "kept@example.com", at);
        Notification lostMessage = OutboxFixtures.sms(HOTEL, lost.id(), 1, "+905321234567", at);
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            storage.withConnection(c, () -> store.save(new FeedbackChange(kept, 0,
                    List.of(Lifecycle.receivedEvent(kept, Actor.SYSTEM, T0)), List.of(keptMessage))));
            // a change whose message exists is refused whole, and the host's transaction goes on
            Notification again = OutboxFixtures.email(HOTEL, clash.id(), 1, "kept@example.com", T0);
            Notification duplicate = new Notification(keptMessage.id(), HOTEL, again.owner(), 1, again.event(),
                    again.template(), again.party(), again.channel(), null, null, again.address(), again.language(), again.zone(),
                    again.subject(), again.text(), null, again.category(), false, false, again.idempotencyKey(), T0);
            assertThatThrownBy(() -> storage.withConnection(c, () -> store.save(new FeedbackChange(clash, 0,
                    List.of(Lifecycle.receivedEvent(clash, Actor.SYSTEM, T0)), List.of(duplicate)))))
                    .isInstanceOf(DuplicateKeyException.class);
            hostWrite(c, "committed");
            c.commit();
        }
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            storage.withConnection(c, () -> store.save(new FeedbackChange(lost, 0,
                    List.of(Lifecycle.receivedEvent(lost, Actor.SYSTEM, T0)), List.of(lostMessage))));
            assertThat(storage.withConnection(c, () -> storage.outboxStore().find(lostMessage.id()))).as("seen inside").isPresent();
            c.rollback();
        }
        assertThat(storage.outboxStore().find(keptMessage.id()).orElseThrow().notification()).isEqualTo(keptMessage);
        assertThat(store.find(HOTEL, clash.id())).isEmpty();
        assertThat(store.find(HOTEL, lost.id())).isEmpty();
        assertThat(storage.outboxStore().find(lostMessage.id())).isEmpty();
        assertThat(hostRows()).containsExactly("committed");
    }

    @Test
    void aFailedCallInsideAHostTransactionLeavesTheHostTransactionUsable() throws SQLException {
        Feedback existing = feedback(HOTEL, 1, T0, UUID.randomUUID());
        create(existing);
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            hostWrite(c, "before");
            Feedback clash = feedback(HOTEL, 1, T0, UUID.randomUUID());
            assertThatThrownBy(() -> storage.withConnection(c, () -> create(clash))).isInstanceOf(DuplicateKeyException.class);
            hostWrite(c, "after");
            c.commit();
        }
        assertThat(hostRows()).containsExactlyInAnyOrder("before", "after");
        assertThat(store.find(HOTEL, existing.id())).isPresent();
    }

    @Test
    void aConnectionProviderRunsEveryCallInTheHostsTransaction() throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            List<Connection> released = new ArrayList<>();
            JdbcStorage hosted = JdbcStorage.builder().dataSource(dataSource()).connectionProvider(new ConnectionProvider() {
                @Override
                public Connection get() {
                    return c;
                }

                @Override
                public void release(Connection connection) {
                    released.add(connection);
                }
            }).build();
            FeedbackDesk hostedDesk = FeedbackDesk.builder().store(hosted.feedbackStore()).clock(clock).build();
            Feedback f = hostedDesk.receive(intake(HOTEL, "through the provider").build());
            assertThat(store.find(HOTEL, f.id())).as("not visible outside before the host commits").isEmpty();
            assertThat(released).isNotEmpty().allMatch(x -> x == c);
            assertThat(c.isClosed()).isFalse();
            c.commit();
            assertThat(store.find(HOTEL, f.id())).isPresent();
        }
    }

    @Test
    void aHostConnectionInAutoCommitModeIsRefused() throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(true);
            assertThatThrownBy(() -> storage.withConnection(c, () -> desk.receive(intake(HOTEL, "x").build())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("auto-commit");
        }
    }

    @Test
    void concurrentCommandsOnOneFeedbackNeverLoseAChange() throws Exception {
        Feedback f = desk.receive(intake(HOTEL, "busy").build());
        int threads = 8;
        List<Thread> workers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger applied = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            int n = i;
            workers.add(new Thread(() -> {
                try {
                    start.await();
                    for (int k = 0; k < 10; k++) {
                        try {
                            desk.addNote(HOTEL, f.id(), Actor.staff("s" + n), "note " + k);
                            applied.incrementAndGet();
                        } catch (VersionConflictException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        workers.forEach(Thread::start);
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }
        List<FeedbackEvent> history = store.history(HOTEL, f.id());
        assertThat(history).hasSize(1 + applied.get());
        assertThat(history).extracting(FeedbackEvent::version).doesNotHaveDuplicates();
        assertThat(store.find(HOTEL, f.id()).orElseThrow().version()).isEqualTo(1 + applied.get());
        assertThat(applied.get() + conflicts.get()).isEqualTo(threads * 10);
    }

    void hostWrite(Connection c, String value) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO host_room_change (note) VALUES ('" + value + "')");
        }
    }

    List<String> hostRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT note FROM host_room_change")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** The host's own table beside memnun's, for the transaction tests. */
    static void createHostTable(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE host_room_change (note VARCHAR(100))");
        } catch (SQLException e) {
            throw new StoreException("could not create the host's table", e);
        }
    }

    static void emptyHostTable(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM host_room_change");
        } catch (SQLException e) {
            throw new StoreException("could not empty the host's table", e);
        }
    }
}
