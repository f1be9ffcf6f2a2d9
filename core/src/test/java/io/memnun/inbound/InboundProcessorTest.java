package io.memnun.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.InboundOutcome.Effect;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.tck.Fixtures;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboundProcessorTest {
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
    private final TenantId tenant = TenantId.of("otel");
    private final Customer mehmet = Customer.builder().name("Mehmet Öztürk").email("mehmet@example.com.tr").build();
    private final Customer smsMehmet = Customer.builder().phone("+905321234567").build();
    private final Actor ayse = Actor.staff("ayse");

    private InboundProcessor processor(InboundProcessor.ClosedPolicy policy) {
        return InboundProcessor.builder(desk).whenClosed(policy).build();
    }

    private InboundMessage.Builder mail(String id, Customer from, String subject, String text) {
        clock.advance(Duration.ofMinutes(1));
        return InboundMessage.builder(tenant, Channel.EMAIL, id, from).subject(subject).text(text);
    }

    private Feedback existing(Customer customer) {
        clock.advance(Duration.ofMinutes(1));
        return desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima çalışmıyor").customer(customer).build());
    }

    private Feedback resolved(Customer customer) {
        Feedback f = existing(customer);
        desk.take(tenant, f.id(), ayse);
        return desk.resolve(tenant, f.id(), ayse, "Oda değiştirildi");
    }

    private List<FeedbackEvent> messages(Feedback f) {
        return desk.history(tenant, f.id()).stream().filter(e -> e.type() == EventType.CUSTOMER_MESSAGE).toList();
    }

    @Test
    void aNewMessageBecomesOneFeedbackEvenWhenProcessedTwice() {
        InboundProcessor p = processor(InboundProcessor.ClosedPolicy.NEW_LINKED_FEEDBACK);
        InboundMessage m = mail("<a1@mail.example>", mehmet, "Klima", "Oda 412'de klima çalışmıyor").build();

        InboundOutcome first = p.process(m);
        InboundOutcome second = p.process(m);

        assertThat(first).isInstanceOf(InboundOutcome.Created.class);
        Feedback f = ((InboundOutcome.Created) first).feedback();
        assertThat(f.channel()).isEqualTo(Channel.EMAIL);
        assertThat(f.intakeKey()).contains("<a1@mail.example>");
        assertThat(f.description()).isEqualTo("Klima\n\nOda 412'de klima çalışmıyor");
        assertThat(f.customer().email()).isEqualTo(mehmet.email());
        assertThat(second).isEqualTo(new InboundOutcome.AlreadyProcessed(f));
    }

    @Test
    void aReplyToAnAnonymisedFeedbackStartsAFeedbackOfItsOwnAndLeavesTheAnonymisedOneAsItWas() {
        Feedback f = existing(mehmet);
        io.memnun.PrivacyDesk.builder(desk, new io.memnun.store.memory.InMemoryPrivacyStore()).accessLogKey(Fixtures.accessLogKey()).build()
                .erase(tenant, io.memnun.privacy.PersonKey.email("mehmet@example.com.tr"), ayse);
        List<FeedbackEvent> anonymised = desk.history(tenant, f.id());
        for (InboundProcessor.ClosedPolicy policy : InboundProcessor.ClosedPolicy.values()) {
            InboundProcessor p = InboundProcessor.builder(desk).whenClosed(policy)
                    .threads((t, id) -> id.equals("<n1-abc@otel.example>") ? Optional.of(f.id()) : Optional.empty()).build();
            InboundMessage reply = mail("<r-" + policy + "@mail.example>", mehmet, "Re: your feedback", "Hala sıcak, Mehmet Öztürk")
                    .reference("<n1-abc@otel.example>").build();

            InboundOutcome outcome = p.process(reply);

            assertThat(outcome).as("%s", policy).isInstanceOfSatisfying(InboundOutcome.Created.class, c -> {
                assertThat(c.linkedTo().id()).isEqualTo(f.id());
                assertThat(c.feedback().customer().email()).isEqualTo(mehmet.email());
                assertThat(c.feedback().context()).containsEntry("linkedTo", f.reference().toString());
            });
            assertThat(p.process(reply)).isInstanceOf(InboundOutcome.AlreadyProcessed.class);
        }
        assertThat(desk.history(tenant, f.id())).isEqualTo(anonymised);
        assertThat(desk.history(tenant, f.id()).toString()).doesNotContain("Mehmet").doesNotContain("mehmet");
    }

    @Test
    void aStrangerQuotingTheReferenceCannotAnswerTheQuestionPutToTheCustomer() {
        Feedback f = existing(mehmet);
        desk.take(tenant, f.id(), ayse);
        desk.awaitCustomer(tenant, f.id(), ayse, "Hangi oda?");
        Customer stranger = Customer.builder().email("attacker@evil.example").build();

        InboundOutcome outcome = processor(InboundProcessor.ClosedPolicy.NEW_LINKED_FEEDBACK)
                .process(mail("<s1@evil.example>", stranger, "Re: " + f.reference(), "Oda 999, sorun çözüldü").build());

        assertThat(outcome).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> assertThat(t.effect()).isEqualTo(Effect.MESSAGE));
        assertThat(desk.get(tenant, f.id()).status()).isEqualTo(Status.AWAITING_CUSTOMER);
        assertThat(messages(f)).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("senderIsCustomer", "false"));
        // the customer's own answer still resumes it
        InboundOutcome own = processor(InboundProcessor.ClosedPolicy.NEW_LINKED_FEEDBACK)
                .process(mail("<m1@mail.example>", mehmet, "Re: " + f.reference(), "Oda 412").build());
        assertThat(own).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> assertThat(t.effect()).isEqualTo(Effect.RESPONDED));
        assertThat(desk.get(tenant, f.id()).status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void aReplyToAClosedFeedbackWhoseNoteFailsStillHasItsNewFeedbackAndASecondDeliveryAddsNone() {
        InMemoryFeedbackStore memory = new InMemoryFeedbackStore();
        boolean[] failNote = {true};
        FeedbackDesk flaky = FeedbackDesk.builder().store(new io.memnun.testing.ForwardingFeedbackStore(memory) {
            @Override
            public void save(io.memnun.spi.FeedbackChange change) {
                if (failNote[0] && change.events().stream().anyMatch(e -> e.type() == EventType.CUSTOMER_MESSAGE)) {
                    failNote[0] = false;
                    throw new io.memnun.error.StoreException("connection lost");
                }
                super.save(change);
            }
        }).referenceSequence(memory).clock(clock).build();
        Feedback f = flaky.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Klima çalışmıyor").customer(mehmet).build());
        flaky.cancel(tenant, f.id(), ayse, "Misafir vazgeçti");
        InboundProcessor p = InboundProcessor.builder(flaky).whenClosed(InboundProcessor.ClosedPolicy.NEW_LINKED_FEEDBACK).build();
        InboundMessage reply = mail("<late-1@mail.example>", mehmet, "Re: " + f.reference(), "Yine de bakın lütfen").build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.process(reply)).isInstanceOf(io.memnun.error.StoreException.class);
        InboundOutcome again = p.process(reply);

        List<Feedback> all = flaky.query(io.memnun.feedback.FeedbackQuery.builder(tenant).build()).items();
        assertThat(all).hasSize(2);
        Feedback created = all.stream().filter(x -> !x.id().equals(f.id())).findFirst().orElseThrow();
        assertThat(created.context()).containsEntry("linkedTo", f.reference().toString());
        assertThat(again).isEqualTo(new InboundOutcome.AlreadyProcessed(created));
    }

    @Test
    void aReplyFoundByItsThreadIsRecordedOnceOnTheSameFeedback() {
        Feedback f = existing(mehmet);
        InboundProcessor p = InboundProcessor.builder(desk)
                .threads((t, id) -> id.equals("<n1-abc@otel.example>") ? Optional.of(f.id()) : Optional.empty()).build();
        InboundMessage reply = mail("<r1@mail.example>", mehmet, "Re: your feedback", "Hala sıcak").reference("<unknown@x>")
                .reference("<n1-abc@otel.example>").build();

        InboundOutcome outcome = p.process(reply);
        InboundOutcome again = p.process(reply);

        assertThat(outcome).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> {
            assertThat(t.feedback().id()).isEqualTo(f.id());
            assertThat(t.effect()).isEqualTo(Effect.MESSAGE);
            assertThat(t.feedback().status()).isEqualTo(Status.NEW);
        });
        assertThat(again).isInstanceOf(InboundOutcome.AlreadyProcessed.class);
        assertThat(messages(f)).singleElement().satisfies(e -> {
            assertThat(e.note()).isEqualTo("Hala sıcak");
            assertThat(e.details()).containsEntry("messageId", "<r1@mail.example>").containsEntry("channel", "email");
        });
    }

    @Test
    void aReferenceNumberInTheSubjectThreadsButAMistypedOneDoesNot() {
        Feedback f = existing(mehmet);
        Feedback other = existing(mehmet);
        InboundProcessor p = processor(InboundProcessor.ClosedPolicy.NEW_LINKED_FEEDBACK);
        String ref = f.reference().toString();
        int check = f.reference().checkDigit();
        String mistyped = ref.substring(0, ref.length() - 1) + ((check + 1) % 10);

        InboundOutcome good = p.process(mail("<g@x>", mehmet, "Re: " + ref.toLowerCase(java.util.Locale.ROOT), "ek bilgi").build());
        InboundOutcome bad = p.process(mail("<b@x>", mehmet, "Re: " + mistyped, "ek bilgi").build());

        assertThat(good).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> assertThat(t.feedback().id()).isEqualTo(f.id()));
        assertThat(bad).isInstanceOfSatisfying(InboundOutcome.Created.class, c -> {
            assertThat(c.feedback().id()).isNotIn(f.id(), other.id());
            assertThat(c.feedback().context()).containsEntry("unmatchedReference", mistyped);
        });
        assertThat(messages(other)).isEmpty();
    }

    @Test
    void theCustomersYesClosesAResolvedFeedbackAsAccepted() {
        Feedback f = resolved(mehmet);
        InboundOutcome outcome = processor(InboundProcessor.ClosedPolicy.RECORD_ONLY)
                .process(mail("<y@x>", mehmet, "Re: " + f.reference(), "Evet, teşekkürler").build());

        assertThat(outcome).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> {
            assertThat(t.effect()).isEqualTo(Effect.ACCEPTED);
            assertThat(t.feedback().status()).isEqualTo(Status.CLOSED);
            assertThat(t.feedback().closureReason()).contains(ClosureReason.ACCEPTED);
        });
        List<FeedbackEvent> h = desk.history(tenant, f.id());
        assertThat(h.subList(h.size() - 2, h.size())).extracting(FeedbackEvent::type)
                .containsExactly(EventType.CUSTOMER_MESSAGE, EventType.ACCEPTED);
        assertThat(h.get(h.size() - 1).note()).isEqualTo("Evet, teşekkürler");
    }

    @Test
    void aRejectionReopensAndAnythingElseIsOnlyRecorded() {
        Feedback rejected = resolved(mehmet);
        Feedback chatty = resolved(mehmet);
        InboundProcessor p = processor(InboundProcessor.ClosedPolicy.RECORD_ONLY);

        InboundOutcome no = p.process(mail("<n@x>", mehmet, "Re: " + rejected.reference(), "HAYIR, hala bozuk").build());
        InboundOutcome chat = p.process(mail("<c@x>", mehmet, "Re: " + chatty.reference(), "Ne zaman gelirsiniz?").build());

        assertThat(no).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> {
            assertThat(t.effect()).isEqualTo(Effect.REJECTED);
            assertThat(t.feedback().status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(t.feedback().rejectionCount()).isEqualTo(1);
        });
        assertThat(chat).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> {
            assertThat(t.effect()).isEqualTo(Effect.MESSAGE);
            assertThat(t.feedback().status()).isEqualTo(Status.RESOLVED);
        });
    }

    @Test
    void aStrangerQuotingTheReferenceCannotDecide() {
        Feedback f = resolved(mehmet);
        Customer stranger = Customer.builder().email("someone@else.example").build();
        InboundOutcome outcome = processor(InboundProcessor.ClosedPolicy.RECORD_ONLY)
                .process(mail("<s@x>", stranger, "Re: " + f.reference(), "Evet").build());

        assertThat(outcome).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> {
            assertThat(t.effect()).isEqualTo(Effect.MESSAGE);
            assertThat(t.feedback().status()).isEqualTo(Status.RESOLVED);
        });
        assertThat(messages(f)).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("senderIsCustomer", "false"));
    }

    @Test
    void anAnswerToAQuestionResumesTheFeedback() {
        Feedback f = existing(mehmet);
        desk.take(tenant, f.id(), ayse);
        desk.awaitCustomer(tenant, f.id(), ayse, "Hangi oda?");
        InboundOutcome outcome = processor(InboundProcessor.ClosedPolicy.RECORD_ONLY)
                .process(mail("<q@x>", mehmet, "Re: " + f.reference(), "412").build());

        assertThat(outcome).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> {
            assertThat(t.effect()).isEqualTo(Effect.RESPONDED);
            assertThat(t.feedback().status()).isEqualTo(Status.IN_PROGRESS);
        });
    }

    @Test
    void aReplyToAClosedFeedbackFollowsThePolicy() {
        Feedback appealed = resolved(mehmet);
        desk.accept(tenant, appealed.id(), null);
        Feedback linked = resolved(mehmet);
        desk.accept(tenant, linked.id(), null);

        InboundOutcome appeal = processor(InboundProcessor.ClosedPolicy.APPEAL)
                .process(mail("<ap@x>", mehmet, "Re: " + appealed.reference(), "Yine bozuldu").build());
        InboundOutcome fresh = processor(InboundProcessor.ClosedPolicy.NEW_LINKED_FEEDBACK)
                .process(mail("<nl@x>", mehmet, "Re: " + linked.reference(), "Yine bozuldu").build());

        assertThat(appeal).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> {
            assertThat(t.effect()).isEqualTo(Effect.APPEALED);
            assertThat(t.feedback().status()).isEqualTo(Status.IN_PROGRESS);
        });
        assertThat(fresh).isInstanceOfSatisfying(InboundOutcome.Created.class, c -> {
            assertThat(c.linkedTo()).isNotNull();
            assertThat(c.linkedTo().id()).isEqualTo(linked.id());
            assertThat(c.linkedTo().status()).isEqualTo(Status.CLOSED);
            assertThat(c.feedback().context()).containsEntry("linkedTo", linked.reference().toString());
        });
        assertThat(messages(linked)).hasSize(1);
        // processed again after a crash: neither a second message nor a second feedback
        InboundOutcome again = processor(InboundProcessor.ClosedPolicy.NEW_LINKED_FEEDBACK)
                .process(mail("<nl@x>", mehmet, "Re: " + linked.reference(), "Yine bozuldu").build());
        assertThat(again).isInstanceOf(InboundOutcome.AlreadyProcessed.class);
        assertThat(messages(linked)).hasSize(1);
    }

    @Test
    void aMessageIsNeverRefusedForADepartmentTheCatalogueNoLongerHasItIsRouted() {
        io.memnun.store.memory.InMemoryCatalogStore catalogs = new io.memnun.store.memory.InMemoryCatalogStore();
        catalogs.importCatalog(tenant, io.memnun.routing.HotelCatalog.catalog());
        io.memnun.routing.Router router = io.memnun.routing.Router.builder().catalogs(catalogs)
                .ruleSets(new io.memnun.store.memory.InMemoryRuleSetStore()).clock(clock).build();
        router.activate(tenant, io.memnun.routing.RuleSet.builder()
                .rule(io.memnun.routing.RoutingRule.builder("default").department(io.memnun.routing.HotelCatalog.GUEST_RELATIONS)).build());
        FeedbackDesk routed = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).router(router).build();
        Feedback closed = routed.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Restoran kirli")
                .customer(mehmet).department(io.memnun.routing.HotelCatalog.FNB).build());
        routed.take(tenant, closed.id(), ayse);
        routed.resolve(tenant, closed.id(), ayse, "Temizlendi");
        routed.accept(tenant, closed.id(), null);
        catalogs.deactivate(tenant, io.memnun.routing.CatalogRef.of(io.memnun.routing.HotelCatalog.FNB));
        InboundProcessor p = InboundProcessor.builder(routed).whenClosed(InboundProcessor.ClosedPolicy.NEW_LINKED_FEEDBACK).build();

        // the customer writes again about the closed one: its department is gone, the new feedback is routed instead
        InboundOutcome again = p.process(mail("<again@x>", mehmet, "Re: " + closed.reference(), "Yine kirli").build());
        InboundOutcome fresh = p.process(mail("<fresh@x>", mehmet, "Havuz", "Havuz soğuk").build());

        assertThat(again).isInstanceOfSatisfying(InboundOutcome.Created.class, c -> {
            assertThat(c.feedback().department()).contains(io.memnun.routing.HotelCatalog.GUEST_RELATIONS);
            assertThat(c.feedback().context()).containsEntry("linkedTo", closed.reference().toString());
        });
        assertThat(fresh).isInstanceOfSatisfying(InboundOutcome.Created.class,
                c -> assertThat(c.feedback().department()).contains(io.memnun.routing.HotelCatalog.GUEST_RELATIONS));
    }

    @Test
    void aMessageDatedBeforeTheYearsTheDeskTakesIsReceivedNowLikeOneDatedInTheFuture() {
        io.memnun.sla.SlaPolicy policy = io.memnun.sla.SlaPolicy.builder(io.memnun.sla.CalendarRegistry.of(
                        io.memnun.sla.BusinessCalendar.alwaysOpen("desk", java.time.ZoneId.of("Europe/Istanbul"))))
                .target(io.memnun.feedback.Priority.NORMAL, io.memnun.sla.SlaTarget.of(io.memnun.feedback.SlaKind.RESOLUTION,
                        Duration.ofHours(24), "desk"))
                .build();
        FeedbackDesk withTargets = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).sla(policy).build();
        for (FeedbackDesk d : List.of(withTargets, desk)) {
            InboundProcessor p = InboundProcessor.builder(d).build();
            String id = "<old-" + d.hashCode() + "@x>";
            // a mail client with its clock unset, or a forged Date header
            InboundOutcome old = p.process(mail(id, mehmet, "Klima", "Çalışmıyor").receivedAt(java.time.Instant.parse("1899-06-01T00:00:00Z")).build());
            assertThat(old).isInstanceOfSatisfying(InboundOutcome.Created.class,
                    c -> assertThat(c.feedback().receivedAt()).isEqualTo(clock.instant()));
            InboundOutcome future = p.process(mail(id + "f", mehmet, "Klima", "Çalışmıyor").receivedAt(clock.instant().plusSeconds(60)).build());
            assertThat(future).isInstanceOfSatisfying(InboundOutcome.Created.class,
                    c -> assertThat(c.feedback().receivedAt()).isEqualTo(clock.instant()));
        }
    }

    @Test
    void aMessageAndTheCustomersRejectionAreRecordedEvenWhenTheCalendarCannotCountTheResolutionTarget() {
        // the only working day the calendar knows is today's, with about five and a half hours left
        io.memnun.sla.BusinessCalendar today = io.memnun.sla.BusinessCalendar.builder("fair", java.time.ZoneId.of("Europe/Istanbul"))
                .openOn(java.time.LocalDate.of(2026, 3, 14), "09:00-18:00").build();
        io.memnun.sla.SlaPolicy policy = io.memnun.sla.SlaPolicy.builder(io.memnun.sla.CalendarRegistry.of(today))
                .target(io.memnun.feedback.Priority.NORMAL, io.memnun.sla.SlaTarget.of(io.memnun.feedback.SlaKind.RESOLUTION,
                        Duration.ofHours(27), "fair"))
                .build();
        FeedbackDesk sparse = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).sla(policy).build();
        InboundProcessor p = InboundProcessor.builder(sparse).build();

        InboundOutcome created = p.process(mail("<fair@x>", mehmet, "Stant", "Stant kapalıydı").build());

        Feedback f = ((InboundOutcome.Created) created).feedback();
        assertThat(f.slaClocks()).isEmpty();
        assertThat(sparse.history(tenant, f.id()).get(0).details())
                .hasEntrySatisfying("sla.RESOLUTION", v -> assertThat(v).startsWith("not counted: calendar 'fair'"));
        sparse.take(tenant, f.id(), ayse);
        sparse.resolve(tenant, f.id(), ayse, "Stant açıldı");
        clock.advance(Duration.ofDays(2));
        InboundOutcome no = p.process(mail("<fair-no@x>", mehmet, "Re: " + f.reference(), "Hayır, yine kapalı").build());
        assertThat(no).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> {
            assertThat(t.effect()).isEqualTo(Effect.REJECTED);
            assertThat(t.feedback().status()).isEqualTo(Status.IN_PROGRESS);
        });
    }

    @Test
    void anSmsGoesToTheSendersNewestOpenFeedbackOrStartsOne() {
        Feedback older = resolved(smsMehmet);
        Feedback newer = resolved(smsMehmet);
        InboundProcessor p = processor(InboundProcessor.ClosedPolicy.RECORD_ONLY);
        clock.advance(Duration.ofMinutes(1));

        InboundOutcome yes = p.process(InboundMessage.builder(tenant, Channel.SMS, "sms-1", smsMehmet).text("EVET").build());
        InboundOutcome unknown = p.process(InboundMessage.builder(tenant, Channel.SMS, "sms-2",
                Customer.builder().phone("+905329999999").build()).text("Odada su yok").build());

        assertThat(yes).isInstanceOfSatisfying(InboundOutcome.Threaded.class, t -> {
            assertThat(t.feedback().id()).isEqualTo(newer.id());
            assertThat(t.effect()).isEqualTo(Effect.ACCEPTED);
        });
        assertThat(desk.get(tenant, older.id()).status()).isEqualTo(Status.RESOLVED);
        assertThat(unknown).isInstanceOfSatisfying(InboundOutcome.Created.class,
                c -> assertThat(c.feedback().channel()).isEqualTo(Channel.SMS));
    }

    @Test
    void automatedMessagesChangeNothing() {
        Feedback f = existing(mehmet);
        InboundOutcome outcome = processor(InboundProcessor.ClosedPolicy.APPEAL)
                .process(mail("<ooo@x>", mehmet, "Out of office: " + f.reference(), "I am away").automated("Auto-Submitted: auto-replied").build());

        assertThat(outcome).isEqualTo(new InboundOutcome.Ignored("Auto-Submitted: auto-replied"));
        assertThat(desk.history(tenant, f.id())).hasSize(1);
        assertThat(desk.findByIntakeKey(tenant, "<ooo@x>")).isEmpty();
    }

    @Test
    void controlCharactersAndAnEmptyBodyDoNotStopIntake() {
        InboundOutcome outcome = processor(InboundProcessor.ClosedPolicy.RECORD_ONLY)
                .process(mail("<e@x>", mehmet, "Şikayet", "\u0000\u0007").build());

        assertThat(outcome).isInstanceOfSatisfying(InboundOutcome.Created.class,
                c -> assertThat(c.feedback().description()).isEqualTo("Şikayet"));
    }

    @Test
    void aThreadToAFeedbackOfAnotherTenantIsNotFollowed() {
        TenantId other = TenantId.of("baska-otel");
        Feedback theirs = desk.receive(Intake.builder(other, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "x").customer(mehmet).build());
        FeedbackId id = theirs.id();
        InboundProcessor p = InboundProcessor.builder(desk).threads((t, ref) -> Optional.of(id)).build();

        InboundOutcome outcome = p.process(mail("<t@x>", mehmet, "Re: hi", "hello").reference("<n1-x@y>").build());

        assertThat(outcome).isInstanceOf(InboundOutcome.Created.class);
        assertThat(desk.history(other, id)).hasSize(1);
        assertThat(ReferenceNumber.isValid(theirs.reference().toString())).isTrue();
    }
}
