package io.memnun.channels.sms;

import static io.memnun.channels.sms.SmsFixtures.sms;
import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a local SMSC started by the test. */
class SmppSmsChannelTest {
    private LocalSmsc smsc;
    private SmppSmsChannel channel;

    @BeforeEach
    void start() throws IOException {
        smsc = new LocalSmsc();
        channel = SmppSmsChannel.builder("127.0.0.1", smsc.port(), "otel", "gizli")
                .sourceAddress("BOGAZICI")
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void stop() throws IOException {
        channel.close();
        smsc.close();
    }

    @Test
    void aTurkishTextGoesAsGsm7WithTheTurkishShiftHeader() {
        SendResult r = channel.send(sms("+905321234567", "Şikayetiniz alındı: ığüşöç"));

        assertThat(r).isEqualTo(SendResult.delivered("m1"));
        SubmitSm s = smsc.received.get(0);
        assertThat(s.getDestAddress()).isEqualTo("905321234567");
        assertThat(s.getSourceAddr()).isEqualTo("BOGAZICI");
        assertThat(s.getDataCoding()).isEqualTo((byte) 0x00);
        assertThat(s.getEsmClass() & 0x40).as("UDHI").isEqualTo(0x40);
        byte[] m = s.getShortMessage();
        assertThat(Arrays.copyOfRange(m, 0, 4)).containsExactly(0x03, 0x24, 0x01, 0x01);
        byte[] text = Arrays.copyOfRange(m, 4, m.length);
        assertThat(text).startsWith(0x1B, 0x53, 'i', 'k'); // Ş from the shift table, then the default alphabet
        assertThat(text.length).isEqualTo(SmsText.of("Şikayetiniz alındı: ığüşöç").units());
    }

    @Test
    void theSendersTypeOfNumberFollowsItsForm() {
        String[][] cases = {
            // sender, expected TON, expected NPI, address as sent
            {"BOGAZICI", "5", "0", "BOGAZICI"},
            {"3340", "2", "1", "3340"},
            {"12345678", "2", "1", "12345678"},
            {"+905321234567", "1", "1", "905321234567"},
            {"905321234567", "1", "1", "905321234567"},
        };
        for (String[] c : cases) {
            try (SmppSmsChannel sender = SmppSmsChannel.builder("127.0.0.1", smsc.port(), "otel", "gizli").sourceAddress(c[0]).build()) {
                assertThat(sender.send(sms("+905321234567", "a"))).isInstanceOf(SendResult.Delivered.class);
            }
            SubmitSm s = smsc.received.get(smsc.received.size() - 1);
            assertThat(s.getSourceAddrTon()).as("TON of %s", c[0]).isEqualTo(Byte.parseByte(c[1]));
            assertThat(s.getSourceAddrNpi()).as("NPI of %s", c[0]).isEqualTo(Byte.parseByte(c[2]));
            assertThat(s.getSourceAddr()).isEqualTo(c[3]);
        }
        try (SmppSmsChannel networkSpecific = SmppSmsChannel.builder("127.0.0.1", smsc.port(), "otel", "gizli")
                .sourceAddress("3340", TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN).build()) {
            networkSpecific.send(sms("+905321234567", "b"));
        }
        SubmitSm s = smsc.received.get(smsc.received.size() - 1);
        assertThat(s.getSourceAddrTon()).as("as the SMSC asks").isEqualTo(TypeOfNumber.NETWORK_SPECIFIC.value());
        assertThat(s.getSourceAddrNpi()).isEqualTo(NumberingPlanIndicator.UNKNOWN.value());
    }

    @Test
    void plainTextGoesWithoutAHeaderAndUcs2AsDataCoding8() {
        channel.send(sms("+905321234567", "Reference FB-2026-000001-6"));
        channel.send(sms("+905321234567", "Şâir 😞"));

        SubmitSm plain = smsc.received.get(0);
        assertThat(plain.getEsmClass()).isZero();
        assertThat(new String(plain.getShortMessage(), StandardCharsets.US_ASCII)).isEqualTo("Reference FB-2026-000001-6");
        SubmitSm ucs2 = smsc.received.get(1);
        assertThat(ucs2.getDataCoding()).isEqualTo((byte) 0x08);
        assertThat(new String(ucs2.getShortMessage(), StandardCharsets.UTF_16BE)).isEqualTo("Şâir 😞");
    }

    @Test
    void aLongTextGoesAsConcatenatedPartsWithOneReference() {
        String text = "a".repeat(200);
        Notification n = sms("+905321234567", text);
        SendResult r = channel.send(n);

        assertThat(r).isEqualTo(SendResult.delivered("m1,m2"));
        byte[] first = smsc.received.get(0).getShortMessage();
        byte[] second = smsc.received.get(1).getShortMessage();
        assertThat(Arrays.copyOfRange(first, 0, 6)).containsExactly(0x05, 0x00, 0x03, first[3], 0x02, 0x01);
        assertThat(Arrays.copyOfRange(second, 0, 6)).containsExactly(0x05, 0x00, 0x03, first[3], 0x02, 0x02);
        assertThat(first.length - 6).isEqualTo(153);
        assertThat(second.length - 6).isEqualTo(47);
    }

    @Test
    void aTextOverTheLimitGoesCutAndTheDeliverySaysHowMuch() {
        try (SmppSmsChannel two = SmppSmsChannel.builder("127.0.0.1", smsc.port(), "otel", "gizli")
                .policy(SmsPolicy.builder().maxSegments(2).build()).build()) {
            SendResult r = two.send(sms("+905321234567", "word ".repeat(100) + "https://otel.example/t/FB-2026-000001-6"));

            assertThat(smsc.received).as("two parts, not four").hasSize(2);
            assertThat(r).isInstanceOfSatisfying(SendResult.Delivered.class, d -> assertThat(d.details())
                    .containsEntry("cut", "true").containsEntry("segments", "2").containsEntry("originalSegments", "4")
                    .containsEntry("originalLength", "539").hasEntrySatisfying("length", l -> assertThat(Integer.parseInt(l)).isBetween(290, 306)));
            byte[] last = smsc.received.get(1).getShortMessage();
            assertThat(new String(last, 6, last.length - 6, StandardCharsets.US_ASCII)).endsWith("word... https://otel.example/t/FB-2026-000001-6");
        }
    }

    @Test
    void aRetryAfterAPartWasRefusedSendsOnlyThePartsNotYetTaken() {
        // three parts: the SMSC takes the first and throttles the second
        smsc.then(new LocalSmsc.Step(0, 0)).then(new LocalSmsc.Step(SMPPConstant.STAT_ESME_RTHROTTLED, 0));
        Notification n = sms("+905321234567", "b".repeat(400));

        assertThat(channel.send(n)).isInstanceOf(SendResult.RetryableFailure.class);
        assertThat(channel.send(n)).isEqualTo(SendResult.delivered("m1,m2,m3"));

        assertThat(smsc.received).hasSize(3);
        assertThat(smsc.received).extracting(s -> s.getShortMessage()[5]).as("sequence numbers").containsExactly((byte) 1, (byte) 2, (byte) 3);
        assertThat(smsc.received).extracting(s -> s.getShortMessage()[3]).as("one reference").containsOnly(smsc.received.get(0).getShortMessage()[3]);
    }

    @Test
    void manyPartsWithLongSmscIdsAreStillRecordedAsDelivered() {
        smsc.idPrefix = "x".repeat(60);
        SmppSmsChannel many = SmppSmsChannel.builder("127.0.0.1", smsc.port(), "otel", "gizli")
                .policy(SmsPolicy.builder().maxSegments(12).build()).build();
        try {
            SendResult r = many.send(sms("+905321234567", "c".repeat(153 * 10)));
            assertThat(smsc.received).hasSize(10);
            assertThat(r).isInstanceOfSatisfying(SendResult.Delivered.class, d -> assertThat(d.providerId())
                    .startsWith(smsc.idPrefix + "1,").hasSizeLessThanOrEqualTo(500));
        } finally {
            many.close();
        }
    }

    @Test
    void throttlingIsRetryableAndAnInvalidDestinationPermanent() {
        smsc.then(new LocalSmsc.Step(SMPPConstant.STAT_ESME_RTHROTTLED, 0)).then(new LocalSmsc.Step(SMPPConstant.STAT_ESME_RINVDSTADR, 0));

        assertThat(channel.send(sms("+905321234567", "a"))).isInstanceOfSatisfying(SendResult.RetryableFailure.class,
                f -> assertThat(f.reason()).contains("0x58"));
        assertThat(channel.send(sms("+905321234567", "b"))).isInstanceOfSatisfying(SendResult.PermanentFailure.class, f -> {
            assertThat(f.reason()).contains("0xb");
            assertThat(f.unreachable()).as("an invalid destination cannot take SMS").isTrue();
        });
        assertThat(channel.send(sms("+905321234567", "c"))).as("and then it goes through").isEqualTo(SendResult.delivered("m1"));
        assertThat(smsc.binds.get()).as("one bound session for all").isEqualTo(1);
    }

    @Test
    void aRefusalNamesTheStatusAndNeverTheNumber() {
        smsc.then(new LocalSmsc.Step(SMPPConstant.STAT_ESME_RINVDSTADR, 0));

        SendResult landline = channel.send(sms("+902122223344", "Şikayetiniz alındı"));
        SendResult invalid = channel.send(sms("+905321234567", "Şikayetiniz alındı"));

        assertThat(landline).isEqualTo(SendResult.unreachable("phone: is a FIXED_LINE number of TR, not a mobile one"));
        assertThat(invalid).isEqualTo(SendResult.unreachable("the SMSC refused part 1 of 1: status 0xb"));
        assertThat(smsc.received).isEmpty();
    }

    @Test
    void anSmscThatDoesNotAnswerInTimeIsRetryableAndTheNextSendBindsAgain() {
        // the SMSC answers long after the client stopped waiting
        smsc.then(new LocalSmsc.Step(0, 20_000));
        channel = SmppSmsChannel.builder("127.0.0.1", smsc.port(), "otel", "gizli").timeout(Duration.ofMillis(500)).build();

        assertThat(channel.send(sms("+905321234567", "a"))).isInstanceOfSatisfying(SendResult.RetryableFailure.class,
                f -> assertThat(f.reason()).contains("did not answer"));
        assertThat(channel.send(sms("+905321234567", "b"))).isInstanceOf(SendResult.Delivered.class);
        assertThat(smsc.binds.get()).isEqualTo(2);
    }

    @Test
    void anSmscThatIsDownIsRetryable() throws IOException {
        // a port nothing listens on: reserved and released here, not the test SMSC's, whose closing races its acceptor
        int down;
        try (java.net.ServerSocket reserved = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = reserved.getLocalPort();
        }
        try (SmppSmsChannel unreachable = SmppSmsChannel.builder("127.0.0.1", down, "otel", "gizli").sourceAddress("BOGAZICI")
                .timeout(Duration.ofSeconds(10)).build()) {
            assertThat(unreachable.send(sms("+905321234567", "a"))).isInstanceOf(SendResult.RetryableFailure.class);
        }
    }
}
