package io.memnun.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.InboundMessage;
import io.memnun.inbound.InboundOutcome;
import io.memnun.inbound.InboundProcessor;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.tck.Fixtures;
import io.memnun.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jsmpp.extra.NegativeResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local SMSC (jsmpp's server session) that sends deliver_sm to our bound receiver. */
class SmppInboxTest {
    private static final String GUEST = "+905321234567";

    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
    private final TenantId tenant = Fixtures.newTenant("smpp");
    private final InboundProcessor processor = InboundProcessor.builder(desk).build();
    private final List<InboundOutcome> outcomes = new CopyOnWriteArrayList<>();
    private LocalSmsc smsc;
    private SmppInbox inbox;

    @BeforeEach
    void start() throws Exception {
        smsc = new LocalSmsc();
    }

    @AfterEach
    void stop() throws Exception {
        if (inbox != null) {
            inbox.close();
        }
        smsc.close();
    }

    private void bind(Function<InboundMessage, InboundOutcome> p) {
        inbox = SmppInbox.builder("127.0.0.1", smsc.port(), "memnun", "secret", tenant).processor(p)
                .clock(clock, ZoneId.of("Europe/Istanbul")).onOutcome(outcomes::add).timeout(Duration.ofSeconds(10)).build();
        inbox.bind();
    }

    private Feedback resolved() {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.PHONE, "Klima çalışmıyor")
                .customer(Customer.builder().phone(GUEST).build()).build());
        desk.take(tenant, f.id(), Actor.staff("ayse"));
        return desk.resolve(tenant, f.id(), Actor.staff("ayse"), "Klima onarıldı");
    }

    private List<Feedback> all() {
        return desk.query(FeedbackQuery.builder(tenant).build()).items();
    }

    @Test
    void anEvetClosesTheResolvedFeedbackAsAccepted() throws Exception {
        Feedback f = resolved();
        bind(processor::process);

        smsc.deliver("905321234567", "4540", (byte) 0, "EVET".getBytes(StandardCharsets.US_ASCII));

        Feedback after = desk.get(tenant, f.id());
        assertThat(after.status()).isEqualTo(Status.CLOSED);
        assertThat(after.closureReason()).contains(ClosureReason.ACCEPTED);
        assertThat(desk.history(tenant, f.id())).extracting(e -> e.type()).endsWith(EventType.CUSTOMER_MESSAGE, EventType.ACCEPTED);
        assertThat(outcomes).singleElement().isInstanceOf(InboundOutcome.Threaded.class);
    }

    @Test
    void aTurkishNoInUcs2ReopensIt() throws Exception {
        Feedback f = resolved();
        bind(processor::process);

        smsc.deliver("905321234567", "4540", (byte) 8, "Hayır, hâlâ sıcak".getBytes(StandardCharsets.UTF_16BE));

        Feedback after = desk.get(tenant, f.id());
        assertThat(after.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(desk.history(tenant, f.id()).get(desk.history(tenant, f.id()).size() - 1).note()).isEqualTo("Hayır, hâlâ sıcak");
    }

    @Test
    void anUnknownNumberStartsANewFeedbackAndARedeliveryAddsNothing() throws Exception {
        bind(processor::process);

        smsc.deliver("905329998877", "4540", (byte) 0, "Odada su yok".getBytes(StandardCharsets.US_ASCII));
        smsc.deliver("905329998877", "4540", (byte) 0, "Odada su yok".getBytes(StandardCharsets.US_ASCII));

        assertThat(all()).singleElement().satisfies(f -> {
            assertThat(f.channel()).isEqualTo(Channel.SMS);
            assertThat(f.description()).isEqualTo("Odada su yok");
            assertThat(f.customer().phone().e164()).isEqualTo("+905329998877");
        });
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(1)).isInstanceOf(InboundOutcome.AlreadyProcessed.class);
    }

    @Test
    void aFailureIsAnsweredWithAnErrorSoTheSmscDeliversAgainAndLoggedWithoutTheSendersNumber() throws Exception {
        bind(m -> {
            throw new IllegalStateException("database down while storing the SMS of " + m.sender().phone().e164());
        });

        String log = io.memnun.testing.CapturedLog.during(() -> assertThatThrownBy(
                () -> smsc.deliver("905329998877", "4540", (byte) 0, "Merhaba".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(NegativeResponseException.class));
        assertThat(all()).isEmpty();
        assertThat(log).contains("not processed").contains("IllegalStateException: database down while storing the SMS of [phone]")
                .doesNotContain("9998877");
    }
}
