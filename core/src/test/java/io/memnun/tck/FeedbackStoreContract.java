package io.memnun.tck;

import static io.memnun.tck.FeedbackAssert.assertSameState;
import static io.memnun.tck.Fixtures.AYSE;
import static io.memnun.tck.Fixtures.FRONT_OFFICE;
import static io.memnun.tck.Fixtures.HOUSEKEEPING;
import static io.memnun.tck.Fixtures.KITCHEN;
import static io.memnun.tck.Fixtures.MEHMET;
import static io.memnun.tck.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Command;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Cursor;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKey;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Lifecycle;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Page;
import io.memnun.feedback.PhoneNumber;
import io.memnun.feedback.Recourse;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SlaCheckpoint;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.Status;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.FeedbackRedaction;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReferenceSequence;
import io.memnun.sla.SlaEngine;
import io.memnun.sla.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link FeedbackStore} (and {@link ReferenceSequence}) must follow. An implementation's test
 * extends this class and says how to create the store:
 *
 * <pre>{@code
 * class JdbcFeedbackStoreTest extends FeedbackStoreContract {
 *     protected FeedbackStore createStore() { return new JdbcFeedbackStore(dataSource); }
 * }
 * }</pre>
 *
 * <p>Every test works in tenants of its own ({@link Fixtures#newTenant}), so {@link #createStore()} may return
 * stores that share one database. Test instants have microsecond precision: a store must keep at least that.
 */
public abstract class FeedbackStoreContract {
    private static final Lifecycle LIFECYCLE = new Lifecycle(Lifecycle.Rules.defaults());
    private static final int THREADS = 8;

    /** Stable order of a query: receipt time, then id as an unsigned 128-bit number (UUID column order). */
    protected static final Comparator<Feedback> RECEIPT_THEN_ID = Comparator.comparing(Feedback::receivedAt)
            .thenComparing(f -> f.id().value(), FeedbackStoreContract::compareUnsigned);

    protected FeedbackStore store;
    protected ReferenceSequence sequence;
    protected TenantId tenant;
    private long nextReference = 1;
    private ExecutorService pool;

    /** A store to test; it may hold other tests' data, but never data of this test's tenants. */
    protected abstract FeedbackStore createStore();

    /** The reference sequence to test: by default the store itself, if it issues sequence numbers. */
    protected ReferenceSequence createSequence(FeedbackStore store) {
        if (store instanceof ReferenceSequence s) {
            return s;
        }
        throw new UnsupportedOperationException(store.getClass().getName()
                + " is not a ReferenceSequence: override createSequence(FeedbackStore) in " + getClass().getName());
    }

    @BeforeEach
    void setUpStore() {
        store = createStore();
        sequence = createSequence(store);
        tenant = Fixtures.newTenant("tenant");
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("worker threads stopped").isTrue();
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void aMinimalFeedbackRoundTripsWithEveryOptionalFieldUnset() {
        Scenario s = Scenario.receive(store, Fixtures.minimalIntake(tenant, "Kahvaltı kaçta?").build(), reference(), T0);
        Feedback expected = s.feedback();
        assertThat(expected.customer()).isEqualTo(Customer.ANONYMOUS);
        assertThat(List.of(expected.type(), expected.location(), expected.subject(), expected.department(),
                expected.assignee(), expected.desiredRemedy(), expected.immediateAction(), expected.assessment(),
                expected.intakeKey(), expected.pausedFrom(), expected.plannedUntil(), expected.resolution(),
                expected.resolvedAt(), expected.lastRejectedAt(), expected.closureReason(), expected.closedAt(),
                expected.cancellationReason())).allMatch(o -> o.isEmpty());
        assertThat(expected.attachments()).isEmpty();
        assertThat(expected.context()).isEmpty();

        assertSameState(store.find(tenant, expected.id()).orElseThrow(), expected);
        assertSameState(store.findByReference(tenant, expected.reference()).orElseThrow(), expected);
        assertThat(store.history(tenant, expected.id())).containsExactlyElementsOf(s.history());
    }

    @Test
    void everyFieldOfARichFeedbackRoundTrips() {
        Scenario s = rich(Fixtures.richIntake(tenant).build());
        Feedback expected = s.feedback();
        // the fixture really sets what it should: every optional field that can be set at once
        assertThat(expected.status()).isEqualTo(Status.AWAITING_CUSTOMER);
        assertThat(expected.pausedFrom()).contains(Status.PLANNED);
        assertThat(List.of(expected.type(), expected.location(), expected.subject(), expected.department(),
                expected.assignee(), expected.desiredRemedy(), expected.immediateAction(), expected.assessment(),
                expected.intakeKey(), expected.plannedUntil(), expected.resolution(), expected.resolvedAt(),
                expected.lastRejectedAt())).allMatch(o -> o.isPresent());
        assertThat(expected.customer().emailAddress()).isPresent();
        assertThat(expected.customer().phoneNumber()).isPresent();
        assertThat(expected.customer().attributes()).hasSize(2);
        assertThat(expected.attachments()).hasSize(2);
        assertThat(expected.context()).hasSize(3);
        assertThat(expected.recourseOffered()).hasSize(2);
        assertThat(expected.rejectionCount()).isEqualTo(1);

        assertSameState(store.find(tenant, expected.id()).orElseThrow(), expected);
        assertSameState(store.findByReference(tenant, expected.reference()).orElseThrow(), expected);
        assertSameState(store.findByIntakeKey(tenant, expected.intakeKey().orElseThrow()).orElseThrow(), expected);
    }

    @Test
    void closedCancelledAndAppealedFeedbackRoundTrip() {
        Scenario accepted = Scenario.receive(store, Fixtures.richIntake(tenant).intakeKey("k-accepted").build(), reference(), T0)
                .then(new Command.Take(AYSE, null))
                .then(new Command.Resolve(AYSE, "Ücret iadesi yapıldı"))
                .then(new Command.Accept(Actor.customer(), "Teşekkürler"));
        Scenario cancelled = Scenario.receive(store, Fixtures.richIntake(tenant).intakeKey("k-cancelled").build(), reference(), T0)
                .then(new Command.Cancel(AYSE, "Mükerrer kayıt"));
        Scenario unresolved = Scenario.receive(store, Fixtures.richIntake(tenant).intakeKey("k-unresolved").build(), reference(), T0)
                .then(new Command.Take(AYSE, null))
                .then(new Command.Resolve(AYSE, "Özür dilendi"))
                .then(new Command.Reject(Actor.customer(), "Kabul etmiyorum", List.of()))
                .later(Lifecycle.Rules.DEFAULT_CLOSING_PERIOD)
                .then(new Command.Close(Actor.system("closing-period"), ClosureReason.UNRESOLVED, null));
        Scenario appealed = Scenario.receive(store, Fixtures.richIntake(tenant).intakeKey("k-appealed").build(), reference(), T0)
                .then(new Command.Cancel(AYSE, "Kapsam dışı"))
                .then(new Command.Appeal(Actor.customer(), "İtiraz ediyorum"));

        assertThat(accepted.feedback().closureReason()).contains(ClosureReason.ACCEPTED);
        assertThat(cancelled.feedback().cancellationReason()).contains("Mükerrer kayıt");
        assertThat(unresolved.feedback().closureReason()).contains(ClosureReason.UNRESOLVED);
        assertThat(appealed.feedback().appealCount()).isEqualTo(1);
        for (Scenario s : List.of(accepted, cancelled, unresolved, appealed)) {
            assertSameState(store.find(tenant, s.feedback().id()).orElseThrow(), s.feedback());
            assertThat(store.history(tenant, s.feedback().id())).containsExactlyElementsOf(s.history());
        }
    }

    @Test
    void aPlanClearedByARejectionOrAnAppealIsStoredCleared() {
        Scenario rejected = Scenario.receive(store, Fixtures.richIntake(tenant).intakeKey("k-plan-rejected").build(), reference(), T0)
                .then(new Command.Take(AYSE, null))
                .then(now -> new Command.Plan(AYSE, now.plus(Duration.ofDays(2)), "parça bekleniyor"))
                .then(new Command.Resolve(AYSE, "Klima onarıldı"))
                .then(new Command.Reject(Actor.customer(), "Hâlâ soğuk", List.of()));
        Scenario appealed = Scenario.receive(store, Fixtures.richIntake(tenant).intakeKey("k-plan-appealed").build(), reference(), T0)
                .then(new Command.Take(AYSE, null))
                .then(now -> new Command.Plan(AYSE, now.plus(Duration.ofDays(2)), null))
                .then(new Command.Resolve(AYSE, "Klima onarıldı"))
                .then(new Command.Accept(Actor.customer(), null))
                .then(new Command.Appeal(Actor.customer(), "Yine bozuldu"));
        for (Scenario s : List.of(rejected, appealed)) {
            assertThat(s.feedback().plannedUntil()).isEmpty();
            assertSameState(store.find(tenant, s.feedback().id()).orElseThrow(), s.feedback());
            assertThat(store.history(tenant, s.feedback().id())).containsExactlyElementsOf(s.history());
        }
    }

    @Test
    void aPlanTooFarAheadIsRefusedNamingUntilAndChangesNothing() {
        io.memnun.FeedbackDesk desk = io.memnun.FeedbackDesk.builder().store(store).referenceSequence(sequence).build();
        Feedback f = desk.receive(Fixtures.minimalIntake(tenant, Fixtures.TURKISH_TEXT).build());
        desk.take(tenant, f.id(), AYSE);
        Feedback taken = store.find(tenant, f.id()).orElseThrow();
        List<FeedbackEvent> history = store.history(tenant, f.id());
        Instant now = taken.updatedAt();
        // Instant.MAX no store column keeps; year 9999 the SQL columns keep but no plan runs so long
        for (Instant until : List.of(Instant.MAX, Instant.parse("9999-12-31T23:59:59Z"), now.plus(Lifecycle.MAX_PLAN_AHEAD).plusSeconds(86_400))) {
            assertThatThrownBy(() -> desk.plan(tenant, f.id(), AYSE, until, null))
                    .isInstanceOf(io.memnun.error.ValidationException.class)
                    .satisfies(e -> assertThat(((io.memnun.error.ValidationException) e).field()).isEqualTo("until"));
            assertSameState(store.find(tenant, f.id()).orElseThrow(), taken);
            assertThat(store.history(tenant, f.id())).containsExactlyElementsOf(history);
        }
        Instant farButKept = now.plus(Lifecycle.MAX_PLAN_AHEAD).minusSeconds(86_400);
        desk.plan(tenant, f.id(), AYSE, farButKept, null);
        assertThat(store.find(tenant, f.id()).orElseThrow().plannedUntil()).contains(farButKept);
    }

    @Test
    void lookupsReturnTheLatestVersion() {
        Scenario s = Scenario.receive(store, Fixtures.richIntake(tenant).build(), reference(), T0)
                .note("bir")
                .note("iki");
        Feedback latest = s.feedback();
        assertThat(latest.version()).isEqualTo(3);
        assertSameState(store.find(tenant, latest.id()).orElseThrow(), latest);
        assertSameState(store.findByReference(tenant, latest.reference()).orElseThrow(), latest);
        assertSameState(store.findByIntakeKey(tenant, latest.intakeKey().orElseThrow()).orElseThrow(), latest);
    }

    @Test
    void theHistoryHoldsEveryEventInVersionOrderWithEveryField() {
        Scenario s = rich(Fixtures.richIntake(tenant).build()).then(new Command.CustomerResponded(Actor.customer(), null));
        List<FeedbackEvent> history = store.history(tenant, s.feedback().id());

        assertThat(history).containsExactlyElementsOf(s.history());
        assertThat(history).extracting(FeedbackEvent::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, s.feedback().version()).boxed().toList());
        // the fixture covers null and set notes, the receipt's null 'from', and multi-entry details
        assertThat(history.get(0).from()).isNull();
        assertThat(history.get(0).type()).isEqualTo(EventType.RECEIVED);
        assertThat(history).anySatisfy(e -> assertThat(e.note()).isNull());
        assertThat(history).anySatisfy(e -> assertThat(e.details()).hasSizeGreaterThan(3));
    }

    /**
     * A store may keep the states it wrote or read ({@link FeedbackStore#lastKnown}); whatever it offers is a state it
     * stored, field for field as a read gives it back, of this tenant and this feedback, never a newer one.
     */
    @Test
    void aLastKnownStateIsOneTheStoreHolds() {
        Scenario s = Scenario.receive(store, Fixtures.richIntake(tenant).build(), reference(), T0).note("bir");
        Feedback latest = s.feedback();
        Scenario other = Scenario.receive(store, Fixtures.minimalIntake(tenant, "öteki").build(), reference(), T0);
        store.find(tenant, latest.id());

        for (FeedbackKey key : List.<FeedbackKey>of(latest.id(), latest.reference())) {
            store.lastKnown(tenant, key).ifPresent(known -> {
                assertThat(known.id()).isEqualTo(latest.id());
                assertThat(known.tenant()).isEqualTo(tenant);
                assertThat(known.version()).isBetween(1L, latest.version());
                if (known.version() == latest.version()) {
                    assertSameState(known, store.find(tenant, latest.id()).orElseThrow());
                }
            });
        }
        assertThat(store.lastKnown(TenantId.of(tenant.value() + "-other"), latest.id())).isEmpty();
        assertThat(store.lastKnown(tenant, Fixtures.randomId())).isEmpty();
        store.lastKnown(tenant, other.feedback().id()).ifPresent(k -> assertThat(k.id()).isEqualTo(other.feedback().id()));
    }

    @Test
    void theHistoryOfAnUnknownFeedbackIsEmpty() {
        Scenario.receive(store, Fixtures.minimalIntake(tenant, "var").build(), reference(), T0);
        assertThat(store.history(tenant, Fixtures.randomId())).isEmpty();
        assertThat(store.find(tenant, Fixtures.randomId())).isEmpty();
        assertThat(store.findByReference(tenant, ReferenceNumber.of("FB", 2026, 999_999))).isEmpty();
        assertThat(store.findByIntakeKey(tenant, "no-such-key")).isEmpty();
    }

    // ---------------------------------------------------------------- unique keys

    @Test
    void creatingWithAnExistingIdIsRefusedAndWritesNothing() {
        FeedbackId id = Fixtures.randomId();
        Scenario first = Scenario.receive(store, LIFECYCLE, id, Fixtures.minimalIntake(tenant, "ilk").intakeKey("key-1").build(),
                reference(), T0).note("not");
        ReferenceNumber otherReference = reference();
        Feedback duplicate = received(id, otherReference, Fixtures.minimalIntake(tenant, "ikinci").intakeKey("key-2").build());

        assertThatThrownBy(() -> store.save(FeedbackChange.create(duplicate, receivedEvent(duplicate))))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo("id"));

        assertUnchanged(first);
        assertThat(store.findByReference(tenant, otherReference)).isEmpty();
        assertThat(store.findByIntakeKey(tenant, "key-2")).isEmpty();
    }

    @Test
    void creatingWithAnExistingReferenceIsRefusedAndWritesNothing() {
        ReferenceNumber shared = reference();
        Scenario first = Scenario.receive(store, Fixtures.minimalIntake(tenant, "ilk").intakeKey("key-1").build(), shared, T0);
        Feedback duplicate = received(Fixtures.randomId(), shared, Fixtures.minimalIntake(tenant, "ikinci").intakeKey("key-2").build());

        assertThatThrownBy(() -> store.save(FeedbackChange.create(duplicate, receivedEvent(duplicate))))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo("reference"));

        assertUnchanged(first);
        assertThat(store.find(tenant, duplicate.id())).isEmpty();
        assertThat(store.history(tenant, duplicate.id())).isEmpty();
        assertThat(store.findByIntakeKey(tenant, "key-2")).isEmpty();
    }

    @Test
    void creatingWithAnExistingIntakeKeyIsRefusedAndWritesNothing() {
        Scenario first = Scenario.receive(store, Fixtures.minimalIntake(tenant, "ilk").intakeKey("<mesaj-1@örnek>").build(), reference(), T0);
        ReferenceNumber otherReference = reference();
        Feedback duplicate = received(Fixtures.randomId(), otherReference,
                Fixtures.minimalIntake(tenant, "ikinci").intakeKey("<mesaj-1@örnek>").build());

        // the key may hold an address (an e-mail's Message-ID): the message names the refused feedback, not the key
        assertThatThrownBy(() -> store.save(FeedbackChange.create(duplicate, receivedEvent(duplicate))))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo("intakeKey"))
                .hasMessageContaining("intakeKey").hasMessageContaining(duplicate.id().toString())
                .hasMessageNotContaining("mesaj-1")
                // a log prints the causes too, and a database's unique violation quotes the key
                .satisfies(e -> assertThat(Fixtures.causeMessages(e)).noneMatch(m -> m.contains("mesaj-1")));

        assertUnchanged(first);
        assertThat(store.find(tenant, duplicate.id())).isEmpty();
        assertThat(store.history(tenant, duplicate.id())).isEmpty();
        assertThat(store.findByReference(tenant, otherReference)).isEmpty();
    }

    @Test
    void referencesAndIntakeKeysAreUniqueOnlyWithinATenant() {
        TenantId other = Fixtures.newTenant("other");
        ReferenceNumber shared = reference();
        Scenario mine = Scenario.receive(store, Fixtures.minimalIntake(tenant, "benim").intakeKey("shared-key").build(), shared, T0);
        Scenario theirs = Scenario.receive(store, Fixtures.minimalIntake(other, "onların").intakeKey("shared-key").build(), shared, T0);

        assertThat(store.findByReference(tenant, shared)).map(Feedback::id).contains(mine.feedback().id());
        assertThat(store.findByReference(other, shared)).map(Feedback::id).contains(theirs.feedback().id());
        assertThat(store.findByIntakeKey(tenant, "shared-key")).map(Feedback::description).contains("benim");
        assertThat(store.findByIntakeKey(other, "shared-key")).map(Feedback::description).contains("onların");
    }

    // ---------------------------------------------------------------- versions

    @Test
    void anUpdateBasedOnAStaleVersionIsRefusedAndWritesNothing() {
        Scenario s = Scenario.receive(store, Fixtures.richIntake(tenant).build(), reference(), T0);
        Feedback version1 = s.feedback();
        s.note("ikinci sürüm");

        Lifecycle.Transition late = LIFECYCLE.apply(version1, new Command.Cancel(MEHMET, "geç kalan"), s.now().plusSeconds(1));
        assertThatThrownBy(() -> store.save(FeedbackChange.update(late.after(), 1, late.event())))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.id()).isEqualTo(version1.id().toString());
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertUnchanged(s);
    }

    @Test
    void aChangeThatDependsOnAnotherFeedbackIsWrittenOnlyWhileThatOneIsUnchanged() {
        Scenario original = Scenario.receive(store, Fixtures.richIntake(tenant).intakeKey("k-original").build(), reference(), T0);
        Scenario duplicate = Scenario.receive(store, Fixtures.minimalIntake(tenant, "aynı şikâyet").build(), reference(), T0);
        Feedback checked = original.feedback();
        original.note("yönlendirilmeden önce bir not");

        Lifecycle.Transition merge = LIFECYCLE.apply(duplicate.feedback(), new Command.Merge(AYSE, checked.id(), null),
                duplicate.now().plusSeconds(1));
        assertThatThrownBy(() -> store.save(FeedbackChange.update(merge.after(), duplicate.feedback().version(), merge.event())
                .requiring(checked.id(), checked.version())))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.id()).isEqualTo(checked.id().toString());
                    assertThat(e.expectedVersion()).isEqualTo(checked.version());
                    assertThat(e.actualVersion()).isEqualTo(checked.version() + 1);
                });
        assertUnchanged(duplicate);
        assertUnchanged(original);
        assertThatThrownBy(() -> store.save(FeedbackChange.update(merge.after(), duplicate.feedback().version(), merge.event())
                .requiring(Fixtures.randomId(), 1))).isInstanceOf(VersionConflictException.class);
        assertUnchanged(duplicate);

        store.save(FeedbackChange.update(merge.after(), duplicate.feedback().version(), merge.event())
                .requiring(checked.id(), original.feedback().version()));
        assertThat(store.find(tenant, duplicate.feedback().id()).orElseThrow().mergedInto()).contains(checked.id());
        assertUnchanged(original);
    }

    @Test
    void anUpdateBasedOnAVersionFromTheFutureIsRefused() {
        Scenario s = Scenario.receive(store, Fixtures.richIntake(tenant).build(), reference(), T0).note("iki");
        Lifecycle.Transition t = LIFECYCLE.apply(s.feedback(), new Command.AddNote(AYSE, "üç"), s.now().plusSeconds(1));

        assertThatThrownBy(() -> store.save(new FeedbackChange(t.after(), 5, List.of(t.event()))))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(5);
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertUnchanged(s);
    }

    @Test
    void anUpdateOfAFeedbackTheStoreDoesNotHaveIsRefused() {
        Feedback neverStored = received(Fixtures.randomId(), reference(), Fixtures.minimalIntake(tenant, "yok").intakeKey("k").build());
        Lifecycle.Transition t = LIFECYCLE.apply(neverStored, new Command.AddNote(AYSE, "not"), T0.plusSeconds(60));

        assertThatThrownBy(() -> store.save(FeedbackChange.update(t.after(), 1, t.event())))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.find(tenant, neverStored.id())).isEmpty();
        assertThat(store.history(tenant, neverStored.id())).isEmpty();
        assertThat(store.findByReference(tenant, neverStored.reference())).isEmpty();
        assertThat(store.findByIntakeKey(tenant, "k")).isEmpty();
    }

    // ---------------------------------------------------------------- tenants

    @Test
    void anotherTenantSeesNothingOfTheFeedback() {
        Scenario mine = rich(Fixtures.richIntake(tenant).build());
        Feedback f = mine.feedback();
        TenantId other = Fixtures.newTenant("other");
        Scenario theirs = Scenario.receive(store, Fixtures.minimalIntake(other, "başka kiracı").build(), reference(), T0);

        assertThat(store.find(other, f.id())).isEmpty();
        assertThat(store.findByReference(other, f.reference())).isEmpty();
        assertThat(store.findByIntakeKey(other, f.intakeKey().orElseThrow())).isEmpty();
        assertThat(store.history(other, f.id())).isEmpty();
        assertThat(ids(store.query(FeedbackQuery.builder(other).build()))).containsExactly(theirs.feedback().id());
        assertThat(store.query(FeedbackQuery.builder(other)
                .status(f.status()).kind(f.kind()).department(f.department().orElseThrow())
                .customerEmail(f.customer().email()).build()).items()).isEmpty();
        // and the owner still sees it
        assertThat(ids(store.query(FeedbackQuery.builder(tenant).build()))).containsExactly(f.id());
    }

    @Test
    void anotherTenantCannotChangeTheFeedback() {
        FeedbackId id = Fixtures.randomId();
        ReferenceNumber ref = reference();
        Scenario mine = Scenario.receive(store, LIFECYCLE, id, Fixtures.minimalIntake(tenant, "benim").build(), ref, T0);
        TenantId other = Fixtures.newTenant("other");
        Feedback impostor = received(id, ref, Fixtures.minimalIntake(other, "sahte").build());
        Lifecycle.Transition t = LIFECYCLE.apply(impostor, new Command.Cancel(MEHMET, "başkasının kaydı"), T0.plusSeconds(60));

        assertThatThrownBy(() -> store.save(FeedbackChange.update(t.after(), 1, t.event())))
                .isInstanceOf(NotFoundException.class);
        assertUnchanged(mine);
        assertThat(store.find(other, id)).isEmpty();
        assertThat(store.history(other, id)).isEmpty();
    }

    // ---------------------------------------------------------------- queries

    @Test
    void aQueryWithoutCriteriaReturnsAllOfTheTenantsFeedbackOldestFirst() {
        Map<String, Feedback> f = queryData();
        assertQuery(f, q -> q, "f1", "f2", "f3", "f4", "f5", "f6");
        assertQuery(f, q -> q.order(FeedbackQuery.Order.NEWEST_FIRST), "f6", "f5", "f4", "f3", "f2", "f1");
    }

    @Test
    void aQuerySelectsByStatus() {
        Map<String, Feedback> f = queryData();
        assertQuery(f, q -> q.status(Status.NEW, Status.IN_PROGRESS), "f1", "f2");
        assertQuery(f, q -> q.status(Status.RESOLVED), "f3");
        assertQuery(f, q -> q.status(Status.CLOSED), "f4");
        assertQuery(f, q -> q.status(Status.CANCELLED), "f5");
        assertQuery(f, q -> q.status(Status.PLANNED), "f6");
        assertQuery(f, q -> q.status(Status.UNDER_REVIEW, Status.AWAITING_CUSTOMER));
        assertQuery(f, FeedbackQuery.Builder::open, "f1", "f2", "f3", "f6");
    }

    @Test
    void aQuerySelectsByKind() {
        Map<String, Feedback> f = queryData();
        assertQuery(f, q -> q.kind(FeedbackKind.COMPLAINT), "f1", "f4", "f6");
        assertQuery(f, q -> q.kind(FeedbackKind.SUGGESTION, FeedbackKind.COMPLIMENT), "f3", "f5");
        assertQuery(f, q -> q.kind(FeedbackKind.QUESTION));
    }

    @Test
    void aQuerySelectsByDepartmentAndAssignee() {
        Map<String, Feedback> f = queryData();
        assertQuery(f, q -> q.department(HOUSEKEEPING), "f1", "f3");
        assertQuery(f, q -> q.department(FRONT_OFFICE), "f2", "f6");
        assertQuery(f, q -> q.assignee(StaffId.of(AYSE.id())), "f1", "f6");
        assertQuery(f, q -> q.assignee(StaffId.of(MEHMET.id())), "f2");
        assertQuery(f, q -> q.assignee(StaffId.of("nobody")));
    }

    @Test
    void aQuerySelectsBySubjectLocationAndChannel() {
        Map<String, Feedback> f = queryData();
        assertQuery(f, q -> q.subject(SubjectId.of("oda")), "f1", "f4");
        assertQuery(f, q -> q.subject(SubjectId.of("gürültü")), "f2", "f6");
        assertQuery(f, q -> q.location(LocationId.of("istanbul")), "f1", "f3");
        assertQuery(f, q -> q.location(LocationId.of("ankara")), "f2", "f6");
        assertQuery(f, q -> q.channel(Channel.EMAIL), "f1", "f4");
        assertQuery(f, q -> q.channel(Channel.PHONE), "f2", "f6");
        assertQuery(f, q -> q.channel(Channel.of("instagram")));
    }

    @Test
    void aQuerySelectsByReceiptTimeFromInclusiveBeforeExclusive() {
        Map<String, Feedback> f = queryData();
        Instant t1 = f.get("f2").receivedAt();
        Instant t3 = f.get("f4").receivedAt();
        assertQuery(f, q -> q.receivedBetween(t1, t3), "f2", "f3");
        assertQuery(f, q -> q.receivedBetween(t1, null), "f2", "f3", "f4", "f5", "f6");
        assertQuery(f, q -> q.receivedBetween(null, t1), "f1");
        assertQuery(f, q -> q.receivedBetween(t1.plusNanos(1_000), t3.plusNanos(1_000)), "f3", "f4");
    }

    @Test
    void aQuerySelectsByCustomer() {
        Map<String, Feedback> f = queryData();
        assertQuery(f, q -> q.customerExternalId("c-1"), "f1", "f4");
        assertQuery(f, q -> q.customerExternalId("c-2"), "f2");
        assertQuery(f, q -> q.customerEmail(EmailAddress.of("ali@EXAMPLE.com")), "f1", "f4");
        assertQuery(f, q -> q.customerEmail(EmailAddress.of("veli@ÖRNEK.com.tr")), "f2");
        assertQuery(f, q -> q.customerEmail(EmailAddress.of("Ali@example.com")), "f1", "f4");
        assertQuery(f, q -> q.customerEmail(EmailAddress.of("ali2@example.com")));
        assertQuery(f, q -> q.customerPhone(PhoneNumber.of("+90 532 111 11 11")), "f1", "f6");
        assertQuery(f, q -> q.customerPhone(PhoneNumber.of("+905322222222")), "f2");
    }

    @Test
    void aQueryByEmailIgnoresTheCaseOfTheAddressAndTheAddressStaysAsTyped() {
        Feedback typed = receiveFrom("Mehmet.ÖZTÜRK@Example.COM.tr");
        Feedback lower = receiveFrom("mehmet.öztürk@example.com.tr");
        Feedback other = receiveFrom("mehmet.ozturk@example.com.tr");
        for (String asked : List.of("mehmet.öztürk@example.com.tr", "MEHMET.ÖZTÜRK@EXAMPLE.COM.TR", "Mehmet.Öztürk@example.com.tr")) {
            assertThat(store.query(FeedbackQuery.builder(tenant).customerEmail(EmailAddress.of(asked)).build()).items())
                    .as(asked).extracting(Feedback::id).containsExactlyInAnyOrder(typed.id(), lower.id());
        }
        assertThat(store.find(tenant, typed.id()).orElseThrow().customer().email()).isEqualTo(new EmailAddress("Mehmet.ÖZTÜRK@example.com.tr"));
        assertThat(store.query(FeedbackQuery.builder(tenant).customerEmail(EmailAddress.of("MEHMET.OZTURK@example.com.tr")).build()).items())
                .extracting(Feedback::id).containsExactly(other.id());
    }

    private Feedback receiveFrom(String email) {
        return Scenario.receive(store, Fixtures.minimalIntake(tenant, Fixtures.TURKISH_TEXT)
                .customer(Customer.builder().email(email).build()).build(), reference(), T0).feedback();
    }

    @Test
    void queryCriteriaCombineWithAnd() {
        Map<String, Feedback> f = queryData();
        assertQuery(f, q -> q.kind(FeedbackKind.COMPLAINT).channel(Channel.EMAIL), "f1", "f4");
        assertQuery(f, q -> q.kind(FeedbackKind.COMPLAINT).channel(Channel.EMAIL).status(Status.NEW), "f1");
        assertQuery(f, q -> q.customerPhone(PhoneNumber.of("+905321111111")).department(FRONT_OFFICE), "f6");
        assertQuery(f, q -> q.department(KITCHEN).status(Status.NEW));
    }

    // ---------------------------------------------------------------- paging

    @Test
    void keysetPagingWalksEveryFeedbackExactlyOnceInBothOrders() {
        List<Feedback> all = pagingData();
        List<Feedback> oldestFirst = all.stream().sorted(RECEIPT_THEN_ID).toList();
        List<Feedback> newestFirst = all.stream().sorted(RECEIPT_THEN_ID.reversed()).toList();

        for (int limit : new int[] {1, 4, 7, all.size() - 1, all.size(), FeedbackQuery.MAX_LIMIT}) {
            assertThat(ids(walk(FeedbackQuery.builder(tenant).limit(limit).build())))
                    .as("oldest first, pages of %d", limit)
                    .containsExactlyElementsOf(ids(oldestFirst));
            assertThat(ids(walk(FeedbackQuery.builder(tenant).order(FeedbackQuery.Order.NEWEST_FIRST).limit(limit).build())))
                    .as("newest first, pages of %d", limit)
                    .containsExactlyElementsOf(ids(newestFirst));
        }
    }

    @Test
    void pagingCombinesWithCriteria() {
        List<Feedback> all = pagingData();
        List<FeedbackId> open = all.stream().filter(Feedback::isOpen).sorted(RECEIPT_THEN_ID).map(Feedback::id).toList();
        List<FeedbackId> openNewestFirst =
                all.stream().filter(Feedback::isOpen).sorted(RECEIPT_THEN_ID.reversed()).map(Feedback::id).toList();
        assertThat(open).hasSizeBetween(2, all.size() - 2);

        assertThat(ids(walk(FeedbackQuery.builder(tenant).open().limit(3).build()))).containsExactlyElementsOf(open);
        assertThat(ids(walk(FeedbackQuery.builder(tenant).open().order(FeedbackQuery.Order.NEWEST_FIRST).limit(3).build())))
                .containsExactlyElementsOf(openNewestFirst);
    }

    @Test
    void pagesNeitherSkipNorRepeatWhileFeedbackIsAdded() {
        List<Feedback> all = pagingData();
        FeedbackQuery query = FeedbackQuery.builder(tenant).limit(5).build();
        Page<Feedback> first = store.query(query);
        assertThat(first.next()).isPresent();

        Feedback earlier = Scenario.receive(store, Fixtures.minimalIntake(tenant, "daha önce").build(), reference(),
                T0.minus(Duration.ofDays(1))).feedback();
        Feedback later = Scenario.receive(store, Fixtures.minimalIntake(tenant, "daha sonra").build(), reference(),
                T0.plus(Duration.ofDays(30))).feedback();
        List<Feedback> seen = new ArrayList<>(first.items());
        seen.addAll(walk(query.after(first.next().orElseThrow())));

        List<FeedbackId> expected = new ArrayList<>(ids(all.stream().sorted(RECEIPT_THEN_ID).toList()));
        expected.add(later.id());
        assertThat(ids(seen)).containsExactlyElementsOf(expected).doesNotContain(earlier.id());
    }

    // ---------------------------------------------------------------- reference sequence

    @Test
    void theSequenceStartsAtOneAndCountsPerTenantPrefixAndYear() {
        TenantId other = Fixtures.newTenant("other");
        assertThat(sequence.next(tenant, "FB", 2026)).isEqualTo(1);
        long second = sequence.next(tenant, "FB", 2026);
        assertThat(second).isGreaterThan(1);

        assertThat(sequence.next(other, "FB", 2026)).as("another tenant").isEqualTo(1);
        assertThat(sequence.next(tenant, "SK", 2026)).as("another prefix").isEqualTo(1);
        assertThat(sequence.next(tenant, "FB", 2027)).as("another year").isEqualTo(1);
        assertThat(sequence.next(tenant, "FB", 2026)).isNotIn(1L, second).isPositive();
    }

    @Test
    void theSequenceNeverRepeatsUnderConcurrentUse() throws Exception {
        int perThread = 300;
        List<List<Long>> drawn = concurrently(thread -> {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(sequence.next(tenant, "FB", 2026));
                if (i % 10 == thread) {
                    sequence.next(tenant, "FB", 2025);
                }
            }
            return mine;
        });
        List<Long> numbers = drawn.stream().flatMap(List::stream).toList();
        assertThat(numbers).hasSize(THREADS * perThread).doesNotHaveDuplicates().allMatch(n -> n >= 1);
    }

    // ---------------------------------------------------------------- concurrent writers

    @Test
    void concurrentUpdatesOfOneFeedbackHaveExactlyOneWinnerPerVersion() throws Exception {
        Scenario s = Scenario.receive(store, Fixtures.richIntake(tenant).build(), reference(), T0);
        FeedbackId id = s.feedback().id();
        int rounds = 25;
        for (int round = 0; round < rounds; round++) {
            Feedback base = store.find(tenant, id).orElseThrow();
            Instant at = T0.plus(Duration.ofMinutes(round + 1));
            int r = round;
            List<String> outcomes = concurrently(thread -> {
                Lifecycle.Transition t = LIFECYCLE.apply(base, new Command.AddNote(AYSE, "round " + r + " thread " + thread), at);
                try {
                    store.save(FeedbackChange.update(t.after(), base.version(), t.event()));
                    return "won:" + thread;
                } catch (VersionConflictException e) {
                    assertThat(e.expectedVersion()).isEqualTo(base.version());
                    assertThat(e.actualVersion()).isEqualTo(base.version() + 1);
                    return "conflict";
                }
            });
            List<String> winners = outcomes.stream().filter(o -> o.startsWith("won:")).toList();
            assertThat(winners).as("round %d: %s", round, outcomes).hasSize(1);
            assertThat(outcomes).filteredOn("conflict"::equals).hasSize(THREADS - 1);

            Feedback after = store.find(tenant, id).orElseThrow();
            assertThat(after.version()).isEqualTo(base.version() + 1);
            List<FeedbackEvent> history = store.history(tenant, id);
            assertThat(history).hasSize((int) after.version());
            assertThat(history.get(history.size() - 1).note())
                    .isEqualTo("round " + round + " thread " + winners.get(0).substring(4));
        }
        assertThat(store.history(tenant, id)).extracting(FeedbackEvent::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, rounds + 1).boxed().toList());
    }

    @Test
    void anAnonymisationRacingCommandsOnTheSameVersionEitherWinsWholeOrChangesNothing() throws Exception {
        // who wins a round is the scheduler's choice: each outcome is checked whenever it happens
        for (int round = 0; round < 10; round++) {
            Scenario s = Scenario.receive(store, Fixtures.richIntake(tenant).intakeKey(null).build(), reference(), T0)
                    .note("Şükrü Bey aradı, 0532 123 45 67");
            Feedback base = s.feedback();
            Instant at = s.now().plus(Duration.ofMinutes(1));
            Anonymisation.Result r = Anonymisation.anonymise(base, s.history(), Actor.system("test"), "erasure-request", at);
            int shape = round;
            List<String> outcomes = concurrently(thread -> {
                try {
                    if (thread == shape % THREADS) {
                        store.redact(FeedbackRedaction.of(r));
                        return "anonymised";
                    }
                    Lifecycle.Transition t = LIFECYCLE.apply(base, new Command.AddNote(AYSE, "thread " + thread), at);
                    store.save(FeedbackChange.update(t.after(), base.version(), t.event()));
                    return "noted";
                } catch (VersionConflictException e) {
                    return "conflict";
                }
            });
            assertThat(outcomes).as("round %d: %s", round, outcomes).filteredOn(o -> !o.equals("conflict")).hasSize(1);
            Feedback after = store.find(tenant, base.id()).orElseThrow();
            List<FeedbackEvent> history = store.history(tenant, base.id());
            assertThat(after.version()).isEqualTo(base.version() + 1);
            assertThat(history).hasSize((int) after.version());
            if (outcomes.contains("anonymised")) {
                assertSameState(after, r.feedback());
                assertThat(history.get(1).note()).isEqualTo(Anonymisation.PLACEHOLDER);
            } else {
                // the anonymisation lost: nothing of it was written, the note is as it was
                assertThat(history.get(1).note()).isEqualTo("Şükrü Bey aradı, 0532 123 45 67");
                assertThat(history.get(history.size() - 1).type()).isEqualTo(EventType.NOTE_ADDED);
            }
            if (store instanceof io.memnun.spi.SealedHistory sealed) {
                byte[] previous = io.memnun.feedback.HistoryChain.genesis();
                for (io.memnun.feedback.SealedEvent e : sealed.sealedHistory(tenant, base.id())) {
                    assertThat(e.digests()).as("round %d", round).isEqualTo(io.memnun.feedback.TextDigests.of(e.event()));
                    previous = io.memnun.feedback.HistoryChain.link(previous, io.memnun.feedback.HistoryChain.contentDigest(e.event(), e.digests()));
                    assertThat(e.hash()).as("round %d", round).isEqualTo(io.memnun.feedback.HistoryChain.hex(previous));
                }
            }
        }
    }

    // ---------------------------------------------------------------- SLA clocks

    /** A lifecycle that keeps response-time clocks with the default policy. */
    protected static final Lifecycle SLA_LIFECYCLE = new Lifecycle(Lifecycle.Rules.defaults(), SlaEngine.of(SlaPolicy.defaults()));

    @Test
    void slaClocksRoundTripRunningPausedStoppedAndFired() {
        Scenario s = Scenario.receive(store, SLA_LIFECYCLE, Fixtures.randomId(), Fixtures.richIntake(tenant).build(), reference(),
                        Fixtures.richIntake(tenant).build().receivedAt())
                .then(new Command.Take(AYSE, null))
                .then(at -> new Command.Plan(AYSE, at.plus(Duration.ofDays(2)), "İki gün"))
                .then(new Command.AwaitCustomer(AYSE, "Uygun saat?"));
        Feedback expected = s.feedback();
        assertThat(expected.slaClocks()).extracting(SlaClock::state)
                .contains(SlaClock.State.MET, SlaClock.State.PAUSED, SlaClock.State.RUNNING);
        assertSameState(store.find(tenant, expected.id()).orElseThrow(), expected);

        Lifecycle.Transition firing = SLA_LIFECYCLE.fireDueCheckpoint(expected, expected.plannedUntil().orElseThrow().plusSeconds(1)).orElseThrow();
        store.save(FeedbackChange.update(firing.after(), expected.version(), firing.event()));
        Feedback fired = firing.after();
        assertThat(fired.slaClocks()).anySatisfy(c -> assertThat(c.checkpoints()).anyMatch(SlaCheckpoint::fired));
        assertSameState(store.find(tenant, expected.id()).orElseThrow(), fired);
    }

    @Test
    void dueForSlaCheckListsOnlyWhatIsDueEarliestFirstAcrossTenants() {
        TenantId other = Fixtures.newTenant("other");
        Instant t = Instant.parse("2026-03-16T06:00:00Z"); // a Monday morning in Istanbul
        List<Feedback> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Intake intake = Fixtures.minimalIntake(i % 2 == 0 ? tenant : other, "SLA " + i)
                    .priority(Priority.VERY_URGENT).build();
            created.add(Scenario.receive(store, SLA_LIFECYCLE, Fixtures.randomId(), intake, reference(), t.plus(Duration.ofMinutes(10L * i)))
                    .feedback());
        }
        Instant firstCheck = created.get(0).nextSlaCheckAt().orElseThrow();
        Instant thirdCheck = created.get(2).nextSlaCheckAt().orElseThrow();
        assertThat(firstCheck).isAfter(t);

        assertThat(store.dueForSlaCheck(firstCheck.minusNanos(1000), 100).stream().filter(created::contains)).isEmpty();
        List<Feedback> due = store.dueForSlaCheck(thirdCheck, 100).stream().filter(created::contains).toList();
        assertThat(ids(due)).containsExactly(created.get(0).id(), created.get(1).id(), created.get(2).id());
        assertThat(store.dueForSlaCheck(thirdCheck, 2)).hasSizeLessThanOrEqualTo(2);

        // once every checkpoint due by then is fired and saved, a feedback is listed again only at its next one
        Feedback first = created.get(0);
        long version = first.version();
        Feedback current = first;
        for (Lifecycle.Transition fired; (fired = SLA_LIFECYCLE.fireDueCheckpoint(current, thirdCheck).orElse(null)) != null; ) {
            store.save(FeedbackChange.update(fired.after(), current.version(), fired.event()));
            current = fired.after();
        }
        assertThat(current.version()).isGreaterThan(version);
        assertThat(current.nextSlaCheckAt().orElseThrow()).isAfter(thirdCheck);
        List<Feedback> dueNow = store.dueForSlaCheck(thirdCheck, 100).stream().filter(created::contains).toList();
        assertThat(ids(dueNow)).containsExactly(created.get(1).id(), created.get(2).id());
        assertThat(ids(store.dueForSlaCheck(current.nextSlaCheckAt().orElseThrow(), 100))).contains(first.id());
        assertSameState(store.find(first.tenant(), first.id()).orElseThrow(), current);
    }

    @Test
    void clocksACalendarCouldNotCountRoundTripWithTheirHistoryAndAreCheckedOnlyForWhatWasCounted() {
        // one working day the calendar knows: 8 hours left at receipt, enough for the acknowledgement but not for its
        // escalation at 200% nor for the resolution
        java.time.ZoneId istanbul = java.time.ZoneId.of("Europe/Istanbul");
        io.memnun.sla.BusinessCalendar oneDay = io.memnun.sla.BusinessCalendar.builder("fair", istanbul)
                .openOn(java.time.LocalDate.of(2026, 3, 16), "09:00-18:00").build();
        SlaPolicy policy = SlaPolicy.builder(io.memnun.sla.CalendarRegistry.of(oneDay))
                .target(Priority.NORMAL, io.memnun.sla.SlaTarget.of(io.memnun.feedback.SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(6), "fair"))
                .target(Priority.NORMAL, io.memnun.sla.SlaTarget.of(io.memnun.feedback.SlaKind.RESOLUTION, Duration.ofHours(27), "fair"))
                .escalation(io.memnun.sla.EscalationLevel.of(1, 100, io.memnun.sla.Recipient.DEPARTMENT_HEAD),
                        io.memnun.sla.EscalationLevel.of(2, 200, io.memnun.sla.Recipient.role("quality-manager")))
                .build();
        Lifecycle sparse = new Lifecycle(Lifecycle.Rules.defaults(), SlaEngine.of(policy));
        Instant receivedAt = java.time.LocalDateTime.of(2026, 3, 16, 10, 0).atZone(istanbul).toInstant();

        Scenario s = Scenario.receive(store, sparse, Fixtures.randomId(), Fixtures.minimalIntake(tenant, "Stant kapalıydı").build(),
                reference(), receivedAt);

        Feedback expected = s.feedback();
        assertThat(expected.slaClocks()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(io.memnun.feedback.SlaKind.ACKNOWLEDGEMENT);
            assertThat(c.checkpoints()).extracting(SlaCheckpoint::type)
                    .containsExactly(SlaCheckpoint.Type.WARNING, SlaCheckpoint.Type.BREACH, SlaCheckpoint.Type.ESCALATION);
        });
        assertSameState(store.find(tenant, expected.id()).orElseThrow(), expected);
        assertThat(store.history(tenant, expected.id()).get(0).details())
                .hasEntrySatisfying("sla.RESOLUTION", v -> assertThat(v).startsWith("not counted: calendar 'fair'"))
                .hasEntrySatisfying("sla.ACKNOWLEDGEMENT.notCounted", v -> assertThat(v).startsWith("escalation 2 at 200% never falls due"));

        // its checkpoints are what the monitor finds; once they are fired, it is listed no more
        Instant later = receivedAt.plus(Duration.ofDays(3));
        assertThat(ids(store.dueForSlaCheck(later, 100))).contains(expected.id());
        Feedback current = expected;
        for (Lifecycle.Transition fired; (fired = sparse.fireDueCheckpoint(current, later).orElse(null)) != null; ) {
            store.save(FeedbackChange.update(fired.after(), current.version(), fired.event()));
            current = fired.after();
        }
        assertThat(current.version()).isEqualTo(expected.version() + 3);
        assertThat(current.nextSlaCheckAt()).isEmpty();
        assertThat(ids(store.dueForSlaCheck(Instant.parse("2099-01-01T00:00:00Z"), FeedbackQuery.MAX_LIMIT))).doesNotContain(expected.id());
        assertSameState(store.find(tenant, expected.id()).orElseThrow(), current);
    }

    // ---------------------------------------------------------------- helpers

    /** The next reference number of this test's own numbering. */
    protected ReferenceNumber reference() {
        return ReferenceNumber.of("FB", 2026, nextReference++);
    }

    private static Feedback received(FeedbackId id, ReferenceNumber reference, Intake intake) {
        return LIFECYCLE.receive(id, reference, intake, T0, T0.plusSeconds(1));
    }

    private static FeedbackEvent receivedEvent(Feedback f) {
        return Lifecycle.receivedEvent(f, Actor.SYSTEM, f.updatedAt());
    }

    /** The rich fixture taken through a rejection into AWAITING_CUSTOMER, paused from PLANNED. */
    private Scenario rich(Intake intake) {
        return Scenario.receive(store, intake, reference(), intake.receivedAt())
                .then(new Command.Take(AYSE, "İşleme alındı"))
                .then(at -> new Command.Plan(AYSE, at.plus(Duration.ofDays(1)).plusNanos(456_000), "Yarına kadar"))
                .then(new Command.Resolve(AYSE, "Oda değiştirildi, %20 indirim"))
                .then(new Command.Reject(Actor.customer(), "Yetersiz buldum",
                        List.of(Recourse.internal("Genel müdüre başvuru"), Recourse.external("Tüketici Hakem Heyeti"))))
                .then(at -> new Command.Plan(MEHMET, at.plus(Duration.ofHours(5)), null))
                .then(new Command.AwaitCustomer(MEHMET, "Hangi tarih uygun olur?"));
    }

    private void assertUnchanged(Scenario s) {
        Feedback stored = store.find(s.feedback().tenant(), s.feedback().id()).orElseThrow();
        assertSameState(stored, s.feedback());
        assertThat(store.history(s.feedback().tenant(), s.feedback().id())).containsExactlyElementsOf(s.history());
    }

    /**
     * Six feedback in {@link #tenant} with distinct attributes, and a decoy in another tenant that matches every
     * criterion the tests use.
     */
    private Map<String, Feedback> queryData() {
        Map<String, Feedback> f = new LinkedHashMap<>();
        Customer c1 = Customer.builder().externalId("c-1").name("Ali Kaya").email("ali@example.com").phone("0532 111 11 11").build();
        Customer c2 = Customer.builder().externalId("c-2").name("Veli Şahin").email("veli@örnek.com.tr").phone("+905322222222").build();
        Customer c1b = Customer.builder().externalId("c-1").email("ali@example.com").build();
        Customer c3 = Customer.builder().externalId("c-3").phone("+90 532 111 1111").build();
        Actor system = Actor.system("test");

        f.put("f1", Scenario.receive(store, Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "bir")
                        .department(HOUSEKEEPING).assignee(StaffId.of(AYSE.id())).subject(SubjectId.of("oda"))
                        .location(LocationId.of("istanbul")).customer(c1).build(), reference(), T0)
                .feedback());
        f.put("f2", Scenario.receive(store, Intake.builder(tenant, FeedbackKind.REQUEST, Channel.PHONE, "iki")
                        .department(FRONT_OFFICE).assignee(StaffId.of(MEHMET.id())).subject(SubjectId.of("gürültü"))
                        .location(LocationId.of("ankara")).customer(c2).build(), reference(), T0.plus(Duration.ofHours(1)))
                .then(new Command.Take(MEHMET, null))
                .feedback());
        f.put("f3", Scenario.receive(store, Intake.builder(tenant, FeedbackKind.SUGGESTION, Channel.WEB_FORM, "üç")
                        .department(HOUSEKEEPING).location(LocationId.of("istanbul")).build(), reference(), T0.plus(Duration.ofHours(2)))
                .then(new Command.Take(system, null))
                .then(new Command.Resolve(system, "teşekkürler"))
                .feedback());
        f.put("f4", Scenario.receive(store, Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "dört")
                        .subject(SubjectId.of("oda")).location(LocationId.of("izmir")).customer(c1b).build(), reference(),
                        T0.plus(Duration.ofHours(3)))
                .then(new Command.Take(system, null))
                .then(new Command.Resolve(system, "çözüldü"))
                .then(new Command.Accept(Actor.customer(), null))
                .feedback());
        f.put("f5", Scenario.receive(store, Intake.builder(tenant, FeedbackKind.COMPLIMENT, Channel.KIOSK, "beş")
                        .department(KITCHEN).build(), reference(), T0.plus(Duration.ofHours(4)))
                .then(new Command.Cancel(system, "test"))
                .feedback());
        f.put("f6", Scenario.receive(store, Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.PHONE, "altı")
                        .department(FRONT_OFFICE).assignee(StaffId.of(AYSE.id())).subject(SubjectId.of("gürültü"))
                        .location(LocationId.of("ankara")).customer(c3).build(), reference(), T0.plus(Duration.ofHours(5)))
                .then(new Command.Take(AYSE, null))
                .then(at -> new Command.Plan(AYSE, at.plus(Duration.ofDays(2)), null))
                .feedback());

        TenantId other = Fixtures.newTenant("decoy");
        Scenario.receive(store, Intake.builder(other, FeedbackKind.COMPLAINT, Channel.EMAIL, "tuzak")
                .department(HOUSEKEEPING).assignee(StaffId.of(AYSE.id())).subject(SubjectId.of("oda"))
                .location(LocationId.of("istanbul")).customer(c1).build(), reference(), T0.plus(Duration.ofMinutes(90)));
        return f;
    }

    private void assertQuery(Map<String, Feedback> data, UnaryOperator<FeedbackQuery.Builder> criteria, String... expected) {
        FeedbackQuery query = criteria.apply(FeedbackQuery.builder(tenant)).build();
        List<FeedbackId> expectedIds = java.util.Arrays.stream(expected).map(label -> data.get(label).id()).toList();
        Page<Feedback> page = store.query(query);
        assertThat(ids(page)).as("%s", query).containsExactlyElementsOf(expectedIds);
        assertThat(page.next()).as("next cursor of a complete page").isEmpty();
        assertThat(store.count(query)).as("count of %s", query).isEqualTo(expected.length);
        assertThat(store.count(criteria.apply(FeedbackQuery.builder(tenant)).limit(1).build())).as("count ignores the limit")
                .isEqualTo(expected.length);
        for (Feedback found : page.items()) {
            Feedback expectedState = data.values().stream().filter(d -> d.id().equals(found.id())).findFirst().orElseThrow();
            assertSameState(found, expectedState);
        }
    }

    /**
     * Twenty-six feedback: receipt times shared by groups of three (and one group of four whose ids differ in
     * the sign bits of both halves), ids spread over all 128 bits, some cancelled.
     */
    private List<Feedback> pagingData() {
        Random random = new Random(20260314);
        List<Feedback> all = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            Instant receivedAt = T0.plus(Fixtures.step(i / 3 * 10));
            Scenario s = Scenario.receive(store, LIFECYCLE, Fixtures.randomId(random),
                    Fixtures.minimalIntake(tenant, "sayfa " + i).build(), reference(), receivedAt);
            if (i % 4 == 1) {
                s.then(new Command.Cancel(AYSE, "kapsam dışı"));
            }
            all.add(s.feedback());
        }
        Instant tie = T0.plus(Fixtures.step(35));
        for (String uuid : List.of("ffffffff-0000-7000-8000-000000000000", "00000000-0000-7000-0000-000000000001",
                "80000000-0000-7000-7fff-ffffffffffff", "7fffffff-ffff-7fff-ffff-ffffffffffff")) {
            all.add(Scenario.receive(store, LIFECYCLE, new FeedbackId(UUID.fromString(uuid)),
                    Fixtures.minimalIntake(tenant, "eşit zaman " + uuid).build(), reference(), tie).feedback());
        }
        assertThat(all.stream().map(Feedback::receivedAt).distinct()).hasSizeLessThan(all.size() / 2);
        return all;
    }

    /** Follows the next cursors (through their text tokens, as a web host would) to the last page. */
    protected List<Feedback> walk(FeedbackQuery first) {
        List<Feedback> seen = new ArrayList<>();
        Set<Cursor> cursors = new HashSet<>();
        FeedbackQuery query = first;
        while (true) {
            Page<Feedback> page = store.query(query);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(query.limit());
            seen.addAll(page.items());
            if (page.next().isEmpty()) {
                return seen;
            }
            assertThat(page.items()).as("a page followed by another is full").hasSize(query.limit());
            Cursor next = Cursor.parse(page.next().get().token());
            if (!cursors.add(next)) {
                fail("paging does not advance: cursor %s came twice", next);
            }
            query = query.after(next);
        }
    }

    protected static List<FeedbackId> ids(Page<Feedback> page) {
        return ids(page.items());
    }

    protected static List<FeedbackId> ids(List<Feedback> feedback) {
        return feedback.stream().map(Feedback::id).toList();
    }

    private static int compareUnsigned(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    // ---------------------------------------------------------------- routing and duplicates

    @Test
    void watchersRoutingVersionAndDuplicateLinksRoundTrip() {
        Feedback original = Scenario.receive(store, Fixtures.minimalIntake(tenant, "ilk").build(), reference(), T0).feedback();
        Intake intake = Fixtures.minimalIntake(tenant, "ikinci").department(HOUSEKEEPING).build();
        Feedback repeat = LIFECYCLE.receive(Fixtures.randomId(), reference(), intake, T0, T0.plusSeconds(1),
                new io.memnun.feedback.Triage(Set.of(StaffId.of("gül"), StaffId.of("ayşe")), "12", 3L,
                        "routed to Housekeeping by rule 12", original.id()));
        store.save(FeedbackChange.create(repeat, Lifecycle.receivedEvent(repeat, Actor.SYSTEM, T0.plusSeconds(1),
                new io.memnun.feedback.Triage(repeat.watchers(), "12", 3L, "routed to Housekeeping by rule 12", original.id()))));
        Feedback read = store.find(tenant, repeat.id()).orElseThrow();
        assertThat(read.watchers()).containsExactlyInAnyOrder(StaffId.of("gül"), StaffId.of("ayşe"));
        assertThat(read.routingVersion()).contains(3L);
        assertThat(read.possibleDuplicateOf()).contains(original.id());
        assertThat(read.mergedInto()).isEmpty();
        assertThat(store.history(tenant, repeat.id()).get(0).details())
                .containsEntry("routingRule", "12").containsEntry("routingVersion", "3")
                .containsEntry("possibleDuplicateOf", original.id().toString());
        assertThat(store.history(tenant, repeat.id()).get(0).note()).isEqualTo("routed to Housekeeping by rule 12");

        Lifecycle.Transition merged = LIFECYCLE.apply(read, new Command.Merge(AYSE, original.id(), "aynı"), T0.plusSeconds(60));
        store.save(FeedbackChange.update(merged.after(), read.version(), merged.event()));
        Feedback closed = store.find(tenant, repeat.id()).orElseThrow();
        assertThat(closed.mergedInto()).contains(original.id());
        assertThat(closed.closureReason()).contains(ClosureReason.DUPLICATE);
    }

    @Test
    void openLoadCountsOpenFeedbackPerAssigneeWithinTheTenant() {
        StaffId ayse = StaffId.of(AYSE.id());
        StaffId mehmet = StaffId.of(MEHMET.id());
        Scenario.receive(store, Fixtures.minimalIntake(tenant, "1").assignee(ayse).build(), reference(), T0);
        Scenario.receive(store, Fixtures.minimalIntake(tenant, "2").assignee(ayse).build(), reference(), T0).then(new Command.Take(AYSE, null));
        Scenario.receive(store, Fixtures.minimalIntake(tenant, "3").assignee(ayse).build(), reference(), T0).then(new Command.Cancel(AYSE, "mükerrer"));
        Scenario.receive(store, Fixtures.minimalIntake(tenant, "4").assignee(mehmet).build(), reference(), T0)
                .then(new Command.Assign(MEHMET, ayse, null));
        Scenario.receive(store, Fixtures.minimalIntake(tenant, "5").assignee(mehmet).build(), reference(), T0);
        Scenario.receive(store, Fixtures.minimalIntake(tenant, "6").build(), reference(), T0);
        TenantId other = Fixtures.newTenant("other");
        Scenario.receive(store, Fixtures.minimalIntake(other, "7").assignee(ayse).build(), reference(), T0);

        Map<StaffId, Integer> load = store.openLoad(tenant, Set.of(ayse, mehmet, StaffId.of("nobody")));
        assertThat(load.getOrDefault(ayse, 0)).isEqualTo(3);
        assertThat(load.getOrDefault(mehmet, 0)).isEqualTo(1);
        assertThat(load.getOrDefault(StaffId.of("nobody"), 0)).isZero();
        assertThat(store.openLoad(tenant, Set.of(mehmet))).doesNotContainKey(ayse);
    }

    // ---------------------------------------------------------------- the closing job's work list

    /** When the closing periods of {@link #closingStates} end; microseconds, as every test instant. */
    private static final Instant CLOSING_ENDS = T0.plus(Duration.ofDays(400));
    private static final Duration MICRO = Duration.ofNanos(1000);

    /** The feedback of {@link #closingStates}: the due ones (among them the one without a resolution time), the others. */
    private record ClosingStates(List<FeedbackId> due, List<FeedbackId> notDue, FeedbackId withoutTime) {}

    /**
     * Feedback in every state the closing job's list must tell apart: resolved or rejected before, at and after
     * {@link #CLOSING_ENDS}, in each open status, reopened, reviewed, closed and cancelled.
     */
    private ClosingStates closingStates() {
        List<FeedbackId> due = new ArrayList<>();
        List<FeedbackId> notDue = new ArrayList<>();
        due.add(resolvedAt(tenant, CLOSING_ENDS.minus(MICRO)).feedback().id());
        due.add(resolvedAt(tenant, CLOSING_ENDS).feedback().id());
        notDue.add(resolvedAt(tenant, CLOSING_ENDS.plus(MICRO)).feedback().id());
        FeedbackId withoutTime = resolvedWithoutItsTime().id();
        due.add(withoutTime);

        due.add(rejectedAt(CLOSING_ENDS.minus(MICRO)).feedback().id());
        due.add(rejectedAt(CLOSING_ENDS).feedback().id());
        notDue.add(rejectedAt(CLOSING_ENDS.plus(MICRO)).feedback().id());
        due.add(rejectedAt(CLOSING_ENDS.minus(Duration.ofDays(30)))
                .then(at -> new Command.Plan(AYSE, at.plus(Duration.ofDays(1)), null)).feedback().id());
        notDue.add(rejectedAt(CLOSING_ENDS.plus(MICRO))
                .then(at -> new Command.Plan(AYSE, at.plus(Duration.ofDays(1)), null)).feedback().id());
        due.add(rejectedAt(CLOSING_ENDS.minus(Duration.ofDays(30))).then(new Command.AwaitCustomer(AYSE, "Hangi oda?")).feedback().id());
        notDue.add(rejectedAt(CLOSING_ENDS.plus(MICRO)).then(new Command.AwaitCustomer(AYSE, "Hangi oda?")).feedback().id());
        // reopened by an appeal: only a rejection after it counts
        notDue.add(rejectedAt(T0.plus(Duration.ofDays(1)))
                .then(new Command.Resolve(AYSE, "İkinci çözüm")).then(new Command.Accept(Actor.customer(), null))
                .then(new Command.Appeal(Actor.customer(), "Yeniden açın")).feedback().id());
        due.add(resolvedAt(tenant, T0.plus(Duration.ofDays(1))).then(new Command.Accept(Actor.customer(), null))
                .then(new Command.Appeal(Actor.customer(), "Yeniden açın")).then(new Command.Resolve(AYSE, "Yeni çözüm"))
                .thenAt(CLOSING_ENDS, new Command.Reject(Actor.customer(), "Yine olmadı", List.of())).feedback().id());

        // open and never rejected, however old
        Scenario fresh = Scenario.receive(store, Fixtures.minimalIntake(tenant, "Yeni").build(), reference(), T0);
        notDue.add(fresh.feedback().id());
        notDue.add(Scenario.receive(store, Fixtures.minimalIntake(tenant, "Üzerinde").build(), reference(), T0)
                .then(new Command.Take(AYSE, null)).feedback().id());
        notDue.add(Scenario.receive(store, Fixtures.minimalIntake(tenant, "Planlı").build(), reference(), T0)
                .then(new Command.Take(AYSE, null)).then(at -> new Command.Plan(AYSE, at.plus(Duration.ofDays(1)), null))
                .feedback().id());
        notDue.add(Scenario.receive(store, Fixtures.minimalIntake(tenant, "Bekliyor").build(), reference(), T0)
                .then(new Command.Take(AYSE, null)).then(new Command.AwaitCustomer(AYSE, "?")).feedback().id());
        // rejected long ago, but in review again, closed or cancelled
        Lifecycle reviewing = new Lifecycle(new Lifecycle.Rules(f -> true, Lifecycle.Rules.DEFAULT_CLOSING_PERIOD));
        notDue.add(Scenario.receive(store, reviewing, Fixtures.randomId(), Fixtures.minimalIntake(tenant, "İncelemede").build(),
                reference(), T0)
                .then(new Command.Take(AYSE, null)).then(new Command.Resolve(AYSE, "Öneri")).then(new Command.Approve(MEHMET, null))
                .then(new Command.Reject(Actor.customer(), "Hayır", List.of())).then(new Command.Resolve(AYSE, "Yeni öneri"))
                .feedback().id());
        notDue.add(resolvedAt(tenant, T0.plus(Duration.ofDays(1))).then(new Command.Accept(Actor.customer(), null)).feedback().id());
        notDue.add(rejectedAt(T0.plus(Duration.ofDays(1))).later(Lifecycle.Rules.DEFAULT_CLOSING_PERIOD)
                .then(new Command.Close(Actor.system("closing-period"), ClosureReason.UNRESOLVED, null)).feedback().id());
        notDue.add(Scenario.receive(store, Fixtures.minimalIntake(tenant, "Vazgeçildi").build(), reference(), T0)
                .then(new Command.Cancel(AYSE, "Mükerrer")).feedback().id());
        return new ClosingStates(due, notDue, withoutTime);
    }

    /** A feedback taken in, then resolved at {@code at}. */
    private Scenario resolvedAt(TenantId in, Instant at) {
        return Scenario.receive(store, Fixtures.minimalIntake(in, "Oda soğuktu").build(), reference(), T0)
                .then(new Command.Take(AYSE, null))
                .thenAt(at, new Command.Resolve(AYSE, "Isıtıcı değiştirildi"));
    }

    /** A feedback resolved early whose resolution the customer rejected at {@code at}: IN_PROGRESS again. */
    private Scenario rejectedAt(Instant at) {
        return resolvedAt(tenant, T0.plus(Duration.ofHours(1)))
                .thenAt(at, new Command.Reject(Actor.customer(), "Hâlâ soğuk", List.of()));
    }

    /** A RESOLVED feedback stored without its resolution time, as an older release could leave one. */
    private Feedback resolvedWithoutItsTime() {
        Scenario s = resolvedAt(tenant, CLOSING_ENDS.plus(Duration.ofDays(30)));
        Lifecycle.Transition noted = LIFECYCLE.apply(s.feedback(), new Command.AddNote(AYSE, "not"), s.now().plus(MICRO));
        Feedback without = Feedback.restore(noted.after()).resolvedAt(null).build();
        store.save(FeedbackChange.update(without, s.feedback().version(), noted.event()));
        assertThat(store.find(tenant, without.id()).orElseThrow().resolvedAt()).isEmpty();
        return without;
    }

    @Test
    void closingDueListsExactlyTheFeedbackWhoseClosingPeriodEndedInclusive() {
        ClosingStates states = closingStates();
        TenantId other = Fixtures.newTenant("other");
        FeedbackId othersDue = resolvedAt(other, T0.plus(Duration.ofDays(1))).feedback().id();

        List<FeedbackId> due = store.closingDue(tenant, CLOSING_ENDS, null, FeedbackQuery.MAX_LIMIT);

        assertThat(due).containsExactlyInAnyOrderElementsOf(states.due()).doesNotContain(othersDue);
        assertThat(store.closingDue(other, CLOSING_ENDS, null, FeedbackQuery.MAX_LIMIT)).containsExactly(othersDue);
        // before any resolution or rejection: only the one without a resolution time, which is due at any time
        assertThat(store.closingDue(tenant, T0, null, FeedbackQuery.MAX_LIMIT)).containsExactly(states.withoutTime());
        // every period ended a year later, except the open ones' that were never rejected
        assertThat(store.closingDue(tenant, CLOSING_ENDS.plus(Duration.ofDays(365)), null, FeedbackQuery.MAX_LIMIT))
                .hasSize(states.due().size() + 4);
        assertThat(store.closingDue(Fixtures.newTenant("empty"), CLOSING_ENDS, null, 10)).isEmpty();
    }

    @Test
    void closingDuePagesInOneOrderWithoutSkippingOrRepeating() {
        ClosingStates states = closingStates();
        List<FeedbackId> all = store.closingDue(tenant, CLOSING_ENDS, null, FeedbackQuery.MAX_LIMIT);
        assertThat(all).hasSize(states.due().size()).doesNotHaveDuplicates();
        assertThat(store.closingDue(tenant, CLOSING_ENDS, null, FeedbackQuery.MAX_LIMIT)).as("the same order again").isEqualTo(all);

        for (int limit = 1; limit <= all.size() + 1; limit++) {
            List<FeedbackId> walked = new ArrayList<>();
            FeedbackId after = null;
            for (int pages = 0; ; pages++) {
                assertThat(pages).as("pages of %d", limit).isLessThanOrEqualTo(all.size());
                List<FeedbackId> page = store.closingDue(tenant, CLOSING_ENDS, after, limit);
                assertThat(page).hasSizeLessThanOrEqualTo(limit);
                walked.addAll(page);
                if (page.size() < limit) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
            assertThat(walked).as("pages of %d", limit).isEqualTo(all);
        }
        // from any id on, the rest of the order
        assertThat(store.closingDue(tenant, CLOSING_ENDS, all.get(3), FeedbackQuery.MAX_LIMIT)).isEqualTo(all.subList(4, all.size()));
        assertThat(store.closingDue(tenant, CLOSING_ENDS, all.get(all.size() - 1), FeedbackQuery.MAX_LIMIT)).isEmpty();
    }

    @Test
    void closingDueRefusesArgumentsItDoesNotTakeNamingThem() {
        resolvedAt(tenant, T0.plus(Duration.ofDays(1)));
        List<Map.Entry<String, Callable<List<FeedbackId>>>> calls = List.of(
                Map.entry("tenant", () -> store.closingDue(null, CLOSING_ENDS, null, 10)),
                Map.entry("endedBy", () -> store.closingDue(tenant, null, null, 10)),
                Map.entry("limit", () -> store.closingDue(tenant, CLOSING_ENDS, null, 0)),
                Map.entry("limit", () -> store.closingDue(tenant, CLOSING_ENDS, null, FeedbackQuery.MAX_LIMIT + 1)),
                Map.entry("endedBy", () -> store.closingDue(tenant, Instant.MAX, null, 10)),
                Map.entry("endedBy", () -> store.closingDue(tenant, Instant.parse("9999-12-31T23:59:59Z").plusSeconds(1), null, 10)),
                Map.entry("endedBy", () -> store.closingDue(tenant, Instant.parse("0001-01-01T00:00:00Z").minus(MICRO), null, 10)));
        for (Map.Entry<String, Callable<List<FeedbackId>>> call : calls) {
            assertThatThrownBy(() -> call.getValue().call())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(call.getKey()));
        }
        // the extremes of the range are taken
        assertThat(store.closingDue(tenant, Instant.parse("9999-12-31T23:59:59.999999Z"), null, FeedbackQuery.MAX_LIMIT)).hasSize(1);
        assertThat(store.closingDue(tenant, Instant.parse("0001-01-01T00:00:00Z"), null, 1)).isEmpty();
    }

    @Test
    void redactionRewritesTextInPlaceAndAppendsItsEvent() {
        Scenario s = Scenario.receive(store, Fixtures.richIntake(tenant).build(), reference(), T0)
                .note("Şükrü Bey aradı, 0532 123 45 67")
                .then(new Command.Take(AYSE, null))
                .then(new Command.Resolve(AYSE, "Oda değiştirildi, Şükrü Bey'e bilgi verildi"));
        Feedback before = s.feedback();
        Anonymisation.Result r = Anonymisation.anonymise(before, s.history(), Actor.system("test"), "erasure-request",
                s.now().plus(Duration.ofMinutes(5)));

        store.redact(FeedbackRedaction.of(r));

        Feedback after = store.find(tenant, before.id()).orElseThrow();
        assertSameState(after, r.feedback());
        assertThat(after.customer().name()).isNull();
        assertThat(after.customer().email()).isNull();
        assertThat(after.description()).isEqualTo(Anonymisation.PLACEHOLDER);
        List<FeedbackEvent> history = store.history(tenant, before.id());
        assertThat(history).hasSize(s.history().size() + 1);
        for (int i = 0; i < s.history().size(); i++) {
            FeedbackEvent old = s.history().get(i);
            FeedbackEvent now = history.get(i);
            // the shape stays: same version, type, actor, time and statuses
            assertThat(now.version()).isEqualTo(old.version());
            assertThat(now.type()).isEqualTo(old.type());
            assertThat(now.actor()).isEqualTo(old.actor());
            assertThat(now.at()).isEqualTo(old.at());
            assertThat(now.to()).isEqualTo(old.to());
            assertThat(now.note()).isEqualTo(old.note() == null ? null : Anonymisation.PLACEHOLDER);
        }
        assertThat(history.get(history.size() - 1)).isEqualTo(r.recorded());
        assertThat(history.get(history.size() - 1).type()).isEqualTo(EventType.ANONYMISED);
        // the old intake key no longer finds it only if anonymisation dropped it; the reference always does
        assertThat(store.findByReference(tenant, before.reference())).isPresent();
        assertThat(store.query(FeedbackQuery.builder(tenant).customerEmail(before.customer().email()).build()).items()).isEmpty();
    }

    @Test
    void redactionOnAStaleVersionOrAMissingFeedbackChangesNothing() {
        Scenario s = Scenario.receive(store, Fixtures.richIntake(tenant).build(), reference(), T0).note("ilk not");
        Anonymisation.Result stale = Anonymisation.anonymise(s.feedback(), s.history(), Actor.system("test"), "retention", s.now());
        s.note("ikinci not");

        assertThatThrownBy(() -> store.redact(FeedbackRedaction.of(stale))).isInstanceOf(VersionConflictException.class);

        assertSameState(store.find(tenant, s.feedback().id()).orElseThrow(), s.feedback());
        assertThat(store.history(tenant, s.feedback().id())).isEqualTo(s.history());

        Feedback neverStored = LIFECYCLE.receive(Fixtures.randomId(), reference(), Fixtures.richIntake(tenant).intakeKey(null).build(), T0, T0);
        FeedbackEvent received = Lifecycle.receivedEvent(neverStored, AYSE, T0);
        Anonymisation.Result missing = Anonymisation.anonymise(neverStored, List.of(received), Actor.system("test"), "retention", T0);
        assertThatThrownBy(() -> store.redact(FeedbackRedaction.of(missing))).isInstanceOf(NotFoundException.class);
        assertThat(store.find(tenant, neverStored.id())).isEmpty();
    }

    /** Runs {@code task} on {@value #THREADS} threads released together; returns each thread's result in order. */
    protected <T> List<T> concurrently(ThreadTask<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int thread = i;
            Callable<T> c = () -> {
                start.await();
                return task.run(thread);
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
    protected interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    // ---------------------------------------------------------------- hash chain

    @Test
    void aStoreThatKeepsSealsSealsEveryEventItSavesIntoOneChain() {
        org.junit.jupiter.api.Assumptions.assumeTrue(store instanceof io.memnun.spi.SealedHistory, "the store keeps no seals");
        io.memnun.FeedbackDesk desk = io.memnun.FeedbackDesk.builder().store(store).referenceSequence(sequence).build();
        Feedback f = desk.receive(Fixtures.minimalIntake(tenant, Fixtures.TURKISH_TEXT).build());
        desk.take(tenant, f.id(), Fixtures.AYSE);
        desk.resolve(tenant, f.id(), Fixtures.AYSE, "Oda değişti 😊");
        List<io.memnun.feedback.SealedEvent> sealed = ((io.memnun.spi.SealedHistory) store).sealedHistory(tenant, f.id());
        assertThat(sealed).extracting(io.memnun.feedback.SealedEvent::event).containsExactlyElementsOf(store.history(tenant, f.id()));
        byte[] previous = io.memnun.feedback.HistoryChain.genesis();
        for (io.memnun.feedback.SealedEvent e : sealed) {
            assertThat(e.digests()).isEqualTo(io.memnun.feedback.TextDigests.of(e.event()));
            previous = io.memnun.feedback.HistoryChain.link(previous, io.memnun.feedback.HistoryChain.contentDigest(e.event(), e.digests()));
            assertThat(e.hash()).isEqualTo(io.memnun.feedback.HistoryChain.hex(previous));
        }
        assertThat(((io.memnun.spi.SealedHistory) store).sealedHistory(Fixtures.newTenant("other"), f.id())).isEmpty();
    }

    @Test
    void anonymisationSealsTheRewrittenEventsAnewAndLeavesNoDigestOfTheRemovedText() {
        org.junit.jupiter.api.Assumptions.assumeTrue(store instanceof io.memnun.spi.SealedHistory, "the store keeps no seals");
        io.memnun.spi.SealedHistory sealedStore = (io.memnun.spi.SealedHistory) store;
        String note = "Şükrü Bey aradı, 0532 123 45 67";
        Scenario s = Scenario.receive(store, Fixtures.minimalIntake(tenant, "Klima çalışmıyor").build(), reference(), T0)
                .then(new Command.Take(AYSE, null))
                .note(note)
                .then(new Command.Assign(AYSE, StaffId.of("mehmet"), null))
                .then(new Command.Resolve(AYSE, "Oda değiştirildi"));
        List<io.memnun.feedback.SealedEvent> before = sealedStore.sealedHistory(tenant, s.feedback().id());
        Anonymisation.Result r = Anonymisation.anonymiseSealed(s.feedback(), before, Actor.system("test"), "erasure-request",
                s.now().plus(Duration.ofMinutes(5)));
        assertThat(r.rewritten()).extracting(FeedbackEvent::version).as("the receipt, the take and the reassignment hold no text to remove")
                .doesNotContain(1L, 2L, 4L).contains(3L);

        store.redact(FeedbackRedaction.of(r));

        List<io.memnun.feedback.SealedEvent> after = sealedStore.sealedHistory(tenant, s.feedback().id());
        assertThat(after).extracting(io.memnun.feedback.SealedEvent::event).containsExactlyElementsOf(store.history(tenant, s.feedback().id()));
        assertThat(after).hasSize(before.size() + 1);
        byte[] previous = io.memnun.feedback.HistoryChain.genesis();
        for (io.memnun.feedback.SealedEvent e : after) {
            // every digest is of the text as it is now: the removed note's digest is gone with the note
            assertThat(e.digests()).isEqualTo(io.memnun.feedback.TextDigests.of(e.event()));
            previous = io.memnun.feedback.HistoryChain.link(previous, io.memnun.feedback.HistoryChain.contentDigest(e.event(), e.digests()));
            assertThat(e.hash()).isEqualTo(io.memnun.feedback.HistoryChain.hex(previous));
        }
        String noteDigest = io.memnun.feedback.HistoryChain.textDigest(note);
        assertThat(after).allSatisfy(e -> {
            assertThat(e.digests().note()).isNotEqualTo(noteDigest);
            assertThat(e.digests().details()).doesNotContainValue(noteDigest);
        });
        assertThat(before.get(2).digests().note()).isEqualTo(noteDigest);
        // the events before the first rewritten one keep their seals; from it on the chain is new, the reassignment's
        // text (not rewritten) included
        assertThat(after.subList(0, 2)).isEqualTo(before.subList(0, 2));
        assertThat(after.get(2).hash()).isNotEqualTo(before.get(2).hash());
        assertThat(after.get(3).event()).isEqualTo(before.get(3).event());
        assertThat(after.get(3).hash()).isNotEqualTo(before.get(3).hash());
        io.memnun.feedback.SealedEvent recorded = after.get(after.size() - 1);
        assertThat(recorded.event()).isEqualTo(r.recorded());
        assertThat(recorded.event().details()).containsEntry("resealedFrom", "3").doesNotContainKey("chainBrokenAt");
        // no head of the chain before is kept: it would be a digest of the removed text too
        assertThat(after.toString()).doesNotContain(before.get(before.size() - 1).hash());
    }
}
