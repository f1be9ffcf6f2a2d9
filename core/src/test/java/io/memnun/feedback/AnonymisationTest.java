package io.memnun.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which texts anonymisation blanks and which structural facts it keeps. */
class AnonymisationTest {
    private static final Instant T0 = Instant.parse("2026-03-16T07:00:00Z");
    private static final TenantId HOTEL = TenantId.of("otel");
    private final Lifecycle lifecycle = new Lifecycle(Lifecycle.Rules.defaults());

    private Feedback received() {
        Customer guest = Customer.builder().name("Şükrü Çağlayan").email("sukru@ornek.com.tr").phone("+905321234567")
                .externalId("guest-4711").build();
        return lifecycle.receive(FeedbackId.of(java.util.UUID.randomUUID()), ReferenceNumber.of("FB", 2026, 1),
                Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima bozuk").subject(SubjectId.of("oda-konforu"))
                        .department(DepartmentId.of("kat")).customer(guest).build(), T0, T0);
    }

    private static FeedbackEvent event(Feedback f, long version, EventType type, String note, Map<String, String> details) {
        return new FeedbackEvent(f.id(), version, type, Actor.system("test"), T0, note, Status.NEW, Status.NEW, details);
    }

    @Test
    void structuralDetailsStayAndFreeTextOrPersonalDetailsGo() {
        Feedback f = received();
        FeedbackEvent receipt = event(f, 1, EventType.RECEIVED, null, Map.of("subject", "oda-konforu", "department", "kat",
                "notify.CUSTOMER", "not notified guest-4711: no address"));
        FeedbackEvent message = event(f, 2, EventType.CUSTOMER_MESSAGE, "Hâlâ bekliyorum", Map.of("subject", "Re: klima",
                "messageId", "<abc@mail.example>", "channel", "email"));
        FeedbackEvent failed = event(f, 3, EventType.NOTIFICATION_FAILED, null, Map.of("error", "550 mailbox full", "message", "m-1"));

        Anonymisation.Result r = Anonymisation.anonymise(f, List.of(receipt, message, failed), Actor.system("test"), "retention", T0);

        assertThat(r.rewritten()).hasSize(3);
        assertThat(r.rewritten().get(0).details()).containsEntry("subject", "oda-konforu").containsEntry("department", "kat")
                .containsEntry("notify.CUSTOMER", Anonymisation.PLACEHOLDER);
        assertThat(r.rewritten().get(1).note()).isEqualTo(Anonymisation.PLACEHOLDER);
        assertThat(r.rewritten().get(1).details()).containsEntry("subject", Anonymisation.PLACEHOLDER)
                .containsEntry("messageId", "<abc@mail.example>").containsEntry("channel", "email");
        assertThat(r.rewritten().get(2).details()).containsEntry("error", Anonymisation.PLACEHOLDER).containsEntry("message", "m-1");
        assertThat(r.recorded().type()).isEqualTo(EventType.ANONYMISED);
        assertThat(r.recorded().version()).isEqualTo(f.version() + 1);
        assertThat(r.recorded().details()).containsEntry("why", "retention").containsEntry("eventsRewritten", "3");
        assertThat(r.feedback().subject()).contains(SubjectId.of("oda-konforu"));
        assertThat(r.feedback().customer().language()).isEqualTo(f.customer().language());
        assertThat(Anonymisation.isAnonymised(r.feedback())).isTrue();
        assertThat(Anonymisation.isAnonymised(f)).isFalse();
    }

    @Test
    void anEventWithoutTextIsNotRewritten() {
        Feedback f = received();
        FeedbackEvent plain = event(f, 1, EventType.RECEIVED, null, Map.of("department", "kat"));

        assertThat(Anonymisation.anonymise(f, List.of(plain), Actor.system("test"), "retention", T0).rewritten()).isEmpty();
    }
}
