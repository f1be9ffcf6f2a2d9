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
import java.util.UUID;
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

        assertThat(store.deleteConsents(tenant, SUKRU)).isEqualTo(2);

        assertThat(store.consents(tenant, SUKRU)).isEmpty();
        assertThat(store.consents(tenant, PersonKey.externalId("guest-42"))).containsExactly(other);
        assertThat(store.deleteConsents(tenant, SUKRU)).isZero();
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

        assertThat(store.releaseHold(tenant, f, "dava-2026-114")).isTrue();
        assertThat(store.releaseHold(tenant, f, "dava-2026-114")).isFalse();
        assertThat(store.holds(tenant, f)).containsExactly(insurer);
    }
}
