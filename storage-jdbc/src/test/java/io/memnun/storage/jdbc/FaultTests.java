package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.FeedbackDesk;
import io.memnun.Notifications;
import io.memnun.error.TransientStoreException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Delivery;
import io.memnun.notify.NotificationRule;
import io.memnun.notify.NotificationRules;
import io.memnun.notify.Party;
import io.memnun.tck.Fixtures;
import io.memnun.testing.MutableClock;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A connection that fails at any point of a receipt or a command leaves nothing half-written: for every n, the
 * n-th statement or commit of the call fails, and afterwards the database holds either the whole change or none
 * of it (none, since the failure comes before or at the commit). Each test runs without notifications (a change is
 * then one statement) and with them (the change and its outbox messages in one transaction).
 */
abstract class FaultTests {
    private final MutableClock clock = MutableClock.at("2026-05-04T10:00:00.000001Z");

    /** A migrated database with the default prefix. */
    abstract DataSource dataSource();

    /** The customer hears of the receipt and the resolution by e-mail and SMS: two messages per change. */
    private static final NotificationRules RULES = NotificationRules.builder()
            .add(NotificationRule.on(EventType.RECEIVED, Party.CUSTOMER).via(Delivery.EMAIL_AND_SMS))
            .add(NotificationRule.on(EventType.RESOLVED, Party.CUSTOMER).via(Delivery.EMAIL_AND_SMS))
            .build();

    private FeedbackDesk desk(DataSource ds, boolean notify) {
        JdbcStorage storage = JdbcStorage.builder().dataSource(ds).build();
        FeedbackDesk.Builder b = FeedbackDesk.builder().store(storage.feedbackStore()).clock(clock);
        if (notify) {
            b.notifications(Notifications.builder("Otel").rules(RULES).build());
        }
        return b.build();
    }

    private static Intake intake(TenantId tenant) {
        return Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, Fixtures.TURKISH_TEXT)
                .customer(Customer.builder().email("guest@example.com").phone("+905321234567").build()).context("room", "412").build();
    }

    @ParameterizedTest(name = "notifications: {0}")
    @ValueSource(booleans = {false, true})
    void aReceiptThatFailsAtAnyStatementWritesNoFeedbackNoEventAndNoMessage(boolean notify) {
        FailingDataSource faulty = new FailingDataSource(dataSource());
        FeedbackDesk failingDesk = desk(faulty, notify);
        FeedbackDesk desk = desk(dataSource(), notify);
        int before = faulty.calls();
        failingDesk.receive(intake(Fixtures.newTenant("count")));
        int calls = faulty.calls() - before;
        // two: the number, then the row with its event in one statement; with notifications the row, the event,
        // the messages and the commit
        assertThat(calls).as("statements and commits of one receipt").isGreaterThanOrEqualTo(notify ? 5 : 2);

        for (int n = 1; n <= calls; n++) {
            TenantId tenant = Fixtures.newTenant("receipt-" + n);
            faulty.failCall(n);
            assertThatThrownBy(() -> failingDesk.receive(intake(tenant))).as("failure at call %d", n)
                    .isInstanceOf(TransientStoreException.class).hasMessageContaining("connection to the database failed")
                    .rootCause().hasMessageStartingWith("injected failure");
            assertThat(desk.query(FeedbackQuery.builder(tenant).build()).items()).as("feedback after failure at %d", n).isEmpty();
            assertThat(rows("feedback_event", tenant)).as("events after failure at %d", n).isZero();
            assertThat(rows("outbox", tenant)).as("messages after failure at %d", n).isZero();
            // and the next attempt, on a healthy connection, goes through
            Feedback f = desk.receive(intake(tenant));
            assertThat(desk.history(tenant, f.id())).hasSize(1);
            assertThat(rows("outbox", tenant)).isEqualTo(notify ? 2 : 0);
        }
    }

    /**
     * A command fails at each of its statements in turn: started from a fresh read (a node that knows nothing of the
     * feedback) and from the state its store last knew (no read first).
     */
    @ParameterizedTest(name = "notifications: {0}, from the known state: {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void aCommandThatFailsAtAnyStatementChangesNothingAndWritesNoMessage(boolean notify, boolean fromKnownState) {
        TenantId tenant = Fixtures.newTenant("command");
        FeedbackDesk healthy = desk(dataSource(), notify);
        Feedback f = healthy.receive(intake(tenant));
        Feedback taken = healthy.take(tenant, f.reference(), Actor.staff("ali"));

        FailingDataSource faulty = new FailingDataSource(dataSource());
        FeedbackDesk failingDesk = failingDesk(faulty, notify, fromKnownState, tenant, f);
        int before = faulty.calls();
        failingDesk.resolve(tenant, f.reference(), Actor.staff("ali"), "fixed");
        int calls = faulty.calls() - before;
        // from a read: the read, then the update with its event in one statement (with notifications the update,
        // the event, the messages and the commit); from the known state the same without the read
        assertThat(calls).as("statements and commits of one command").isGreaterThanOrEqualTo((notify ? 4 : 1) + (fromKnownState ? 0 : 1));
        // the customer rejects, so the feedback is back in progress and can be resolved again
        healthy.reject(tenant, f.reference(), "not fixed");
        Feedback current = healthy.get(tenant, f.id());
        long messages = rows("outbox", tenant);
        // receipt and first resolution, two messages each
        assertThat(messages).isEqualTo(notify ? 4 : 0);

        for (int n = 1; n <= calls; n++) {
            FeedbackDesk failing = failingDesk(faulty, notify, fromKnownState, tenant, f);
            faulty.failCall(n);
            int step = n;
            assertThatThrownBy(() -> failing.resolve(tenant, f.reference(), Actor.staff("ali"), "fixed " + step))
                    .as("failure at call %d", n).isInstanceOf(TransientStoreException.class)
                    .hasMessageContaining("connection to the database failed").rootCause().hasMessageStartingWith("injected failure");
            Feedback after = healthy.get(tenant, f.id());
            assertThat(after.version()).as("version after failure at %d", n).isEqualTo(current.version());
            assertThat(after.status()).isEqualTo(current.status());
            assertThat(healthy.history(tenant, f.id())).hasSize((int) current.version());
            assertThat(rows("outbox", tenant)).as("messages after failure at %d", n).isEqualTo(messages);
        }
        assertThat(taken.version()).isEqualTo(2);
        assertThat(io.memnun.HistoryVerifier.of(JdbcStorage.builder().dataSource(dataSource()).build().feedbackStore()).verify(tenant, f.id()).intact()).isTrue();
    }

    /** A desk of a node of its own on {@code faulty}; knowing the feedback's current state if asked to. */
    private FeedbackDesk failingDesk(FailingDataSource faulty, boolean notify, boolean knowing, TenantId tenant, Feedback f) {
        FeedbackDesk d = desk(faulty, notify);
        if (knowing) {
            d.get(tenant, f.id());
        }
        return d;
    }

    private long rows(String table, TenantId tenant) {
        return TestDatabases.rows(dataSource(), table, tenant, "1 = 1");
    }
}
