package io.memnun.tck;

import static io.memnun.tck.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.DuplicateKeyException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.AccessLogEntry;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonKey;
import io.memnun.spi.PrivacyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    // ---- the access log

    private static AccessLogEntry.Subject subject(PersonKey.Kind kind, char digit) {
        return new AccessLogEntry.Subject(kind, String.valueOf(digit).repeat(64));
    }

    private static final AccessLogEntry.Subject BY_EMAIL = subject(PersonKey.Kind.EMAIL, 'a');
    private static final AccessLogEntry.Subject BY_PHONE = subject(PersonKey.Kind.PHONE, 'b');
    private static final AccessLogEntry.Subject BY_ID = subject(PersonKey.Kind.EXTERNAL_ID, 'c');
    private static final AccessLogEntry.Subject SOMEONE_ELSE = subject(PersonKey.Kind.EMAIL, 'd');

    private AccessLogEntry entry(AccessLogEntry.Action action, Instant at, List<AccessLogEntry.Subject> subjects) {
        return new AccessLogEntry(UUID.randomUUID(), tenant, action, subjects, Actor.staff("kvkk.sorumlusu"), "KVKK-2026-0042 başvurusu", at,
                List.of("FB-2026-000001-6", "FB-2026-000007-3"), Map.of(AccessLogEntry.FEEDBACK, 2, AccessLogEntry.EVENTS, 14,
                        AccessLogEntry.CONSENTS, 0));
    }

    @Test
    void accessLogEntriesComeBackWholeBySubjectOldestFirstAndInTheOrderAppendedWithinOneInstant() {
        AccessLogEntry export = entry(AccessLogEntry.Action.EXPORT, T0, List.of(BY_EMAIL, BY_PHONE));
        AccessLogEntry anonymised = entry(AccessLogEntry.Action.ANONYMISATION, T0.plusSeconds(60), List.of(BY_PHONE, BY_ID));
        AccessLogEntry erased = entry(AccessLogEntry.Action.ERASURE, T0.plusSeconds(60), List.of(BY_EMAIL, BY_PHONE, BY_ID));
        // appended last, by a node whose clock runs behind: it comes back by its instant
        AccessLogEntry earlier = entry(AccessLogEntry.Action.EXPORT, T0.minusSeconds(1), List.of(BY_ID));
        AccessLogEntry other = entry(AccessLogEntry.Action.EXPORT, T0, List.of(SOMEONE_ELSE));
        for (AccessLogEntry e : List.of(export, anonymised, erased, other, earlier)) {
            store.appendAccessLog(e);
        }

        assertThat(store.accessLog(tenant, BY_EMAIL)).containsExactly(export, erased);
        assertThat(store.accessLog(tenant, BY_PHONE)).containsExactly(export, anonymised, erased);
        assertThat(store.accessLog(tenant, BY_ID)).containsExactly(earlier, anonymised, erased);
        assertThat(store.accessLog(tenant, BY_ID).get(2)).satisfies(e -> {
            assertThat(e.subjects()).containsExactly(BY_EMAIL, BY_PHONE, BY_ID);
            assertThat(e.actor()).isEqualTo(Actor.staff("kvkk.sorumlusu"));
            assertThat(e.why()).isEqualTo("KVKK-2026-0042 başvurusu");
            assertThat(e.references()).containsExactly("FB-2026-000001-6", "FB-2026-000007-3");
            assertThat(e.counts()).containsExactly(Map.entry("consents", 0), Map.entry("events", 14), Map.entry("feedback", 2));
        });
        // the kind is part of the subject: the same digest under another kind is someone else
        assertThat(store.accessLog(tenant, new AccessLogEntry.Subject(PersonKey.Kind.PHONE, BY_EMAIL.digest()))).isEmpty();
        assertThat(store.accessLog(Fixtures.newTenant("other"), BY_EMAIL)).isEmpty();
    }

    @Test
    void theAccessLogOfAPeriodHoldsItsStartNotItsEndAndOnlyTheTenantsEntries() {
        AccessLogEntry atStart = entry(AccessLogEntry.Action.EXPORT, T0, List.of(BY_EMAIL));
        AccessLogEntry within = entry(AccessLogEntry.Action.ANONYMISATION, T0.plusSeconds(30), List.of());
        AccessLogEntry atEnd = entry(AccessLogEntry.Action.ERASURE, T0.plusSeconds(60), List.of(BY_EMAIL));
        AccessLogEntry before = entry(AccessLogEntry.Action.EXPORT, T0.minusNanos(1000), List.of(BY_PHONE));
        for (AccessLogEntry e : List.of(atEnd, within, atStart, before)) {
            store.appendAccessLog(e);
        }
        TenantId other = Fixtures.newTenant("privacy-other");
        store.appendAccessLog(new AccessLogEntry(UUID.randomUUID(), other, AccessLogEntry.Action.EXPORT, List.of(BY_EMAIL), Actor.staff("x"),
                "başka-otel", T0.plusSeconds(1), List.of(), Map.of()));

        assertThat(store.accessLog(tenant, T0, T0.plusSeconds(60))).containsExactly(atStart, within);
        assertThat(store.accessLog(tenant, T0.minusSeconds(1), T0.plusSeconds(61))).containsExactly(before, atStart, within, atEnd);
        assertThat(store.accessLog(tenant, T0, T0)).isEmpty();
        // an entry without subjects, references or counts is kept as it is
        assertThat(store.accessLog(tenant, T0.plusSeconds(30), T0.plusSeconds(31))).singleElement().satisfies(e -> {
            assertThat(e).isEqualTo(within);
            assertThat(e.subjects()).isEmpty();
        });
        assertThat(store.accessLog(other, T0.minusSeconds(1), T0.plusSeconds(61))).extracting(AccessLogEntry::why).containsExactly("başka-otel");
    }

    @Test
    void anAccessLogEntryIsAppendedOnceUnderItsIdInAnyTenant() {
        AccessLogEntry export = entry(AccessLogEntry.Action.EXPORT, T0, List.of(BY_EMAIL));
        store.appendAccessLog(export);
        AccessLogEntry again = new AccessLogEntry(export.id(), tenant, AccessLogEntry.Action.ERASURE, List.of(BY_EMAIL, BY_PHONE), Actor.staff("x"),
                "yeniden", T0.plusSeconds(5), List.of(), Map.of());
        AccessLogEntry elsewhere = new AccessLogEntry(export.id(), Fixtures.newTenant("privacy-other"), AccessLogEntry.Action.EXPORT,
                List.of(BY_PHONE), Actor.staff("x"), "başka", T0, List.of(), Map.of());

        assertThatThrownBy(() -> store.appendAccessLog(again)).isInstanceOf(DuplicateKeyException.class)
                .extracting(e -> ((DuplicateKeyException) e).key()).isEqualTo("id");
        assertThatThrownBy(() -> store.appendAccessLog(elsewhere)).isInstanceOf(DuplicateKeyException.class);

        assertThat(store.accessLog(tenant, BY_EMAIL)).containsExactly(export);
        assertThat(store.accessLog(tenant, BY_PHONE)).isEmpty();
        assertThat(store.accessLog(elsewhere.tenant(), BY_PHONE)).isEmpty();
    }

    @Test
    void purgingTheAccessLogDeletesTheTenantsEntriesBeforeTheInstantWithTheirSubjects() {
        AccessLogEntry old = entry(AccessLogEntry.Action.EXPORT, T0.minusSeconds(1), List.of(BY_EMAIL, BY_PHONE));
        AccessLogEntry kept = entry(AccessLogEntry.Action.ERASURE, T0, List.of(BY_EMAIL));
        store.appendAccessLog(old);
        store.appendAccessLog(kept);
        TenantId other = Fixtures.newTenant("privacy-other");
        AccessLogEntry otherOld = new AccessLogEntry(UUID.randomUUID(), other, AccessLogEntry.Action.EXPORT, List.of(BY_PHONE), Actor.staff("x"),
                "başka", T0.minusSeconds(60), List.of(), Map.of());
        store.appendAccessLog(otherOld);

        assertThat(store.purgeAccessLog(tenant, T0)).isEqualTo(1);

        assertThat(store.accessLog(tenant, BY_EMAIL)).containsExactly(kept);
        assertThat(store.accessLog(tenant, BY_PHONE)).isEmpty();
        assertThat(store.accessLog(tenant, T0.minusSeconds(60), T0.plusSeconds(60))).containsExactly(kept);
        assertThat(store.accessLog(other, BY_PHONE)).containsExactly(otherOld);
        assertThat(store.purgeAccessLog(tenant, T0)).isZero();
    }

    @Test
    void concurrentAppendsAreEachFoundWholeByTheirSubjects() throws Exception {
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AccessLogEntry>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                AccessLogEntry e = entry(AccessLogEntry.Action.EXPORT, T0.plusSeconds(i), List.of(BY_EMAIL, BY_PHONE, BY_ID));
                results.add(pool.submit(() -> {
                    start.await();
                    store.appendAccessLog(e);
                    return e;
                }));
            }
            start.countDown();
            List<AccessLogEntry> appended = new ArrayList<>();
            for (Future<AccessLogEntry> r : results) {
                appended.add(r.get(30, TimeUnit.SECONDS));
            }

            assertThat(store.accessLog(tenant, BY_PHONE)).containsExactlyElementsOf(appended);
            assertThat(store.accessLog(tenant, BY_ID)).containsExactlyElementsOf(appended);
        } finally {
            pool.shutdownNow();
        }
    }
}
