package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.CapaDesk;
import io.memnun.FeedbackDesk;
import io.memnun.NotificationDispatcher;
import io.memnun.Notifications;
import io.memnun.PrivacyDesk;
import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.error.StoreException;
import io.memnun.error.TransactionConflictException;
import io.memnun.error.TransientStoreException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.notify.NotificationRule;
import io.memnun.notify.NotificationRules;
import io.memnun.notify.Party;
import io.memnun.notify.SendResult;
import io.memnun.privacy.RetentionPolicy;
import io.memnun.privacy.RetentionReport;
import io.memnun.sla.SlaPolicy;
import io.memnun.tck.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a host running memnun inside its own transaction gets when the database refuses a call, on H2 and PostgreSQL
 * alike.
 *
 * <p>At REPEATABLE READ or SERIALIZABLE, while another writer changes the same rows, the database refuses the later
 * write (PostgreSQL with a serialization failure, H2 with its "deadlock" 40001), as it refuses the loser of a
 * deadlock at any level: the host gets a {@link TransactionConflictException}, which says "roll back and run the whole
 * transaction again". memnun goes on with nothing in the aborted transaction, and nothing of it, the host's own writes
 * before memnun's call included, is ever committed.
 *
 * <p>A lock timeout, a cancelled statement and a lost connection are a {@link TransientStoreException}; after a
 * timeout or a cancel the call has undone only itself, and the host's transaction goes on.
 */
class HostTransactionFailureTest extends OnEachDatabase {
    private static final String GUEST_NAME = "Şükrü Çağlayan";
    private static final String GUEST_EMAIL = "sukru.caglayan@example.com";

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private JdbcStorage storage;
    private FeedbackDesk desk;
    private TenantId tenant;

