package io.memnun.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.InboundOutcome;
import io.memnun.inbound.InboundProcessor;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.tck.Fixtures;
import io.memnun.testing.ForwardingFeedbackStore;
import io.memnun.testing.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A gateway posting incoming SMS to the host's web server, here the JDK's on loopback. */
class SmsCallbackTest {
    private static final String GUEST = "+905321234567";

    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
    private final TenantId tenant = Fixtures.newTenant("callback");
    private final InboundProcessor processor = InboundProcessor.builder(desk).build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private HttpServer server;

    private static final String AUTH_TOKEN = "twilio-auth-token-of-the-account";
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sms/incoming";
        SmsCallback callback = SmsCallback.of(tenant, SmsCallback.Format.twilio(), processor, Locale.forLanguageTag("tr"), clock,
                ZoneId.of("Europe/Istanbul"), SmsRequestCheck.twilio(AUTH_TOKEN, url));
        server.createContext("/sms/incoming", callback.asHttpHandler());
        server.start();
    }

    /** Twilio's signature of a post, worked out here as its documentation describes it. */
    private static String twilioSignature(String token, String url, Map<String, String> form) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new java.util.TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> post(Map<String, String> form) throws Exception {
        return post(form, twilioSignature(AUTH_TOKEN, url, form));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> post(Map<String, String> form, @org.jspecify.annotations.Nullable String signature) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Feedback> all() {
        return desk.query(FeedbackQuery.builder(tenant).build()).items();
    }

    @Test
    void anEvetFromTheCustomerAcceptsTheResolution() throws Exception {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.PHONE, "Klima çalışmıyor")
                .customer(Customer.builder().phone(GUEST).build()).build());
        desk.take(tenant, f.id(), Actor.staff("ayse"));
        desk.resolve(tenant, f.id(), Actor.staff("ayse"), "Klima onarıldı");

        HttpResponse<String> response = post(Map.of("From", GUEST, "To", "+908501234567", "Body", "Evet, teşekkürler", "MessageSid", "SM1"));

        assertThat(response.statusCode()).isEqualTo(200);
        Feedback after = desk.get(tenant, f.id());
        assertThat(after.status()).isEqualTo(Status.CLOSED);
        assertThat(after.closureReason()).contains(ClosureReason.ACCEPTED);
    }

    @Test
    void anUnknownNumberStartsOneFeedbackAndTheGatewaysRetryAddsNothing() throws Exception {
        Map<String, String> sms = Map.of("From", "+905329998877", "To", "+908501234567", "Body", "Odada su yok", "MessageSid", "SM2");

        assertThat(post(sms).statusCode()).isEqualTo(200);
        assertThat(post(sms).statusCode()).isEqualTo(200);

        assertThat(all()).singleElement().satisfies(f -> {
            assertThat(f.channel()).isEqualTo(Channel.SMS);
            assertThat(f.description()).isEqualTo("Odada su yok");
            assertThat(f.customer().phone().e164()).isEqualTo("+905329998877");
            assertThat(f.intakeKey()).contains("sms-SM2");
        });
    }

    @Test
    void aPostThatIsNotAnSmsIsRefusedAndStoresNothing() throws Exception {
        HttpResponse<String> response = post(Map.of("From", "+905329998877", "MessageSid", "SM3"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("To");
        assertThat(all()).isEmpty();
    }

    @Test
    void aProcessingFailureAsksTheGatewayToRetry() {
        InMemoryFeedbackStore memory = new InMemoryFeedbackStore();
        FeedbackDesk down = FeedbackDesk.builder().store(new ForwardingFeedbackStore(memory) {
            @Override
            public void save(io.memnun.spi.FeedbackChange change) {
                throw new io.memnun.error.StoreException("database down storing the feedback of "
                        + change.feedback().customer().phone().e164());
            }
        }).referenceSequence(memory).clock(clock).build();
        SmsCallback failing = SmsCallback.of(tenant, SmsCallback.Format.generic("msisdn", "dest", "msg", null),
                InboundProcessor.builder(down).build(), Locale.forLanguageTag("tr"), clock, ZoneId.of("Europe/Istanbul"),
                SmsRequestCheck.verifiedByHost());

        SmsCallback.Answer[] answer = new SmsCallback.Answer[1];
        String log = io.memnun.testing.CapturedLog.during(() -> answer[0] = failing.handle("msisdn=905329998877&dest=4540&msg=Merhaba"));

        assertThat(answer[0].status()).isEqualTo(503);
        assertThat(answer[0].outcome()).isNull();
        assertThat(log).as("logged without the sender's number").contains("database down storing the feedback of [phone]")
                .doesNotContain("9998877");
    }

    /**
     * A failure is answered 503, for the gateway to post again, but a conflict in the host's transaction is thrown:
     * {@code handle} may run inside the host's transaction (its web framework's), which the database aborted, and an
     * answer would have the host commit it as if the message was recorded. Mounted in the JDK's server, where no
     * transaction of the host's is around it, the callback answers 503 for it all the same.
     */
    @Test
    void aConflictInTheHostsTransactionIsThrownForTheHostToRollBackAndOneOutsideItAsksTheGatewayToRetry() throws Exception {
        for (boolean inHostTransaction : new boolean[] {false, true}) {
            io.memnun.error.TransactionConflictException conflict = new io.memnun.error.TransactionConflictException(
                    "could not save feedback: deadlock with a concurrent transaction (SQLState 40P01)", new IllegalStateException("driver"),
                    inHostTransaction);
            InMemoryFeedbackStore memory = new InMemoryFeedbackStore();
            FeedbackDesk conflicting = FeedbackDesk.builder().store(new ForwardingFeedbackStore(memory) {
                @Override
                public void save(io.memnun.spi.FeedbackChange change) {
                    throw conflict;
                }
            }).referenceSequence(memory).clock(clock).build();
            SmsCallback callback = SmsCallback.of(tenant, SmsCallback.Format.generic("msisdn", "dest", "msg", null),
                    InboundProcessor.builder(conflicting).build(), Locale.forLanguageTag("tr"), clock, ZoneId.of("Europe/Istanbul"),
                    SmsRequestCheck.verifiedByHost());

            if (inHostTransaction) {
                assertThatThrownBy(() -> callback.handle("msisdn=905329998877&dest=4540&msg=Merhaba")).isSameAs(conflict);
            } else {
                assertThat(callback.handle("msisdn=905329998877&dest=4540&msg=Merhaba").status()).isEqualTo(503);
            }
            HttpServer own = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            own.createContext("/sms", callback.asHttpHandler());
            own.start();
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + own.getAddress().getPort()
                        + "/sms")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("msisdn=905329998877&dest=4540&msg=Merhaba")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).isEqualTo("not processed, try again later");
            } finally {
                own.stop(0);
            }
            assertThat(memory.query(FeedbackQuery.builder(tenant).build()).items()).isEmpty();
        }
    }

    @Test
    void aGenericFormWithoutAProviderIdIsKeyedByItsContent() {
        SmsCallback generic = SmsCallback.of(tenant, SmsCallback.Format.generic("msisdn", "dest", "msg", null), processor,
                Locale.forLanguageTag("tr"), clock, ZoneId.of("Europe/Istanbul"), SmsRequestCheck.verifiedByHost());

        SmsCallback.Answer first = generic.handle("msisdn=905329998877&dest=4540&msg=Havlu+yok");
        SmsCallback.Answer again = generic.handle("msisdn=905329998877&dest=4540&msg=Havlu+yok");

        assertThat(first.outcome()).isInstanceOf(InboundOutcome.Created.class);
        assertThat(again.outcome()).isInstanceOf(InboundOutcome.AlreadyProcessed.class);
        assertThat(all()).hasSize(1);
    }

    @Test
    void aPostNotSignedByTheGatewayIsRefusedAndDecidesNothing() throws Exception {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.PHONE, "Klima çalışmıyor")
                .customer(Customer.builder().phone(GUEST).build()).build());
        desk.take(tenant, f.id(), Actor.staff("ayse"));
        desk.resolve(tenant, f.id(), Actor.staff("ayse"), "Klima onarıldı");
        Map<String, String> forged = Map.of("From", GUEST, "To", "+908501234567", "Body", "EVET", "MessageSid", "forged-1");

        HttpResponse<String> unsigned = post(forged, null);
        HttpResponse<String> otherKey = post(forged, twilioSignature("a guessed token", url, forged));
        Map<String, String> signedOther = Map.of("From", "+905329998877", "To", "+908501234567", "Body", "HAYIR", "MessageSid", "SM9");
        HttpResponse<String> replayed = post(forged, twilioSignature(AUTH_TOKEN, url, signedOther));

        assertThat(List.of(unsigned.statusCode(), otherKey.statusCode(), replayed.statusCode())).containsOnly(403);
        assertThat(desk.get(tenant, f.id()).status()).isEqualTo(Status.RESOLVED);
        assertThat(all()).hasSize(1);
    }

    @Test
    void twilioSignaturesAreCheckedAsTwilioDocumentsThem() {
        // the example in Twilio's documentation of its request signatures
        SmsRequestCheck check = SmsRequestCheck.twilio("12345", "https://mycompany.com/myapp.php?foo=1&bar=2");
        String body = "Digits=1234&To=%2B18005551212&From=%2B14158675309&Caller=%2B14158675309&CallSid=CA1234567890ABCDE";

        assertThat(check.accepts(Map.of("X-Twilio-Signature", List.of("RSOYDt4T1cUTdK1PDd93/VVr8B8=")), body)).isTrue();
        assertThat(check.accepts(Map.of("x-twilio-signature", List.of("RSOYDt4T1cUTdK1PDd93/VVr8B8=")), body)).as("any case").isTrue();
        assertThat(check.accepts(Map.of("X-Twilio-Signature", List.of("RSOYDt4T1cUTdK1PDd93/VVr8B8=")), body.replace("1234&", "1235&")))
                .isFalse();
        assertThat(check.accepts(Map.of(), body)).isFalse();
        // and with a parameter posted more than once, its values sorted too (the vector of Twilio's libraries' tests)
        String repeated = "Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234";
        assertThat(check.accepts(Map.of("X-Twilio-Signature", List.of("IK+Dwps556ElfBT0I3Rgjkr1wJU=")), repeated)).isTrue();
    }

    @Test
    void aSignedBodyOrASharedSecretIsCheckedInTheHeaderNamed() throws Exception {
        String body = "msisdn=905329998877&dest=4540&msg=Havlu+yok";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("gizli".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hex = java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        SmsRequestCheck signed = SmsRequestCheck.hmacSha256("X-Signature", "gizli");
        SmsRequestCheck secret = SmsRequestCheck.sharedSecret("X-Gateway-Secret", "gizli");

        assertThat(signed.accepts(Map.of("x-signature", List.of(hex)), body)).isTrue();
        assertThat(signed.accepts(Map.of("X-Signature", List.of("sha256=" + hex.toUpperCase(Locale.ROOT))), body)).isTrue();
        assertThat(signed.accepts(Map.of("X-Signature", List.of(hex)), body + "&x=1")).isFalse();
        assertThat(secret.accepts(Map.of("X-Gateway-Secret", List.of("gizli")), body)).isTrue();
        assertThat(secret.accepts(Map.of("X-Gateway-Secret", List.of("gizl")), body)).isFalse();
        assertThat(secret.accepts(Map.of(), body)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmsRequestCheck.sharedSecret("X-Gateway-Secret", ""))
                .isInstanceOf(io.memnun.error.ValidationException.class);
    }
}
