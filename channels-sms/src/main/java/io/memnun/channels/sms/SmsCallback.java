package io.memnun.channels.sms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.memnun.error.TransactionConflictException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.InboundMessage;
import io.memnun.inbound.InboundOutcome;
import io.memnun.inbound.InboundProcessor;
import io.memnun.notify.ErrorText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives SMS that an HTTP gateway posts to the host (its "incoming message" webhook) and hands them to the
 * {@link InboundProcessor}: a reply from a customer with an open feedback is added to it (EVET / HAYIR to a
 * resolution decides), any other message becomes a new feedback.
 *
 * <p>The host mounts {@link #handle} in its own web server (or {@link #asHttpHandler()} in the JDK's). The answer
 * tells the gateway what to do: 200 when the message was processed (also when it was a repeat), 400 when the post
 * is not an SMS (the gateway should not retry), 503 when processing failed (the gateway retries later, and the
 * intake key keeps a retry from counting twice). A {@link TransactionConflictException} in the host's transaction
 * ({@link TransactionConflictException#inHostTransaction()}) is thrown instead, as memnun's own loops do: {@link #handle}
 * may run inside a transaction of the host's web framework, which the database aborted, and an answer would have the
 * host commit it as if the message was recorded. Roll back and answer 503, or run it again. {@link #asHttpHandler()},
 * around which the host has no transaction, answers 503 for it.
 *
 * <p>Formats: {@link Format#twilio()} (form fields {@code From}, {@code To}, {@code Body}, {@code MessageSid}) and
 * {@link Format#generic(String, String, String, String)} with field names of the host's choosing, posted as a form.
 *
 * <p>Every request is checked first ({@link SmsRequestCheck}): anybody who finds the webhook's address can post to
 * it, and a reply decides for the customer whose number it names. A request that fails the check gets 403 and
 * changes nothing.
 */
public final class SmsCallback {
    private static final Logger LOG = LoggerFactory.getLogger(SmsCallback.class);
    private static final int MAX_BODY = 64 * 1024;

    private final TenantId tenant;
    private final Format format;
    private final Function<InboundMessage, InboundOutcome> processor;
    private final Locale language;
    private final Clock clock;
    private final ZoneId zone;
    private final SmsRequestCheck check;

    /** Where the sender, the receiving number, the text and the provider's message id are in the posted form. */
    public record Format(String from, String to, String text, @Nullable String messageId) {
        public Format {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(text, "text");
        }

        /** Twilio's incoming message webhook. */
        public static Format twilio() {
            return new Format("From", "To", "Body", "MessageSid");
        }

        /** A gateway posting a form with these field names; {@code messageId} may be {@code null}. */
        public static Format generic(String from, String to, String text, @Nullable String messageId) {
            return new Format(from, to, text, messageId);
        }
    }

    /** The answer to give the gateway: an HTTP status and what was done. */
    public record Answer(int status, @Nullable InboundOutcome outcome, @Nullable String problem) {}

    private SmsCallback(TenantId tenant, Format format, Function<InboundMessage, InboundOutcome> processor, Locale language, Clock clock,
            ZoneId zone, SmsRequestCheck check) {
        this.check = check;
        this.tenant = tenant;
        this.format = format;
        this.processor = processor;
        this.language = language;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * @param language the language of customers first met through this number
     * @param zone the zone whose day groups repeats of a message without a provider id
     * @param check how a request is known to come from the gateway, e.g. {@link SmsRequestCheck#twilio}
     */
    public static SmsCallback of(TenantId tenant, Format format, InboundProcessor processor, Locale language, Clock clock, ZoneId zone,
            SmsRequestCheck check) {
        Objects.requireNonNull(processor, "processor");
        return new SmsCallback(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(format, "format"), processor::process,
                Objects.requireNonNull(language, "language"), Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(zone, "zone"),
                Objects.requireNonNull(check, "check"));
    }

    /**
     * Processes one posted form body ({@code application/x-www-form-urlencoded}) that came without headers.
     *
     * @throws TransactionConflictException if processing met one in the host's transaction (see the class comment)
     */
    public Answer handle(String formBody) {
        return handle(Map.of(), formBody);
    }

    /**
     * Processes one posted form body ({@code application/x-www-form-urlencoded}) with the request's headers, which
     * the {@link SmsRequestCheck} reads: 403 and nothing done when it refuses the request.
     *
     * @throws TransactionConflictException if processing met one in the host's transaction, which the host is to roll
     *     back (see the class comment)
     */
    public Answer handle(Map<String, List<String>> headers, String formBody) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(formBody, "formBody");
        if (!check.accepts(headers, formBody)) {
            LOG.warn("an SMS post to tenant {} was refused: it did not pass the gateway check", tenant);
            return new Answer(403, null, "not from the gateway");
        }
        Map<String, String> form;
        InboundMessage message;
        try {
            form = parseForm(formBody);
            String from = required(form, format.from());
            String to = required(form, format.to());
            String text = required(form, format.text());
            String id = format.messageId() == null ? null : form.get(format.messageId());
            message = InboundSms.message(tenant, language, clock.instant(), zone, from, to, text, id);
        } catch (ValidationException e) {
            return new Answer(400, null, e.getMessage());
        }
        try {
            return new Answer(200, processor.apply(message), null);
        } catch (RuntimeException e) {
            if (e instanceof TransactionConflictException conflict && conflict.inHostTransaction()) {
                // the database aborted the host's transaction: an answer would have the host commit it as if the
                // message was recorded. The host rolls back and answers 503 (or runs it again)
                throw conflict;
            }
            LOG.warn("SMS {} not processed; the gateway should retry: {}", message.messageId(), ErrorText.of(e));
            return new Answer(503, null, "not processed, try again later");
        }
    }

    /** This callback as a handler for the JDK's {@code com.sun.net.httpserver.HttpServer}; only POST is accepted. */
    public HttpHandler asHttpHandler() {
        return exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    respond(exchange, 405, "POST only");
                    return;
                }
                byte[] body = readAtMost(exchange.getRequestBody());
                if (body == null) {
                    respond(exchange, 413, "too large");
                    return;
                }
                Answer answer;
                try {
                    answer = handle(exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8));
                } catch (TransactionConflictException e) {
                    // no transaction of the host's is around this handler: the one the conflict cost (opened around the
                    // processor) is over, and the gateway posts again
                    LOG.warn("an SMS to tenant {} not processed; the gateway should retry: {}", tenant, ErrorText.of(e));
                    answer = new Answer(503, null, "not processed, try again later");
                }
                respond(exchange, answer.status(), answer.problem() == null ? "ok" : answer.problem());
            }
        };
    }

    private static byte @Nullable [] readAtMost(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String required(Map<String, String> form, String field) {
        String value = form.get(field);
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is missing from the posted SMS");
        }
        return value;
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("form", "is not URL-encoded: " + e.getMessage());
            }
        }
        return form;
    }
}
