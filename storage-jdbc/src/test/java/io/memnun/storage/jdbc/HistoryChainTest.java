package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.HistoryVerifier;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.Notifications;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.Intake;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.TenantId;
import io.memnun.feedback.TextDigests;
import io.memnun.spi.FeedbackRedaction;
import io.memnun.storage.jdbc.internal.V13_1__SealExistingHistory;
import io.memnun.storage.jdbc.internal.V18__ResealAnonymisedHistories;
import io.memnun.tck.Fixtures;
import io.memnun.testing.MutableClock;
import io.memnun.testing.ReliabilityFigures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hash chain on a database: events sealed by the inserting statement verify with the Java definition, and a
 * text changed directly in the database (an SQL UPDATE behind memnun's back) is found and named.
 */
class HistoryChainTest extends OnEachDatabase {
    /** Per database: stored events changed behind the store's back, and how many of those the verifier found. */
    private static final Map<String, int[]> TAMPERED_DETECTED = new java.util.TreeMap<>();
    private final MutableClock clock = MutableClock.at("2026-05-04T10:00:00.000001Z");

    private JdbcStorage storage() {
        return JdbcStorage.builder().dataSource(dataSource()).build();
    }

    private FeedbackDesk desk(boolean notify) {
        FeedbackDesk.Builder b = FeedbackDesk.builder().store(storage().feedbackStore()).clock(clock);
        if (notify) {
            b.notifications(Notifications.builder("Otel").build());
        }
        return b.build();
    }

    private HistoryVerifier verifier() {
        return HistoryVerifier.of(storage().feedbackStore());
    }

    private Feedback lifecycle(FeedbackDesk desk, TenantId tenant) {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, Fixtures.TURKISH_TEXT)
                .customer(Customer.builder().email("guest@example.com").build()).build());
        desk.take(tenant, f.reference(), Fixtures.AYSE);
        desk.resolve(tenant, f.reference(), Fixtures.AYSE, "Oda değişti 😊");
        desk.reject(tenant, f.reference(), "Hâlâ sıcak");
        desk.redirect(tenant, f.reference(), Fixtures.AYSE, Fixtures.KITCHEN, null, "mutfak bakacak");
        return desk.get(tenant, f.id());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void eventsSealedInTheDatabaseVerifyWithTheJavaDefinition(String database) {
        on(database);
        for (boolean notify : new boolean[] {false, true}) {
            TenantId tenant = Fixtures.newTenant("sealed");
            Feedback f = lifecycle(desk(notify), tenant);
            HistoryVerifier.Result r = verifier().verify(tenant, f.id());
            assertThat(r.intact()).as("notifications %s: %s", notify, r.broken()).isTrue();
            assertThat(r.events()).isEqualTo((int) f.version());
            assertThat(r.head()).hasSize(64);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void aNoteChangedInTheDatabaseIsTheFirstBrokenLink(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("tamper");
        FeedbackDesk desk = desk(false);
        Feedback untouched = lifecycle(desk, tenant);
        Feedback f = lifecycle(desk, tenant);
        String head = verifier().head(tenant, f.id()).orElseThrow();

        update("UPDATE memnun_feedback_event SET note = ? WHERE tenant = ? AND feedback_id = ? AND version = 3",
                "Oda değişmedi", tenant.value(), f.id().value());
        HistoryVerifier.TenantResult r = verifier().verifyTenant(tenant);
        record(!r.intact());
        assertThat(r.feedback()).isEqualTo(2);
        assertThat(r.brokenCount()).isEqualTo(1);
        HistoryVerifier.BrokenLink broken = r.firstBroken().orElseThrow();
        assertThat(broken.feedbackId()).isEqualTo(f.id());
        assertThat(broken.version()).isEqualTo(3);
        // the digests are computed from the text as read: the hash, computed over those of the text as written, differs
        assertThat(broken.reason()).contains("the stored hash does not match the event's content");
        assertThat(verifier().verify(tenant, untouched.id()).intact()).isTrue();

        // put back, the chain and its head are as before
        update("UPDATE memnun_feedback_event SET note = ? WHERE tenant = ? AND feedback_id = ? AND version = 3",
                "Oda değişti 😊", tenant.value(), f.id().value());
        assertThat(verifier().head(tenant, f.id())).contains(head);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void anEventKeepsItsDigestsAsThoseOfItsTextAndOneWrittenWithThemAsJsonStillNamesTheFieldChanged(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("digests");
        Feedback f = lifecycle(desk(true), tenant);
        assertThat(storedDigests(tenant, f)).hasSize((int) f.version()).containsOnly("=");
        List<SealedEvent> sealed = storage().feedbackStore().sealedHistory(tenant, f.id());
        assertThat(sealed).allSatisfy(e -> assertThat(e.digests()).isEqualTo(TextDigests.of(e.event())));

        // as the stores wrote them before schema 24: read as they are, and a changed text is named
        for (SealedEvent e : sealed) {
            update("UPDATE memnun_feedback_event SET text_digests = ? WHERE tenant = ? AND feedback_id = ? AND version = ?",
                    LegacyDigests.json(e.digests()), tenant.value(), f.id().value(), e.event().version());
        }
        assertThat(storage().feedbackStore().sealedHistory(tenant, f.id())).isEqualTo(sealed);
        assertThat(verifier().verify(tenant, f.id()).intact()).isTrue();
        update("UPDATE memnun_feedback_event SET note = ? WHERE tenant = ? AND feedback_id = ? AND version = 3",
                "Oda değişmedi", tenant.value(), f.id().value());
        HistoryVerifier.Result r = verifier().verify(tenant, f.id());
        record(!r.intact());
        assertThat(r.broken().version()).isEqualTo(3);
        assertThat(r.broken().reason()).contains("note does not match its digest");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void otherChangesInTheDatabaseAreDetectedToo(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("tamper2");
        FeedbackDesk desk = desk(false);
        String[] tamperings = {
            "UPDATE memnun_feedback_event SET note = NULL WHERE tenant = ? AND feedback_id = ? AND version = 4",
            "UPDATE memnun_feedback_event SET actor_id = 'mallory' WHERE tenant = ? AND feedback_id = ? AND version = 2",
            "UPDATE memnun_feedback_event SET to_status = 'CLOSED' WHERE tenant = ? AND feedback_id = ? AND version = 3",
            "UPDATE memnun_feedback_event SET details = NULL WHERE tenant = ? AND feedback_id = ? AND version = 5",
            "UPDATE memnun_feedback_event SET occurred_at = occurred_at + INTERVAL '1' SECOND WHERE tenant = ? AND feedback_id = ? AND version = 2",
            "DELETE FROM memnun_feedback_event WHERE tenant = ? AND feedback_id = ? AND version = 3",
        };
        long[] expected = {4, 2, 3, 5, 2, 4};
        for (int i = 0; i < tamperings.length; i++) {
            Feedback f = lifecycle(desk, tenant);
            update(tamperings[i], tenant.value(), f.id().value());
            HistoryVerifier.Result r = verifier().verify(tenant, f.id());
            record(!r.intact());
            assertThat(r.broken()).as(tamperings[i]).isNotNull();
            assertThat(r.broken().version()).as(tamperings[i]).isEqualTo(expected[i]);
        }
        assertThat(verifier().verifyTenant(tenant).brokenCount()).isEqualTo(tamperings.length);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void theMigrationSealsEventsWrittenBeforeTheChain(String database) throws Exception {
        on(database);
        TenantId tenant = Fixtures.newTenant("legacy");
        Feedback f = lifecycle(desk(true), tenant);
        List<SealedEvent> sealed = storage().feedbackStore().sealedHistory(tenant, f.id());
        update("UPDATE memnun_feedback_event SET text_digests = NULL, chain_hash = NULL WHERE tenant = ?", tenant.value());
        assertThat(verifier().verify(tenant, f.id()).broken().reason()).contains("never sealed");

        migrate(new V13_1__SealExistingHistory());
        assertThat(storage().feedbackStore().sealedHistory(tenant, f.id())).isEqualTo(sealed);
        assertThat(verifier().verify(tenant, f.id()).intact()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void theMigrationSealsAnewHistoriesAnonymisedBeforeTheStoresDidAndNeverMakesAChangedOneLookIntact(String database) throws Exception {
        on(database);
        TenantId tenant = Fixtures.newTenant("legacy-anon");
        FeedbackDesk desk = desk(false);
        Feedback kept = legacyAnonymisation(tenant, lifecycle(desk, tenant));
        Feedback changed = legacyAnonymisation(tenant, lifecycle(desk, tenant));
        String noteDigest = HistoryChain.textDigest("Oda değişti 😊");
        assertThat(String.join("\n", storedDigests(tenant, kept))).contains(noteDigest);
        // the digests are of the text before: the verifier reports it until the migration has run
        assertThat(verifier().verify(tenant, kept.id()).broken().reason()).contains("is [anonymised] but its digest is of other text");
        // text changed behind memnun's back after the anonymisation: broken, and the migration must not hide it
        update("UPDATE memnun_feedback_event SET note = ? WHERE tenant = ? AND feedback_id = ? AND version = 4",
                "başka", tenant.value(), changed.id().value());
        // a note blanked to NULL by hand: anonymisation never writes NULL for a text, so the migration must not seal
        // it anew
        Feedback blankedByHand = legacyAnonymisation(tenant, lifecycle(desk, tenant));
        update("UPDATE memnun_feedback_event SET note = NULL WHERE tenant = ? AND feedback_id = ? AND version = 4",
                tenant.value(), blankedByHand.id().value());
        // anonymised by this version: nothing stale, nothing to do
        Feedback current = lifecycle(desk, tenant);
        io.memnun.PrivacyDesk.builder(desk, storage().privacyStore())
                .accessLogKey(Fixtures.accessLogKey()).build().anonymise(tenant, current.id(), Actor.staff("kvkk"), "retention");
        List<SealedEvent> keptBefore = storage().feedbackStore().sealedHistory(tenant, kept.id());
        List<SealedEvent> changedBefore = storage().feedbackStore().sealedHistory(tenant, changed.id());
        List<SealedEvent> currentBefore = storage().feedbackStore().sealedHistory(tenant, current.id());

        migrate(new V18__ResealAnonymisedHistories());

        List<SealedEvent> keptAfter = storage().feedbackStore().sealedHistory(tenant, kept.id());
        assertThat(verifier().verify(tenant, kept.id()).intact()).isTrue();
        assertNoDigestOf(tenant, kept, "Oda değişti 😊");
        assertThat(keptAfter).allSatisfy(e -> assertThat(e.digests()).isEqualTo(TextDigests.of(e.event())));
        // sealed anew from the resolution, the first event whose text was removed; the events before keep their seals
        assertThat(keptAfter.subList(0, 2)).isEqualTo(keptBefore.subList(0, 2));
        assertThat(keptAfter.get(2).hash()).isNotEqualTo(keptBefore.get(2).hash());
        // the changed ones still break where they were changed, sealed anew only before it; nothing computed from a
        // removed text is left in them either
        for (Feedback f : List.of(changed, blankedByHand)) {
            HistoryVerifier.Result r = verifier().verify(tenant, f.id());
            assertThat(r.broken().version()).isEqualTo(4);
            List<SealedEvent> after = storage().feedbackStore().sealedHistory(tenant, f.id());
            assertThat(after.get(2).hash()).isNotNull();
            assertThat(after.subList(3, after.size())).extracting(SealedEvent::hash).containsOnlyNulls();
            assertNoDigestOf(tenant, f, "Oda değişti 😊", "mutfak bakacak");
        }
        assertThat(storage().feedbackStore().sealedHistory(tenant, changed.id()).subList(0, 2)).isEqualTo(changedBefore.subList(0, 2));
        assertThat(storage().feedbackStore().sealedHistory(tenant, current.id())).isEqualTo(currentBefore);
        assertThat(verifier().verify(tenant, current.id()).intact()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void aHistoryMissingItsLastEventIsBrokenAndItsAnonymisationSaysSo(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("tail");
        FeedbackDesk desk = desk(false);
        Feedback f = lifecycle(desk, tenant);
        update("DELETE FROM memnun_feedback_event WHERE tenant = ? AND feedback_id = ? AND version = ?", tenant.value(), f.id().value(),
                f.version());
        assertThat(verifier().verify(tenant, f.id()).broken().reason()).contains("missing");

        io.memnun.PrivacyDesk.builder(desk, storage().privacyStore())
                .accessLogKey(Fixtures.accessLogKey()).build().anonymise(tenant, f.id(), Actor.staff("kvkk"), "erasure-request");

        List<FeedbackEvent> history = storage().feedbackStore().history(tenant, f.id());
        assertThat(history.get(history.size() - 1).details()).containsEntry("chainBrokenAt", Long.toString(f.version()));
        // the anonymisation's event follows the gap
        assertThat(verifier().verify(tenant, f.id()).broken().reason())
                .contains("expected version " + f.version() + " but found " + (f.version() + 1));
        assertNoDigestOf(tenant, f, "Oda değişti 😊");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void anAnonymisationNeverSealsAnewAChainChangedBehindTheStoresBackAndStillRemovesTheDigests(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("tamper-anon");
        FeedbackDesk desk = desk(false);
        Feedback f = lifecycle(desk, tenant);
        update("UPDATE memnun_feedback_event SET actor_id = 'mallory' WHERE tenant = ? AND feedback_id = ? AND version = 2",
                tenant.value(), f.id().value());
        assertThat(verifier().verify(tenant, f.id()).broken().version()).isEqualTo(2);
        String noteDigest = HistoryChain.textDigest("Oda değişti 😊");
        assertThat(storage().feedbackStore().sealedHistory(tenant, f.id())).anySatisfy(e -> assertThat(e.digests().note()).isEqualTo(noteDigest));

        io.memnun.PrivacyDesk.builder(desk, storage().privacyStore())
                .accessLogKey(Fixtures.accessLogKey()).build().anonymise(tenant, f.id(), Actor.staff("kvkk"), "erasure-request");

        // the change stays evident where it was, the removed text's digests are gone all the same
        HistoryVerifier.Result r = verifier().verify(tenant, f.id());
        assertThat(r.broken().version()).isEqualTo(2);
        assertNoDigestOf(tenant, f, "Oda değişti 😊");
        List<SealedEvent> after = storage().feedbackStore().sealedHistory(tenant, f.id());
        assertThat(after.get(2).event().note()).isEqualTo(Anonymisation.PLACEHOLDER);
        assertThat(after.get(after.size() - 1).event().details()).containsEntry("chainBrokenAt", "2").doesNotContainKey("resealedFrom");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void anAnonymisationOfAHistoryMissingAnEventStillBlanksEveryStoredText(String database) {
        on(database);
        TenantId tenant = Fixtures.newTenant("gap-anon");
        FeedbackDesk desk = desk(false);
        Feedback f = lifecycle(desk, tenant);
        update("DELETE FROM memnun_feedback_event WHERE tenant = ? AND feedback_id = ? AND version = 2", tenant.value(), f.id().value());

        io.memnun.PrivacyDesk.builder(desk, storage().privacyStore())
                .accessLogKey(Fixtures.accessLogKey()).build().anonymise(tenant, f.id(), Actor.staff("kvkk"), "erasure-request");

        List<SealedEvent> after = storage().feedbackStore().sealedHistory(tenant, f.id());
        assertThat(after).extracting(e -> e.event().version()).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(after.subList(1, 4)).allSatisfy(e -> {
            assertThat(e.event().note()).isEqualTo(Anonymisation.PLACEHOLDER);
            assertThat(e.digests()).isEqualTo(TextDigests.of(e.event()));
        });
        assertNoDigestOf(tenant, f, "Oda değişti 😊", "Hâlâ sıcak", "mutfak bakacak");
        assertThat(verifier().verify(tenant, f.id()).broken().reason()).contains("expected version 2 but found 3");
    }

    /**
     * Anonymises {@code f} and leaves its history as the stores wrote it before schema 18: the rewritten events keep
     * the seals of their text before (digests as JSON, as the stores wrote them then), and the anonymisation's event
     * is linked after them.
     */
    private Feedback legacyAnonymisation(TenantId tenant, Feedback f) {
        JdbcFeedbackStore store = storage().feedbackStore();
        List<SealedEvent> before = store.sealedHistory(tenant, f.id());
        Anonymisation.Result r = Anonymisation.anonymise(f, store.history(tenant, f.id()), Actor.system("test"), "retention", clock.instant());
        store.redact(FeedbackRedaction.of(r));
        for (int i = 0; i < before.size(); i++) {
            update("UPDATE memnun_feedback_event SET text_digests = ?, chain_hash = ? WHERE tenant = ? AND feedback_id = ? AND version = ?",
                    LegacyDigests.json(before.get(i).digests()), HistoryChain.bytes(before.get(i).hash()), tenant.value(), f.id().value(), (long) i + 1);
        }
        byte[] head = HistoryChain.link(HistoryChain.bytes(before.get(before.size() - 1).hash()),
                HistoryChain.contentDigest(r.recorded(), TextDigests.of(r.recorded())));
        update("UPDATE memnun_feedback_event SET chain_hash = ? WHERE tenant = ? AND feedback_id = ? AND version = ?",
                head, tenant.value(), f.id().value(), r.recorded().version());
        return r.feedback();
    }

    /** Neither the stored digests of {@code f}'s events nor their digests as read are of any of {@code texts}. */
    private void assertNoDigestOf(TenantId tenant, Feedback f, String... texts) {
        String stored = String.join("\n", storedDigests(tenant, f));
        List<SealedEvent> read = storage().feedbackStore().sealedHistory(tenant, f.id());
        for (String text : texts) {
            String digest = HistoryChain.textDigest(text);
            assertThat(stored).doesNotContain(digest);
            assertThat(read).allSatisfy(e -> {
                if (e.digests() != null) {
                    assertThat(e.digests().note()).isNotEqualTo(digest);
                    assertThat(e.digests().details()).doesNotContainValue(digest);
                }
            });
        }
    }

    /** The stored {@code text_digests} of {@code f}'s events, as the column holds them, in version order. */
    private List<String> storedDigests(TenantId tenant, Feedback f) {
        List<String> digests = new ArrayList<>();
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT text_digests FROM memnun_feedback_event WHERE tenant = ? AND feedback_id = ? ORDER BY version")) {
            ps.setString(1, tenant.value());
            ps.setObject(2, f.id().value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    digests.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }

    private void migrate(org.flywaydb.core.api.migration.JavaMigration migration) throws Exception {
        Configuration config = Flyway.configure().placeholders(Map.of("prefix", "memnun_"));
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            migration.migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return config;
                }

                @Override
                public Connection getConnection() {
                    return c;
                }
            });
            c.commit();
        }
    }

    private void record(boolean detected) {
        int[] counts = TAMPERED_DETECTED.computeIfAbsent(name(), k -> new int[2]);
        counts[0]++;
        counts[1] += detected ? 1 : 0;
    }

    @AfterAll
    static void figures() {
        TAMPERED_DETECTED.forEach((db, counts) -> ReliabilityFigures.of("history-chain-" + db)
                .put("stored events changed behind memnun's back (SQL UPDATE/DELETE)", counts[0])
                .put("detected by HistoryVerifier, first broken link named", counts[1])
                .write());
    }
}
