package io.memnun.channels.sms;

import static io.memnun.channels.sms.SmsFixtures.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.channels.sms.internal.Json;
import io.memnun.error.ValidationException;
import io.memnun.feedback.PhoneNumber;
import io.memnun.notify.MessageCategory;
import io.memnun.notify.Notification;
import io.memnun.notify.QuietHours;
import io.memnun.notify.SendResult;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real local HTTP server playing the gateway. */
class HttpSmsGatewayTest {
    private static final String TURKISH = "Boğaziçi Otel: Geri bildiriminiz alındı. Başvuru no: FB-2026-000001-6 \"İyi\" günler";
    private GatewayServer server;

    @BeforeEach
    void start() throws IOException {
        server = new GatewayServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpSmsGateway.Builder generic() {
        return HttpSmsGateway.builder(server.url("/api/sms"))
                .bearer("token-123")
                .sender("OTEL")
                .idempotencyHeader("Idempotency-Key")
                .body(HttpSmsGateway.BodyFormat.JSON, "application/json",
                        "{\"to\":\"${to}\",\"from\":\"${sender}\",\"text\":\"${text}\",\"encoding\":\"${encoding}\",\"parts\":${segments}}")
                .successWhen("/status", "queued", "sent")
                .errorText("/error")
                .messageId("/data/id")
                .timeout(Duration.ofSeconds(20));
    }

    @Test
    void aMessageIsPostedAndTheProvidersIdReadBack() {
        server.then(200, "{\"status\":\"queued\",\"data\":{\"id\":\"msg-77\"}}");
        Notification n = sms("+905321234567", TURKISH);

        SendResult r = generic().build().send(n);

        assertThat(r).isEqualTo(SendResult.delivered("msg-77"));
        GatewayServer.Request req = server.requests.get(0);
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/api/sms");
        assertThat(req.header("Authorization")).isEqualTo("Bearer token-123");
        assertThat(req.header("Idempotency-Key")).isEqualTo(n.idempotencyKey());
        assertThat(req.header("Content-Type")).isEqualTo("application/json");
        Object body = Json.parse(req.body());
        assertThat(Json.at(body, "/text")).contains(TURKISH);
        assertThat(Json.at(body, "/to")).contains("+905321234567");
        assertThat(Json.at(body, "/encoding")).contains("GSM7_TURKISH_SHIFT");
        assertThat(Json.at(body, "/parts")).contains("1");
    }

    @Test
    void aProviderErrorIsPermanentAndARateLimitRetryable() {
        server.then(200, "{\"status\":\"rejected\",\"error\":\"invalid sender\"}")
                .then(400, "{\"error\":\"bad number\"}")
                .then(new GatewayServer.Answer(429, "{}", Map.of("Retry-After", "120"), 0))
                .then(503, "down for maintenance");
        HttpSmsGateway g = generic().build();

        assertThat(g.send(sms("+905321234567", "a"))).isInstanceOfSatisfying(SendResult.PermanentFailure.class,
                f -> assertThat(f.reason()).contains("invalid sender"));
        assertThat(g.send(sms("+905321234567", "b"))).isInstanceOfSatisfying(SendResult.PermanentFailure.class,
                f -> assertThat(f.reason()).startsWith("HTTP 400"));
        assertThat(g.send(sms("+905321234567", "c"))).isInstanceOfSatisfying(SendResult.RetryableFailure.class,
                f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        assertThat(g.send(sms("+905321234567", "d"))).isInstanceOfSatisfying(SendResult.RetryableFailure.class,
                f -> assertThat(f.reason()).contains("503"));
    }

    @Test
    void whatAGatewayEchoesOfTheNumberTheNameAndTheTextIsNotRecordedButItsStatusAndCodeAre() {
        String text = "Sayın Şükrü Çağlayan, şikayetiniz alındı. Başvuru no: FB-2026-000001-6";
        String echo = "\"request\":{\"to\":\"+905321234567\",\"text\":\"" + text + "\"}";
        server.then(200, "{\"status\":\"rejected\",\"error\":\"blocked: 905321234567 (Şükrü Çağlayan)\"," + echo + "}")
                .then(400, "{\"error\":\"bad request\"," + echo + "}")
                .then(503, "busy, retry: to=+905321234567&text=" + text)
                .then(200, "{\"status\":\"rejected\",\"error\":\"text refused: " + text + "\"}");
        HttpSmsGateway g = generic().build();

        SendResult refused = g.send(sms("+905321234567", text));
        SendResult bad = g.send(sms("+905321234567", text));
        SendResult busy = g.send(sms("+905321234567", text));
        SendResult textRefused = g.send(sms("+905321234567", text));

        assertThat(refused).isEqualTo(SendResult.permanent("the gateway refused: HTTP 200, gateway code rejected: blocked: [phone] ([name])"));
        assertThat(bad).isEqualTo(SendResult.permanent("HTTP 400: bad request"));
        assertThat(busy).as("not JSON: the status only").isEqualTo(SendResult.retryable("HTTP 503"));
        assertThat(textRefused).isEqualTo(SendResult.permanent("the gateway refused: HTTP 200, gateway code rejected: text refused: [text]"));
        for (SendResult r : java.util.List.of(refused, bad, busy, textRefused)) {
            assertThat(r.toString()).doesNotContain("5321234567").doesNotContain("Şükrü").doesNotContain("şikayetiniz");
        }
    }

    @Test
    void anEchoedTextIsNotRecordedWhenItHasLineBreaksOrWasCutToFit() {
        String lines = "Otel: Kararımız: Oda değiştirildi.\nBir gecelik ücret iade edildi.";
        String long3 = "Otel: Kararımız: " + "ş".repeat(300) + " https://otel.example/t/Gizli-Kod-42";
        server.then(200, "{\"status\":\"rejected\",\"error\":\"text refused: " + lines.replace("\n", "\\n") + "\"}")
                .then(200, "{\"status\":\"rejected\",\"error\":\"text refused: " + lines.replace("\n", "\\r\\n") + "\"}");
        HttpSmsGateway g = generic().build();

        assertThat(g.send(sms("+905321234567", lines))).isEqualTo(SendResult.permanent("the gateway refused: HTTP 200, gateway code rejected: text refused: [text]"));
        assertThat(g.send(sms("+905321234567", lines))).isEqualTo(SendResult.permanent("the gateway refused: HTTP 200, gateway code rejected: text refused: [text]"));

        HttpSmsGateway cutting = generic().policy(SmsPolicy.builder().maxSegments(2).build()).build();
        server.then(200, "{\"status\":\"queued\",\"data\":{\"id\":\"probe\"}}");
        assertThat(cutting.send(sms("+905321234567", long3))).isInstanceOf(SendResult.Delivered.class);
        String sent = Json.at(Json.parse(server.requests.get(2).body()), "/text").orElseThrow();
        assertThat(sent).as("cut, with its link").isNotEqualTo(long3).endsWith("https://otel.example/t/Gizli-Kod-42");
        server.then(200, "{\"status\":\"rejected\",\"error\":\"text refused: " + sent + "\"}");

        assertThat(cutting.send(sms("+905321234567", long3))).isEqualTo(SendResult.permanent(
                "the gateway refused: HTTP 200, gateway code rejected: text refused: [text]"));
    }

    @Test
    void aLongErrorTextIsCutBetweenCharactersAndStaysRetryable() {
        server.then(503, "{\"status\":\"busy\",\"error\":\"" + "x".repeat(299) + "\uD83D\uDE1E and more\"}");

        assertThat(generic().build().send(sms("+905321234567", "a"))).isEqualTo(SendResult.retryable(
                "HTTP 503, gateway code busy: " + "x".repeat(299) + "..."));
    }

    @Test
    void twilioErrorsKeepTheirCodeAndTheirMessageWithoutTheNumber() {
        // Twilio's error messages name the number: "The 'To' number +447911123456 is not a valid phone number."
        server.then(400, "{\"code\":21211,\"message\":\"The 'To' number +447911123456 is not a valid phone number.\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");
        String sid = "AC" + "0123456789abcdef".repeat(2);
        HttpSmsGateway g = HttpSmsGateway.twilio(sid, "token", "+15005550006").url(server.url("/2010-04-01/Accounts/" + sid + "/Messages.json")).build();

        assertThat(g.send(sms("+447911123456", "x"))).isEqualTo(SendResult.unreachable(
                "the number cannot take SMS: HTTP 400, gateway code 21211: The 'To' number [phone] is not a valid phone number."));
    }

    @Test
    void aRequestTimeoutAnswerIsRetryableLikeARateLimit() {
        server.then(new GatewayServer.Answer(408, "request timeout", Map.of("Retry-After", "90"), 0))
                .then(408, "")
                .then(404, "{\"error\":\"no such route\"}");
        HttpSmsGateway g = generic().build();

        assertThat(g.send(sms("+905321234567", "a"))).isInstanceOfSatisfying(SendResult.RetryableFailure.class,
                f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(90)));
        assertThat(g.send(sms("+905321234567", "b"))).isInstanceOfSatisfying(SendResult.RetryableFailure.class,
                f -> assertThat(f.reason()).startsWith("HTTP 408"));
        assertThat(g.send(sms("+905321234567", "c"))).as("other 4xx stay permanent").isInstanceOf(SendResult.PermanentFailure.class);
    }

    @Test
    void aGatewayThatDoesNotAnswerInTimeIsRetryable() {
        // the server answers long after the client stopped waiting
        server.then(new GatewayServer.Answer(200, "{\"status\":\"sent\"}", Map.of(), 30_000));
        SendResult r = generic().timeout(Duration.ofMillis(300)).build().send(sms("+905321234567", "geç"));
        assertThat(r).isInstanceOfSatisfying(SendResult.RetryableFailure.class, f -> assertThat(f.reason()).contains("did not answer"));
    }

    @Test
    void aGatewayThatIsDownIsRetryable() {
        String url = server.url("/api/sms");
        server.close();
        SendResult r = HttpSmsGateway.builder(url).body(HttpSmsGateway.BodyFormat.FORM, "application/x-www-form-urlencoded", "to=${to}")
                .timeout(Duration.ofSeconds(2)).build().send(sms("+905321234567", "a"));
        assertThat(r).isInstanceOf(SendResult.RetryableFailure.class);
    }

    @Test
    void netgsmGetsItsJsonAndAnswersWithAJobId() {
        server.then(200, "{\"code\":\"00\",\"jobid\":\"17377215342605050417149344\",\"description\":\"queued\"}")
                .then(200, "{\"code\":\"40\",\"description\":\"msgheader not defined\"}")
                .then(200, "{\"code\":\"80\",\"description\":\"sending limit\"}");
        HttpSmsGateway g = HttpSmsGateway.netgsm("8503020000", "gizli", "BOGAZICI").url(server.url("/sms/rest/v2/send")).build();

        SendResult ok = g.send(sms("+905321234567", TURKISH));
        SendResult refused = g.send(sms("+905321234567", "a"));
        SendResult limited = g.send(sms("+905321234567", "b", MessageCategory.COMMERCIAL, false));

        assertThat(ok).isEqualTo(SendResult.delivered("17377215342605050417149344"));
        assertThat(refused).isInstanceOf(SendResult.PermanentFailure.class);
        assertThat(limited).isInstanceOf(SendResult.RetryableFailure.class);
        GatewayServer.Request first = server.requests.get(0);
        assertThat(first.header("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("8503020000:gizli".getBytes(StandardCharsets.UTF_8)));
        Object body = Json.parse(first.body());
        assertThat(Json.at(body, "/msgheader")).contains("BOGAZICI");
        assertThat(Json.at(body, "/encoding")).contains("TR");
        assertThat(Json.at(body, "/iysfilter")).contains("0");
        assertThat(Json.at(body, "/messages/0/msg")).contains(TURKISH);
        assertThat(Json.at(body, "/messages/0/no")).contains("905321234567");
        assertThat(Json.at(Json.parse(server.requests.get(2).body()), "/iysfilter")).as("commercial").contains("11");
    }

    @Test
    void twilioGetsAFormAndAnswersWithASid() {
        server.then(201, "{\"sid\":\"SM1234567890abcdef1234567890abcdef\",\"status\":\"queued\"}")
                .then(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\"}");
        String sid = "AC" + "0123456789abcdef".repeat(2);
        HttpSmsGateway g = HttpSmsGateway.twilio(sid, "token", "+15005550006")
                .url(server.url("/2010-04-01/Accounts/" + sid + "/Messages.json")).build();

        assertThat(g.send(sms("+447911123456", "Your feedback FB-2026-000001-6 was received & logged")))
                .isEqualTo(SendResult.delivered("SM1234567890abcdef1234567890abcdef"));
        assertThat(g.send(sms("+447911123456", "x"))).isInstanceOfSatisfying(SendResult.PermanentFailure.class,
                f -> assertThat(f.reason()).contains("21211"));
        server.then(400, "{\"code\":21614,\"message\":\"'To' number is not a valid mobile number\"}")
                .then(400, "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\"}");
        assertThat(g.send(sms("+447911123456", "y"))).isInstanceOfSatisfying(SendResult.PermanentFailure.class,
                f -> assertThat(f.unreachable()).as("not a mobile number").isTrue());
        assertThat(g.send(sms("+447911123456", "z"))).isInstanceOfSatisfying(SendResult.PermanentFailure.class,
                f -> assertThat(f.unreachable()).as("another refusal").isFalse());

        GatewayServer.Request req = server.requests.get(0);
        assertThat(req.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : req.body().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(form).containsEntry("To", "+447911123456").containsEntry("From", "+15005550006")
                .containsEntry("Body", "Your feedback FB-2026-000001-6 was received & logged");
    }

    @Test
    void badNumbersAreRefusedBeforeAnythingIsSent() {
        HttpSmsGateway g = generic().policy(SmsPolicy.builder().maxSegments(2).build()).build();
        assertThatThrownBy(() -> PhoneNumber.of("0532 abc 45 67"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("phone"));
        // answered as unreachable: the desk may tell the customer by e-mail instead
        assertThat(g.send(sms("+90123456789", "a"))).isInstanceOfSatisfying(SendResult.PermanentFailure.class, f -> {
            assertThat(f.unreachable()).isTrue();
            assertThat(f.reason()).startsWith("phone: ").contains("not a valid number").doesNotContain("123456789");
        });
        assertThat(g.send(sms("+902122223344", "a"))).isInstanceOfSatisfying(SendResult.PermanentFailure.class, f -> {
            assertThat(f.unreachable()).isTrue();
            assertThat(f.reason()).contains("not a mobile one").doesNotContain("2122223344");
        });
        assertThat(server.requests).isEmpty();
        assertThatThrownBy(() -> generic().body(HttpSmsGateway.BodyFormat.JSON, "application/json", "{\"x\":\"${receiver}\"}").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("${receiver}");
        assertThatThrownBy(() -> generic().header("X-Bad", "a\r\nInjected: 1")).isInstanceOf(ValidationException.class);
    }

    @Test
    void aTextOverTheSegmentLimitIsSentCutToFit() {
        server.otherwise(200, "{\"status\":\"sent\",\"data\":{\"id\":\"c1\"}}");
        HttpSmsGateway g = generic().policy(SmsPolicy.builder().maxSegments(2).build()).build();
        String long3 = "ş".repeat(160); // 320 septets with the Turkish shift table: 3 parts of 149

        assertThat(g.send(sms("+905321234567", long3))).isEqualTo(SendResult.delivered("c1", java.util.Map.of(
                "cut", "true", "segments", "2", "length", "150", "originalSegments", "3", "originalLength", "160")));

        Object body = Json.parse(server.requests.get(0).body());
        assertThat(Json.at(body, "/text")).contains("ş".repeat(147) + "...");
        assertThat(Json.at(body, "/parts")).contains("2");
    }

    @Test
    void aNonUrgentMessageWaitsForTheEndOfQuietHoursInTheRecipientsZone() {
        Instant night = Instant.parse("2026-03-16T20:30:00Z"); // 23:30 in Istanbul
        SmsPolicy quiet = SmsPolicy.builder().quietHours(QuietHours.parse("21:00-09:00")).clock(Clock.fixed(night, ZoneOffset.UTC)).build();
        HttpSmsGateway g = generic().policy(quiet).build();
        server.otherwise(200, "{\"status\":\"sent\",\"data\":{\"id\":\"u1\"}}");

        assertThat(g.send(sms("+905321234567", "a"))).isEqualTo(SendResult.deferred(Instant.parse("2026-03-17T06:00:00Z"),
                "quiet hours 21:00-09:00 in Europe/Istanbul"));
        assertThat(g.send(sms("+905321234567", "b", MessageCategory.COMMERCIAL, true))).as("commercial is never urgent")
                .isInstanceOf(SendResult.Deferred.class);
        assertThat(server.requests).isEmpty();
        assertThat(g.send(sms("+905321234567", "escalation", MessageCategory.TRANSACTIONAL, true))).isInstanceOf(SendResult.Delivered.class);
    }
}
