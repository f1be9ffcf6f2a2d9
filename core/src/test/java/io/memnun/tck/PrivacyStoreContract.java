package io.memnun.tck;

import static io.memnun.tck.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.DuplicateKeyException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import io.memnun.spi.PrivacyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PrivacyStore} must do; subclass it once per implementation. */
public abstract class PrivacyStoreContract {
    protected PrivacyStore store;
    protected TenantId tenant;

    protected abstract PrivacyStore createStore();

    private static final PersonKey SUKRU = PersonKey.email("şükrü.çağlayan@örnek.com.tr");

    @BeforeEach
    void setUpPrivacyStore() {
        store = createStore();
        tenant = Fixtures.newTenant("privacy");
    }

    private ConsentRecord consent(PersonKey person, String purpose, int minutes) {
        return new ConsentRecord(UUID.randomUUID(), tenant, person, purpose, T0.plus(Duration.ofMinutes(minutes)), "web-form",
                "Onay metni v3, kutu işaretlendi", null);
    }

    @Test
    void consentRecordsRoundTripPerPersonOldestFirst() {
        ConsentRecord later = consent(SUKRU, "commercial", 10);
        ConsentRecord earlier = consent(SUKRU, "surveys", 1);
        ConsentRecord someoneElse = consent(PersonKey.phone("+905321234567"), "surveys", 2);
        store.saveConsent(later);
        store.saveConsent(earlier);
        store.saveConsent(someoneElse);

        assertThat(store.consents(tenant, SUKRU)).containsExactly(earlier, later);
        assertThat(store.consents(tenant, PersonKey.email(" şükrü.çağlayan@ÖRNEK.COM.TR "))).containsExactly(earlier, later);
        // the part before the @ in any case is the same person (the address is a key here, kept in lower case)
        assertThat(store.consents(tenant, PersonKey.email("Şükrü.ÇAĞLAYAN@örnek.com.tr"))).containsExactly(earlier, later);
        assertThat(store.consents(Fixtures.newTenant("other"), SUKRU)).isEmpty();
    }

    @Test
    void aWithdrawalReplacesTheRecordWithTheSameId() {
        ConsentRecord given = consent(SUKRU, "surveys", 0);
        store.saveConsent(given);
        ConsentRecord withdrawn = given.withdrawAt(T0.plus(Duration.ofDays(3)));

        store.saveConsent(withdrawn);

        assertThat(store.consents(tenant, SUKRU)).containsExactly(withdrawn);
        assertThat(withdrawn.isActiveAt(T0.plus(Duration.ofDays(2)))).isTrue();
        assertThat(withdrawn.isActiveAt(T0.plus(Duration.ofDays(3)))).isFalse();
    }

    @Test
    void deletingAPersonsConsentsLeavesOthers() {
        store.saveConsent(consent(SUKRU, "surveys", 0));
        store.saveConsent(consent(SUKRU, "commercial", 1));
        ConsentRecord other = consent(PersonKey.externalId("guest-42"), "surveys", 2);
        store.saveConsent(other);

        assertThat(store.deleteConsents(tenant, PersonKey.email("ŞÜKRÜ.Çağlayan@örnek.com.tr"))).isEqualTo(2);

        assertThat(store.consents(tenant, SUKRU)).isEmpty();
        assertThat(store.consents(tenant, PersonKey.externalId("guest-42"))).containsExactly(other);
        assertThat(store.deleteConsents(tenant, SUKRU)).isZero();
    }

    @Test
    void aConsentSavedInAnotherTenantUnderAnExistingIdIsRefusedAndLeavesTheRecordAlone() {
        ConsentRecord ours = consent(SUKRU, "surveys", 0);
        store.saveConsent(ours);
        TenantId other = Fixtures.newTenant("privacy-other");
        PersonKey stranger = PersonKey.email("baskasi@example.com");
        ConsentRecord theirs = new ConsentRecord(ours.id(), other, stranger, "commercial", T0.plusSeconds(60), "phone", null, null);

        assertThatThrownBy(() -> store.saveConsent(theirs)).isInstanceOf(DuplicateKeyException.class)
                .extracting(e -> ((DuplicateKeyException) e).key()).isEqualTo("id");

        assertThat(store.consents(tenant, SUKRU)).containsExactly(ours);
        assertThat(store.consents(other, stranger)).isEmpty();
        // and the record is still withdrawn through its own tenant
        ConsentRecord withdrawn = ours.withdrawAt(T0.plusSeconds(120));
        store.saveConsent(withdrawn);
        assertThat(store.consents(tenant, SUKRU)).containsExactly(withdrawn);
    }

