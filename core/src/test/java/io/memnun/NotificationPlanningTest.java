package io.memnun;

import static io.memnun.NotificationFixture.HOTEL;
import static io.memnun.NotificationFixture.TR;
import static io.memnun.NotificationFixture.complaint;
import static io.memnun.NotificationFixture.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.StoreException;
import io.memnun.error.ValidationException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Consent;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.StaffId;
import io.memnun.notify.Delivery;
import io.memnun.notify.MessageCategory;
import io.memnun.notify.Notification;
import io.memnun.notify.NotificationRule;
import io.memnun.notify.NotificationRules;
import io.memnun.notify.OutboxMessage;
import io.memnun.notify.Party;
import io.memnun.notify.TemplateCatalog;
import io.memnun.notify.TemplatePart;
import io.memnun.sla.BusinessCalendar;
import io.memnun.sla.CalendarRegistry;
import io.memnun.sla.EscalationLevel;
import io.memnun.sla.Recipient;
import io.memnun.sla.SlaPolicy;
import io.memnun.sla.SlaTarget;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.OutboxStore;
import io.memnun.spi.TransactionalOutbox;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.store.memory.InMemoryOutboxStore;
import io.memnun.testing.ForwardingFeedbackStore;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the desk writes to the outbox, and on the event, for each kind of event and recipient. */
class NotificationPlanningTest {
    private final MutableClock clock = NotificationFixture.clock();
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();

    private FeedbackDesk desk(Notifications notifications) {
        return FeedbackDesk.builder().store(store).clock(clock).notifications(notifications).build();
    }

    private List<Notification> outbox() {
        return store.outbox().all().stream().map(OutboxMessage::notification).toList();
    }

    private static FeedbackEvent last(List<FeedbackEvent> history) {
        return history.get(history.size() - 1);
    }

