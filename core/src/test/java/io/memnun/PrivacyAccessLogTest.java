package io.memnun;

import static io.memnun.tck.PersonalDataScenario.needles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.memnun.error.StoreException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.AccessLogEntry;
import io.memnun.privacy.AccessLogEntry.Action;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.PersonKey;
import io.memnun.privacy.PersonalData;
import io.memnun.privacy.RetentionPolicy;
import io.memnun.privacy.RetentionReport;
import io.memnun.spi.PrivacyStore;
import io.memnun.store.memory.InMemoryAttachmentStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryPrivacyStore;
import io.memnun.store.memory.InMemorySurveyStore;
import io.memnun.store.memory.InMemoryTrackingTokenStore;
import io.memnun.tck.Fixtures;
import io.memnun.tck.PersonalDataScenario;
import io.memnun.testing.ForwardingPrivacyStore;
import io.memnun.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The privacy access log: every export, anonymisation and erasure recorded, by whom, why and how much, naming no one. */
class PrivacyAccessLogTest {
    private static final TenantId HOTEL = TenantId.of("bogazici-otel");
    private static final Actor OFFICER = Actor.staff("kvkk.sorumlusu");
    private static final Instant EVER = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant NEVER = Instant.parse("2100-01-01T00:00:00Z");
    private final MutableClock clock = MutableClock.at("2026-03-16T07:00:00Z");
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final InMemorySurveyStore surveys = new InMemorySurveyStore();
    private final InMemoryPrivacyStore privacyStore = new InMemoryPrivacyStore();
    private final PersonalDataScenario scenario = new PersonalDataScenario(store, new InMemoryTrackingTokenStore(),
            new InMemoryAttachmentStore(), surveys, privacyStore, clock);
    private final FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).build();

    private PrivacyDesk privacyOver(PrivacyStore privacy) {
        return PrivacyDesk.builder(desk, privacy).accessLogKey(Fixtures.accessLogKey()).build();
    }

    private Feedback guestFeedback(String email) {
        return desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima çalışmıyor")
                .customer(Customer.builder().name("Bir Misafir").email(email).phone("+905551112233").build()).build());
    }

    @Test
    void anExportIsRecordedWithWhoWhyWhenAndHowMuchUnderEveryKeyOfThePersonAndNoneOfTheirData() {
        PersonalDataScenario.Result r = scenario.run(HOTEL);
        clock.advance(Duration.ofDays(3));

        PersonalData data = scenario.privacy().export(HOTEL, PersonKey.email(PersonalDataScenario.EMAIL.toUpperCase(java.util.Locale.ROOT)),
                OFFICER, "KVKK-2026-0050");

        List<AccessLogEntry> log = scenario.privacy().accessLog(HOTEL, r.person());
        // the scenario's own export three days earlier, then this one
        assertThat(log).extracting(AccessLogEntry::why).containsExactly(PersonalDataScenario.ACCESS_REQUEST, "KVKK-2026-0050");
        AccessLogEntry entry = log.get(1);
        assertThat(entry.action()).isEqualTo(Action.EXPORT);
        assertThat(entry.actor()).isEqualTo(OFFICER);
        assertThat(entry.at()).isEqualTo(data.exportedAt()).isEqualTo(clock.instant());
        assertThat(entry.references()).containsExactly(data.feedback().stream().map(i -> i.feedback().reference().toString()).toArray(String[]::new));
        assertThat(entry.counts()).isEqualTo(Map.of(
                AccessLogEntry.FEEDBACK, 2,
                AccessLogEntry.EVENTS, data.feedback().stream().mapToInt(i -> i.history().size()).sum(),
                AccessLogEntry.SURVEY_RESPONSES, 1,
                AccessLogEntry.COMMENTS, 1,
                AccessLogEntry.LEGAL_HOLDS, 1,
                AccessLogEntry.CONSENTS, 1));
        // the feedback disclosed named the guest's phone number and customer id too: the entry is found by each
        assertThat(entry.subjects()).extracting(AccessLogEntry.Subject::kind)
                .containsExactly(PersonKey.Kind.EMAIL, PersonKey.Kind.PHONE, PersonKey.Kind.EXTERNAL_ID);
        assertThat(scenario.privacy().accessLog(HOTEL, PersonKey.phone(PersonalDataScenario.PHONE))).contains(entry);
        assertThat(scenario.privacy().accessLog(HOTEL, PersonKey.externalId(PersonalDataScenario.EXTERNAL_ID))).contains(entry);
        assertThat(scenario.privacy().accessLog(HOTEL, PersonKey.email("ayse.demirtas@ornek.com.tr"))).isEmpty();
        assertThat(scenario.privacy().accessLog(TenantId.of("baska-otel"), r.person())).isEmpty();
        // an auditor's period: this export alone
        assertThat(scenario.privacy().accessLog(HOTEL, clock.instant(), clock.instant().plusSeconds(1))).containsExactly(entry);
        assertThat(log.toString()).doesNotContain(PersonalDataScenario.EMAIL, PersonalDataScenario.PHONE, PersonalDataScenario.PHONE_NATIONAL,
                PersonalDataScenario.EXTERNAL_ID, PersonalDataScenario.NAME, PersonalDataScenario.DESCRIPTION);
    }

    @Test
    void anExportThatCannotBeRecordedFailsAndAnExportThatFailsRecordsNothing() {
        guestFeedback("misafir@ornek.com.tr");
        PrivacyDesk unrecorded = privacyOver(new ForwardingPrivacyStore(privacyStore) {
            @Override
            public void appendAccessLog(AccessLogEntry entry) {
                throw new StoreException("the access log's database is down");
            }
        });
        PrivacyDesk failing = privacyOver(new ForwardingPrivacyStore(privacyStore) {
            @Override
            public List<ConsentRecord> consents(TenantId tenant, PersonKey person) {
                throw new StoreException("the consent table is down");
            }
        });

        assertThatThrownBy(() -> unrecorded.export(HOTEL, PersonKey.email("misafir@ornek.com.tr"), OFFICER, "KVKK-2026-0051"))
                .isInstanceOf(StoreException.class).hasMessageContaining("access log");
        assertThatThrownBy(() -> failing.export(HOTEL, PersonKey.email("misafir@ornek.com.tr"), OFFICER, "KVKK-2026-0051"))
                .isInstanceOf(StoreException.class).hasMessageContaining("consent");

        assertThat(privacyStore.accessLog(HOTEL, EVER, NEVER)).isEmpty();
    }

    @Test
    void aPurposeIsRequiredAndMustNotNameThePersonAndARefusedRequestChangesAndRecordsNothing() {
        Feedback f = guestFeedback("misafir@ornek.com.tr");
        PrivacyDesk privacy = privacyOver(privacyStore);
        PersonKey guest = PersonKey.email("misafir@ornek.com.tr");

        for (String why : new String[] {" ", "KVKK-2026-0052\nikinci satır", "x".repeat(AccessLogEntry.MAX_WHY + 1)}) {
            assertThatThrownBy(() -> privacy.export(HOTEL, guest, OFFICER, why))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("why"));
        }
        assertThatThrownBy(() -> privacy.export(HOTEL, guest, OFFICER, "Talep: Misafir@Ornek.com.tr"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("why");
                    assertThat(e.getMessage()).doesNotContainIgnoringCase("misafir@ornek.com.tr");
                });
        assertThatThrownBy(() -> privacy.erase(HOTEL, List.of(guest, PersonKey.phone("+905551112233")), OFFICER, "silme +905551112233"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("why"));
        assertThatThrownBy(() -> privacy.anonymise(HOTEL, f.id(), OFFICER, ""))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("why"));

        assertThat(store.find(HOTEL, f.id()).orElseThrow()).isEqualTo(f);
        assertThat(privacyStore.accessLog(HOTEL, EVER, NEVER)).isEmpty();
    }

    /**
     * The entry names the person by every key on the feedback concerned, and keeps {@code why} for years: a {@code why}
     * holding any of those keys is refused, not only one holding the key the request named.
     */
    @Test
    void aPurposeMustNotHoldAnyKeyOnTheFeedbackConcerned() {
        Feedback f = guestFeedback("misafir@ornek.com.tr");
        PrivacyDesk privacy = privacyOver(privacyStore);
        PersonKey guest = PersonKey.email("misafir@ornek.com.tr");

        // the request names the guest by e-mail; the feedback also holds their phone number
        assertThatThrownBy(() -> privacy.export(HOTEL, guest, OFFICER, "arayan +905551112233"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("why");
                    assertThat(e.getMessage()).doesNotContain("905551112233");
                });
        assertThatThrownBy(() -> privacy.erase(HOTEL, guest, OFFICER, "silme talebi +905551112233"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("why"));
        // one feedback anonymised by its reference: its keys are the person's
        assertThatThrownBy(() -> privacy.anonymise(HOTEL, f.id(), OFFICER, "talep: Misafir@Ornek.com.tr"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("why");
                    assertThat(e.getMessage()).doesNotContainIgnoringCase("misafir@ornek.com.tr");
                });

        assertThat(store.find(HOTEL, f.id()).orElseThrow()).isEqualTo(f);
        assertThat(privacyStore.accessLog(HOTEL, EVER, NEVER)).isEmpty();
    }

    /**
     * A customer id is often a short number: a request reference that merely contains its digits does not name the
     * person, while one that holds the id as a word of its own does.
     */
    @Test
    void aShortCustomerIdInsideAReferenceIsNotTakenForThePerson() {
        desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima çalışmıyor")
                .customer(Customer.builder().name("Bir Misafir").externalId("42").build()).build());
        PrivacyDesk privacy = privacyOver(privacyStore);
        PersonKey guest = PersonKey.externalId("42");

        assertThat(privacy.export(HOTEL, guest, OFFICER, "KVKK-2026-0042").feedback()).hasSize(1);
        assertThatThrownBy(() -> privacy.export(HOTEL, guest, OFFICER, "müşteri 42 talebi"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("why"));
        assertThatThrownBy(() -> privacy.export(HOTEL, guest, OFFICER, "42"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("why"));
        assertThat(privacy.erase(HOTEL, guest, OFFICER, "KVKK-2026-1420").anonymised()).hasSize(1);

        assertThat(privacy.accessLog(HOTEL, guest)).extracting(AccessLogEntry::action, AccessLogEntry::why)
                .containsExactly(tuple(Action.EXPORT, "KVKK-2026-0042"), tuple(Action.ANONYMISATION, "KVKK-2026-1420"),
                        tuple(Action.ERASURE, "KVKK-2026-1420"));
    }

    @Test
    void anErasureIsRecordedWithEachOfItsAnonymisationsAndTheLogStillAnswersForTheErasedPersonByEveryKey() {
        PersonalDataScenario.Result r = scenario.run(HOTEL);
        clock.advance(Duration.ofDays(20));

        scenario.privacy().erase(HOTEL, r.persons(), OFFICER, "KVKK-2026-0043");

        for (PersonKey key : r.persons()) {
            assertThat(scenario.privacy().accessLog(HOTEL, key)).as(key.kind().name())
                    .extracting(AccessLogEntry::action, AccessLogEntry::why)
                    .containsExactly(tuple(Action.EXPORT, PersonalDataScenario.ACCESS_REQUEST), tuple(Action.ANONYMISATION, "KVKK-2026-0043"),
                            tuple(Action.ANONYMISATION, "KVKK-2026-0043"), tuple(Action.ERASURE, "KVKK-2026-0043"));
        }
        List<AccessLogEntry> log = scenario.privacy().accessLog(HOTEL, r.person());
        assertThat(log.subList(1, 4)).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(OFFICER);
            assertThat(e.at()).isEqualTo(clock.instant());
        });
        assertThat(log.subList(1, 3)).extracting(e -> e.references().get(0))
                .containsExactlyInAnyOrder(r.first().reference().toString(), r.second().reference().toString());
        AccessLogEntry first = log.subList(1, 3).stream().filter(e -> e.references().contains(r.first().reference().toString())).findFirst()
                .orElseThrow();
        // the feedback's own file and the one of the customer's message
        assertThat(first.counts()).containsEntry(AccessLogEntry.FEEDBACK, 1).containsEntry(AccessLogEntry.ATTACHMENTS, 2);
        assertThat(first.count(AccessLogEntry.EVENTS_REWRITTEN)).isPositive();
        assertThat(log.get(3).references()).containsExactlyInAnyOrder(r.first().reference().toString(), r.second().reference().toString());
        assertThat(log.get(3).counts()).isEqualTo(Map.of(AccessLogEntry.FEEDBACK, 2, AccessLogEntry.CONSENTS, 1,
                AccessLogEntry.CAMPAIGN_INVITATIONS, 1));
        // nothing of the person is left in the log, not even a hash of a key that a guess could be checked against
        String all = privacyStore.accessLog(HOTEL, EVER, NEVER).toString();
        assertThat(needles()).allSatisfy(n -> assertThat(all).doesNotContainIgnoringCase(n));
        for (PersonKey key : r.persons()) {
            assertThat(all).doesNotContain(sha256Hex(key.value()), sha256Hex(key.toString()), sha256Hex(HOTEL.value() + "\n" + key));
        }
        // erasing again (to finish one that failed half-way) records the erasure again, and no anonymisation anew
        scenario.privacy().erase(HOTEL, r.persons(), OFFICER, "KVKK-2026-0043");
        assertThat(scenario.privacy().accessLog(HOTEL, r.person())).extracting(AccessLogEntry::action)
                .containsExactly(Action.EXPORT, Action.ANONYMISATION, Action.ANONYMISATION, Action.ERASURE, Action.ERASURE);
    }

    @Test
    void anAnonymisationIsRecordedOnceUnderTheKeysTheFeedbackHeld() {
        Feedback f = guestFeedback("Misafir@Ornek.com.tr");
        PrivacyDesk privacy = privacyOver(privacyStore);

        privacy.anonymise(HOTEL, f.id(), OFFICER, "manual-review");
        privacy.anonymise(HOTEL, f.id(), OFFICER, "manual-review");

        assertThat(privacy.accessLog(HOTEL, PersonKey.email("misafir@ornek.com.tr"))).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(Action.ANONYMISATION);
            assertThat(e.references()).containsExactly(f.reference().toString());
            assertThat(e.why()).isEqualTo("manual-review");
        });
        assertThat(privacy.accessLog(HOTEL, PersonKey.phone("+905551112233"))).hasSize(1);
        assertThat(Anonymisation.isAnonymised(store.find(HOTEL, f.id()).orElseThrow())).isTrue();
    }

    @Test
    void retentionRecordsItsAnonymisationsAndDeletesLogEntriesPastTheLogsOwnPeriod() {
        PrivacyDesk privacy = PrivacyDesk.builder(desk, privacyStore).accessLogKey(Fixtures.accessLogKey()).tenants(HOTEL)
                .retention(RetentionPolicy.builder().afterClosing(Duration.ofDays(730)).build()).build();
        Feedback f = desk.cancel(HOTEL, guestFeedback("misafir@ornek.com.tr").id(), Actor.staff("ayse"), "Bilgi amaçlı");
        privacy.export(HOTEL, PersonKey.email("misafir@ornek.com.tr"), Actor.customer(), "self-service");
        Instant exported = clock.instant();

        clock.advance(Duration.ofDays(730));
        assertThat(privacy.tick(clock.instant())).singleElement().satisfies(rep -> {
            assertThat(rep.anonymised()).containsExactly(f.reference().toString());
            assertThat(rep.accessLogPurged()).isZero();
        });
        assertThat(privacy.accessLog(HOTEL, PersonKey.email("misafir@ornek.com.tr")))
                .extracting(AccessLogEntry::action, AccessLogEntry::actor, AccessLogEntry::why)
                .containsExactly(tuple(Action.EXPORT, Actor.customer(), "self-service"),
                        tuple(Action.ANONYMISATION, Actor.system("retention"), "retention"));

        // ten years (leap days included) after the export, to the instant, it is kept; after them it goes
        RetentionReport atTen = privacy.runRetention(HOTEL, exported.plus(PrivacyDesk.DEFAULT_ACCESS_LOG_RETENTION));
        assertThat(atTen.accessLogPurged()).isZero();
        RetentionReport past = privacy.runRetention(HOTEL, exported.plus(PrivacyDesk.DEFAULT_ACCESS_LOG_RETENTION).plusSeconds(1));
        assertThat(past.accessLogPurged()).isEqualTo(1);
        assertThat(privacy.accessLog(HOTEL, EVER, NEVER)).extracting(AccessLogEntry::action).containsExactly(Action.ANONYMISATION);
        assertThat(PrivacyDesk.DEFAULT_ACCESS_LOG_RETENTION).isGreaterThanOrEqualTo(Duration.ofDays(10 * 365));

        PrivacyDesk shortLog = PrivacyDesk.builder(desk, privacyStore).accessLogKey(Fixtures.accessLogKey())
                .accessLogRetention(Duration.ofDays(365 * 3)).build();
        assertThat(shortLog.runRetention(HOTEL, clock.instant().plus(Duration.ofDays(365 * 3)).plusSeconds(1)).accessLogPurged()).isEqualTo(1);
        assertThat(privacyStore.accessLog(HOTEL, EVER, NEVER)).isEmpty();
    }

    @Test
    void theLogNamesPeopleUnderTheHostsSecretWhichTheDeskRequires() {
        guestFeedback("misafir@ornek.com.tr");
        privacyOver(privacyStore).export(HOTEL, PersonKey.email("misafir@ornek.com.tr"), OFFICER, "KVKK-2026-0053");
        byte[] otherSecret = Fixtures.accessLogKey();
        otherSecret[0] ^= 1;
        PrivacyDesk otherKey = PrivacyDesk.builder(desk, privacyStore).accessLogKey(otherSecret).build();

        // under another secret the digests differ: the entry is listed for the period but not found by the person
        assertThat(otherKey.accessLog(HOTEL, PersonKey.email("misafir@ornek.com.tr"))).isEmpty();
        assertThat(otherKey.accessLog(HOTEL, EVER, NEVER)).hasSize(1);

        assertThatThrownBy(() -> PrivacyDesk.builder(desk, privacyStore).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("accessLogKey"));
        assertThatThrownBy(() -> PrivacyDesk.builder(desk, privacyStore).accessLogKey(new byte[31]))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("accessLogKey"));
        assertThatThrownBy(() -> PrivacyDesk.builder(desk, privacyStore).accessLogRetention(Duration.ZERO))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("accessLogRetention"));
        assertThatThrownBy(() -> privacyOver(privacyStore).accessLog(HOTEL, NEVER, EVER))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("to"));
        // the desk keeps its own copy of the secret
        byte[] secret = Fixtures.accessLogKey();
        PrivacyDesk copied = PrivacyDesk.builder(desk, privacyStore).accessLogKey(secret).build();
        secret[0] ^= 1;
        assertThat(copied.accessLog(HOTEL, PersonKey.email("misafir@ornek.com.tr"))).hasSize(1);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