    @Test
    void holdsArePlacedOncePerNameAndReleased() {
        FeedbackId f = Fixtures.randomId();
        LegalHold lawsuit = new LegalHold(tenant, f, "dava-2026-114", "Tüketici hakem heyeti başvurusu", Actor.staff("hukuk"), T0);
        LegalHold insurer = new LegalHold(tenant, f, "sigorta", "Sigorta talebi", Actor.staff("hukuk"), T0.plusSeconds(60));
        store.placeHold(lawsuit);
        store.placeHold(insurer);

        assertThatThrownBy(() -> store.placeHold(lawsuit)).isInstanceOf(DuplicateKeyException.class)
                .extracting(e -> ((DuplicateKeyException) e).key()).isEqualTo("hold");
        assertThat(store.holds(tenant, f)).containsExactly(lawsuit, insurer);
        assertThat(store.holds(Fixtures.newTenant("other"), f)).isEmpty();
        assertThat(store.holds(tenant, Fixtures.randomId())).isEmpty();

        LegalHold released = store.releaseHold(tenant, f, "dava-2026-114", Actor.staff("hukuk.muduru"), T0.plusSeconds(600)).orElseThrow();
        assertThat(released).isEqualTo(lawsuit.release(Actor.staff("hukuk.muduru"), T0.plusSeconds(600)));
        assertThat(released.isActive()).isFalse();
        assertThat(store.releaseHold(tenant, f, "dava-2026-114", Actor.staff("x"), T0.plusSeconds(700))).isEmpty();
        assertThat(store.releaseHold(Fixtures.newTenant("other"), f, "sigorta", Actor.staff("x"), T0.plusSeconds(700))).isEmpty();
        assertThat(store.holds(tenant, f)).containsExactly(insurer);
        assertThat(store.releasedHolds(tenant, f)).containsExactly(released);
        assertThat(store.releasedHolds(Fixtures.newTenant("other"), f)).isEmpty();
        assertThat(store.releasedHolds(tenant, Fixtures.randomId())).isEmpty();
    }

    @Test
    void aReleasedHoldsNameMayBePlacedAgainAndEveryReleaseIsKeptInOrder() {
        FeedbackId f = Fixtures.randomId();
        LegalHold first = new LegalHold(tenant, f, "dava-2026-114", "İlk başvuru", Actor.staff("hukuk"), T0);
        store.placeHold(first);
        LegalHold firstReleased = store.releaseHold(tenant, f, first.name(), Actor.staff("hukuk"), T0.plusSeconds(60)).orElseThrow();
        LegalHold again = new LegalHold(tenant, f, "dava-2026-114", "İtiraz üzerine yeniden", Actor.staff("hukuk"), T0.plusSeconds(120));
        store.placeHold(again);

        assertThatThrownBy(() -> store.placeHold(again.withReason("bir kez daha"))).isInstanceOf(DuplicateKeyException.class);
        assertThat(store.holds(tenant, f)).containsExactly(again);
        LegalHold againReleased = store.releaseHold(tenant, f, again.name(), Actor.staff("hukuk.muduru"), T0.plusSeconds(180)).orElseThrow();
        assertThat(store.releasedHolds(tenant, f)).containsExactly(firstReleased, againReleased);
        assertThat(store.holds(tenant, f)).isEmpty();
    }

    @Test
    void holdsComeBackPlacedFirstAndReleasedHoldsInTheOrderReleasedWhateverTheInstantsTheyRecord() {
        FeedbackId f = Fixtures.randomId();
        store.placeHold(new LegalHold(tenant, f, "sigorta", "Sigorta talebi", Actor.staff("hukuk"), T0));
        store.placeHold(new LegalHold(tenant, f, "dava", "Dava dosyası", Actor.staff("hukuk"), T0));
        store.placeHold(new LegalHold(tenant, f, "ihtar", "İhtarname", Actor.staff("hukuk"), T0.minusSeconds(1)));
        assertThat(store.holds(tenant, f)).extracting(LegalHold::name).containsExactly("ihtar", "dava", "sigorta");

        // the second release is made on a node whose clock runs behind, the third within the same instant
        store.releaseHold(tenant, f, "sigorta", Actor.staff("hukuk"), T0.plusSeconds(5));
        store.releaseHold(tenant, f, "dava", Actor.staff("hukuk"), T0.plusSeconds(1));
        store.releaseHold(tenant, f, "ihtar", Actor.staff("hukuk"), T0.plusSeconds(1));

        assertThat(store.releasedHolds(tenant, f)).extracting(LegalHold::name).containsExactly("sigorta", "dava", "ihtar");
    }

