package io.memnun;

import static io.memnun.NotificationFixture.HOTEL;
import static io.memnun.NotificationFixture.complaint;
import static io.memnun.NotificationFixture.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.memnun.feedback.Actor;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.Status;
import io.memnun.notify.Notification;
import io.memnun.notify.OutboxMessage;
import io.memnun.notify.Party;
import io.memnun.sla.SlaPolicy;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryTrackingTokenStore;
import io.memnun.testing.MutableClock;
import io.memnun.tracking.IssuedToken;
import io.memnun.tracking.RateLimitedException;
import io.memnun.tracking.TokenBucketRateLimiter;
import io.memnun.tracking.TrackingDeniedException;
import io.memnun.tracking.TrackingSettings;
import io.memnun.tracking.TrackingView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Customer self-service tracking: the token in the acknowledgement, the customer's view, and one answer to every miss. */
class CustomerTrackingTest {
    private static final String CLIENT = "203.0.113.7";
    private final MutableClock clock = NotificationFixture.clock();
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final InMemoryTrackingTokenStore tokens = new InMemoryTrackingTokenStore();

    private FeedbackDesk desk(TrackingSettings settings) {
        return FeedbackDesk.builder().store(store).clock(clock).sla(SlaPolicy.defaults())
                .notifications(NotificationFixture.notifications().build())
                .tracking(tokens, settings).build();
    }

    private FeedbackDesk desk() {
        return desk(TrackingSettings.builder().linkBase("https://otel.example/takip?no={reference}&kod={token}")
                .expireAfterClosing(Duration.ofDays(30)).build());
    }

    @Test
    void aReceiptThatIsNotSavedLeavesNoTokenBehind() {
        java.util.concurrent.atomic.AtomicReference<io.memnun.feedback.FeedbackId> refused = new java.util.concurrent.atomic.AtomicReference<>();
        FeedbackDesk failing = FeedbackDesk.builder().store(new io.memnun.testing.ForwardingFeedbackStore(store) {
            @Override
            public void save(io.memnun.spi.FeedbackChange change) {
                refused.set(change.feedback().id());
                throw new io.memnun.error.StoreException("the database is down");
            }
        }).referenceSequence(store).clock(clock).tracking(tokens, TrackingSettings.builder().build()).build();

        assertThatThrownBy(() -> failing.receiveTracked(complaint(customer()).build())).isInstanceOf(io.memnun.error.StoreException.class);

        assertThat(refused.get()).isNotNull();
        assertThat(tokens.find(HOTEL, refused.get())).isEmpty();
    }

    @Test
    void theAcknowledgementCarriesTheTokenAndTheLinkAndOnlyAHashIsStored() {
        FeedbackDesk desk = desk();
        FeedbackDesk.Receipt receipt = desk.receiveTracked(complaint(customer()).build());
        IssuedToken token = receipt.token().orElseThrow();

        Notification ack = store.outbox().all().stream().map(OutboxMessage::notification)
                .filter(n -> n.party() == Party.CUSTOMER).findFirst().orElseThrow();
        assertThat(ack.text()).contains("erişim kodunuz: " + token.token())
                .contains("https://otel.example/takip?no=" + receipt.feedback().reference() + "&kod=" + token.token());
        assertThat(ack.html()).contains(token.token());
        assertThat(token.token()).hasSize(43);
        assertThat(tokens.find(HOTEL, receipt.feedback().id()).orElseThrow().hash()).doesNotContain(token.token()).hasSize(64);
        // the token never reaches the history
        assertThat(desk.history(HOTEL, receipt.feedback().id()).toString()).doesNotContain(token.token());
        assertThat(token.toString()).doesNotContain(token.token());
    }

