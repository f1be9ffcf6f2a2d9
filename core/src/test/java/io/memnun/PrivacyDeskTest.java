package io.memnun;

import static io.memnun.tck.PersonalDataScenario.needles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.Intake;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.TenantId;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.ErasureReport;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.LegalHoldException;
import io.memnun.privacy.PersonKey;
import io.memnun.privacy.PersonalData;
import io.memnun.privacy.RetentionPolicy;
import io.memnun.privacy.RetentionReport;
import io.memnun.privacy.json.PersonalDataJson;
import io.memnun.store.memory.InMemoryAttachmentStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryPrivacyStore;
import io.memnun.store.memory.InMemorySurveyStore;
import io.memnun.store.memory.InMemoryTrackingTokenStore;
import io.memnun.tck.PersonalDataScenario;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Consent, legal holds, erasure, export and retention on the in-memory stores. */
class PrivacyDeskTest {
    private static final TenantId HOTEL = TenantId.of("bogazici-otel");
    private static final Actor OFFICER = Actor.staff("kvkk.sorumlusu");
    /** An access request's reference, as a host's request register numbers it. */
    private static final String REQUEST = "KVKK-2026-0042";
    private final MutableClock clock = MutableClock.at("2026-03-16T07:00:00Z");
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final InMemoryTrackingTokenStore tokens = new InMemoryTrackingTokenStore();
    private final InMemoryAttachmentStore files = new InMemoryAttachmentStore();
    private final InMemorySurveyStore surveys = new InMemorySurveyStore();
    private final InMemoryPrivacyStore privacyStore = new InMemoryPrivacyStore();
    private final PersonalDataScenario scenario = new PersonalDataScenario(store, tokens, files, surveys, privacyStore, clock);

    private List<LegalHold> allHolds(Feedback f) {
        List<LegalHold> holds = new ArrayList<>(privacyStore.releasedHolds(HOTEL, f.id()));
        holds.addAll(privacyStore.holds(HOTEL, f.id()));
        return holds;
    }

    /** Everything the in-memory stores answer about the tenant, as text: the public-read equivalent of a table scan. */
    private String everythingStored(PersonKey person) {
        StringBuilder all = new StringBuilder();
        List<Feedback> feedback = store.query(FeedbackQuery.builder(HOTEL).limit(FeedbackQuery.MAX_LIMIT).build()).items();
        List<PersonalData.Item> items = new ArrayList<>();
        for (Feedback f : feedback) {
            items.add(new PersonalData.Item(f, store.history(HOTEL, f.id()), surveys.responsesFor(HOTEL, f.id()),
                    surveys.commentsFor(HOTEL, f.id()), allHolds(f)));
            all.append(tokens.find(HOTEL, f.id()));
            for (FeedbackEvent e : store.history(HOTEL, f.id())) {
                String ids = e.details().get("attachments");
                if (ids != null) {
                    for (String id : ids.split(",")) {
                        files.read(HOTEL, id).ifPresent(b -> all.append(new String(b, java.nio.charset.StandardCharsets.UTF_8)));
                    }
                }
            }
            f.attachments().forEach(a -> files.read(HOTEL, a.id())
                    .ifPresent(b -> all.append(new String(b, java.nio.charset.StandardCharsets.UTF_8))));
        }
        // the export's header names whom it is for; the scan is of what is stored, so it names nobody
        all.append(PersonalDataJson.write(new PersonalData(PersonKey.externalId("scan"), clock.instant(), items,
                privacyStore.consents(HOTEL, person))));
        all.append(store.outbox().all()).append(surveys.outbox().all());
        Instant from = Instant.parse("2000-01-01T00:00:00Z");
        Instant to = Instant.parse("2100-01-01T00:00:00Z");
        all.append(surveys.invitations(HOTEL, from, to)).append(surveys.responses(HOTEL, from, to)).append(surveys.comments(HOTEL, from, to));
        all.append(privacyStore.accessLog(HOTEL, from, to));
        return all.toString();
    }