    @Test
    void aReleaseDatedBeforeThePlacingIsRecordedAtThePlacing() {
        FeedbackId f = Fixtures.randomId();
        store.placeHold(new LegalHold(tenant, f, "sigorta", "Sigorta talebi", Actor.staff("hukuk"), T0));

        LegalHold released = store.releaseHold(tenant, f, "sigorta", Actor.staff("hukuk"), T0.minusSeconds(5)).orElseThrow();

        assertThat(released.releasedAt()).isEqualTo(T0);
        assertThat(store.releasedHolds(tenant, f)).containsExactly(released);
    }

    @Test
    void aReleasedHoldCannotBePlacedAndNothingIsStored() {
        FeedbackId f = Fixtures.randomId();
        LegalHold released = new LegalHold(tenant, f, "sigorta", "Sigorta talebi", Actor.staff("hukuk"), T0)
                .release(Actor.staff("hukuk"), T0.plusSeconds(1));

        assertThatThrownBy(() -> store.placeHold(released)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigorta");
        assertThat(store.holds(tenant, f)).isEmpty();
        assertThat(store.releasedHolds(tenant, f)).isEmpty();
    }

    @Test
    void anonymisingReleasedHoldsReplacesTheirReasonsAndLeavesActiveHoldsAndOtherFeedback() {
        FeedbackId f = Fixtures.randomId();
        FeedbackId other = Fixtures.randomId();
        store.placeHold(new LegalHold(tenant, f, "dava-2026-114", "Şükrü Çağlayan'ın dava dilekçesi", Actor.staff("hukuk"), T0));
        store.placeHold(new LegalHold(tenant, f, "sigorta", "Sigorta talebi", Actor.staff("hukuk"), T0.plusSeconds(1)));
        store.placeHold(new LegalHold(tenant, other, "dava-2026-115", "Başka bir dava", Actor.staff("hukuk"), T0));
        store.releaseHold(tenant, f, "dava-2026-114", Actor.staff("hukuk"), T0.plusSeconds(60));
        store.releaseHold(tenant, other, "dava-2026-115", Actor.staff("hukuk"), T0.plusSeconds(60));

        assertThat(store.anonymiseReleasedHolds(tenant, f, "[anonymised]")).isEqualTo(1);

        assertThat(store.releasedHolds(tenant, f)).singleElement().satisfies(h -> {
            assertThat(h.reason()).isEqualTo("[anonymised]");
            assertThat(h.name()).isEqualTo("dava-2026-114");
            assertThat(h.placedAt()).isEqualTo(T0);
            assertThat(h.releasedAt()).isEqualTo(T0.plusSeconds(60));
        });
        assertThat(store.holds(tenant, f)).extracting(LegalHold::reason).containsExactly("Sigorta talebi");
        assertThat(store.releasedHolds(tenant, other)).extracting(LegalHold::reason).containsExactly("Başka bir dava");
        assertThat(store.anonymiseReleasedHolds(tenant, f, "[anonymised]")).isZero();
    }

    @Test
    void ofConcurrentReleasesOfOneHoldExactlyOneReleasesIt() throws Exception {
        FeedbackId f = Fixtures.randomId();
        store.placeHold(new LegalHold(tenant, f, "dava-2026-114", "Tüketici hakem heyeti başvurusu", Actor.staff("hukuk"), T0));
        int releasers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(releasers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<LegalHold>>> results = new ArrayList<>();
            for (int i = 0; i < releasers; i++) {
                Actor by = Actor.staff("hukuk-" + i);
                results.add(pool.submit(() -> {
                    start.await();
                    return store.releaseHold(tenant, f, "dava-2026-114", by, T0.plusSeconds(60));
                }));
            }
            start.countDown();
            List<LegalHold> released = new ArrayList<>();
            for (Future<Optional<LegalHold>> r : results) {
                r.get(30, TimeUnit.SECONDS).ifPresent(released::add);
            }

            assertThat(released).hasSize(1);
            assertThat(store.releasedHolds(tenant, f)).containsExactlyElementsOf(released);
            assertThat(store.holds(tenant, f)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