    @Test
    void theTokenReachesOnlyTheCustomerEvenWhenAStaffTemplatePrintsTheTrackingVariables() {
        // a host's staff template that links the feedback, as templates may: RECEIVED offers trackingUrl and trackingToken
        io.memnun.notify.TemplateCatalog templates = io.memnun.notify.TemplateCatalog.builder().defaults()
                .template("staff/RECEIVED", Locale.forLanguageTag("tr"), io.memnun.notify.TemplatePart.SMS,
                        "Yeni: {{reference}} {{trackingUrl}} {{trackingToken}}")
                .build();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock)
                .notifications(NotificationFixture.notifications().templates(templates)
                        .trackingUrl("https://otel.example/geri-bildirim/{reference}").build())
                .tracking(tokens, TrackingSettings.builder().linkBase("https://otel.example/takip?no={reference}&kod={token}").build())
                .build();
        FeedbackDesk.Receipt receipt = desk.receiveTracked(complaint(customer()).build());
        String token = receipt.token().orElseThrow().token();

        List<Notification> out = store.outbox().all().stream().map(OutboxMessage::notification).toList();
        assertThat(out).filteredOn(n -> n.party() == Party.CUSTOMER).singleElement().satisfies(n -> assertThat(n.text()).contains(token));
        Notification staff = out.stream().filter(n -> n.party() == Party.DEPARTMENT).findFirst().orElseThrow();
        assertThat(staff.text()).doesNotContain(token)
                .isEqualTo("Yeni: " + receipt.feedback().reference() + " https://otel.example/geri-bildirim/" + receipt.feedback().reference());
    }

    @Test
    void theCustomerSeesStatusDatesAndEstimateInTheirLanguageAndNothingInternal() {
        FeedbackDesk desk = desk();
        FeedbackDesk.Receipt r = desk.receiveTracked(complaint(customer()).build());
        Feedback f = r.feedback();
        desk.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
        desk.addNote(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "İÇ NOT: misafir zor biri");

        TrackingView v = desk.tracking().view(HOTEL, CLIENT, f.reference().toString(), r.token().orElseThrow().token());

        assertThat(v.reference()).isEqualTo(f.reference().toString());
        assertThat(v.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(v.statusText()).isEqualTo("İnceleniyor");
        assertThat(v.language()).isEqualTo(Locale.forLanguageTag("tr"));
        assertThat(v.receivedAt()).isEqualTo(f.receivedAt());
        assertThat(v.estimatedResolutionAt()).isEqualTo(f.slaClock(io.memnun.feedback.SlaKind.RESOLUTION).orElseThrow().dueAt());
        assertThat(v.handledBy()).isNull();
        assertThat(v.canAccept()).isFalse();
        assertThat(v.toString()).doesNotContain("İÇ NOT").doesNotContain("ayse").doesNotContain("kat-hizmetleri");
        assertThat(v.timeline()).extracting(TrackingView.Step::what).containsExactly("RECEIVED");
    }

    @Test
    void theCustomerAcceptsTheResolutionThroughTracking() {
        FeedbackDesk desk = desk(TrackingSettings.builder().showStaff(true).build());
        FeedbackDesk.Receipt r = desk.receiveTracked(complaint(customer().toBuilder().language("en").build()).build());
        Feedback f = r.feedback();
        String token = r.token().orElseThrow().token();
        desk.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
        desk.resolve(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Klima onarıldı");

        TrackingView resolved = desk.tracking().view(HOTEL, CLIENT, f.reference().toString(), token);
        assertThat(resolved.canAccept()).isTrue();
        assertThat(resolved.canReject()).isTrue();
        assertThat(resolved.resolution()).isEqualTo("Klima onarıldı");
        assertThat(resolved.statusText()).isEqualTo("Resolution proposed, awaiting your answer");
        assertThat(resolved.handledBy()).isEqualTo("ayse.yilmaz");

        TrackingView accepted = desk.tracking().accept(HOTEL, CLIENT, f.reference().toString(), token, "Teşekkürler");

        assertThat(accepted.status()).isEqualTo(Status.CLOSED);
        assertThat(desk.get(HOTEL, f.id()).closureReason()).contains(ClosureReason.ACCEPTED);
        assertThat(accepted.timeline()).extracting(TrackingView.Step::what).contains("RESOLVED", "ACCEPTED");
    }

    @Test
    void theCustomerRejectsTheResolutionThroughTracking() {
        FeedbackDesk desk = desk();
        FeedbackDesk.Receipt r = desk.receiveTracked(complaint(customer()).build());
        Feedback f = r.feedback();
        desk.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
        desk.resolve(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Klima onarıldı");

        TrackingView v = desk.tracking().reject(HOTEL, CLIENT, f.reference().toString(), r.token().orElseThrow().token(), "Hâlâ soğuk");

        assertThat(v.status()).isNotEqualTo(Status.RESOLVED);
        assertThat(desk.get(HOTEL, f.id()).rejectionCount()).isEqualTo(1);
    }

    @Test
    void wrongTokenWrongReferenceMalformedReferenceAndExpiredTokenGiveTheSameAnswer() {
        FeedbackDesk desk = desk();
        FeedbackDesk.Receipt r = desk.receiveTracked(complaint(customer()).build());
        FeedbackDesk.Receipt other = desk.receiveTracked(complaint(customer()).build());
        String reference = r.feedback().reference().toString();
        String token = r.token().orElseThrow().token();
        ReferenceNumber ref = r.feedback().reference();
        String unknownReference = ReferenceNumber.of(ref.prefix(), ref.year(), ref.sequence() + 1000).toString();
        String badCheckDigit = reference.substring(0, reference.length() - 1) + ((reference.charAt(reference.length() - 1) - '0' + 1) % 10);

        List<Throwable> misses = new ArrayList<>();
        misses.add(catchThrowable(() -> desk.tracking().view(HOTEL, CLIENT, reference, token.substring(1) + "A")));
        misses.add(catchThrowable(() -> desk.tracking().view(HOTEL, CLIENT, reference, other.token().orElseThrow().token())));
        misses.add(catchThrowable(() -> desk.tracking().view(HOTEL, CLIENT, unknownReference, token)));
        misses.add(catchThrowable(() -> desk.tracking().view(HOTEL, CLIENT, badCheckDigit, token)));
        misses.add(catchThrowable(() -> desk.tracking().view(HOTEL, CLIENT, "not a reference", token)));
        misses.add(catchThrowable(() -> desk.tracking().view(HOTEL, CLIENT, reference, "")));
        misses.add(catchThrowable(() -> desk.tracking().view(io.memnun.feedback.TenantId.of("other-hotel"), CLIENT, reference, token)));
        // expired: closed, and the expiry period after closing has passed
        desk.cancel(HOTEL, r.feedback().id(), Actor.staff("ayse.yilmaz"), "Misafir vazgeçti");
        assertThat(desk.tracking().view(HOTEL, CLIENT, reference, token).status()).isEqualTo(Status.CANCELLED);
        clock.advance(Duration.ofDays(30));
        misses.add(catchThrowable(() -> desk.tracking().view(HOTEL, CLIENT, reference, token)));

        assertThat(misses).hasSize(8).allSatisfy(t -> assertThat(t)
                .isExactlyInstanceOf(TrackingDeniedException.class)
                .hasMessage(TrackingDeniedException.MESSAGE));
        // and the accept/reject actions are refused the same way
        assertThatThrownBy(() -> desk.tracking().accept(HOTEL, CLIENT, reference, token, null))
                .isExactlyInstanceOf(TrackingDeniedException.class).hasMessage(TrackingDeniedException.MESSAGE);
    }

    @Test
    void aReissuedTokenReplacesTheOldOneAndARevokedOneOpensNothing() {
        FeedbackDesk desk = desk();
        FeedbackDesk.Receipt r = desk.receiveTracked(complaint(customer()).build());
        String reference = r.feedback().reference().toString();

        IssuedToken fresh = desk.tracking().reissue(HOTEL, r.feedback().reference());

        assertThat(fresh.token()).isNotEqualTo(r.token().orElseThrow().token());
        assertThat(fresh.trackingLink()).hasValueSatisfying(l -> assertThat(l).contains(fresh.token()));
        assertThatThrownBy(() -> desk.tracking().view(HOTEL, CLIENT, reference, r.token().orElseThrow().token()))
                .isExactlyInstanceOf(TrackingDeniedException.class);
        assertThat(desk.tracking().view(HOTEL, CLIENT, reference, fresh.token()).reference()).isEqualTo(reference);

        assertThat(desk.tracking().revoke(HOTEL, r.feedback().id())).isTrue();
        assertThatThrownBy(() -> desk.tracking().view(HOTEL, CLIENT, reference, fresh.token()))
                .isExactlyInstanceOf(TrackingDeniedException.class);
    }

    @Test
    void theRateLimiterIsAskedBeforeEachLookupPerClient() {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(3, Duration.ofMinutes(1), clock);
        FeedbackDesk desk = desk(TrackingSettings.builder().rateLimiter(limiter).build());
        FeedbackDesk.Receipt r = desk.receiveTracked(complaint(customer()).build());
        String reference = r.feedback().reference().toString();
        String token = r.token().orElseThrow().token();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> desk.tracking().view(HOTEL, CLIENT, reference, "guess")).isInstanceOf(TrackingDeniedException.class);
        }
        // the bucket is empty: even the right token is not looked up
        assertThatThrownBy(() -> desk.tracking().view(HOTEL, CLIENT, reference, token)).isInstanceOf(RateLimitedException.class);
        // another client has its own bucket
        assertThat(desk.tracking().view(HOTEL, "198.51.100.2", reference, token).reference()).isEqualTo(reference);
        clock.advance(Duration.ofMinutes(1));
        assertThat(desk.tracking().view(HOTEL, CLIENT, reference, token).reference()).isEqualTo(reference);
        assertThatThrownBy(() -> desk.tracking().view(HOTEL, CLIENT, reference, token)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void aDeskWithoutTrackingSaysSoAndItsAcknowledgementHasNoToken() {
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).notifications(NotificationFixture.notifications().build()).build();
        FeedbackDesk.Receipt r = desk.receiveTracked(complaint(customer()).build());

        assertThat(r.token()).isEmpty();
        assertThat(store.outbox().all().get(0).notification().text()).doesNotContain("erişim kodu");
        assertThatThrownBy(desk::tracking).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAnonymisedFeedbackOpensForNoTokenAndGetsNoNewOne() {
        FeedbackDesk desk = desk();
        io.memnun.feedback.Feedback f = desk.receiveTracked(complaint(customer()).build()).feedback();
        desk.take(HOTEL, f.id(), io.memnun.feedback.Actor.staff("ayse"));
        desk.resolve(HOTEL, f.id(), io.memnun.feedback.Actor.staff("ayse"), "Oda değiştirildi");
        // a token saved for it after the anonymisation, as a clean-up that failed half-way or an old node would leave
        String token = "t".repeat(43);
        PrivacyDesk.builder(desk, new io.memnun.store.memory.InMemoryPrivacyStore())
                .accessLogKey(io.memnun.tck.Fixtures.accessLogKey()).build()
                .anonymise(HOTEL, f.id(), io.memnun.feedback.Actor.staff("kvkk"), "erasure-request");
        tokens.save(new io.memnun.tracking.TrackingToken(HOTEL, f.id(), io.memnun.internal.SecretTokens.hashHex(token), clock.instant()));
        String reference = f.reference().toString();

        assertThatThrownBy(() -> desk.tracking().view(HOTEL, CLIENT, reference, token)).isExactlyInstanceOf(TrackingDeniedException.class);
        assertThatThrownBy(() -> desk.tracking().accept(HOTEL, CLIENT, reference, token, null))
                .isExactlyInstanceOf(TrackingDeniedException.class);
        assertThatThrownBy(() -> desk.tracking().reissue(HOTEL, f.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("anonymised");
        assertThat(desk.get(HOTEL, f.id()).status()).isEqualTo(io.memnun.feedback.Status.RESOLVED);
    }
}