    @Test
    void aReceiptTellsTheCustomerTheReferenceAndTheDepartmentAtOnce() {
        FeedbackDesk desk = desk(NotificationFixture.notifications().trackingUrl("https://otel.example/takip/{reference}").build());
        Feedback f = desk.receive(complaint(customer()).build());

        List<Notification> out = outbox();
        assertThat(out).extracting(Notification::party, Notification::channel, Notification::address).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Party.CUSTOMER, ContactChannel.EMAIL, "sukru@example.com.tr"),
                org.assertj.core.groups.Tuple.tuple(Party.DEPARTMENT, ContactChannel.SMS, "+905551112233"));
        Notification ack = out.get(0);
        assertThat(ack.subject()).isEqualTo("Geri bildiriminiz alındı: " + f.reference());
        assertThat(ack.text()).startsWith("Sayın Şükrü Çağlayan,")
                .contains("Başvuru numaranız: " + f.reference())
                .contains("16 Mart 2026 10:00") // receipt time in Istanbul, in Turkish
                .contains("https://otel.example/takip/" + f.reference());
        assertThat(ack.html()).contains("<strong>" + f.reference() + "</strong>");
        assertThat(ack.acknowledgement()).isTrue();
        assertThat(ack.eventVersion()).isEqualTo(1);
        assertThat(ack.idempotencyKey()).isEqualTo(Notification.idempotencyKey(f.id(), 1, ContactChannel.EMAIL, "sukru@example.com.tr"));
        assertThat(out.get(1).text()).isEqualTo("Yeni geri bildirim " + f.reference() + " (COMPLAINT, NORMAL) kat-hizmetleri birimine geldi.");
        assertThat(out.get(1).acknowledgement()).isFalse();

        FeedbackEvent received = desk.history(HOTEL, f.id()).get(0);
        assertThat(received.details()).containsEntry("notify.CUSTOMER", "EMAIL").containsEntry("notify.DEPARTMENT", "SMS");
    }

    @Test
    void anUnreachableCustomerIsRecordedAsNotNotified() {
        FeedbackDesk desk = desk(NotificationFixture.notifications().build());
        Feedback f = desk.receive(complaint(Customer.ANONYMOUS).build());

        assertThat(outbox()).extracting(Notification::party).containsExactly(Party.DEPARTMENT);
        assertThat(desk.history(HOTEL, f.id()).get(0).details())
                .containsEntry("notify.CUSTOMER", "not notified: no e-mail address or phone number");
    }

    @Test
    void theCustomersPreferredChannelAndLanguageAreHonoured() {
        FeedbackDesk desk = desk(NotificationFixture.notifications().build());
        Customer english = customer().toBuilder().language("en").preferredChannel(ContactChannel.SMS)
                .attribute(Notifications.TIME_ZONE_ATTRIBUTE, "Europe/London").build();
        Feedback f = desk.receive(complaint(english).build());

        Notification sms = outbox().get(0);
        assertThat(sms.channel()).isEqualTo(ContactChannel.SMS);
        assertThat(sms.address()).isEqualTo("+905321234567");
        assertThat(sms.language()).isEqualTo(Locale.ENGLISH);
        assertThat(sms.zone()).hasToString("Europe/London");
        assertThat(sms.text()).isEqualTo("Boğaziçi Otel: We received your feedback. Reference: " + f.reference());

        Customer noContact = customer().toBuilder().preferredChannel(ContactChannel.NONE).build();
        Feedback g = desk.receive(complaint(noContact).build());
        assertThat(desk.history(HOTEL, g.id()).get(0).details()).containsEntry("notify.CUSTOMER", "not notified: does not wish to be contacted");
        Customer phone = customer().toBuilder().preferredChannel(ContactChannel.PHONE).build();
        Feedback h = desk.receive(complaint(phone).build());
        assertThat(desk.history(HOTEL, h.id()).get(0).details().get("notify.CUSTOMER")).startsWith("not notified: prefers PHONE");
    }

    @Test
    void aCustomerWhoDoesNotWishToBeContactedIsNotToldByARuleThatNamesTheChannel() {
        NotificationRules rules = NotificationRules.defaults().toBuilder()
                .remove(EventType.RECEIVED, Party.CUSTOMER)
                .add(NotificationRule.on(EventType.RECEIVED, Party.CUSTOMER).via(Delivery.EMAIL_AND_SMS))
                .build();
        FeedbackDesk desk = desk(NotificationFixture.notifications().rules(rules).build());
        Customer optedOut = customer().toBuilder().preferredChannel(ContactChannel.NONE).build();
        Feedback f = desk.receive(complaint(optedOut).build());

        assertThat(outbox()).noneMatch(n -> n.party().equals(Party.CUSTOMER));
        assertThat(desk.history(HOTEL, f.id()).get(0).details()).containsEntry("notify.CUSTOMER", "not notified: does not wish to be contacted");
        // a customer who only prefers another channel is still told through the one the rule names
        Customer byPhone = customer().toBuilder().preferredChannel(ContactChannel.PHONE).build();
        desk.receive(complaint(byPhone).build());
        assertThat(outbox()).filteredOn(n -> n.party().equals(Party.CUSTOMER)).extracting(Notification::channel)
                .containsExactly(ContactChannel.EMAIL, ContactChannel.SMS);
    }

    @Test
    void aCustomerWhoseOnlyNumberIsALandlineIsEmailedDirectlyAndTheEventSaysWhy() {
        FeedbackDesk desk = desk(NotificationFixture.notifications().build());
        Customer landline = customer().toBuilder().phone("0212 222 33 44").preferredChannel(ContactChannel.SMS).build();
        Feedback f = desk.receive(complaint(landline).build());

        assertThat(outbox()).filteredOn(n -> n.party().equals(Party.CUSTOMER)).singleElement().satisfies(n -> {
            assertThat(n.channel()).isEqualTo(ContactChannel.EMAIL);
            assertThat(n.address()).isEqualTo("sukru@example.com.tr");
            assertThat(n.acknowledgement()).isTrue();
        });
        assertThat(desk.history(HOTEL, f.id()).get(0).details()).containsEntry("notify.CUSTOMER",
                "EMAIL (not SMS: the phone number is a fixed line, which cannot take SMS)");
    }

    @Test
    void aCustomerWithOnlyALandlineIsNotSentAnSmsAndTheEventSaysWhy() {
        FeedbackDesk desk = desk(NotificationFixture.notifications().build());
        Customer landline = Customer.builder().name("Şükrü Çağlayan").phone("0312 222 33 44").language("tr").build();
        Customer service = Customer.builder().name("Şükrü Çağlayan").phone("444 0 444").language("tr").build();
        Feedback f = desk.receive(complaint(landline).build());
        Feedback g = desk.receive(complaint(service).build());

        assertThat(outbox()).as("no SMS the number cannot take, so no dead letter later").noneMatch(n -> n.party().equals(Party.CUSTOMER));
        assertThat(desk.history(HOTEL, f.id()).get(0).details())
                .containsEntry("notify.CUSTOMER", "not notified: the phone number is a fixed line, which cannot take SMS");
        assertThat(desk.history(HOTEL, g.id()).get(0).details())
                .containsEntry("notify.CUSTOMER", "not notified: the phone number is a service number, which cannot take SMS");
        assertThat(desk.history(HOTEL, f.id()).get(0).details().get("notify.CUSTOMER")).as("no personal data").doesNotContain("222");
    }

    @Test
    void aRuleNamingSmsEmailsACustomerWithALandlineLikeTheFallbackWouldButNotStaffOrSurveys() {
        NotificationRules rules = NotificationRules.builder()
                .add(NotificationRule.on(EventType.RECEIVED, Party.CUSTOMER).via(Delivery.SMS))
                .add(NotificationRule.on(EventType.RECEIVED, Party.DEPARTMENT).via(Delivery.SMS))
                .add(NotificationRule.on(EventType.CANCELLED, Party.CUSTOMER).via(Delivery.EMAIL_AND_SMS))
                .add(NotificationRule.on(EventType.CANCELLED, Party.CUSTOMER).withTemplate("customer/SURVEY_INVITATION")
                        .withCategory(MessageCategory.SURVEY).via(Delivery.SMS))
                .build();
        io.memnun.spi.RecipientDirectory deskPhone = io.memnun.store.memory.InMemoryRecipientDirectory.builder()
                .department("kat-hizmetleri", new io.memnun.notify.Contact("kat-nobet", "Kat Hizmetleri Nöbet",
                        io.memnun.feedback.EmailAddress.of("kat@otel.example"), io.memnun.feedback.PhoneNumber.of("+902125550142"), TR,
                        ContactChannel.SMS))
                .build();
        FeedbackDesk desk = desk(NotificationFixture.notifications().directory(deskPhone).rules(rules).build());
        Customer landline = customer().toBuilder().phone("0212 222 33 44").consent(new Consent(true, false, false)).build();
        Feedback f = desk.receive(complaint(landline).build());
        desk.cancel(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Mükerrer kayıt");

        assertThat(outbox()).extracting(Notification::party, Notification::channel, Notification::template).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Party.CUSTOMER, ContactChannel.EMAIL, "customer/RECEIVED"),
                org.assertj.core.groups.Tuple.tuple(Party.CUSTOMER, ContactChannel.EMAIL, "customer/CANCELLED"));
        List<FeedbackEvent> history = desk.history(HOTEL, f.id());
        assertThat(history.get(0).details())
                .containsEntry("notify.CUSTOMER", "EMAIL (not SMS: the phone number is a fixed line, which cannot take SMS)")
                .containsEntry("notify.DEPARTMENT", "not notified: the phone number is a fixed line, which cannot take SMS");
        assertThat(last(history).details())
                .containsEntry("notify.CUSTOMER", "EMAIL (not SMS: the phone number is a fixed line, which cannot take SMS)")
                .containsEntry("notify.CUSTOMER.customer/SURVEY_INVITATION",
                        "not notified: the phone number is a fixed line, which cannot take SMS");
    }

    @Test
    void aHostMayDecideWhichNumbersArePlannedForSms() {
        // e.g. a gateway that reads SMS aloud to landlines, or SmsPolicy::accepts from memnun-channels-sms
        FeedbackDesk desk = desk(NotificationFixture.notifications().smsReachable(phone -> !phone.e164().startsWith("+44")).build());
        Feedback landline = desk.receive(complaint(customer().toBuilder().phone("0212 222 33 44").email((String) null).build()).build());
        Feedback british = desk.receive(complaint(customer().toBuilder().phone("+44 20 7946 0958").email((String) null).build()).build());

        assertThat(outbox()).filteredOn(n -> n.party().equals(Party.CUSTOMER)).singleElement().satisfies(n -> {
            assertThat(n.feedbackId()).contains(landline.id());
            assertThat(n.channel()).isEqualTo(ContactChannel.SMS);
        });
        assertThat(desk.history(HOTEL, british.id()).get(0).details())
                .containsEntry("notify.CUSTOMER", "not notified: the phone number cannot take SMS");
    }

    @Test
    void aLongAccountStillReachesStaffByEMail() {
        // a desk may accept accounts up to Intake.MAX_TEXT long; escaped for HTML, each apostrophe takes five characters
        NotificationRules rules = NotificationRules.defaults().toBuilder()
                .add(NotificationRule.on(EventType.RECEIVED, Party.role("kalite")).withTemplate("staff/RECEIVED").via(Delivery.EMAIL))
                .build();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).config(DeskConfig.builder().maxDescriptionLength(400_000).build())
                .notifications(NotificationFixture.notifications().rules(rules).build()).build();
        String account = "Oda 508'e taşındık, klima yine çalışmıyor. ".repeat(6_000);
        Feedback f = desk.receive(io.memnun.feedback.Intake.builder(HOTEL, io.memnun.feedback.FeedbackKind.COMPLAINT,
                io.memnun.feedback.Channel.WEB_FORM, account).department(NotificationFixture.HOUSEKEEPING).customer(customer()).build());

        assertThat(desk.history(HOTEL, f.id()).get(0).details()).containsEntry("notify.ROLE(kalite)", "EMAIL");
        Notification quality = outbox().stream().filter(n -> n.party().equals(Party.role("kalite"))).findFirst().orElseThrow();
        assertThat(quality.text()).contains("Oda 508'e taşındık, klima yine çalışmıyor. Oda 508'e").hasSizeLessThanOrEqualTo(Notification.MAX_BODY);
        assertThat(quality.html()).hasSizeLessThanOrEqualTo(Notification.MAX_BODY);
        assertThat(quality.text()).contains(" […]");
        assertThat(desk.get(HOTEL, f.id()).description()).isEqualTo(account);
    }

    @Test
    void aPlanTellsTheCustomerTheEstimatedCompletionInTheirZone() {
        FeedbackDesk desk = desk(NotificationFixture.notifications().build());
        Feedback f = desk.receive(complaint(customer()).build());
        desk.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
        desk.plan(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), Instant.parse("2026-03-18T14:00:00Z"), "Yedek parça bekleniyor");

        Notification planned = outbox().stream().filter(n -> n.event() == EventType.PLANNED).findFirst().orElseThrow();
        assertThat(planned.text()).contains("Tahmini çözüm zamanı: 18 Mart 2026 17:00").contains("Yedek parça bekleniyor");
    }

    @Test
    void aDecisionAndTheClosingReachTheCustomer() {
        FeedbackDesk desk = desk(NotificationFixture.notifications().build());
        Feedback f = desk.receive(complaint(customer()).build());
        desk.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
        desk.resolve(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Oda 508'e taşındınız <ücretsiz>");
        desk.accept(HOTEL, f.id(), null);

        List<Notification> customer = outbox().stream().filter(n -> n.party().equals(Party.CUSTOMER)).toList();
        assertThat(customer).extracting(Notification::event).containsExactly(EventType.RECEIVED, EventType.RESOLVED, EventType.ACCEPTED);
        assertThat(customer.get(1).text()).contains("Oda 508'e taşındınız <ücretsiz>");
        assertThat(customer.get(1).html()).contains("Oda 508&#39;e taşındınız &lt;ücretsiz&gt;");
        assertThat(customer.get(2).subject()).isEqualTo("Başvurunuz kapandı: " + f.reference());
    }

    @Test
    void aSurveyNeedsTheCustomersConsentAndOtherwiseRecordsWhyNot() {
        NotificationRules rules = NotificationRules.defaults().toBuilder()
                .add(NotificationRule.on(EventType.ACCEPTED, Party.CUSTOMER).withTemplate("customer/SURVEY_INVITATION")
                        .withCategory(MessageCategory.SURVEY).via(Delivery.SMS))
                .build();
        FeedbackDesk desk = desk(NotificationFixture.notifications().rules(rules).build());
        Feedback refused = closedFeedback(desk, customer());
        Feedback agreed = closedFeedback(desk, customer().toBuilder().consent(new Consent(true, false, false)).build());

        assertThat(last(desk.history(HOTEL, refused.id())).details())
                .containsEntry("notify.CUSTOMER", "EMAIL")
                .containsEntry("notify.CUSTOMER.customer/SURVEY_INVITATION", "not notified: the customer gave no consent to survey messages");
        assertThat(outbox()).filteredOn(n -> n.template().equals("customer/SURVEY_INVITATION"))
                .singleElement().satisfies(n -> {
                    assertThat(n.feedbackId()).contains(agreed.id());
                    assertThat(n.category()).isEqualTo(MessageCategory.SURVEY);
                });
    }

    private static Feedback closedFeedback(FeedbackDesk desk, Customer customer) {
        Feedback f = desk.receive(complaint(customer).build());
        desk.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"));
        desk.resolve(HOTEL, f.id(), Actor.staff("ayse.yilmaz"), "Çözüldü");
        return desk.accept(HOTEL, f.id(), null);
    }

    @Test
    void anEscalationGoesToWhomeverTheLadderNamesAndIsUrgent() {
        BusinessCalendar always = BusinessCalendar.alwaysOpen("always", NotificationFixture.ISTANBUL);
        SlaPolicy policy = SlaPolicy.builder(CalendarRegistry.of(always))
                .target(Priority.NORMAL, SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(10), "always"))
                .warnAt(90)
                .escalation(EscalationLevel.of(1, 50, Recipient.role("kalite")))
                .build();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).sla(policy)
                .notifications(NotificationFixture.notifications().build()).build();
        Feedback f = desk.receive(complaint(customer()).build());

        clock.advance(Duration.ofHours(6));
        assertThat(desk.slaMonitor().tick()).isEqualTo(1);

        Notification escalation = outbox().stream().filter(n -> n.event() == EventType.SLA_ESCALATED).findFirst().orElseThrow();
        assertThat(escalation.party()).isEqualTo(Party.ESCALATION_RECIPIENT);
        assertThat(escalation.address()).isEqualTo("quality@otel.example");
        assertThat(escalation.urgent()).isTrue();
        assertThat(escalation.subject()).isEqualTo("Escalated to you (level 1): " + f.reference());
        assertThat(escalation.text()).contains("50% of its RESOLUTION target is used");
        FeedbackEvent escalated = last(desk.history(HOTEL, f.id()));
        assertThat(escalated.type()).isEqualTo(EventType.SLA_ESCALATED);
        assertThat(escalated.details()).containsEntry("recipient", "ROLE(kalite)").containsEntry("notify.ESCALATION_RECIPIENT", "EMAIL");
    }

    @Test
    void aStaffMemberMissingFromTheDirectoryIsRecordedNotAnError() {
        FeedbackDesk desk = desk(NotificationFixture.notifications().build());
        Feedback f = desk.receive(complaint(customer()).assignee(StaffId.of("kemal.demir")).build());
        assertThat(desk.history(HOTEL, f.id()).get(0).details())
                .containsEntry("notify.ASSIGNEE", "not notified: the directory has no contact for kemal.demir");
    }

    /**
     * A rule that cannot be planned never blocks the change, but a conflict in the host's transaction is not such a
     * failure: the directory (the host's own, reading its database in its transaction) met it, the database aborted
     * the transaction, and saving the change after it would fail or run outside it. The command throws it and saves
     * nothing. One outside the host's transaction is recorded on the event like any other failure.
     */
    @Test
    void aConflictInTheHostsTransactionWhilePlanningFailsTheCommandAndOneOutsideItIsRecordedAsNotNotified() {
        for (boolean inHostTransaction : new boolean[] {false, true}) {
            InMemoryFeedbackStore own = new InMemoryFeedbackStore();
            io.memnun.error.TransactionConflictException conflict = SlaMonitorTest.conflict(inHostTransaction);
            io.memnun.spi.RecipientDirectory directory = new io.memnun.spi.RecipientDirectory() {
                @Override
                public java.util.Optional<io.memnun.notify.Contact> staff(io.memnun.feedback.TenantId tenant, StaffId staff) {
                    return NotificationFixture.DIRECTORY.staff(tenant, staff);
                }

                @Override
                public List<io.memnun.notify.Contact> department(io.memnun.feedback.TenantId tenant, io.memnun.feedback.DepartmentId department) {
                    throw conflict;
                }
            };
            FeedbackDesk desk = FeedbackDesk.builder().store(own).clock(clock)
                    .notifications(NotificationFixture.notifications().directory(directory).build()).build();

            if (inHostTransaction) {
                assertThatThrownBy(() -> desk.receive(complaint(customer()).build())).isSameAs(conflict);
                assertThat(own.outbox().all()).isEmpty();
                assertThat(desk.query(io.memnun.feedback.FeedbackQuery.builder(HOTEL).build()).items()).isEmpty();
            } else {
                Feedback f = desk.receive(complaint(customer()).build());
                assertThat(desk.history(HOTEL, f.id()).get(0).details()).containsEntry("notify.CUSTOMER", "EMAIL")
                        .hasEntrySatisfying("notify.DEPARTMENT", v -> assertThat(v).startsWith("not notified: could not save feedback"));
            }
        }
    }

    @Test
    void aPlanningFailureIsRecordedAndLoggedWithoutTheAddressesAndNumbersItsMessageQuotes() {
        io.memnun.spi.RecipientDirectory directory = new io.memnun.spi.RecipientDirectory() {
            @Override
            public java.util.Optional<io.memnun.notify.Contact> staff(io.memnun.feedback.TenantId tenant, StaffId staff) {
                return NotificationFixture.DIRECTORY.staff(tenant, staff);
            }

            @Override
            public List<io.memnun.notify.Contact> department(io.memnun.feedback.TenantId tenant, io.memnun.feedback.DepartmentId department) {
                throw new IllegalStateException("no head for desk of mehmet.oz@example.com, call +90 532 123 45 67");
            }
        };
        FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock)
                .notifications(NotificationFixture.notifications().directory(directory).build()).build();

        Feedback[] received = new Feedback[1];
        String log = io.memnun.testing.CapturedLog.during(() -> received[0] = desk.receive(complaint(customer()).build()));

        assertThat(desk.history(HOTEL, received[0].id()).get(0).details()).hasEntrySatisfying("notify.DEPARTMENT",
                v -> assertThat(v).isEqualTo("not notified: no head for desk of [email], call [phone]"));
        assertThat(log).contains("cannot plan").contains("[email]").doesNotContain("mehmet.oz").doesNotContain("532");
    }

    @Test
    void aTransitionWhoseStoreWriteFailsLeavesNoMessage() {
        InMemoryOutboxStore outbox = new InMemoryOutboxStore();
        InMemoryFeedbackStore real = new InMemoryFeedbackStore(outbox);
        FailingStore failing = new FailingStore(real);
        FeedbackDesk desk = FeedbackDesk.builder().store(failing).referenceSequence(real).clock(clock)
                .notifications(NotificationFixture.notifications().build()).build();
        Feedback f = desk.receive(complaint(customer()).build());
        int before = outbox.all().size();

        failing.fail = true;
        assertThatThrownBy(() -> desk.take(HOTEL, f.id(), Actor.staff("ayse.yilmaz"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> desk.receive(complaint(customer()).build())).isInstanceOf(StoreException.class);
        assertThat(outbox.all()).hasSize(before);

        failing.fail = false;
        assertThatThrownBy(() -> desk.execute(HOTEL, f.id(), 99, new io.memnun.feedback.Command.Cancel(Actor.staff("ayse.yilmaz"), "mükerrer")))
                .isInstanceOf(VersionConflictException.class);
        assertThat(outbox.all()).hasSize(before);
    }

    /** Stands for a store whose transaction fails, e.g. the database connection drops at commit. */
    private static final class FailingStore extends ForwardingFeedbackStore implements TransactionalOutbox {
        private final InMemoryFeedbackStore real;
        volatile boolean fail;

        FailingStore(InMemoryFeedbackStore real) {
            super(real);
            this.real = real;
        }

        @Override
        public void save(FeedbackChange change) {
            if (fail) {
                throw new StoreException("connection lost at commit");
            }
            super.save(change);
        }

        @Override
        public OutboxStore outbox() {
            return real.outbox();
        }
    }

    @Test
    void aDeskWithNotificationsNeedsAStoreThatWritesAnOutbox() {
        FeedbackStore plain = new ForwardingFeedbackStore(store);
        assertThatThrownBy(() -> FeedbackDesk.builder().store(plain).referenceSequence(store)
                .notifications(NotificationFixture.notifications().build()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TransactionalOutbox");
    }

    @Test
    void aRuleWhoseTemplateDoesNotFitItsEventIsRefusedAtConfiguration() {
        TemplateCatalog templates = TemplateCatalog.builder().defaults()
                .template("customer/RECEIVED", TR, TemplatePart.SMS, "{{reference}}: {{plannedUntil}}")
                .build();
        assertThatThrownBy(() -> NotificationFixture.notifications().templates(templates).build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("templates.tr.customer/RECEIVED.sms"))
                .hasMessageContaining("{{plannedUntil}} is not available for RECEIVED events");
        NotificationRules missing = NotificationRules.builder().add(NotificationRule.on(EventType.TAKEN, Party.CUSTOMER)).build();
        assertThatThrownBy(() -> NotificationFixture.notifications().rules(missing).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("customer/TAKEN");
        assertThatThrownBy(() -> NotificationFixture.notifications().trackingUrl("ftp://x")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> NotificationRule.on(EventType.NOTIFICATION_SENT, Party.CUSTOMER)).isInstanceOf(ValidationException.class);
    }
}