    private void on(String database, String label) {
        on(database);
        storage = JdbcStorage.builder().dataSource(dataSource()).build();
        desk = FeedbackDesk.builder().store(storage.feedbackStore()).build();
        tenant = Fixtures.newTenant(label);
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS host_room_change (tenant VARCHAR(100), note VARCHAR(100))");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    private Feedback complaint(String text) {
        return desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, text)
                .customer(Customer.builder().name(GUEST_NAME).email(GUEST_EMAIL).build()).build());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"h2, REPEATABLE_READ", "h2, SERIALIZABLE", "postgresql, REPEATABLE_READ", "postgresql, SERIALIZABLE"})
    void aCommandOnAFeedbackChangedSinceTheHostTransactionReadItIsATransactionConflict(String database, Isolation isolation)
            throws Exception {
        on(database, "snapshot");
        Feedback f = complaint("Oda soğuk");
        try (Connection c = hostTransaction(isolation)) {
            hostWrite(c, "guest moved to 204");
            // the transaction reads the feedback: from here on it sees the state of that moment
            storage.withConnection(c, () -> desk.get(tenant, f.id()));
            desk.take(tenant, f.id(), Actor.staff("reception"));

            assertThatThrownBy(() -> storage.withConnection(c, () -> desk.addNote(tenant, f.id(), Actor.staff("night"), "heater brought")))
                    .isInstanceOfSatisfying(TransactionConflictException.class, e -> assertSafeMessage(e, "save feedback"));

            // a host that commits all the same commits nothing of what the transaction did before
            commitIgnoringFailure(c);
        }
        assertThat(hostRows()).isEmpty();
        assertThat(storage.feedbackStore().history(tenant, f.id())).extracting(FeedbackEvent::version).containsExactly(1L, 2L);

        // what the exception asks for: the whole transaction again, which decides on the committed state
        try (Connection c = hostTransaction(isolation)) {
            hostWrite(c, "guest moved to 204");
            storage.withConnection(c, () -> desk.addNote(tenant, f.id(), Actor.staff("night"), "heater brought"));
            c.commit();
        }
        assertThat(hostRows()).containsExactly("guest moved to 204");
        assertThat(storage.feedbackStore().find(tenant, f.id()).orElseThrow().version()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"h2, REPEATABLE_READ", "h2, SERIALIZABLE", "postgresql, REPEATABLE_READ", "postgresql, SERIALIZABLE"})
    void ofTwoConcurrentCommandsOnOneFeedbackTheOneThatWaitedIsATransactionConflictAndItsRetryIsApplied(String database,
            Isolation isolation) throws Exception {
        on(database, "race");
        Feedback f = complaint("Klima çalışmıyor");
        try (Connection first = hostTransaction(isolation); Connection second = hostTransaction(isolation)) {
            storage.withConnection(first, () -> desk.addNote(tenant, f.id(), Actor.staff("ayse"), "first"));
            hostWrite(second, "second's room change");
            long waiter = sessionOf(second);
            Future<Feedback> waiting = pool.submit(() -> storage.withConnection(second,
                    () -> desk.addNote(tenant, f.id(), Actor.staff("mehmet"), "second")));
            awaitLockWait(waiter);
            first.commit();

            assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TransactionConflictException.class)
                    .satisfies(e -> assertSafeMessage((StoreException) e.getCause(), "save feedback"));
            second.rollback();
        }
        assertThat(hostRows()).isEmpty();
        inHostTransaction(isolation, c -> {
            hostWrite(c, "second's room change");
            return storage.withConnection(c, () -> desk.addNote(tenant, f.id(), Actor.staff("mehmet"), "second"));
        });
        assertThat(storage.feedbackStore().history(tenant, f.id())).extracting(FeedbackEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(storage.feedbackStore().history(tenant, f.id())).extracting(FeedbackEvent::note).containsExactly(null, "first", "second");
        assertThat(hostRows()).containsExactly("second's room change");
    }

    /** The same race at READ COMMITTED: the waiter reads the committed row, so it is a version conflict, and its transaction goes on. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void atReadCommittedTheSameRaceIsAVersionConflictAndTheHostTransactionGoesOn(String database) throws Exception {
        on(database, "read-committed");
        Feedback f = complaint("Klima çalışmıyor");
        try (Connection first = hostTransaction(Isolation.READ_COMMITTED); Connection second = hostTransaction(Isolation.READ_COMMITTED)) {
            storage.withConnection(first, () -> desk.addNote(tenant, f.id(), Actor.staff("ayse"), "first"));
            hostWrite(second, "second's room change");
            long waiter = sessionOf(second);
            // the version this command is based on, as a staff page shows it
            Future<Feedback> waiting = pool.submit(() -> storage.withConnection(second,
                    () -> desk.execute(tenant, f.id(), 1, new io.memnun.feedback.Command.AddNote(Actor.staff("mehmet"), "second"))));
            awaitLockWait(waiter);
            first.commit();

            assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(VersionConflictException.class);
            storage.withConnection(second, () -> desk.addNote(tenant, f.id(), Actor.staff("mehmet"), "second, on version 2"));
            second.commit();
        }
        assertThat(hostRows()).containsExactly("second's room change");
        assertThat(storage.feedbackStore().history(tenant, f.id())).extracting(FeedbackEvent::version).containsExactly(1L, 2L, 3L);
    }

    /**
     * Two host transactions changing two feedback in opposite order wait for each other: the database picks one to
     * fail (PostgreSQL 40P01, H2 40001), whose host gets a {@link TransactionConflictException}; the other goes on.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void ofTwoTransactionsInADeadlockTheOneTheDatabaseChoosesIsATransactionConflict(String database) throws Exception {
        on(database, "deadlock");
        Feedback one = complaint("Oda 101");
        Feedback two = complaint("Oda 102");
        try (Connection a = hostTransaction(Isolation.READ_COMMITTED); Connection b = hostTransaction(Isolation.READ_COMMITTED)) {
            storage.withConnection(a, () -> desk.addNote(tenant, one.id(), Actor.staff("a"), "a"));
            storage.withConnection(b, () -> desk.addNote(tenant, two.id(), Actor.staff("b"), "b"));
            long waiter = sessionOf(b);
            Future<String> second = pool.submit(() -> finish(b, () -> desk.addNote(tenant, one.id(), Actor.staff("b"), "b")));
            awaitLockWait(waiter);
            Future<String> first = pool.submit(() -> finish(a, () -> desk.addNote(tenant, two.id(), Actor.staff("a"), "a")));

            List<String> outcomes = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
            assertThat(outcomes).containsExactlyInAnyOrder("committed", "conflict");
            String winner = outcomes.get(0).equals("committed") ? "a" : "b";
            for (Feedback f : List.of(one, two)) {
                assertThat(storage.feedbackStore().history(tenant, f.id())).extracting(FeedbackEvent::note).containsExactly(null, winner);
            }
        }
    }

    /** Commits {@code c} after {@code work}; on a conflict rolls it back, as a host's retry loop would. */
    private String finish(Connection c, Supplier<?> work) throws SQLException {
        try {
            storage.withConnection(c, work);
            c.commit();
            return "committed";
        } catch (RuntimeException e) {
            c.rollback();
            if (e instanceof TransactionConflictException conflict) {
                assertSafeMessage(conflict, "save feedback");
                return "conflict";
            }
            throw e;
        }
    }

    /**
     * Two receipts of one tenant and year in host transactions at once both change the reference sequence's row: at
     * READ COMMITTED (and on H2 at REPEATABLE READ) the later waits and takes the next number; at SERIALIZABLE (and on
     * PostgreSQL at REPEATABLE READ) it is a conflict, and its retry takes the next number.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"h2, READ_COMMITTED, false", "h2, REPEATABLE_READ, false", "h2, SERIALIZABLE, true",
        "postgresql, READ_COMMITTED, false", "postgresql, REPEATABLE_READ, true", "postgresql, SERIALIZABLE, true"})
    void twoReceiptsAtOnceMeetOnTheReferenceSequence(String database, Isolation isolation, boolean conflict) throws Exception {
        on(database, "receipts");
        complaint("the year's first");
        Feedback first;
        Feedback second;
        try (Connection a = hostTransaction(isolation); Connection b = hostTransaction(isolation)) {
            // b's transaction begins (and takes its snapshot) before a's receipt
            storage.withConnection(b, () -> desk.findByIntakeKey(tenant, "none"));
            first = storage.withConnection(a, () -> complaint("first"));
            long waiter = sessionOf(b);
            Future<Feedback> waiting = pool.submit(() -> storage.withConnection(b, () -> complaint("second")));
            awaitLockWait(waiter);
            a.commit();
            if (conflict) {
                assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TransactionConflictException.class)
                        .satisfies(e -> assertSafeMessage((StoreException) e.getCause(), "reference number"));
                b.rollback();
                second = inHostTransaction(isolation, c -> storage.withConnection(c, () -> complaint("second")));
            } else {
                second = waiting.get(30, TimeUnit.SECONDS);
                b.commit();
            }
        }
        // inside host transactions numbers are drawn one at a time: the second took the one after the first's
        assertThat(second.reference().sequence()).isEqualTo(first.reference().sequence() + 1);
    }

    /**
     * One submission received twice at once (an e-mail fetched by two nodes) in host transactions: at READ COMMITTED
     * the later gets the first's receipt; at REPEATABLE READ and SERIALIZABLE its transaction cannot see the first,
     * committed after it began, so it is a conflict on both databases, and its retry gets the first's receipt.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"h2, READ_COMMITTED", "h2, REPEATABLE_READ", "h2, SERIALIZABLE", "postgresql, READ_COMMITTED",
        "postgresql, REPEATABLE_READ", "postgresql, SERIALIZABLE"})
    void aSubmissionReceivedTwiceAtOnceIsOneFeedback(String database, Isolation isolation) throws Exception {
        on(database, "intake-key");
        complaint("the year's first");
        Supplier<Feedback> receipt = () -> desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "Oda soğuk")
                .customer(Customer.builder().name(GUEST_NAME).email(GUEST_EMAIL).build()).intakeKey("<20260314.1@mail.example>").build());
        Feedback first;
        Feedback second;
        try (Connection a = hostTransaction(isolation); Connection b = hostTransaction(isolation)) {
            // b's transaction begins (and takes its snapshot) before a's receipt
            storage.withConnection(b, () -> desk.findByIntakeKey(tenant, "<20260314.0@mail.example>"));
            first = storage.withConnection(a, receipt);
            long waiter = sessionOf(b);
            Future<Feedback> waiting = pool.submit(() -> storage.withConnection(b, receipt));
            awaitLockWait(waiter);
            a.commit();
            if (isolation == Isolation.READ_COMMITTED) {
                second = waiting.get(30, TimeUnit.SECONDS);
                b.commit();
            } else {
                assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TransactionConflictException.class)
                        .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("20260314"));
                b.rollback();
                second = inHostTransaction(isolation, c -> storage.withConnection(c, receipt));
            }
        }
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(storage.feedbackStore().findByIntakeKey(tenant, "<20260314.1@mail.example>")).map(Feedback::id).contains(first.id());
    }

    /**
     * On H2 at REPEATABLE READ the second receipt of one submission waits for the reference sequence and takes the next
     * number; only its insert meets the first's intake key, which it cannot see. The desk's conflict then leaves the
     * transaction open, unlike the database's: the host must roll it back, or a commit keeps its own writes and the
     * number taken.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void theDesksIntakeKeyConflictLeavesTheTransactionOpenForTheHostToRollBack(String database) throws Exception {
        on(database, "intake-key-open");
        complaint("the year's first");
        Supplier<Feedback> receipt = () -> desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "Oda soğuk")
                .customer(Customer.builder().name(GUEST_NAME).email(GUEST_EMAIL).build()).intakeKey("<20260314.2@mail.example>").build());
        try (Connection a = hostTransaction(Isolation.REPEATABLE_READ); Connection b = hostTransaction(Isolation.REPEATABLE_READ)) {
            storage.withConnection(b, () -> desk.findByIntakeKey(tenant, "<20260314.0@mail.example>"));
            hostWrite(b, "guest moved to 204");
            storage.withConnection(a, receipt);
            long waiter = sessionOf(b);
            Future<Feedback> waiting = pool.submit(() -> storage.withConnection(b, receipt));
            awaitLockWait(waiter);
            a.commit();
            assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TransactionConflictException.class);

            // the transaction goes on: it still sees its own write
            try (PreparedStatement ps = b.prepareStatement("SELECT COUNT(*) FROM host_room_change WHERE tenant = ?")) {
                ps.setString(1, tenant.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
            b.commit();
        }
        assertThat(hostRows()).containsExactly("guest moved to 204");
    }

    /**
     * A retention run inside the host's transaction that meets a conflict on one feedback stops there with the
     * {@link TransactionConflictException}: the database aborted the transaction (H2 rolled back the anonymisations
     * before it), so going on would report them as done and, on H2, run the rest in a new transaction.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aRetentionRunInTheHostTransactionStopsAtAConflict(String database) throws Exception {
        on(database, "retention");
        PrivacyDesk privacy = PrivacyDesk.builder(desk, storage.privacyStore()).accessLogKey(Fixtures.accessLogKey())
                .retention(RetentionPolicy.builder().afterClosing(Duration.ofDays(730)).build()).build();
        Feedback one = desk.cancel(tenant, complaint("Oda 101").id(), Actor.staff("ayse"), "Bilgi amaçlı");
        Feedback two = desk.cancel(tenant, complaint("Oda 102").id(), Actor.staff("ayse"), "Bilgi amaçlı");
        Instant due = two.closedAt().orElseThrow().plus(Duration.ofDays(731));

        try (Connection c = hostTransaction(Isolation.REPEATABLE_READ)) {
            hostWrite(c, "nightly retention");
            // the transaction reads both feedback and their history (H2 takes its snapshot of each table at the first
            // read of it); then another anonymises the second and commits
            storage.withConnection(c, () -> List.of(desk.get(tenant, one.id()), desk.get(tenant, two.id()), desk.history(tenant, two.id())));
            privacy.anonymise(tenant, two.id(), Actor.staff("kvkk"), "KVKK-2026-0060");

            assertThatThrownBy(() -> storage.withConnection(c, () -> privacy.runRetention(tenant, due)))
                    .isInstanceOf(TransactionConflictException.class);
            c.rollback();
        }
        assertThat(hostRows()).isEmpty();
        assertThat(Anonymisation.isAnonymised(storage.feedbackStore().find(tenant, one.id()).orElseThrow())).isFalse();

        // what the exception asks for: the whole transaction again
        RetentionReport report = inHostTransaction(Isolation.REPEATABLE_READ, c -> {
            hostWrite(c, "nightly retention");
            return storage.withConnection(c, () -> privacy.runRetention(tenant, due));
        });
        assertThat(report.anonymised()).containsExactly(one.reference().toString());
        assertThat(report.failed()).isEmpty();
        assertThat(hostRows()).containsExactly("nightly retention");
        assertThat(Anonymisation.isAnonymised(storage.feedbackStore().find(tenant, one.id()).orElseThrow())).isTrue();
    }

    private Feedback complaintOn(FeedbackDesk on, String text) {
        return on.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, text)
                .customer(Customer.builder().name(GUEST_NAME).email(GUEST_EMAIL).build()).build());
    }

    private static List<EventType> slaEvents(FeedbackDesk on, Feedback f) {
        return on.history(f.tenant(), f.id()).stream().map(FeedbackEvent::type).filter(t -> t.name().startsWith("SLA_")).toList();
    }

    /**
     * An SLA monitor's tick inside the host's transaction that meets a conflict on one feedback stops there: the
     * database aborted the transaction with the checkpoints fired before it, and going on would fire the rest in a new
     * transaction (H2) or fail on each (PostgreSQL, 25P02), while the tick answered as if they were fired.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anSlaMonitorTickInTheHostTransactionStopsAtAConflict(String database) throws Exception {
        on(database, "sla-monitor");
        FeedbackDesk timed = FeedbackDesk.builder().store(storage.feedbackStore()).sla(SlaPolicy.defaults()).build();
        Feedback one = complaintOn(timed, "Oda 101");
        Feedback two = complaintOn(timed, "Oda 102");
        Instant due = two.receivedAt().plus(Duration.ofDays(60));

        try (Connection c = hostTransaction(Isolation.REPEATABLE_READ)) {
            hostWrite(c, "sla tick");
            // the transaction reads both feedback and their history; then another changes the second and commits
            storage.withConnection(c, () -> List.of(timed.get(tenant, one.id()), timed.get(tenant, two.id()), timed.history(tenant, two.id())));
            timed.addNote(tenant, two.id(), Actor.staff("ayse"), "Misafir arandı");

            assertThatThrownBy(() -> storage.withConnection(c, () -> timed.slaMonitor().tick(due)))
                    .isInstanceOfSatisfying(TransactionConflictException.class, e -> assertThat(e.inHostTransaction()).isTrue());
            c.rollback();
        }
        assertThat(hostRows()).isEmpty();
        assertThat(slaEvents(timed, one)).isEmpty();

        // what the exception asks for: the whole transaction again
        int fired = inHostTransaction(Isolation.REPEATABLE_READ, c -> {
            hostWrite(c, "sla tick");
            return storage.withConnection(c, () -> timed.slaMonitor().tick(due));
        });
        assertThat(slaEvents(timed, one)).isNotEmpty().hasSameSizeAs(slaEvents(timed, two));
        assertThat(fired).isEqualTo(slaEvents(timed, one).size() * 2);
        assertThat(hostRows()).containsExactly("sla tick");
    }

    /**
     * Closing expired feedback inside the host's transaction, likewise: the closing of one feedback meets a conflict and
     * the run stops there, rather than report the closings before it, which the database aborted, as done.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void closingExpiredFeedbackInTheHostTransactionStopsAtAConflict(String database) throws Exception {
        on(database, "close-expired");
        // a closing period of nothing: every resolution is past it at once
        FeedbackDesk closing = FeedbackDesk.builder().store(storage.feedbackStore())
                .config(io.memnun.DeskConfig.builder().closingPeriod(Duration.ZERO).build()).build();
        Feedback one = closing.resolve(tenant, closing.take(tenant, complaintOn(closing, "Oda 101").id(), Actor.staff("ayse")).id(),
                Actor.staff("ayse"), "Isıtıcı değiştirildi");
        Feedback two = closing.resolve(tenant, closing.take(tenant, complaintOn(closing, "Oda 102").id(), Actor.staff("ayse")).id(),
                Actor.staff("ayse"), "Isıtıcı değiştirildi");

        try (Connection c = hostTransaction(Isolation.REPEATABLE_READ)) {
            hostWrite(c, "daily closing");
            // the transaction reads both feedback and their history; then another changes the second and commits
            storage.withConnection(c, () -> List.of(closing.get(tenant, one.id()), closing.get(tenant, two.id()), closing.history(tenant, two.id())));
            closing.addNote(tenant, two.id(), Actor.staff("ayse"), "Misafir arandı");

            assertThatThrownBy(() -> storage.withConnection(c, () -> closing.closeExpired(tenant)))
                    .isInstanceOfSatisfying(TransactionConflictException.class, e -> assertThat(e.inHostTransaction()).isTrue());
            c.rollback();
        }
        assertThat(hostRows()).isEmpty();
        assertThat(closing.get(tenant, one.id()).status()).isEqualTo(io.memnun.feedback.Status.RESOLVED);

        // what the exception asks for: the whole transaction again
        int closed = inHostTransaction(Isolation.REPEATABLE_READ, c -> {
            hostWrite(c, "daily closing");
            return storage.withConnection(c, () -> closing.closeExpired(tenant));
        });
        assertThat(closed).isEqualTo(2);
        assertThat(List.of(closing.get(tenant, one.id()), closing.get(tenant, two.id())))
                .allSatisfy(f -> assertThat(f.status()).isEqualTo(io.memnun.feedback.Status.CLOSED));
        assertThat(hostRows()).containsExactly("daily closing");
    }

    /** The corrective actions' tick, likewise: an overdue item's escalation meets a conflict, and the tick stops there. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCorrectiveActionTickInTheHostTransactionStopsAtAConflict(String database) throws Exception {
        on(database, "capa-tick");
        CapaDesk capa = CapaDesk.builder(desk).store(storage.capaStore()).build();
        Instant dueAt = desk.clock().instant().plus(Duration.ofHours(1));
        List<CorrectiveAction> actions = new ArrayList<>();
        for (String title : List.of("Asansör", "Klima")) {
            CorrectiveAction a = capa.open(tenant, CapaKind.CORRECTIVE, title, title + " sık arızalanıyor", Origin.standalone(),
                    DepartmentId.of("teknik"), Actor.staff("kalite"));
            actions.add(capa.execute(tenant, a.id(), new CapaCommand.AddItem(Actor.staff("kalite"), ActionItem.Kind.PROCESS_CHANGE,
                    "Bakım adımı", DepartmentId.of("teknik"), null, dueAt, null)));
            dueAt = dueAt.plusSeconds(60);
        }
        CorrectiveAction one = actions.get(0);
        CorrectiveAction two = actions.get(1);
        Instant later = dueAt.plus(Duration.ofDays(1));

        try (Connection c = hostTransaction(Isolation.REPEATABLE_READ)) {
            hostWrite(c, "capa tick");
            storage.withConnection(c, () -> List.of(capa.get(tenant, one.id()), capa.get(tenant, two.id()), capa.history(tenant, two.id())));
            capa.execute(tenant, two.id(), new CapaCommand.AddNote(Actor.staff("ayse"), "Servis arandı"));

            assertThatThrownBy(() -> storage.withConnection(c, () -> capa.tick(later)))
                    .isInstanceOfSatisfying(TransactionConflictException.class, e -> assertThat(e.inHostTransaction()).isTrue());
            c.rollback();
        }
        assertThat(hostRows()).isEmpty();
        assertThat(capa.get(tenant, one.id()).item(1).orElseThrow().escalatedAt()).isNull();

        int fired = inHostTransaction(Isolation.REPEATABLE_READ, c -> {
            hostWrite(c, "capa tick");
            return storage.withConnection(c, () -> capa.tick(later));
        });
        assertThat(fired).isEqualTo(2);
        assertThat(actions).allSatisfy(a -> assertThat(capa.get(tenant, a.id()).item(1).orElseThrow().escalatedAt()).isNotNull());
        assertThat(hostRows()).containsExactly("capa tick");
    }

    /**
     * The dispatcher's tick, likewise: recording a delivery meets a conflict, and the tick stops there instead of sending
     * the rest of its batch, whose records would fail or be written outside the transaction. The claims were rolled back
     * with it, so the next tick sends the messages sent in it again, under the same idempotency keys: sending cannot be
     * rolled back, which is why a dispatcher is best run outside a transaction of the host's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDispatcherTickInTheHostTransactionStopsAtAConflict(String database) throws Exception {
        on(database, "dispatch");
        FeedbackDesk notifying = FeedbackDesk.builder().store(storage.feedbackStore()).notifications(Notifications.builder("Boğaziçi Otel")
                .rules(NotificationRules.builder().add(NotificationRule.on(EventType.RECEIVED, Party.CUSTOMER)).build()).build()).build();
        Feedback one = complaintOn(notifying, "Oda 101");
        Feedback two = complaintOn(notifying, "Oda 102");
        List<Notification> sent = new ArrayList<>();
        NotificationDispatcher dispatcher = notifying.notificationDispatcher().owner("node-a").channel(ContactChannel.EMAIL, n -> {
            sent.add(n);
            return SendResult.delivered("smtp-" + sent.size());
        }).build();
        Instant now = notifying.clock().instant().plusSeconds(1);

        try (Connection c = hostTransaction(Isolation.REPEATABLE_READ)) {
            hostWrite(c, "dispatch");
            storage.withConnection(c, () -> List.of(notifying.get(tenant, one.id()), notifying.get(tenant, two.id()),
                    notifying.history(tenant, two.id())));
            notifying.addNote(tenant, two.id(), Actor.staff("ayse"), "Misafir arandı");

            assertThatThrownBy(() -> storage.withConnection(c, () -> dispatcher.tick(now)))
                    .isInstanceOfSatisfying(TransactionConflictException.class, e -> assertThat(e.inHostTransaction()).isTrue());
            c.rollback();
        }
        assertThat(hostRows()).isEmpty();
        assertThat(sent).as("sent, then its delivery could not be recorded").hasSize(2);
        assertThat(notifying.history(tenant, one.id())).extracting(FeedbackEvent::type).doesNotContain(EventType.NOTIFICATION_SENT);

        int handled = inHostTransaction(Isolation.REPEATABLE_READ, c -> {
            hostWrite(c, "dispatch");
            return storage.withConnection(c, () -> dispatcher.tick(now));
        });
        assertThat(handled).isEqualTo(2);
        for (Feedback f : List.of(one, two)) {
            assertThat(notifying.history(tenant, f.id())).extracting(FeedbackEvent::type).containsOnlyOnce(EventType.NOTIFICATION_SENT);
        }
        assertThat(sent).hasSize(4);
        assertThat(sent.subList(2, 4)).extracting(Notification::idempotencyKey)
                .containsExactlyElementsOf(sent.subList(0, 2).stream().map(Notification::idempotencyKey).toList());
        assertThat(hostRows()).containsExactly("dispatch");
    }

    /** Another transaction holds the feedback's row past the host's lock timeout: the call undoes itself, and the host goes on. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aLockTimeoutIsTransientAndLeavesTheHostTransactionUsable(String database) throws Exception {
        on(database, "lock-timeout");
        Feedback f = complaint("Oda soğuk");
        try (Connection holder = hostTransaction(Isolation.READ_COMMITTED); Connection c = hostTransaction(Isolation.READ_COMMITTED)) {
            storage.withConnection(holder, () -> desk.addNote(tenant, f.id(), Actor.staff("ayse"), "holding"));
            hostWrite(c, "guest moved to 204");
            execute(c, name().equals("h2") ? "SET LOCK_TIMEOUT 100" : "SET LOCAL lock_timeout = '100ms'");

            assertThatThrownBy(() -> storage.withConnection(c, () -> desk.addNote(tenant, f.id(), Actor.staff("night"), "heater brought")))
                    .isInstanceOfSatisfying(TransientStoreException.class, e -> {
                        assertSafeMessage(e, "save feedback");
                        assertThat(e).isNotInstanceOf(TransactionConflictException.class).hasMessageContaining("lock timeout")
                                .hasMessageContaining(name().equals("h2") ? "(SQLState HYT00)" : "(SQLState 55P03)");
                    });

            holder.rollback();
            storage.withConnection(c, () -> desk.addNote(tenant, f.id(), Actor.staff("night"), "heater brought"));
            hostWrite(c, "complaint noted");
            c.commit();
        }
        assertThat(hostRows()).containsExactlyInAnyOrder("guest moved to 204", "complaint noted");
        assertThat(storage.feedbackStore().history(tenant, f.id())).extracting(FeedbackEvent::note).containsExactly(null, "heater brought");
    }

    /** PostgreSQL's statement timeout (57014; H2 ends a statement waiting for a lock with its lock timeout, above). */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void aStatementTimeoutIsTransientAndLeavesTheHostTransactionUsable(String database) throws Exception {
        on(database, "statement-timeout");
        Feedback f = complaint("Oda soğuk");
        try (Connection holder = hostTransaction(Isolation.READ_COMMITTED); Connection c = hostTransaction(Isolation.READ_COMMITTED)) {
            storage.withConnection(holder, () -> desk.addNote(tenant, f.id(), Actor.staff("ayse"), "holding"));
            hostWrite(c, "guest moved to 204");
            execute(c, "SET LOCAL statement_timeout = '100ms'");

            assertThatThrownBy(() -> storage.withConnection(c, () -> desk.addNote(tenant, f.id(), Actor.staff("night"), "heater brought")))
                    .isInstanceOfSatisfying(TransientStoreException.class, e -> {
                        assertSafeMessage(e, "save feedback");
                        assertThat(e).isNotInstanceOf(TransactionConflictException.class).hasMessageContaining("cancelled")
                                .hasMessageContaining("(SQLState 57014)");
                    });

            holder.rollback();
            storage.withConnection(c, () -> desk.addNote(tenant, f.id(), Actor.staff("night"), "heater brought"));
            c.commit();
        }
        assertThat(hostRows()).containsExactly("guest moved to 204");
        assertThat(storage.feedbackStore().history(tenant, f.id())).extracting(FeedbackEvent::note).containsExactly(null, "heater brought");
    }

    /**
     * The database ends the host's session (an administrator, a failover): the call, and every later one on that
     * connection, is a lost connection, and nothing of the transaction is committed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aLostConnectionIsTransientAndNothingOfTheTransactionIsKept(String database) throws Exception {
        on(database, "connection");
        Feedback f = complaint("Oda soğuk");
        try (Connection c = hostTransaction(Isolation.READ_COMMITTED)) {
            hostWrite(c, "guest moved to 204");
            storage.withConnection(c, () -> desk.addNote(tenant, f.id(), Actor.staff("night"), "before"));
            long session = sessionOf(c);
            try (Connection admin = dataSource().getConnection()) {
                execute(admin, name().equals("h2") ? "CALL ABORT_SESSION(" + session + ")" : "SELECT pg_terminate_backend(" + session + ")");
            }
            for (int call = 1; call <= 2; call++) {
                assertThatThrownBy(() -> storage.withConnection(c, () -> desk.addNote(tenant, f.id(), Actor.staff("night"), "after")))
                        .as("call %d", call).isInstanceOfSatisfying(TransientStoreException.class, e -> {
                            assertThat(e).isNotInstanceOf(TransactionConflictException.class)
                                    .hasMessageContaining("connection to the database failed").hasCauseInstanceOf(SQLException.class);
                            assertThat(e.getMessage()).doesNotContain(GUEST_NAME).doesNotContain(GUEST_EMAIL);
                        });
            }
        }
        assertThat(hostRows()).isEmpty();
        assertThat(storage.feedbackStore().history(tenant, f.id())).hasSize(1);
    }

    /** Says what could not be done and why, with the driver's exception as the cause, and quotes nothing stored. */
    static void assertSafeMessage(StoreException e, String what) {
        assertThat(e).isInstanceOf(TransientStoreException.class).hasCauseInstanceOf(SQLException.class);
        assertThat(e.getMessage()).contains(what).containsPattern("SQLState [0-9A-Z]{5}")
                .doesNotContain(GUEST_NAME).doesNotContain(GUEST_EMAIL).doesNotContain("SQL statement").doesNotContain("ERROR:")
                .doesNotContain("Detail");
    }

    enum Isolation {
        READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
        REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
        SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

        final int level;

        Isolation(int level) {
            this.level = level;
        }
    }

    private Connection hostTransaction(Isolation isolation) throws SQLException {
        Connection c = dataSource().getConnection();
        if (name().equals("h2")) {
            try (Statement s = c.createStatement()) {
                // generous: a test's waiter is released by the other transaction, not by the timeout
                s.execute("SET LOCK_TIMEOUT 30000");
            }
        }
        c.setAutoCommit(false);
        c.setTransactionIsolation(isolation.level);
        return c;
    }

    @FunctionalInterface
    interface HostWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inHostTransaction(Isolation isolation, HostWork<T> work) throws SQLException {
        try (Connection c = hostTransaction(isolation)) {
            T result = work.run(c);
            c.commit();
            return result;
        }
    }

    private static void commitIgnoringFailure(Connection c) throws SQLException {
        try {
            c.commit();
        } catch (SQLException refused) {
            c.rollback();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void hostWrite(Connection c, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO host_room_change (tenant, note) VALUES (?, ?)")) {
            ps.setString(1, tenant.value());
            ps.setString(2, note);
            ps.executeUpdate();
        }
    }

    private List<String> hostRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT note FROM host_room_change WHERE tenant = ?")) {
            ps.setString(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    /** The database's id of {@code c}'s session. */
    private long sessionOf(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(name().equals("h2") ? "SELECT SESSION_ID()" : "SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Returns once {@code session} waits for a lock another transaction holds. */
    private void awaitLockWait(long session) throws Exception {
        String sql = name().equals("h2") ? "SELECT BLOCKER_ID IS NOT NULL FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = ?"
                : "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?";
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < 3000; i++) {
                ps.setLong(1, session);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("session " + session + " never waited for a lock");
    }
}