    /** Every stored seal of the tenant's feedback: digests and chain hashes. */
    private String sealsStored() {
        StringBuilder all = new StringBuilder();
        for (Feedback f : store.query(FeedbackQuery.builder(HOTEL).limit(FeedbackQuery.MAX_LIMIT).build()).items()) {
            for (SealedEvent e : store.sealedHistory(HOTEL, f.id())) {
                all.append(e.digests()).append(' ').append(e.hash()).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void anErasedPersonIsFoundNowhereInTheStoresAndTheOtherGuestIsUntouched() {
        PersonalDataScenario.Result r = scenario.run(HOTEL);
        String before = everythingStored(r.person());
        assertThat(needles()).allSatisfy(n -> assertThat(before).contains(n));
        List<FeedbackEvent> historyBefore = store.history(HOTEL, r.first().id());
        String sealsBefore = sealsStored();
        String note = PersonalDataScenario.NOTE + " (" + PersonalDataScenario.NAME + ", " + PersonalDataScenario.PHONE_NATIONAL + ")";
        assertThat(sealsBefore).contains(HistoryChain.textDigest(note));
        List<String> hashesBefore = store.sealedHistory(HOTEL, r.first().id()).stream().map(SealedEvent::hash).toList();

        ErasureReport report = scenario.privacy().erase(HOTEL, r.persons(), Actor.staff("kvkk.sorumlusu"));

        assertThat(report.anonymised()).containsExactlyInAnyOrder(r.first().reference().toString(), r.second().reference().toString());
        assertThat(report.consentsDeleted()).isEqualTo(1);
        // the campaign invitation stays for the response rate, without the guest, and its message is gone
        assertThat(report.campaignInvitations()).isEqualTo(1);
        io.memnun.survey.Invitation campaign = surveys.findInvitation(HOTEL, r.campaign().id()).orElseThrow();
        assertThat(campaign.recipient()).isNull();
        assertThat(campaign.campaign()).isEqualTo("2026-H1");
        assertThat(surveys.outbox().all()).noneMatch(m -> m.notification().owner().id().equals(r.campaign().id().value()));
        assertThat(surveys.outbox().all()).hasSize(1);
        String after = everythingStored(r.person());
        assertThat(needles()).allSatisfy(n -> assertThat(after).doesNotContain(n));
        assertThat(files.size()).isZero();
        // the history keeps its shape and says what happened
        List<FeedbackEvent> history = store.history(HOTEL, r.first().id());
        assertThat(history).hasSize(historyBefore.size() + 1);
        assertThat(history.subList(0, historyBefore.size())).extracting(FeedbackEvent::type)
                .containsExactlyElementsOf(historyBefore.stream().map(FeedbackEvent::type).toList());
        assertThat(history.get(history.size() - 1).type()).isEqualTo(EventType.ANONYMISED);
        // and its hash chain still verifies: the rewritten events were sealed anew, so no digest of a removed text is
        // left to confirm a guess with, nor a chain hash of before, which depended on it; the anonymisation's event
        // says from which version the chain is new
        assertThat(HistoryVerifier.of(store).verifyTenant(HOTEL).broken()).isEmpty();
        String sealsAfter = sealsStored();
        assertThat(sealsAfter).doesNotContain(HistoryChain.textDigest(note));
        assertThat(needles()).allSatisfy(n -> assertThat(sealsAfter).doesNotContain(HistoryChain.textDigest(n)));
        long resealedFrom = Long.parseLong(history.get(history.size() - 1).details().get("resealedFrom"));
        List<SealedEvent> sealedAfter = store.sealedHistory(HOTEL, r.first().id());
        for (int i = (int) resealedFrom - 1; i < hashesBefore.size(); i++) {
            assertThat(sealsAfter).doesNotContain(hashesBefore.get(i));
        }
        assertThat(sealedAfter.subList(0, (int) resealedFrom - 1)).extracting(SealedEvent::hash)
                .containsExactlyElementsOf(hashesBefore.subList(0, (int) resealedFrom - 1));
        assertThat(history.get(history.size() - 1).details().toString()).doesNotContain(hashesBefore.get(hashesBefore.size() - 1));
        // statistics stay
        Feedback first = store.find(HOTEL, r.first().id()).orElseThrow();
        assertThat(first.kind()).isEqualTo(FeedbackKind.COMPLAINT);
        assertThat(first.department()).isEqualTo(r.first().department());
        assertThat(first.closureReason()).contains(ClosureReason.ACCEPTED);
        assertThat(first.receivedAt()).isEqualTo(r.first().receivedAt());
        assertThat(surveys.responsesFor(HOTEL, r.first().id()).get(0).answers()).contains(io.memnun.survey.Answer.score("genel", 2));
        // the other guest keeps everything
        Feedback other = store.find(HOTEL, r.other().id()).orElseThrow();
        assertThat(other.customer().name()).isEqualTo(PersonalDataScenario.OTHER_NAME);
        assertThat(other.description()).isEqualTo(PersonalDataScenario.OTHER_DESCRIPTION);
        assertThat(after).contains(PersonalDataScenario.OTHER_NAME);
    }

    @Test
    void aPersonKeyThatIsNotAnAddressOrANumberIsRefusedNamingThePersonsField() {
        // the message never quotes the value, so the field is what tells which key of a request was wrong
        assertThatThrownBy(() -> PersonKey.email("mehmet@@example.com"))
                .isInstanceOfSatisfying(io.memnun.error.ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("person.email");
                    assertThat(e).hasMessageNotContaining("mehmet");
                });
        assertThatThrownBy(() -> PersonKey.phone("+90 532 12x 45 67"))
                .isInstanceOfSatisfying(io.memnun.error.ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("person.phone");
                    assertThat(e).hasMessageNotContaining("532");
                });
    }

    @Test
    void oneErasureRequestFindsThePersonsFeedbackByEveryKeyEachOnce() {
        PersonalDataScenario.Result r = scenario.run(HOTEL);
        // given by phone only: an erasure by e-mail alone does not find it
        Feedback byPhone = scenario.desk().receive(io.memnun.feedback.Intake.builder(HOTEL, FeedbackKind.REQUEST, io.memnun.feedback.Channel.PHONE,
                "Oda servisi için arıyorum").customer(io.memnun.feedback.Customer.builder().phone(PersonalDataScenario.PHONE).build())
                .department(PersonalDataScenario.HOUSEKEEPING).build());

        ErasureReport report = scenario.privacy().erase(HOTEL, r.persons(), Actor.staff("kvkk.sorumlusu"));

        assertThat(report.persons()).containsExactlyElementsOf(r.persons());
        assertThat(report.anonymised()).containsExactlyInAnyOrder(r.first().reference().toString(), r.second().reference().toString(),
                byPhone.reference().toString());
        assertThat(store.find(HOTEL, byPhone.id()).orElseThrow().customer().phone()).isNull();
        assertThatThrownBy(() -> scenario.privacy().erase(HOTEL, List.of(), Actor.staff("kvkk.sorumlusu")))
                .isInstanceOfSatisfying(io.memnun.error.ValidationException.class, e -> assertThat(e.field()).isEqualTo("persons"));
    }

    @Test
    void anErasureIsRefusedWhileOneFeedbackIsHeldAndChangesNothing() {
        PersonalDataScenario.Result r = scenario.run(HOTEL);
        scenario.privacy().placeHold(HOTEL, r.second().id(), "dava-2026-114", "Tüketici hakem heyeti", Actor.staff("hukuk"));
        String before = everythingStored(r.person());
        long firstVersion = store.find(HOTEL, r.first().id()).orElseThrow().version();

        assertThatThrownBy(() -> scenario.privacy().erase(HOTEL, r.person(), Actor.staff("kvkk.sorumlusu")))
                .isInstanceOfSatisfying(LegalHoldException.class, e -> {
                    assertThat(e.hold()).isEqualTo("dava-2026-114");
                    assertThat(e.reference()).isEqualTo(r.second().reference().toString());
                    assertThat(e.getMessage()).contains("dava-2026-114");
                });

        assertThat(store.find(HOTEL, r.first().id()).orElseThrow().version()).isEqualTo(firstVersion);
        assertThat(everythingStored(r.person())).isEqualTo(before);
        assertThatThrownBy(() -> scenario.privacy().anonymise(HOTEL, r.second().id(), Actor.staff("x"), "manual"))
                .isInstanceOf(LegalHoldException.class);

        assertThat(scenario.privacy().releaseHold(HOTEL, r.second().id(), "dava-2026-114", Actor.staff("hukuk"))).isPresent();
        assertThat(scenario.privacy().erase(HOTEL, r.person(), Actor.staff("kvkk.sorumlusu")).anonymised()).hasSize(2);
    }

    @Test
    void aReleasedHoldIsKeptWithWhoReleasedItUntilTheErasureBlanksItsReason() {
        PersonalDataScenario.Result r = scenario.run(HOTEL);
        clock.advance(Duration.ofHours(1));
        scenario.privacy().placeHold(HOTEL, r.second().id(), "dava-2026-114", "Dava: " + PersonalDataScenario.NAME, Actor.staff("hukuk"));
        clock.advance(Duration.ofDays(30));

        LegalHold released = scenario.privacy().releaseHold(HOTEL, r.second().id(), "dava-2026-114", Actor.staff("hukuk.muduru"))
                .orElseThrow();

        assertThat(released.releasedBy()).isEqualTo(Actor.staff("hukuk.muduru"));
        assertThat(released.releasedAt()).isEqualTo(clock.instant());
        assertThat(scenario.privacy().holds(HOTEL, r.second().id())).isEmpty();
        assertThat(scenario.privacy().releasedHolds(HOTEL, r.second().id())).containsExactly(released);
        assertThat(scenario.privacy().releaseHold(HOTEL, r.second().id(), "dava-2026-114", Actor.staff("hukuk"))).isEmpty();
        String json = PersonalDataJson.write(scenario.privacy().export(HOTEL, r.person(), OFFICER, REQUEST));
        assertThat(json).contains("dava-2026-114", "Dava: " + PersonalDataScenario.NAME, "\"releasedAt\" : \"" + clock.instant() + "\"");

        scenario.privacy().erase(HOTEL, r.person(), Actor.staff("kvkk.sorumlusu"));

        assertThat(scenario.privacy().releasedHolds(HOTEL, r.second().id())).singleElement().satisfies(h -> {
            assertThat(h.reason()).isEqualTo(Anonymisation.PLACEHOLDER);
            assertThat(h.releasedBy()).isEqualTo(Actor.staff("hukuk.muduru"));
            assertThat(h.releasedAt()).isEqualTo(released.releasedAt());
        });
        assertThat(everythingStored(r.person())).doesNotContain(PersonalDataScenario.NAME);
    }

    @Test
    void theExportHoldsEveryFeedbackOfThePersonAndNothingOfOthers() {
        PersonalDataScenario.Result r = scenario.run(HOTEL);
        Feedback third = scenario.desk().receive(Intake.builder(HOTEL, FeedbackKind.QUESTION, Channel.KIOSK, "Havuz kaçta açılıyor?")
                .customer(Customer.builder().email(PersonalDataScenario.EMAIL).build()).build());

        PersonalData data = scenario.privacy().export(HOTEL, r.person(), OFFICER, REQUEST);
        String json = PersonalDataJson.write(data);

        assertThat(data.feedback()).extracting(i -> i.feedback().id()).containsExactlyInAnyOrder(r.first().id(), r.second().id(), third.id());
        assertThat(json).contains(r.first().reference().toString(), r.second().reference().toString(), third.reference().toString(),
                PersonalDataScenario.DESCRIPTION, PersonalDataScenario.NOTE, PersonalDataScenario.MESSAGE, PersonalDataScenario.SURVEY_TEXT,
                PersonalDataScenario.COMMENT_TEXT, "Havuz kaçta açılıyor?", "\"purpose\" : \"surveys\"")
                .doesNotContain(PersonalDataScenario.OTHER_NAME).doesNotContain(r.other().reference().toString());
        assertThat(scenario.privacy().export(HOTEL, PersonKey.externalId(PersonalDataScenario.EXTERNAL_ID), OFFICER, REQUEST).feedback()).hasSize(2);
        assertThat(scenario.privacy().export(HOTEL, PersonKey.phone(PersonalDataScenario.PHONE), OFFICER, REQUEST).feedback()).hasSize(2);
    }

    @Test
    void aPersonNamedByEmailIsFoundWhateverTheCaseTheAddressWasWrittenIn() {
        Feedback typed = scenario.desk().receive(io.memnun.feedback.Intake.builder(HOTEL, FeedbackKind.COMPLAINT, io.memnun.feedback.Channel.EMAIL,
                "Havlular kirliydi").customer(io.memnun.feedback.Customer.builder().name("Mehmet Öztürk").email("Mehmet.Ozturk@Example.com").build())
                .department(PersonalDataScenario.HOUSEKEEPING).build());
        scenario.privacy().recordConsent(HOTEL, PersonKey.email("MEHMET.OZTURK@example.com"), "surveys", "web-form", null);

        assertThat(scenario.privacy().export(HOTEL, PersonKey.email("mehmet.ozturk@example.com"), OFFICER, REQUEST).feedback()).singleElement()
                .satisfies(i -> assertThat(i.feedback().id()).isEqualTo(typed.id()));
        ErasureReport report = scenario.privacy().erase(HOTEL, PersonKey.email("mehmet.ozturk@example.com"), Actor.staff("kvkk.sorumlusu"));

        assertThat(report.anonymised()).containsExactly(typed.reference().toString());
        assertThat(report.consentsDeleted()).isEqualTo(1);
        assertThat(store.find(HOTEL, typed.id()).orElseThrow().customer().email()).isNull();
        assertThat(scenario.privacy().consents(HOTEL, PersonKey.email("Mehmet.Ozturk@Example.com"))).isEmpty();
    }

    @Test
    void consentIsRecordedWithdrawnAndAnswered() {
        PersonKey person = PersonKey.phone("+905551234567");
        ConsentRecord given = scenario.privacy().recordConsent(HOTEL, person, "commercial", "front-desk", "Kâğıt form no 118");
        assertThat(scenario.privacy().hasConsent(HOTEL, person, "commercial")).isTrue();
        assertThat(scenario.privacy().hasConsent(HOTEL, person, "surveys")).isFalse();

        clock.advance(Duration.ofDays(10));
        List<ConsentRecord> withdrawn = scenario.privacy().withdrawConsent(HOTEL, person, "commercial");

        assertThat(withdrawn).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo(given.id());
            assertThat(w.withdrawnAt()).isEqualTo(clock.instant());
        });
        assertThat(scenario.privacy().hasConsent(HOTEL, person, "commercial")).isFalse();
        assertThat(scenario.privacy().consents(HOTEL, person)).singleElement()
                .satisfies(c -> assertThat(c.isActiveAt(given.givenAt())).isTrue());
    }

    @Test
    void retentionAnonymisesWhatIsDuePerKindAndTypeSkipsHeldAndOpenFeedbackAndReportsIt() {
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).build();
        PrivacyDesk privacy = PrivacyDesk.builder(desk, privacyStore)
                .accessLogKey(io.memnun.tck.Fixtures.accessLogKey()).attachments(files).surveys(surveys).tenants(HOTEL)
                .retention(RetentionPolicy.builder()
                        .afterClosing(Duration.ofDays(730))
                        .afterClosing(FeedbackKind.COMPLIMENT, Duration.ofDays(180))
                        .afterClosing(FeedbackTypeId.of("hukuki"), Duration.ofDays(3650))
                        .build())
                .build();
        Feedback compliment = closed(desk, Intake.builder(HOTEL, FeedbackKind.COMPLIMENT, Channel.KIOSK, "Harika personel, Ali Bey"));
        Feedback complaint = closed(desk, Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.KIOSK, "Gürültü, Veli Bey"));
        Feedback legal = closed(desk, Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.KIOSK, "Avukatım arayacak").type(FeedbackTypeId.of("hukuki")));
        Feedback held = closed(desk, Intake.builder(HOTEL, FeedbackKind.COMPLIMENT, Channel.KIOSK, "Tutulan"));
        privacy.placeHold(HOTEL, held.id(), "denetim", "Bakanlık denetimi", Actor.staff("hukuk"));
        Feedback open = desk.receive(Intake.builder(HOTEL, FeedbackKind.COMPLIMENT, Channel.KIOSK, "Açık kalan").customer(PersonalDataScenario.guest()).build());
        Instant closedAt = compliment.closedAt().orElseThrow();

        RetentionReport early = privacy.runRetention(HOTEL, closedAt.plus(Duration.ofDays(179)));
        assertThat(early.anonymised()).isEmpty();
        assertThat(early.examined()).isEqualTo(4);

        List<RetentionReport> halfYear = privacy.tick(closedAt.plus(Duration.ofDays(180)));
        assertThat(halfYear).singleElement().satisfies(rep -> {
            assertThat(rep.anonymised()).containsExactly(compliment.reference().toString());
            assertThat(rep.held()).containsExactly(held.reference().toString());
        });
        assertThat(Anonymisation.isAnonymised(store.find(HOTEL, compliment.id()).orElseThrow())).isTrue();
        assertThat(store.find(HOTEL, complaint.id()).orElseThrow().description()).isEqualTo("Gürültü, Veli Bey");

        RetentionReport twoYears = privacy.runRetention(HOTEL, closedAt.plus(Duration.ofDays(730)));
        assertThat(twoYears.anonymised()).containsExactly(complaint.reference().toString());
        assertThat(store.find(HOTEL, legal.id()).orElseThrow().description()).isEqualTo("Avukatım arayacak");
        assertThat(store.find(HOTEL, open.id()).orElseThrow().customer().name()).isEqualTo(PersonalDataScenario.NAME);

        RetentionReport again = privacy.runRetention(HOTEL, closedAt.plus(Duration.ofDays(731)));
        assertThat(again.anonymised()).isEmpty();
        assertThat(store.history(HOTEL, compliment.id()).stream().filter(e -> e.type() == EventType.ANONYMISED)).hasSize(1);
    }

    @Test
    void aFeedbackThatCannotBeAnonymisedIsReportedAndTheRunGoesOnWithTheOthers() {
        Feedback[] refused = new Feedback[1];
        FeedbackDesk desk = FeedbackDesk.builder().store(new io.memnun.testing.ForwardingFeedbackStore(store) {
            @Override
            public void redact(io.memnun.spi.FeedbackRedaction redaction) {
                if (redaction.feedback().id().equals(refused[0].id())) {
                    throw new io.memnun.error.StoreException("the database refuses " + refused[0].reference());
                }
                super.redact(redaction);
            }
        }).referenceSequence(store).clock(clock).build();
        PrivacyDesk privacy = PrivacyDesk.builder(desk, privacyStore).accessLogKey(io.memnun.tck.Fixtures.accessLogKey()).tenants(HOTEL)
                .retention(RetentionPolicy.builder().afterClosing(Duration.ofDays(730)).build()).build();
        refused[0] = closed(desk, Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.KIOSK, "Gürültü, Veli Bey"));
        Feedback later = closed(desk, Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.KIOSK, "Soğuk oda, Ayşe Hanım"));

        List<RetentionReport> reports = privacy.tick(later.closedAt().orElseThrow().plus(Duration.ofDays(730)));

        assertThat(reports).singleElement().satisfies(rep -> {
            assertThat(rep.failed()).containsExactly(refused[0].reference().toString());
            assertThat(rep.anonymised()).containsExactly(later.reference().toString());
        });
        assertThat(Anonymisation.isAnonymised(store.find(HOTEL, later.id()).orElseThrow())).isTrue();
        assertThat(store.find(HOTEL, refused[0].id()).orElseThrow().description()).isEqualTo("Gürültü, Veli Bey");
    }

    /**
     * A conflict in the store's own transaction cost only that feedback's anonymisation: reported as failed, like any
     * other failure, and the run goes on. One in the host's transaction ends the run (and the tick): the database
     * aborted the transaction, with the anonymisations before it.
     */
    @Test
    void aConflictIsOneFailedFeedbackOutsideTheHostsTransactionAndEndsTheRunInsideIt() {
        for (boolean inHostTransaction : new boolean[] {false, true}) {
            MutableClock at = MutableClock.at("2026-03-16T07:00:00Z");
            InMemoryFeedbackStore own = new InMemoryFeedbackStore();
            Feedback[] refused = new Feedback[1];
            List<io.memnun.feedback.FeedbackId> tried = new ArrayList<>();
            io.memnun.error.TransactionConflictException conflict = SlaMonitorTest.conflict(inHostTransaction);
            FeedbackDesk desk = FeedbackDesk.builder().store(new io.memnun.testing.ForwardingFeedbackStore(own) {
                @Override
                public void redact(io.memnun.spi.FeedbackRedaction redaction) {
                    tried.add(redaction.feedback().id());
                    if (redaction.feedback().id().equals(refused[0].id())) {
                        throw conflict;
                    }
                    super.redact(redaction);
                }
            }).referenceSequence(own).clock(at).build();
            PrivacyDesk privacy = PrivacyDesk.builder(desk, new InMemoryPrivacyStore()).accessLogKey(io.memnun.tck.Fixtures.accessLogKey())
                    .tenants(HOTEL).retention(RetentionPolicy.builder().afterClosing(Duration.ofDays(730)).build()).build();
            // the run works from the oldest: the conflict comes first, with work left after it
            refused[0] = closed(desk, Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.KIOSK, "Gürültü, Veli Bey"));
            at.advance(Duration.ofMinutes(1));
            Feedback other = closed(desk, Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.KIOSK, "Soğuk oda, Ayşe Hanım"));
            Instant due = other.closedAt().orElseThrow().plus(Duration.ofDays(730));

            if (inHostTransaction) {
                assertThatThrownBy(() -> privacy.runRetention(HOTEL, due)).isSameAs(conflict);
                assertThatThrownBy(() -> privacy.tick(due)).isSameAs(conflict);
                assertThat(tried).as("nothing after the conflict was tried").containsOnly(refused[0].id());
                assertThat(Anonymisation.isAnonymised(own.find(HOTEL, other.id()).orElseThrow())).isFalse();
            } else {
                RetentionReport report = privacy.runRetention(HOTEL, due);
                assertThat(report.failed()).containsExactly(refused[0].reference().toString());
                assertThat(report.anonymised()).containsExactly(other.reference().toString());
            }
        }
    }

    private Feedback closed(FeedbackDesk desk, Intake.Builder intake) {
        Feedback f = desk.receive(intake.customer(Customer.builder().name("Bir Misafir").email("misafir@ornek.com.tr").build()).build());
        return desk.cancel(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Bilgi amaçlı, iş gerekmez");
    }
}
