package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.tck.Fixtures;
import io.memnun.testing.CapturedLog;
import io.memnun.testing.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The closing job on the database: the store lists the ids due in SQL, and each feedback is read on its own when it is
 * closed, so one whose stored row memnun cannot read (a JSON column changed by hand) fails only its own closing, which
 * is logged, and every other due feedback is closed, on every run.
 */
class ClosingExpiredTest extends OnEachDatabase {
    private static final Duration CLOSING_PERIOD = Duration.ofDays(365);
    private static final Actor AYSE = Actor.staff("ayse");
    private final MutableClock clock = MutableClock.at("2026-05-04T07:00:00.000001Z");

    /** A desk on a storage of its own: no state of a feedback it wrote or read earlier stands in for the stored row. */
    private FeedbackDesk desk() {
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource()).build();
        return FeedbackDesk.builder().store(storage.feedbackStore()).clock(clock).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFeedbackWhoseRowCannotBeReadIsLoggedAndEveryOtherIsClosed(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("closing");
        FeedbackDesk desk = desk();
        List<Feedback> due = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Oda " + (101 + i) + " soğuktu")
                    .customer(Customer.builder().name("Veli Yıldırım").email("veli.yildirim@example.com").build())
                    .build());
            desk.take(tenant, f.id(), AYSE);
            Feedback resolved = desk.resolve(tenant, f.id(), AYSE, "Isıtıcı değiştirildi");
            due.add(i % 2 == 0 ? resolved : desk.reject(tenant, f.id(), "Hâlâ soğuk"));
            clock.advance(Duration.ofMinutes(1));
        }
        Feedback unreadable = due.get(2);
        update("UPDATE memnun_feedback SET sla_clocks = ? WHERE tenant = ? AND id = ?", "{\"clocks\": [", tenant.value(),
                unreadable.id().value());
        clock.advance(CLOSING_PERIOD);

        String log = CapturedLog.during(() -> assertThat(desk().closeExpired(tenant)).isEqualTo(due.size() - 1));

        FeedbackDesk reader = desk();
        for (int i = 0; i < due.size(); i++) {
            if (due.get(i) != unreadable) {
                assertThat(reader.get(tenant, due.get(i).id()).closureReason())
                        .contains(i % 2 == 0 ? ClosureReason.NO_RESPONSE : ClosureReason.UNRESOLVED);
            }
        }
        assertThat(status(tenant, unreadable.id())).isEqualTo(Status.RESOLVED.name());
        assertThat(log).contains("could not close feedback " + unreadable.id()).doesNotContain("Veli").doesNotContain("yildirim");

        // the next run meets it again, and nothing else is left
        String again = CapturedLog.during(() -> assertThat(desk().closeExpired(tenant)).isZero());
        assertThat(again).contains("could not close feedback " + unreadable.id());
    }

    private String status(TenantId tenant, FeedbackId id) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status FROM memnun_feedback WHERE tenant = ? AND id = ?")) {
            ps.setString(1, tenant.value());
            ps.setObject(2, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
