package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.tck.Fixtures;
import io.memnun.testing.CapturedLog;
import io.memnun.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SLA monitor's work list spans every tenant: one stored row memnun cannot read (a JSON column changed by hand)
 * must not stop the response-time checkpoints of every other feedback. It is left out of the list and logged, on
 * every pass, by id only.
 */
class UnreadableSlaRowTest extends OnEachDatabase {
    private final MutableClock clock = MutableClock.at("2026-05-04T07:00:00.000001Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFeedbackWhoseRowCannotBeReadIsLeftOutOfTheWorkListAndLogged(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("sla-row");
        JdbcFeedbackStore store = JdbcStorage.builder().dataSource(dataSource()).build().feedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).sla(io.memnun.sla.SlaPolicy.defaults()).build();
        List<FeedbackId> received = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Oda " + (201 + i) + " gürültülü")
                    .customer(Customer.builder().name("Veli Yıldırım").email("veli.yildirim@example.com").build())
                    .build());
            assertThat(f.nextSlaCheckAt()).isPresent();
            received.add(f.id());
        }
        FeedbackId unreadable = received.get(1);
        update("UPDATE memnun_feedback SET sla_clocks = ? WHERE tenant = ? AND id = ?", "[4,[[\"WARNING\",", tenant.value(), unreadable.value());

        // far enough on that every clock of these feedback is due; other tests' feedback may be listed too
        Instant later = clock.instant().plus(java.time.Duration.ofDays(3650));
        List<Feedback> due = new ArrayList<>();
        String log = CapturedLog.during(() -> due.addAll(store.dueForSlaCheck(later, 1000)));

        assertThat(due).extracting(Feedback::id).contains(received.get(0), received.get(2)).doesNotContain(unreadable);
        assertThat(log).contains(unreadable.value().toString()).doesNotContain("Veli").doesNotContain("yildirim");
    }

    /**
     * However many unreadable rows come first, the list holds as many readable ones as are due, up to the limit: a
     * list shortened by them would end the monitor's pass early ({@code DuePass} takes a short list for the end), and
     * with a limit's worth of them (and 16 more) at its head it would never reach any other feedback.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void unreadableRowsAtTheHeadOfTheWorkListDoNotShortenIt(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("sla-head");
        JdbcFeedbackStore store = JdbcStorage.builder().dataSource(dataSource()).build().feedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).sla(io.memnun.sla.SlaPolicy.defaults()).build();
        List<FeedbackId> unreadable = new ArrayList<>();
        List<FeedbackId> readable = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Oda " + (301 + i) + " gürültülü")
                    .build());
            (i < 20 ? unreadable : readable).add(f.id());
        }
        // the unreadable rows first in the list (the earliest checks of the database), the readable ones right after them
        for (FeedbackId id : unreadable) {
            update("UPDATE memnun_feedback SET sla_clocks = ?, next_sla_check_at = ? WHERE tenant = ? AND id = ?",
                    "[4,[[\"WARNING\",", java.time.OffsetDateTime.parse("1990-01-01T00:00:00Z"), tenant.value(), id.value());
        }
        for (FeedbackId id : readable) {
            update("UPDATE memnun_feedback SET next_sla_check_at = ? WHERE tenant = ? AND id = ?",
                    java.time.OffsetDateTime.parse("1990-01-02T00:00:00Z"), tenant.value(), id.value());
        }

        List<Feedback> due = new ArrayList<>();
        String log = CapturedLog.during(() -> due.addAll(store.dueForSlaCheck(clock.instant(), 3)));

        assertThat(due).extracting(Feedback::id).containsExactlyInAnyOrderElementsOf(readable);
        assertThat(log).contains(unreadable.get(0).value().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aListThatMeetsARowItCannotReadNamesTheFeedbackAndNothingOfIt(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("list-row");
        JdbcFeedbackStore store = JdbcStorage.builder().dataSource(dataSource()).build().feedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).sla(io.memnun.sla.SlaPolicy.defaults()).build();
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Oda 301 gürültülü")
                .customer(Customer.builder().name("Veli Yıldırım").email("veli.yildirim@example.com").build())
                .build());
        update("UPDATE memnun_feedback SET sla_clocks = ? WHERE tenant = ? AND id = ?", "[4,[[\"WARNING\",", tenant.value(), f.id().value());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.query(io.memnun.feedback.FeedbackQuery.builder(tenant).build()))
                .isInstanceOf(io.memnun.error.StoreException.class)
                .hasMessageContaining(f.id().value().toString())
                .hasMessageNotContaining("Veli").hasMessageNotContaining("yildirim");
    }
}
