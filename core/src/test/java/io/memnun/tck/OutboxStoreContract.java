package io.memnun.tck;

import static io.memnun.tck.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.DuplicateKeyException;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.OutboxMessage;
import io.memnun.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link OutboxStore} must follow. An implementation's test extends this class:
 *
 * <pre>{@code
 * class JdbcOutboxStoreTest extends OutboxStoreContract {
 *     protected OutboxStore createOutbox() { return new JdbcOutboxStore(dataSource); }
 * }
 * }</pre>
 *
 * <p>Claims are cross-tenant (a dispatcher serves every tenant), so the outbox returned must be empty or hold only
 * messages that are not due before {@link Fixtures#T0} plus ten years: each test claims at instants near
 * {@code T0}. Instants have microsecond precision.
 */
public abstract class OutboxStoreContract {
    private static final Duration LEASE = Duration.ofMinutes(5);

    protected OutboxStore outbox;
    protected TenantId tenant;

    /** An outbox to test, empty of messages due around {@link Fixtures#T0}. */
    protected abstract OutboxStore createOutbox();

    @BeforeEach
    void setUpOutbox() {
        outbox = createOutbox();
        tenant = Fixtures.newTenant("outbox");
    }

    private Notification email(int version, Instant at) {
        return OutboxFixtures.email(tenant, feedback, version, "misafir" + version + "@örnek.com.tr", at);
    }

    private final FeedbackId feedback = Fixtures.randomId();

    @Test
    void anEnqueuedMessageRoundTripsWithEveryField() {
        Notification mail = email(1, T0);
        Notification sms = OutboxFixtures.sms(tenant, feedback, 2, "+905321234567", T0);
        outbox.enqueue(List.of(mail, sms));

        OutboxMessage m = outbox.find(mail.id()).orElseThrow();
        assertThat(m.notification()).isEqualTo(mail);
        assertThat(m.state()).isEqualTo(OutboxMessage.State.PENDING);
        assertThat(m.attempts()).isZero();
        assertThat(m.nextAttemptAt()).isEqualTo(T0);
        assertThat(m.claimedBy()).isNull();
        assertThat(outbox.find(sms.id()).orElseThrow().notification()).isEqualTo(sms);
        assertThat(outbox.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aMessageOfAnotherOwnerThanAFeedbackRoundTripsAndIsClaimedLikeAnyOther() {
        UUID invitation = UUID.randomUUID();
        Notification campaign = OutboxFixtures.campaignInvitation(tenant, invitation, "2026-H1 memnuniyet anketi", "ayse@örnek.com.tr", T0);
        Notification mail = email(1, T0.plusSeconds(1));
        outbox.enqueue(List.of(campaign, mail));

        Notification read = outbox.find(campaign.id()).orElseThrow().notification();
        assertThat(read).isEqualTo(campaign);
        assertThat(read.owner()).isEqualTo(new MessageOwner(MessageOwner.SURVEY_INVITATION, invitation, "2026-H1 memnuniyet anketi"));
        assertThat(read.feedbackId()).isEmpty();
        assertThat(read.event()).isNull();
        assertThat(outbox.find(mail.id()).orElseThrow().notification().feedbackId()).contains(feedback);

        List<OutboxMessage> claimed = outbox.claim("a", T0.plusSeconds(5), LEASE, 10);
        assertThat(claimed).extracting(OutboxMessage::id).containsExactly(campaign.id(), mail.id());
        assertThat(outbox.markSent(campaign.id(), "a", T0.plusSeconds(6), "smtp-1")).isTrue();
        assertThat(outbox.find(campaign.id()).orElseThrow().state()).isEqualTo(OutboxMessage.State.SENT);
    }

    @Test
    void enqueueingAnExistingIdIsRefusedAndWritesNothingOfTheBatch() {
        Notification first = email(1, T0);
        outbox.enqueue(List.of(first));
        Notification other = email(2, T0);

        assertThatThrownBy(() -> outbox.enqueue(List.of(other, first))).isInstanceOf(DuplicateKeyException.class);

        assertThat(outbox.find(other.id())).isEmpty();
        assertThat(outbox.find(first.id()).orElseThrow().attempts()).isZero();
    }

    @Test
    void aClaimLeasesDueMessagesEarliestFirstAndCountsTheAttempt() {
        Notification late = email(1, T0.plusSeconds(20));
        Notification early = email(2, T0.plusSeconds(10));
        Notification future = email(3, T0.plusSeconds(3600));
        outbox.enqueue(List.of(late, early, future));

        List<OutboxMessage> claimed = outbox.claim("node-a", T0.plusSeconds(60), LEASE, 10);

        assertThat(claimed).extracting(OutboxMessage::id).containsExactly(early.id(), late.id());
        assertThat(claimed).allSatisfy(m -> {
            assertThat(m.attempts()).isEqualTo(1);
            assertThat(m.claimedBy()).isEqualTo("node-a");
            assertThat(m.claimedUntil()).isEqualTo(T0.plusSeconds(60).plus(LEASE));
        });
        assertThat(outbox.find(early.id()).orElseThrow().claimedBy()).isEqualTo("node-a");
    }

    @Test
    void messagesDueAtTheSameInstantAreClaimedInTheOrderTheyWereWritten() {
        List<Notification> written = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            Notification n = email(i, T0);
            outbox.enqueue(List.of(n));
            written.add(n);
        }
        assertThat(outbox.claim("a", T0, LEASE, 20)).extracting(OutboxMessage::id)
                .containsExactlyElementsOf(written.stream().map(Notification::id).toList());
    }

    @Test
    void aClaimTakesAtMostTheLimit() {
        List<Notification> many = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            many.add(email(i, T0.plusSeconds(i)));
        }
        outbox.enqueue(many);
        assertThat(outbox.claim("a", T0.plusSeconds(10), LEASE, 2)).extracting(OutboxMessage::id)
                .containsExactly(many.get(0).id(), many.get(1).id());
        assertThat(outbox.claim("b", T0.plusSeconds(10), LEASE, 10)).extracting(OutboxMessage::id)
                .containsExactly(many.get(2).id(), many.get(3).id(), many.get(4).id());
    }

    @Test
    void aLeasedMessageIsNotClaimedAgainUntilTheLeaseEnds() {
        Notification n = email(1, T0);
        outbox.enqueue(List.of(n));
        assertThat(outbox.claim("node-a", T0, LEASE, 10)).hasSize(1);

        assertThat(outbox.claim("node-b", T0.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();

        List<OutboxMessage> again = outbox.claim("node-b", T0.plus(LEASE), LEASE, 10);
        assertThat(again).singleElement().satisfies(m -> {
            assertThat(m.claimedBy()).isEqualTo("node-b");
            assertThat(m.attempts()).isEqualTo(2);
        });
        // the first owner lost it: what it says now changes nothing
        assertThat(outbox.markSent(n.id(), "node-a", T0.plus(LEASE), "late")).isFalse();
        assertThat(outbox.find(n.id()).orElseThrow().state()).isEqualTo(OutboxMessage.State.PENDING);
        assertThat(outbox.markSent(n.id(), "node-b", T0.plus(LEASE), "<id@mail>")).isTrue();
    }

    @Test
    void aSentMessageIsNeverClaimedAgain() {
        Notification n = email(1, T0);
        outbox.enqueue(List.of(n));
        outbox.claim("a", T0, LEASE, 10);

        assertThat(outbox.markSent(n.id(), "a", T0.plusSeconds(1), "provider-42")).isTrue();

        OutboxMessage m = outbox.find(n.id()).orElseThrow();
        assertThat(m.state()).isEqualTo(OutboxMessage.State.SENT);
        assertThat(m.providerId()).isEqualTo("provider-42");
        assertThat(m.finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(m.claimedBy()).isNull();
        assertThat(outbox.claim("b", T0.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
        assertThat(outbox.markSent(n.id(), "a", T0.plusSeconds(2), "again")).isFalse();
    }

    @Test
    void aFailedMessageIsDueAgainAtItsNextAttempt() {
        Notification n = email(1, T0);
        outbox.enqueue(List.of(n));
        outbox.claim("a", T0, LEASE, 10);

        assertThat(outbox.markFailed(n.id(), "a", T0.plusSeconds(30), "451 try later")).isTrue();

        OutboxMessage m = outbox.find(n.id()).orElseThrow();
        assertThat(m.state()).isEqualTo(OutboxMessage.State.PENDING);
        assertThat(m.lastError()).isEqualTo("451 try later");
        assertThat(m.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(m.claimedBy()).isNull();
        assertThat(outbox.claim("a", T0.plusSeconds(29), LEASE, 10)).isEmpty();
        assertThat(outbox.claim("a", T0.plusSeconds(30), LEASE, 10)).singleElement()
                .satisfies(c -> assertThat(c.attempts()).isEqualTo(2));
    }

    @Test
    void aRescheduledMessageDoesNotCountTheClaimAsAnAttempt() {
        Notification n = email(1, T0);
        outbox.enqueue(List.of(n));
        outbox.claim("a", T0, LEASE, 10);

        assertThat(outbox.reschedule(n.id(), "a", T0.plus(Duration.ofHours(9)), "quiet hours")).isTrue();

        OutboxMessage m = outbox.find(n.id()).orElseThrow();
        assertThat(m.attempts()).isZero();
        assertThat(m.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofHours(9)));
        assertThat(outbox.claim("a", T0.plus(Duration.ofHours(9)), LEASE, 10)).singleElement()
                .satisfies(c -> assertThat(c.attempts()).isEqualTo(1));
    }

    @Test
    void aDeadLetterIsListedNeverClaimedAndCanBeRequeued() {
        Notification n = email(1, T0);
        Notification other = email(2, T0);
        outbox.enqueue(List.of(n, other));
        outbox.claim("a", T0, LEASE, 10);

        assertThat(outbox.deadLetter(n.id(), "a", T0.plusSeconds(5), "550 no such user")).isTrue();

        assertThat(outbox.find(n.id()).orElseThrow()).satisfies(m -> {
            assertThat(m.state()).isEqualTo(OutboxMessage.State.DEAD);
            assertThat(m.lastError()).isEqualTo("550 no such user");
            assertThat(m.finishedAt()).isEqualTo(T0.plusSeconds(5));
        });
        assertThat(outbox.deadLetters(100)).extracting(OutboxMessage::id).contains(n.id()).doesNotContain(other.id());
        assertThat(outbox.claim("b", T0.plus(Duration.ofDays(1)), LEASE, 10)).extracting(OutboxMessage::id).doesNotContain(n.id());

        assertThat(outbox.requeue(other.id(), T0)).as("only a dead letter is requeued").isFalse();
        assertThat(outbox.requeue(n.id(), T0.plus(Duration.ofDays(2)))).isTrue();
        assertThat(outbox.claim("b", T0.plus(Duration.ofDays(2)), LEASE, 10)).extracting(OutboxMessage::id).contains(n.id());
        assertThat(outbox.find(n.id()).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void onlyTheOwnerFinishesAMessage() {
        Notification n = email(1, T0);
        outbox.enqueue(List.of(n));
        assertThat(outbox.markFailed(n.id(), "a", T0, "not claimed yet")).isFalse();
        outbox.claim("a", T0, LEASE, 10);
        assertThat(outbox.markFailed(n.id(), "b", T0, "x")).isFalse();
        assertThat(outbox.deadLetter(n.id(), "b", T0, "x")).isFalse();
        assertThat(outbox.reschedule(n.id(), "b", T0, "x")).isFalse();
        assertThat(outbox.markSent(UUID.randomUUID(), "a", T0, "x")).isFalse();
        assertThat(outbox.find(n.id()).orElseThrow().claimedBy()).isEqualTo("a");
    }

    @Test
    void purgingDeletesOnlySentMessagesFinishedBeforeTheInstant() {
        Notification old = email(1, T0);
        Notification recent = email(2, T0);
        Notification pending = email(3, T0.plus(Duration.ofDays(30)));
        outbox.enqueue(List.of(old, recent, pending));
        outbox.claim("a", T0, LEASE, 10);
        outbox.markSent(old.id(), "a", T0.plusSeconds(1), "p1");
        outbox.markSent(recent.id(), "a", T0.plus(Duration.ofDays(10)), "p2");

        assertThat(outbox.purgeSent(T0.plus(Duration.ofDays(1)))).isEqualTo(1);

        assertThat(outbox.find(old.id())).isEmpty();
        assertThat(outbox.find(recent.id())).isPresent();
        assertThat(outbox.find(pending.id())).isPresent();
    }

    @Test
    void concurrentClaimsNeverHandOutOneMessageTwice() throws Exception {
        Random random = new Random(20261123);
        List<Notification> batch = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            batch.add(email(i, T0.plusMillis(random.nextInt(1000))));
        }
        outbox.enqueue(batch);
        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        List<UUID> all = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String owner = "node-" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    while (true) {
                        List<OutboxMessage> got = outbox.claim(owner, T0.plusSeconds(5), LEASE, 4);
                        if (got.isEmpty()) {
                            return null;
                        }
                        for (OutboxMessage m : got) {
                            all.add(m.id());
                            seen.add(m.id());
                            assertThat(outbox.markSent(m.id(), owner, T0.plusSeconds(6), "p")).isTrue();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Set<UUID> expected = new HashSet<>();
        batch.forEach(n -> expected.add(n.id()));
        assertThat(all).hasSize(batch.size());
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void deletingAnOwnersMessagesRemovesThemInEveryStateAndNoOthers() {
        UUID invitation = UUID.randomUUID();
        Notification sent = OutboxFixtures.campaignInvitation(tenant, invitation, "2026-H1", "misafir@örnek.com.tr", T0);
        outbox.enqueue(List.of(sent));
        OutboxMessage claimed = outbox.claim("node-1", T0, Duration.ofMinutes(1), 10).stream()
                .filter(m -> m.id().equals(sent.id())).findFirst().orElseThrow();
        assertThat(outbox.markSent(claimed.id(), "node-1", T0, "smtp-1")).isTrue();
        Notification otherInvitation = OutboxFixtures.campaignInvitation(tenant, UUID.randomUUID(), "2026-H1", "baska@örnek.com.tr", T0);
        // message ids come from the idempotency key, so these two differ in the address
        Notification otherTenant = OutboxFixtures.campaignInvitation(Fixtures.newTenant("other"), invitation, "2026-H1",
                "misafir2@örnek.com.tr", T0);
        // a feedback whose id happens to be the invitation's is another owner
        Notification feedbackOfSameId = OutboxFixtures.email(tenant, FeedbackId.of(invitation), 1, "misafir3@örnek.com.tr", T0);
        outbox.enqueue(List.of(otherInvitation, otherTenant, feedbackOfSameId));

        assertThat(outbox.deleteForOwner(tenant, MessageOwner.SURVEY_INVITATION, invitation)).isEqualTo(1);

        assertThat(outbox.find(sent.id())).isEmpty();
        assertThat(outbox.find(otherInvitation.id())).isPresent();
        assertThat(outbox.find(otherTenant.id())).isPresent();
        assertThat(outbox.find(feedbackOfSameId.id())).isPresent();
        assertThat(outbox.deleteForOwner(tenant, MessageOwner.SURVEY_INVITATION, invitation)).isZero();
    }

    @Test
    void deletingAFeedbacksMessagesRemovesThemInEveryStateAndNoOthers() {
        Notification pending = email(1, T0);
        Notification sent = email(2, T0);
        Notification otherFeedback = OutboxFixtures.email(tenant, Fixtures.randomId(), 1, "baska@örnek.com.tr", T0);
        Notification otherTenant = OutboxFixtures.email(Fixtures.newTenant("other"), feedback, 3, "misafir@örnek.com.tr", T0);
        outbox.enqueue(List.of(sent));
        OutboxMessage claimed = outbox.claim("node-1", T0, Duration.ofMinutes(1), 10).stream()
                .filter(m -> m.id().equals(sent.id())).findFirst().orElseThrow();
        assertThat(outbox.markSent(claimed.id(), "node-1", T0, "smtp-1")).isTrue();
        outbox.enqueue(List.of(pending, otherFeedback, otherTenant));

        assertThat(outbox.deleteFor(tenant, feedback)).isEqualTo(2);

        assertThat(outbox.find(pending.id())).isEmpty();
        assertThat(outbox.find(sent.id())).isEmpty();
        assertThat(outbox.find(otherFeedback.id())).isPresent();
        assertThat(outbox.find(otherTenant.id())).isPresent();
        // a deleted pending message is never claimed
        assertThat(outbox.claim("node-2", T0.plusSeconds(600), Duration.ofMinutes(1), 100)).extracting(OutboxMessage::id)
                .doesNotContain(pending.id()).contains(otherFeedback.id());
        assertThat(outbox.deleteFor(tenant, feedback)).isZero();
    }
}
