package io.memnun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Channel;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.Intake;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.tck.Fixtures;
import io.memnun.testing.MutableClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class HistoryVerifierTest {
    private final MutableClock clock = MutableClock.at("2026-05-04T10:00:00.000001Z");
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).build();
    private final HistoryVerifier verifier = HistoryVerifier.of(store);
    private final TenantId tenant = Fixtures.newTenant("chain");

    private Feedback lifecycle() {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, Fixtures.TURKISH_TEXT)
                .context("room", "412").build());
        desk.take(tenant, f.reference(), Fixtures.AYSE);
        desk.resolve(tenant, f.reference(), Fixtures.AYSE, "Oda değişti 😊");
        desk.reject(tenant, f.reference(), "Hâlâ sıcak");
        desk.addNote(tenant, f.reference(), Fixtures.AYSE, "Teknik servis çağrıldı");
        return desk.get(tenant, f.id());
    }

    @Test
    void aHistoryWrittenThroughTheDeskVerifiesAndItsHeadIsTheLastHash() {
        Feedback f = lifecycle();
        HistoryVerifier.Result r = verifier.verify(tenant, f.id());
        assertThat(r.intact()).as("%s", r.broken()).isTrue();
        assertThat(r.events()).isEqualTo((int) f.version());
        List<SealedEvent> sealed = store.sealedHistory(tenant, f.id());
        assertThat(verifier.head(tenant, f.id())).contains(sealed.get(sealed.size() - 1).hash());
        // the head moves with every event
        String before = verifier.head(tenant, f.id()).orElseThrow();
        desk.addNote(tenant, f.reference(), Fixtures.AYSE, "one more");
        assertThat(verifier.head(tenant, f.id()).orElseThrow()).isNotEqualTo(before).hasSize(64);
        assertThat(verifier.head(Fixtures.newTenant("other"), f.id())).isEmpty();
    }

    @Test
    void theChainIsRecomputableFromTheDocumentedDefinition() {
        Feedback f = lifecycle();
        byte[] previous = HistoryChain.genesis();
        for (SealedEvent s : store.sealedHistory(tenant, f.id())) {
            previous = HistoryChain.link(previous, HistoryChain.contentDigest(s.event(), s.digests()));
            assertThat(HistoryChain.hex(previous)).isEqualTo(s.hash());
        }
    }

    @Test
    void aChangedNoteIsTheFirstBrokenLink() {
        Feedback f = lifecycle();
        List<SealedEvent> h = tampered(f, 3, e -> withNote(e, "Oda değişmedi"));
        HistoryVerifier.Result r = HistoryVerifier.check(f.id(), h);
        assertThat(r.broken()).isNotNull();
        assertThat(r.broken().version()).isEqualTo(3);
        assertThat(r.broken().reason()).contains("note does not match");
    }

    @Test
    void aChangedStructuredFieldBreaksTheHashAtThatEvent() {
        Feedback f = lifecycle();
        List<SealedEvent> h = tampered(f, 2, e -> new FeedbackEvent(e.feedbackId(), e.version(), e.type(), Actor.staff("mallory"),
                e.at(), e.note(), e.from(), e.to(), e.details()));
        assertThat(HistoryVerifier.check(f.id(), h).broken().version()).isEqualTo(2);
        List<SealedEvent> later = tampered(f, 4, e -> new FeedbackEvent(e.feedbackId(), e.version(), e.type(), e.actor(),
                e.at().plusSeconds(1), e.note(), e.from(), e.to(), e.details()));
        assertThat(HistoryVerifier.check(f.id(), later).broken().version()).isEqualTo(4);
    }

    @Test
    void aChangedOrAddedDetailIsDetected() {
        Feedback f = lifecycle();
        SealedEvent withDetails = firstWithDetails(f);
        String key = withDetails.event().details().keySet().iterator().next();
        List<SealedEvent> changed = tampered(f, withDetails.event().version(), e -> withDetail(e, key, "999"));
        assertThat(HistoryVerifier.check(f.id(), changed).broken().reason()).contains("detail " + key + " does not match");
        List<SealedEvent> added = tampered(f, 2, e -> withDetail(e, "extra", "x"));
        assertThat(HistoryVerifier.check(f.id(), added).broken().reason()).contains("detail extra was added");
    }

    @Test
    void aMissingOrRepeatedVersionIsDetected() {
        Feedback f = lifecycle();
        List<SealedEvent> h = new ArrayList<>(store.sealedHistory(tenant, f.id()));
        h.remove(2);
        assertThat(HistoryVerifier.check(f.id(), h).broken().version()).isEqualTo(4);
        List<SealedEvent> repeated = new ArrayList<>(store.sealedHistory(tenant, f.id()));
        repeated.add(3, repeated.get(2));
        assertThat(HistoryVerifier.check(f.id(), repeated).broken().reason()).contains("expected version 4");
    }

    @Test
    void textBlankedBehindTheStoresBackIsABrokenLinkEvenBeforeAnAnonymisedEvent() {
        Feedback f = lifecycle();
        List<SealedEvent> removed = tampered(f, 3, e -> withNote(e, null));
        assertThat(HistoryVerifier.check(f.id(), removed).broken().reason()).contains("note was removed");
        List<SealedEvent> emptied = tampered(f, 3, e -> withNote(e, ""));
        assertThat(HistoryVerifier.check(f.id(), emptied).broken().version()).isEqualTo(3);

        // blanked as anonymisation blanks, and an anonymisation's event after it: the digests are still of the text
        // before, which an anonymisation never leaves (it seals the events it rewrites anew)
        List<SealedEvent> anonymised = new ArrayList<>(tampered(f, 3, e -> withNote(e, Anonymisation.PLACEHOLDER)));
        SealedEvent last = anonymised.get(anonymised.size() - 1);
        FeedbackEvent mark = new FeedbackEvent(f.id(), last.event().version() + 1, EventType.ANONYMISED, Actor.SYSTEM,
                last.event().at().plusSeconds(60), null, last.event().to(), last.event().to(), Map.of());
        anonymised.add(HistoryChain.seal(mark, HistoryChain.bytes(last.hash())));
        HistoryVerifier.Result r = HistoryVerifier.check(f.id(), anonymised);
        assertThat(r.broken().version()).isEqualTo(3);
        assertThat(r.broken().reason()).contains("note is [anonymised] but its digest is of other text");
    }

    @Test
    void aFeedbackWhoseLastEventsAreMissingIsBroken() {
        Feedback f = lifecycle();
        List<SealedEvent> h = new ArrayList<>(store.sealedHistory(tenant, f.id()));
        h.remove(h.size() - 1);
        assertThat(HistoryVerifier.check(f.id(), h).intact()).as("checked on its own, nothing says an event is missing").isTrue();
        HistoryVerifier.Result r = HistoryVerifier.check(f.id(), h, f.version());
        assertThat(r.broken().version()).isEqualTo(f.version());
        assertThat(r.broken().reason()).contains("missing");
    }

    @Test
    void aNoteAddedWhereThereWasNoneIsDetected() {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "x").build());
        desk.take(tenant, f.reference(), Fixtures.AYSE);
        List<SealedEvent> h = tampered(f, 2, e -> withNote(e, "added later"));
        assertThat(HistoryVerifier.check(f.id(), h).broken().reason()).contains("note was added");
    }

    @Test
    void aTenantIsCheckedInPagesAndOnlyItsOwnFeedbackCounts() {
        int n = HistoryVerifier.PAGE + 7;
        for (int i = 0; i < n; i++) {
            desk.receive(Intake.builder(tenant, FeedbackKind.SUGGESTION, Channel.WEB_FORM, "öneri " + i).build());
        }
        TenantId other = Fixtures.newTenant("other");
        desk.receive(Intake.builder(other, FeedbackKind.SUGGESTION, Channel.WEB_FORM, "başka").build());
        HistoryVerifier.TenantResult r = verifier.verifyTenant(tenant);
        assertThat(r.intact()).isTrue();
        assertThat(r.feedback()).isEqualTo(n);
        assertThat(r.events()).isEqualTo(n);
        assertThat(r.firstBroken()).isEmpty();
    }

    @Test
    void aStoreWithoutSealsIsRefused() {
        assertThatThrownBy(() -> HistoryVerifier.of(new io.memnun.testing.ForwardingFeedbackStore(store)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SealedHistory");
    }

    @Test
    void textsThatUtf8WouldConflateHaveDifferentDigests() {
        // an unpaired surrogate is not encodable in UTF-8: both would become '?'
        assertThat(HistoryChain.textDigest("a\uD800")).isNotEqualTo(HistoryChain.textDigest("a\uDC00"))
                .isNotEqualTo(HistoryChain.textDigest("a?"));
        assertThat(Status.values()).isNotEmpty();
    }

    private SealedEvent firstWithDetails(Feedback f) {
        return store.sealedHistory(tenant, f.id()).stream().filter(s -> !s.event().details().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("the lifecycle records no event with details"));
    }

    private List<SealedEvent> tampered(Feedback f, long version, UnaryOperator<FeedbackEvent> change) {
        List<SealedEvent> h = new ArrayList<>(store.sealedHistory(tenant, f.id()));
        int i = (int) version - 1;
        h.set(i, rewrite(h.get(i), change));
        return h;
    }

    private static SealedEvent rewrite(SealedEvent s, UnaryOperator<FeedbackEvent> change) {
        return new SealedEvent(change.apply(s.event()), s.digests(), s.hash());
    }

    private static FeedbackEvent withNote(FeedbackEvent e, String note) {
        return new FeedbackEvent(e.feedbackId(), e.version(), e.type(), e.actor(), e.at(), note, e.from(), e.to(), e.details());
    }

    private static FeedbackEvent withDetail(FeedbackEvent e, String key, String value) {
        Map<String, String> d = new HashMap<>(e.details());
        d.put(key, value);
        return new FeedbackEvent(e.feedbackId(), e.version(), e.type(), e.actor(), e.at(), e.note(), e.from(), e.to(), d);
    }
}
