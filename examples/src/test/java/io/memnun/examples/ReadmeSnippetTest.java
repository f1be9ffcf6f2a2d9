package io.memnun.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Recourse;
import io.memnun.feedback.TenantId;
import io.memnun.store.memory.InMemoryFeedbackStore;
import org.junit.jupiter.api.Test;

/** The snippet at the top of the README, line for line, so it keeps compiling and doing what its comments say. */
class ReadmeSnippetTest {

    @Test
    void theReadmeSnippetTakesAComplaintThroughARejectionToAcceptance() {
        FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).build();
        TenantId hotel = TenantId.of("bosphorus-hotels");
        Feedback f = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Oda 412'de klima çalışmıyor")
                .customer(Customer.builder().name("Mehmet Öztürk").email("mehmet@example.com.tr").phone("0532 123 45 67").build())
                .department(DepartmentId.of("technical-service"))
                .build());
        Actor ayse = Actor.staff("ayse.yilmaz");
        desk.take(hotel, f.reference(), ayse);
        desk.resolve(hotel, f.reference(), ayse, "Moved to room 508");
        desk.reject(hotel, f.reference(), "Still too hot", Recourse.external("Tüketici Hakem Heyeti"));
        desk.resolve(hotel, f.reference(), ayse, "Refunded one night");
        desk.accept(hotel, f.reference(), null);

        assertThat(f.reference().toString()).matches("FB-\\d{4}-000001-\\d");
        assertThat(desk.get(hotel, f.reference()).closureReason()).contains(ClosureReason.ACCEPTED);
        assertThat(desk.get(hotel, f.reference()).assignee()).hasValueSatisfying(a -> assertThat(a.value()).isEqualTo("ayse.yilmaz"));
        assertThat(desk.history(hotel, f.reference())).extracting(FeedbackEvent::type).containsExactly(EventType.RECEIVED,
                EventType.TAKEN, EventType.RESOLVED, EventType.REJECTED, EventType.RESOLVED, EventType.ACCEPTED);
    }
}
