package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.capa.CapaId;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CapaLifecycle;
import io.memnun.capa.Origin;
import io.memnun.error.StoreException;
import io.memnun.error.TransientStoreException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.OutboxMessage;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.survey.Answer;
import io.memnun.survey.Invitation;
import io.memnun.survey.InvitationId;
import io.memnun.survey.Response;
import io.memnun.survey.ResponseId;
import io.memnun.survey.SurveyId;
import io.memnun.survey.SurveyToken;
import io.memnun.tck.Fixtures;
import io.memnun.tck.OutboxFixtures;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a host sees when a statement of a store call fails: a {@link StoreException} that says what could not be
 * done, with the driver's exception as its cause, and nothing a guest gave in its message (it ends up in logs).
 */
class StoreFailureTest extends OnEachDatabase {
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFailedAttachmentWriteNamesNoFileNameAGuestGave(String database) {
        on(database);
        FailingDataSource faulty = new FailingDataSource(dataSource());
        JdbcStorage storage = JdbcStorage.builder().dataSource(faulty).build();
        TenantId tenant = Fixtures.newTenant("files");
        faulty.failCall(1);
        assertThatThrownBy(() -> storage.attachmentStore().store(tenant, "sukru-kimlik-fotokopisi.jpg", "image/jpeg",
                "bytes".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e).hasMessageContaining("store attachment").hasMessageContaining(tenant.value())
                            .hasMessageNotContaining("sukru").hasMessageNotContaining("kimlik");
                    assertThat(e.getCause()).isInstanceOf(SQLException.class);
                });
        assertThat(TestDatabases.rows(dataSource(), "attachment", tenant, "1 = 1")).isZero();
    }

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00.000001Z");
    private static final SurveyId SURVEY = SurveyId.of("after-stay");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A store call of several statements, for the stores the feedback fault tests do not reach. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"h2, capa", "h2, response", "h2, campaign invitation", "h2, hold release", "h2, claim",
        "postgresql, capa", "postgresql, response", "postgresql, campaign invitation", "postgresql, hold release",
        "postgresql, claim", "h2, rule set", "h2, consent", "postgresql, rule set", "postgresql, consent"})
    void aCallThatFailsAtAnyStatementLeavesNothingOfIt(String database, String call) {
        on(database);
        JdbcStorage healthy = JdbcStorage.builder().dataSource(dataSource()).build();
        switch (call) {
            case "capa" -> failsWhole(tenant -> CapaLifecycle.open(CapaId.of(UUID.randomUUID()), tenant, CapaKind.CORRECTIVE, "Klima",
                    Fixtures.TURKISH_TEXT, Origin.standalone(), Fixtures.HOUSEKEEPING, Fixtures.AYSE, T0),
                    (s, o) -> s.capaStore().save(o.after(), 0, o.event(),
                            List.of(OutboxFixtures.email(o.after().tenant(), FeedbackId.of(UUID.randomUUID()), 1, "kalite@example.com", T0))),
                    o -> {
                        assertThat(healthy.capaStore().find(o.after().tenant(), o.after().id())).isEmpty();
                        assertThat(healthy.capaStore().history(o.after().tenant(), o.after().id())).isEmpty();
                        assertThat(rows("outbox", o.after().tenant())).isZero();
                    });
            case "response" -> failsWhole(tenant -> {
                Invitation inv = invitation(tenant, null, null);
                healthy.surveyStore().saveInvitation(inv);
                return inv;
            }, (s, inv) -> s.surveyStore().saveResponse(new Response(ResponseId.of(UUID.randomUUID()), inv.tenant(), SURVEY, 1, inv.id(), null,
                    Fixtures.HOUSEKEEPING, null, T0.plusSeconds(60), List.of(Answer.score("overall", 5)))),
                    inv -> {
                        assertThat(healthy.surveyStore().findInvitation(inv.tenant(), inv.id()).orElseThrow().answeredAt()).isNull();
                        assertThat(rows("survey_response", inv.tenant())).isZero();
                    });
            case "campaign invitation" -> failsWhole(tenant -> invitation(tenant, "yaz-2026", "ayse@example.com"),
                    (s, inv) -> s.surveyStore().saveInvitation(inv, List.of(OutboxFixtures.campaignInvitation(inv.tenant(), inv.id().value(),
                            "yaz-2026", "ayse@example.com", T0))),
                    inv -> {
                        assertThat(healthy.surveyStore().findInvitation(inv.tenant(), inv.id())).isEmpty();
                        assertThat(rows("outbox", inv.tenant())).isZero();
                    });
            case "hold release" -> failsWhole(tenant -> {
                LegalHold hold = new LegalHold(tenant, FeedbackId.of(UUID.randomUUID()), "dava-2026-114", "Tüketici hakem heyeti",
                        Actor.staff("hukuk"), T0);
                healthy.privacyStore().placeHold(hold);
                return hold;
            }, (s, hold) -> s.privacyStore().releaseHold(hold.tenant(), hold.feedback(), hold.name(), Actor.staff("hukuk"), T0.plusSeconds(60)),
                    hold -> {
                        assertThat(healthy.privacyStore().holds(hold.tenant(), hold.feedback())).containsExactly(hold);
                        assertThat(healthy.privacyStore().releasedHolds(hold.tenant(), hold.feedback())).isEmpty();
                    });
            case "claim" -> failsWhole(tenant -> {
                List<UUID> ids = new java.util.ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    var n = OutboxFixtures.email(tenant, FeedbackId.of(UUID.randomUUID()), i, "guest@example.com", T0);
                    healthy.outboxStore().enqueue(List.of(n));
                    ids.add(n.id());
                }
                return ids;
            }, (s, ids) -> assertThat(s.outboxStore().claim("node-2", T0.plusSeconds(1), Duration.ofMinutes(1), 1000))
                    .extracting(m -> m.notification().id()).containsAll(ids), ids -> ids.forEach(id -> {
                OutboxMessage m = healthy.outboxStore().find(id).orElseThrow();
                assertThat(m.attempts()).isZero();
                assertThat(m.claimedBy()).isNull();
            }));
            case "rule set" -> failsWhole(tenant -> {
                healthy.ruleSetStore().activate(tenant, RuleSet.of(RoutingRule.builder("default").department("hk").build()), 0, T0);
                return tenant;
            }, (s, tenant) -> s.ruleSetStore().activate(tenant, RuleSet.of(RoutingRule.builder("default").department("tech").build()), 1,
                    T0.plusSeconds(60)),
                    tenant -> assertThat(healthy.ruleSetStore().active(tenant).orElseThrow().version()).isEqualTo(1));
            case "consent" -> failsWhole(tenant -> new ConsentRecord(UUID.randomUUID(), tenant, PersonKey.email("ayse@example.com"),
                    "commercial", T0, "web-form", null, null),
                    (s, consent) -> s.privacyStore().saveConsent(consent),
                    consent -> assertThat(healthy.privacyStore().consents(consent.tenant(), consent.person())).isEmpty());
            default -> throw new IllegalArgumentException(call);
        }
    }

    /**
     * H2 refuses an update of a row another transaction changed meanwhile (error 90131). Recording a delivery changes
     * an invitation's row as much as answering it does, so that refusal alone does not mean "already answered": the
     * answer is then a conflict to run again, and only an answered row is reported as answered.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aConcurrentUpdateOfAnUnansweredInvitationIsAConflictNotAnAnswer(String database) {
        on(database);
        FailingDataSource faulty = new FailingDataSource(dataSource());
        JdbcStorage storage = JdbcStorage.builder().dataSource(faulty).build();
        Invitation inv = invitation(Fixtures.newTenant("race"), null, null);
        storage.surveyStore().saveInvitation(inv);

        faulty.failCall(1, FailingDataSource::concurrentUpdate);
        assertThatThrownBy(() -> storage.surveyStore().saveResponse(response(inv, T0.plusSeconds(60))))
                .isInstanceOf(io.memnun.error.TransactionConflictException.class);
        assertThat(storage.surveyStore().findInvitation(inv.tenant(), inv.id()).orElseThrow().answeredAt()).isNull();
        assertThat(rows("survey_response", inv.tenant())).isZero();

        storage.surveyStore().saveResponse(response(inv, T0.plusSeconds(90)));
        faulty.failCall(1, FailingDataSource::concurrentUpdate);
        assertThatThrownBy(() -> storage.surveyStore().saveResponse(response(inv, T0.plusSeconds(120))))
                .isInstanceOf(io.memnun.survey.AlreadyAnsweredException.class);
        assertThat(rows("survey_response", inv.tenant())).isOne();
    }

    /**
     * Outside a host's transaction a deadlock costs only the store call that met it, in a transaction of its own that
     * the store rolled back: the conflict says so ({@code inHostTransaction()} is false), and the SLA monitor treats it
     * as one feedback's failure, going on with the others and firing that one on the next tick.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDeadlockInTheStoresOwnTransactionIsOneFeedbacksFailureForTheSlaMonitor(String database) {
        on(database);
        FailingDataSource faulty = new FailingDataSource(dataSource());
        JdbcStorage storage = JdbcStorage.builder().dataSource(faulty).build();
        io.memnun.FeedbackDesk desk = io.memnun.FeedbackDesk.builder().store(storage.feedbackStore())
                .sla(io.memnun.sla.SlaPolicy.defaults()).build();
        TenantId tenant = Fixtures.newTenant("sla-deadlock");
        List<io.memnun.feedback.Feedback> received = new java.util.ArrayList<>();
        for (String text : List.of("Oda 101", "Oda 102")) {
            received.add(desk.receive(io.memnun.feedback.Intake.builder(tenant, io.memnun.feedback.FeedbackKind.COMPLAINT,
                    io.memnun.feedback.Channel.WEB_FORM, text).build()));
        }
        Instant due = received.get(1).receivedAt().plus(Duration.ofDays(60));
        // the first call lists the feedback due, the second is the first statement of the first one's save
        faulty.failCall(2, FailingDataSource::deadlock);

        int fired = desk.slaMonitor().tick(due);

        assertThat(faulty.injected()).isOne();
        int perFeedback = slaEvents(desk, received.get(1)).size();
        assertThat(perFeedback).isPositive();
        assertThat(fired).as("the second feedback's checkpoints").isEqualTo(perFeedback);
        assertThat(slaEvents(desk, received.get(0))).isEmpty();
        assertThat(desk.slaMonitor().tick(due)).as("the next tick").isEqualTo(perFeedback);
        assertThat(slaEvents(desk, received.get(0))).hasSize(perFeedback);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDeadlockInTheStoresOwnTransactionSaysItCostNoHostTransaction(String database) {
        on(database);
        FailingDataSource faulty = new FailingDataSource(dataSource());
        JdbcStorage storage = JdbcStorage.builder().dataSource(faulty).build();
        Invitation inv = invitation(Fixtures.newTenant("deadlock"), null, null);
        faulty.failCall(1, FailingDataSource::deadlock);
        assertThatThrownBy(() -> storage.surveyStore().saveInvitation(inv))
                .isInstanceOfSatisfying(io.memnun.error.TransactionConflictException.class,
                        e -> assertThat(e.inHostTransaction()).isFalse());
        assertThat(rows("survey_invitation", inv.tenant())).isZero();
    }

    private static List<io.memnun.feedback.EventType> slaEvents(io.memnun.FeedbackDesk desk, io.memnun.feedback.Feedback f) {
        return desk.history(f.tenant(), f.id()).stream().map(io.memnun.feedback.FeedbackEvent::type)
                .filter(t -> t.name().startsWith("SLA_")).toList();
    }

    private static Response response(Invitation inv, Instant at) {
        return new Response(ResponseId.of(UUID.randomUUID()), inv.tenant(), SURVEY, 1, inv.id(), null, Fixtures.HOUSEKEEPING, null, at,
                List.of(Answer.score("overall", 5)));
    }

    private Invitation invitation(TenantId tenant, String campaign, String recipient) {
        return new Invitation(InvitationId.of(UUID.randomUUID()), tenant, SURVEY, 1, SurveyToken.hash(SurveyToken.generate(RANDOM)), T0,
                T0.plus(Duration.ofDays(30)), campaign == null ? FeedbackId.of(UUID.randomUUID()) : null, campaign, Fixtures.HOUSEKEEPING,
                recipient, null, null);
    }

    /**
     * Counts the statements and commits of {@code call} on a healthy run, then, for every n, makes the n-th fail on a
     * fresh tenant's data: the call fails with a {@link TransientStoreException} (a lost connection) caused by the
     * driver's exception, and {@code unchanged} holds.
     */
    private <X> void failsWhole(Function<TenantId, X> setUp, BiConsumer<JdbcStorage, X> call, Consumer<X> unchanged) {
        FailingDataSource faulty = new FailingDataSource(dataSource());
        JdbcStorage storage = JdbcStorage.builder().dataSource(faulty).build();
        X first = setUp.apply(Fixtures.newTenant("count"));
        int before = faulty.calls();
        call.accept(storage, first);
        int calls = faulty.calls() - before;
        assertThat(calls).as("statements and commits of the call").isGreaterThan(1);
        for (int n = 1; n <= calls; n++) {
            X x = setUp.apply(Fixtures.newTenant("fail-" + n));
            faulty.failCall(n);
            assertThatThrownBy(() -> call.accept(storage, x)).as("failure at call %d", n)
                    .isInstanceOfSatisfying(TransientStoreException.class, e -> assertThat(e.getCause()).isInstanceOf(SQLException.class))
                    .hasMessageContaining("connection to the database failed (SQLState 08006)")
                    .rootCause().hasMessageStartingWith("injected failure");
            unchanged.accept(x);
            faulty.failCall(Integer.MAX_VALUE / 2);
        }
    }

    private long rows(String table, TenantId tenant) {
        return TestDatabases.rows(dataSource(), table, tenant, "1 = 1");
    }

    /**
     * A stored value that this memnun's checks refuse (a row an older release or a hand-made script wrote): the read
     * fails naming the field, and the value stays out of the message.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aStoredValueThatNoLongerPassesTheChecksIsNotQuotedInTheMessage(String database) throws SQLException {
        on(database);
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource()).build();
        TenantId tenant = Fixtures.newTenant("stored");
        io.memnun.FeedbackDesk desk = io.memnun.FeedbackDesk.builder().store(storage.feedbackStore()).build();
        io.memnun.feedback.Feedback f = desk.receive(io.memnun.feedback.Intake.builder(tenant, io.memnun.feedback.FeedbackKind.COMPLAINT,
                io.memnun.feedback.Channel.EMAIL, "Oda soğuk").customer(io.memnun.feedback.Customer.builder().email("sukru@example.com").build())
                .build());
        try (java.sql.Connection c = dataSource().getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement("UPDATE memnun_feedback SET customer_email = ? WHERE tenant = ?")) {
            ps.setString(1, "sukru.caglayan@@example.com");
            ps.setString(2, tenant.value());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        JdbcStorage other = JdbcStorage.builder().dataSource(dataSource()).build();
        assertThatThrownBy(() -> other.feedbackStore().find(tenant, f.id()))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.getCause()).isNotNull())
                .hasMessageContaining("email").hasMessageNotContaining("sukru");
    }
}
