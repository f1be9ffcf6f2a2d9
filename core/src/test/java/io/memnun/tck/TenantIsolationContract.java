package io.memnun.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.FeedbackDesk;
import io.memnun.HistoryVerifier;
import io.memnun.error.NotFoundException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Command;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.PhoneNumber;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.SealedHistory;
import io.memnun.testing.MutableClock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant A can neither read, change nor count tenant B's feedback through any API of the desk, the store, the
 * history verifier or (in subclasses) a store's own counting. The two tenants are made as alike as possible: the
 * same reference numbers (each tenant's sequence starts at 1), department, assignee, customer e-mail, phone and
 * external id, intake keys and subjects; only the tenant tells them apart. Department scoping within a tenant is a
 * separate concern ({@code Viewer}) and not tested here.
 */
public abstract class TenantIsolationContract {
    protected final MutableClock clock = MutableClock.at("2026-05-04T07:00:00.000001Z");
    protected TenantId a;
    protected TenantId b;
    protected FeedbackDesk desk;
    protected FeedbackStore store;
    private List<Feedback> ofA;
    private List<Feedback> ofB;
    /** How many calls were checked, per test class, for the figures. */
    private static final Map<String, java.util.concurrent.atomic.AtomicInteger> CHECKS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A store shared across tests; each test uses tenants of its own. */
    protected abstract FeedbackStore createStore();

    @BeforeEach
    void twoTenantsAlike() {
        store = createStore();
        desk = FeedbackDesk.builder().store(store).clock(clock).build();
        a = Fixtures.newTenant("tenant-a");
        b = Fixtures.newTenant("tenant-b");
        ofA = List.of(receive(a, "k1"), receive(a, "k2"), receive(a, "k3"));
        ofB = List.of(receive(b, "k1"), receive(b, "k2"));
        desk.take(a, ofA.get(0).id(), Actor.staff("ali"));
        desk.take(b, ofB.get(0).id(), Actor.staff("ali"));
        assertThat(ofA.get(0).reference()).isEqualTo(ofB.get(0).reference());
    }

    private Feedback receive(TenantId tenant, String key) {
        return desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima " + key)
                .customer(Customer.builder().externalId("guest-1").email("misafir@example.com").phone("+905321234567").build())
                .department(Fixtures.HOUSEKEEPING).assignee(StaffId.of("ali")).intakeKey(key).build());
    }

    private Set<Object> idsOf(List<Feedback> list) {
        Set<Object> ids = new HashSet<>();
        list.forEach(f -> ids.add(f.id()));
        return ids;
    }

    @Test
    void lookupsByIdReferenceAndIntakeKeyFindOnlyTheTenantsOwn() {
        Feedback fa = ofA.get(2);
        assertThat(c(store.find(b, fa.id()))).isEmpty();
        assertThat(c(desk.find(b, fa.id()))).isEmpty();
        assertThatThrownBy(() -> desk.get(b, fa.id())).isInstanceOf(NotFoundException.class);
        c(null);
        // the same number and intake key exist in B, and are B's
        assertThat(c(store.findByReference(b, fa.reference()).map(Feedback::tenant))).isEmpty();
        assertThat(c(desk.findByReference(b, fa.reference().toString()).map(Feedback::tenant))).isEmpty();
        assertThat(c(store.findByIntakeKey(b, "k3"))).isEmpty();
        assertThat(c(store.findByIntakeKey(b, "k1").map(Feedback::tenant))).contains(b);
        assertThat(c(store.findByReference(b, ofA.get(0).reference()).map(Feedback::id))).contains(ofB.get(0).id());
    }

    /** Counts a checked call. */
    protected <T> T c(T value) {
        CHECKS.computeIfAbsent(getClass().getSimpleName(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        return value;
    }

    @org.junit.jupiter.api.AfterAll
    static void figures(org.junit.jupiter.api.TestInfo info) {
        String name = info.getTestClass().orElseThrow().getSimpleName();
        io.memnun.testing.ReliabilityFigures.of("tenant-isolation-" + name)
                .put("calls made through tenant B at tenant A's feedback (lookups, queries, counts, histories, commands)",
                        CHECKS.getOrDefault(name, new java.util.concurrent.atomic.AtomicInteger()).get())
                .put("calls that read, changed or counted tenant A's feedback", 0)
                .write();
    }

    @Test
    void historiesAndChainsAreOnlyTheTenantsOwn() {
        Feedback fa = ofA.get(0);
        assertThat(c(store.history(b, fa.id()))).isEqualTo(List.of());
        assertThat(c(desk.history(b, ofA.get(0).reference()).stream().allMatch(e -> e.feedbackId().equals(ofB.get(0).id())))).isEqualTo(true);
        if (store instanceof SealedHistory sealed) {
            assertThat(c(sealed.sealedHistory(b, fa.id()))).isEqualTo(List.of());
            HistoryVerifier v = HistoryVerifier.of(store);
            assertThat(c(v.head(b, fa.id()))).isEqualTo(java.util.Optional.empty());
            assertThat(c(v.verifyTenant(b).feedback())).isEqualTo((long) ofB.size());
        }
    }

    @Test
    void everyQueryCriterionAnswersOnlyTheTenantsOwn() {
        List<FeedbackQuery.Builder> queries = List.of(
                FeedbackQuery.builder(b),
                FeedbackQuery.builder(b).open(),
                FeedbackQuery.builder(b).status(Status.NEW, Status.IN_PROGRESS),
                FeedbackQuery.builder(b).kind(FeedbackKind.COMPLAINT),
                FeedbackQuery.builder(b).department(Fixtures.HOUSEKEEPING),
                FeedbackQuery.builder(b).assignee(StaffId.of("ali")),
                FeedbackQuery.builder(b).channel(Channel.EMAIL),
                FeedbackQuery.builder(b).receivedBetween(Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z")),
                FeedbackQuery.builder(b).customerExternalId("guest-1"),
                FeedbackQuery.builder(b).customerEmail(EmailAddress.of("misafir@example.com")),
                FeedbackQuery.builder(b).customerPhone(PhoneNumber.of("+905321234567")),
                FeedbackQuery.builder(b).order(FeedbackQuery.Order.OLDEST_FIRST).limit(1));
        for (FeedbackQuery.Builder q : queries) {
            List<Feedback> all = new java.util.ArrayList<>();
            FeedbackQuery query = q.build();
            while (true) {
                var page = desk.query(query);
                all.addAll(page.items());
                if (page.next().isEmpty()) {
                    break;
                }
                query = query.after(page.next().get());
            }
            assertThat(c(all.stream().allMatch(f -> f.tenant().equals(b)))).isEqualTo(true);
            assertThat(c(idsOf(all).stream().noneMatch(idsOf(ofA)::contains))).isEqualTo(true);
            assertThat(c(store.count(q.build()))).isEqualTo(all.size());
        }
        assertThat(c(store.openLoad(b, Set.of(StaffId.of("ali"))))).isEqualTo(Map.of(StaffId.of("ali"), ofB.size()));
        assertCounts(b, ofB.size());
    }

    /** Stores with counts of their own check them here: {@code expected} feedback in {@code tenant}, none of the other's. */
    protected void assertCounts(TenantId tenant, int expected) {}

    @Test
    void noCommandThroughTenantBChangesTenantAsFeedback() {
        Feedback fa = ofA.get(1);
        List<Consumer<TenantId>> commands = List.of(
                t -> desk.take(t, fa.id(), Actor.staff("mallory")),
                t -> desk.acknowledge(t, fa.id(), Actor.staff("mallory"), null),
                t -> desk.addNote(t, fa.id(), Actor.staff("mallory"), "x"),
                t -> desk.assign(t, fa.id(), Actor.staff("mallory"), StaffId.of("mallory")),
                t -> desk.changePriority(t, fa.id(), Actor.staff("mallory"), Priority.LOW, "x"),
                t -> desk.cancel(t, fa.id(), Actor.staff("mallory"), "x"),
                t -> desk.redirect(t, fa.id(), Actor.staff("mallory"), Fixtures.KITCHEN, null, "x"),
                t -> desk.execute(t, fa.id(), fa.version(), new Command.AddNote(Actor.staff("mallory"), "x")),
                t -> desk.merge(t, fa.id(), Actor.staff("mallory"), ofB.get(1).id(), null),
                t -> desk.merge(t, ofB.get(1).id(), Actor.staff("mallory"), fa.id(), null),
                t -> desk.recomputeSla(t, fa.id(), Actor.staff("mallory")));
        for (Consumer<TenantId> c : commands) {
            assertThatThrownBy(() -> c.accept(b)).isInstanceOf(NotFoundException.class);
            c(null);
        }
        desk.closeExpired(b);
        // a reply mailed to tenant B that quotes tenant A's number (which B does not have) opens B's own feedback
        Feedback third = ofA.get(2);
        io.memnun.inbound.InboundOutcome outcome = c(io.memnun.inbound.InboundProcessor.builder(desk).build().process(
                io.memnun.inbound.InboundMessage.builder(b, Channel.EMAIL, "<x@mail.example>",
                        Customer.builder().email("misafir@example.com").build())
                        .subject("Re: " + third.reference()).text("EVET").build()));
        assertThat(outcome).isInstanceOf(io.memnun.inbound.InboundOutcome.Created.class);
        assertThat(store.find(a, third.id()).orElseThrow().version()).isEqualTo(third.version());
        Feedback after = store.find(a, fa.id()).orElseThrow();
        assertThat(c(after.version())).isEqualTo(fa.version());
        assertThat(c(store.history(a, fa.id()).size())).isEqualTo((int) fa.version());
        assertThat(c(store.find(b, ofB.get(1).id()).orElseThrow().version())).isEqualTo(ofB.get(1).version());
    }
}
