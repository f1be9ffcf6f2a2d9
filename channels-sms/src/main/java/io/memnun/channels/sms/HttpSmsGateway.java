package io.memnun.channels.sms;

import io.memnun.channels.sms.internal.Json;
import io.memnun.error.ValidationException;
import io.memnun.notify.ErrorText;
import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;
import io.memnun.spi.NotificationChannel;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Sends SMS through an HTTP gateway with the JDK's {@link HttpClient}: a configurable URL, method, headers,
 * authentication and request body with {@code ${name}} placeholders, and how success and the provider's message
 * id are read from the answer (a JSON Pointer or a regular expression). {@link #netgsm} and {@link #twilio} are
 * ready configurations; any other provider is a few builder calls.
 *
 * <p>Placeholders (escaped for where they stand: URL-encoded in the URL and in form bodies, JSON- or XML-escaped in
 * those bodies): {@code to} (E.164, {@code +905321234567}), {@code digits} ({@code 905321234567}), {@code national}
 * ({@code 5321234567}), {@code countryCode}, {@code text}, {@code sender}, {@code reference},
 * {@code idempotencyKey}, {@code encoding} ({@code GSM7}, {@code GSM7_TURKISH_SHIFT} or {@code UCS2}),
 * {@code segments}, {@code commercial} ({@code true} or {@code false}), and any {@link Builder#variable}. An
 * unknown placeholder is refused when the gateway is built.
 *
 * <p>Answers: a timeout, a connection failure, 408, 429 and 5xx are retryable (a {@code Retry-After} in seconds is
 * passed on); any other status outside 2xx is permanent; a 2xx whose success check fails is permanent, unless the
 * provider's code is one of {@link Builder#retryableWhen}. A number the {@link SmsPolicy} refuses, or a refusal
 * whose code is one of {@link Builder#unreachableWhen}, is {@link SendResult#unreachable unreachable}. A delivery of a
 * text the policy cut to fit carries {@link SmsPolicy.Checked#deliveryDetails() what was cut} for the history.
 *
 * <p>A failure's reason, which the outbox and the history keep, has the HTTP status, the gateway's code
 * ({@link Builder#errorCode}) and its error text ({@link Builder#errorText}) with the number, the name and the text
 * replaced ({@link ErrorText}), e.g. {@code HTTP 400, gateway code 21211: The 'To' number [phone] is not a valid phone
 * number.}; never the answer's body as it is, which gateways often fill with the request: the number and the text.
 */
public final class HttpSmsGateway implements NotificationChannel {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final int MAX_CODE = 64;
    private static final int MAX_ERROR_TEXT = 300;
    private static final Set<String> BUILT_IN = Set.of("to", "digits", "national", "countryCode", "text", "sender", "reference",
            "idempotencyKey", "encoding", "segments", "commercial");

    /** How values are escaped in the request body. */
    public enum BodyFormat {
        JSON,
        FORM,
        XML,
        /** Values as they are: only for bodies that are not parsed (rare). */
        TEXT
    }

    private final String method;
    private final String url;
    private final Map<String, String> headers;
    private final @Nullable BodyFormat format;
    private final @Nullable String contentType;
    private final @Nullable String body;
    private final String sender;
    private final Map<String, Function<SmsPolicy.Checked, String>> variables;
    private final @Nullable String successPointer;
    private final Set<String> successValues;
    private final @Nullable Pattern successPattern;
    private final @Nullable String messageIdPointer;
    private final @Nullable Pattern messageIdPattern;
    private final @Nullable String retryablePointer;
    private final Set<String> retryableValues;
    private final @Nullable String unreachablePointer;
    private final Set<String> unreachableValues;
    private final @Nullable String errorCodePointer;
    private final @Nullable String errorTextPointer;
    private final @Nullable String idempotencyHeader;
    private final Duration timeout;
    private final HttpClient client;
    private final SmsPolicy policy;

    private HttpSmsGateway(Builder b) {
        this.method = b.method;
        this.url = b.url;
        this.headers = Map.copyOf(b.headers);
        this.format = b.format;
        this.contentType = b.contentType;
        this.body = b.body;
        this.sender = b.sender;
        this.variables = Map.copyOf(b.variables);
        this.successPointer = b.successPointer;
        this.successValues = Set.copyOf(b.successValues);
        this.successPattern = b.successPattern;
        this.messageIdPointer = b.messageIdPointer;
        this.messageIdPattern = b.messageIdPattern;
        this.retryablePointer = b.retryablePointer;
        this.retryableValues = Set.copyOf(b.retryableValues);
        this.unreachablePointer = b.unreachablePointer;
        this.unreachableValues = Set.copyOf(b.unreachableValues);
        // the code is where the checks read it, unless named
        this.errorCodePointer = b.errorCodePointer != null ? b.errorCodePointer
                : b.unreachablePointer != null ? b.unreachablePointer : b.retryablePointer != null ? b.retryablePointer : b.successPointer;
        this.errorTextPointer = b.errorTextPointer;
        this.idempotencyHeader = b.idempotencyHeader;
        this.timeout = b.timeout;
        this.client = b.client != null ? b.client : HttpClient.newBuilder().connectTimeout(b.timeout).build();
        this.policy = b.policy;
    }

    /** A gateway posting to {@code url}; configure the body, the authentication and the answer. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /**
     * Netgsm's REST API (v2) as we understand its public documentation: {@code POST /sms/rest/v2/send} with basic
     * authentication (user code and password), a JSON body with {@code msgheader}, {@code encoding: TR} (the Turkish
     * character set), {@code iysfilter} ({@code 0} informational, {@code 11} commercial to individuals) and
     * {@code messages[{msg, no}]}; success is {@code code} {@code 00}, the id is {@code jobid}, and code {@code 80}
     * (sending limit) is retried. Check the field names against Netgsm's current documentation before going live.
     *
     * @param header the approved sender name (başlık)
     */
    public static Builder netgsm(String usercode, String password, String header) {
        return builder("https://api.netgsm.com.tr/sms/rest/v2/send")
                .basicAuth(usercode, password)
                .sender(header)
                .variable("iysfilter", c -> c.notification().category().isCommercial() ? "11" : "0")
                .body(BodyFormat.JSON, "application/json",
                        "{\"msgheader\":\"${sender}\",\"encoding\":\"TR\",\"iysfilter\":\"${iysfilter}\","
                                + "\"messages\":[{\"msg\":\"${text}\",\"no\":\"${digits}\"}]}")
                .successWhen("/code", "00")
                .retryableWhen("/code", "80")
                .errorText("/description")
                .messageId("/jobid");
    }

    /**
     * Twilio's Messages API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json} with basic authentication (account
     * SID and auth token), a form body with {@code To}, {@code From} and {@code Body}; the id is {@code sid}. Twilio
     * answers 201 on success and 4xx with an error {@code code} and {@code message} otherwise; codes 21211 (invalid 'To'
     * number) and 21614 (not a mobile number) mean the number cannot take SMS.
     *
     * @param from the sending number in E.164 or an alphanumeric sender id
     */
    public static Builder twilio(String accountSid, String authToken, String from) {
        if (accountSid == null || !accountSid.matches("AC[0-9a-fA-F]{32}")) {
            throw new ValidationException("accountSid", "must be AC followed by 32 hex digits");
        }
        return builder("https://api.twilio.com/2010-04-01/Accounts/" + accountSid + "/Messages.json")
                .basicAuth(accountSid, authToken)
                .sender(from)
                .body(BodyFormat.FORM, "application/x-www-form-urlencoded", "To=${to}&From=${sender}&Body=${text}")
                .unreachableWhen("/code", "21211", "21614")
                .errorText("/message")
                .messageId("/sid");
    }

    @Override
    public SendResult send(Notification n) {
        SmsPolicy.Checked c;
        try {
            c = policy.check(n);
        } catch (ValidationException e) {
            return SmsPolicy.unreachable(e);
        }
        Optional<SendResult> deferred = policy.deferral(n);
        if (deferred.isPresent()) {
            return deferred.get();
        }
        Map<String, String> values = values(c);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(render(url, values, Builder::urlEncode))).timeout(timeout);
        headers.forEach((k, v) -> request.header(k, render(v, values, UnaryOperator.identity())));
        if (idempotencyHeader != null) {
            request.header(idempotencyHeader, n.idempotencyKey());
        }
        if (body != null) {
            request.header("Content-Type", Objects.requireNonNull(contentType));
            request.method(method, HttpRequest.BodyPublishers.ofString(render(body, values, escaper(format)), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return SendResult.retryable("the gateway did not answer within " + timeout);
        } catch (IOException e) {
            // a URL with the number in it may be in the message
            return SendResult.retryable("cannot reach the gateway: " + ErrorText.redact(ErrorText.of(e), n, c.text().text()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retryable("interrupted while sending");
        }
        return answer(response, c);
    }

    private SendResult answer(HttpResponse<String> response, SmsPolicy.Checked c) {
        Notification n = c.notification();
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        Object json = null;
        try {
            json = Json.parse(text);
        } catch (IllegalArgumentException e) {
            // not JSON: a failure then reports its status only
        }
        String error = error(status, json, c);
        // 408 (the server gave up waiting for the request) and 429 (too many requests) say "not now", not "never"
        if (status == 408 || status == 429 || status >= 500) {
            Duration retryAfter = response.headers().firstValue("Retry-After")
                    .filter(v -> v.strip().matches("\\d{1,6}")).map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(null);
            return new SendResult.RetryableFailure(error, retryAfter);
        }
        if (status < 200 || status > 299) {
            return unreachable(json) ? SendResult.unreachable("the number cannot take SMS: " + error) : SendResult.permanent(error);
        }
        if (json == null && (successPointer != null || messageIdPointer != null || retryablePointer != null)) {
            return SendResult.permanent("the gateway's answer is not JSON: " + error);
        }
        boolean ok = true;
        if (successPointer != null) {
            ok = Json.at(json, successPointer).filter(successValues::contains).isPresent();
        }
        if (ok && successPattern != null) {
            ok = successPattern.matcher(text).find();
        }
        if (!ok) {
            if (retryablePointer != null && Json.at(json, retryablePointer).filter(retryableValues::contains).isPresent()) {
                return SendResult.retryable("the gateway refused for now: " + error);
            }
            if (unreachable(json)) {
                return SendResult.unreachable("the number cannot take SMS: " + error);
            }
            return SendResult.permanent("the gateway refused: " + error);
        }
        Optional<String> id = Optional.empty();
        if (messageIdPointer != null) {
            id = Json.at(json, messageIdPointer);
        } else if (messageIdPattern != null) {
            Matcher m = messageIdPattern.matcher(text);
            if (m.find()) {
                id = Optional.of(m.groupCount() >= 1 ? m.group(1) : m.group());
            }
        }
        return SendResult.delivered(id.filter(s -> !s.isBlank()).orElse(n.idempotencyKey()), c.deliveryDetails());
    }

    /** Whether the answer names one of the {@link Builder#unreachableWhen} codes. */
    private boolean unreachable(@Nullable Object json) {
        return unreachablePointer != null && json != null && Json.at(json, unreachablePointer).filter(unreachableValues::contains).isPresent();
    }

    /**
     * What a failure's reason says about the answer: {@code HTTP 400, gateway code 21211: <error text>}, the code and the
     * text where the answer has them, both without anything that names the recipient or repeats the message.
     */
    private String error(int status, @Nullable Object json, SmsPolicy.Checked c) {
        StringBuilder sb = new StringBuilder("HTTP ").append(status);
        if (json != null && errorCodePointer != null) {
            Json.at(json, errorCodePointer).filter(v -> !v.isBlank())
                    .ifPresent(code -> sb.append(", gateway code ").append(quoted(code, c, MAX_CODE)));
        }
        if (json != null && errorTextPointer != null) {
            Json.at(json, errorTextPointer).filter(v -> !v.isBlank())
                    .ifPresent(message -> sb.append(": ").append(quoted(message, c, MAX_ERROR_TEXT)));
        }
        return sb.toString();
    }

    /** {@code value} redacted, then on one line: also the text as sent, which is not the message's when it was cut to fit. */
    private static String quoted(String value, SmsPolicy.Checked c, int max) {
        String line = ErrorText.redact(value, c.notification(), c.text().text()).replaceAll("\\s+", " ").strip();
        if (line.length() <= max) {
            return line;
        }
        // never half a surrogate pair, which a SendResult refuses: a failure that may pass would be answered as a refusal
        return line.substring(0, Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max) + "...";
    }

    private Map<String, String> values(SmsPolicy.Checked c) {
        Notification n = c.notification();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("to", c.e164());
        v.put("digits", c.digits());
        v.put("national", c.nationalNumber());
        v.put("countryCode", Integer.toString(c.countryCode()));
        v.put("text", c.text().text());
        v.put("sender", sender);
        v.put("reference", n.owner().label());
        v.put("idempotencyKey", n.idempotencyKey());
        v.put("encoding", c.text().encoding().name());
        v.put("segments", Integer.toString(c.text().segments()));
        v.put("commercial", Boolean.toString(n.category().isCommercial()));
        variables.forEach((k, f) -> v.put(k, f.apply(c)));
        return v;
    }

    private static UnaryOperator<String> escaper(@Nullable BodyFormat format) {
        if (format == null) {
            return UnaryOperator.identity();
        }
        return switch (format) {
            case JSON -> Json::escape;
            case FORM -> Builder::urlEncode;
            case XML -> s -> s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
            case TEXT -> UnaryOperator.identity();
        };
    }

    private static String render(String template, Map<String, String> values, UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(escape.apply(values.get(m.group(1)))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Collects the settings; {@link #build()} checks that every placeholder is known. */
    public static final class Builder {
        private String method = "POST";
        private String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable BodyFormat format;
        private @Nullable String contentType;
        private @Nullable String body;
        private String sender = "";
        private final Map<String, Function<SmsPolicy.Checked, String>> variables = new LinkedHashMap<>();
        private @Nullable String successPointer;
        private final Set<String> successValues = new HashSet<>();
        private @Nullable Pattern successPattern;
        private @Nullable String messageIdPointer;
        private @Nullable Pattern messageIdPattern;
        private @Nullable String retryablePointer;
        private final Set<String> retryableValues = new HashSet<>();
        private @Nullable String unreachablePointer;
        private final Set<String> unreachableValues = new HashSet<>();
        private @Nullable String errorCodePointer;
        private @Nullable String errorTextPointer;
        private @Nullable String idempotencyHeader;
        private Duration timeout = Duration.ofSeconds(15);
        private @Nullable HttpClient client;
        private SmsPolicy policy = SmsPolicy.defaults();

        private Builder(String url) {
            url(url);
        }

        /** The request URL, placeholders allowed; a preset's URL can be replaced (a proxy, a test server). */
        public Builder url(String newUrl) {
            Objects.requireNonNull(newUrl, "url");
            URI probe;
            try {
                probe = URI.create(PLACEHOLDER.matcher(newUrl).replaceAll("x"));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("url", "is not a URL: " + e.getMessage());
            }
            if (!"https".equals(probe.getScheme()) && !"http".equals(probe.getScheme()) || probe.getHost() == null) {
                throw new ValidationException("url", "must be an absolute http(s) URL, was '" + newUrl + "'");
            }
            this.url = newUrl;
            return this;
        }

        public Builder method(String method) {
            if (method == null || !method.matches("GET|POST|PUT")) {
                throw new ValidationException("method", "must be GET, POST or PUT, was '" + method + "'");
            }
            this.method = method;
            return this;
        }

        /** A request header; placeholders allowed in the value. */
        public Builder header(String name, String value) {
            if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new ValidationException("header", "'" + name + "' is not a header name");
            }
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new ValidationException("header." + name, "must be a single line");
            }
            headers.put(name, value);
            return this;
        }

        public Builder basicAuth(String user, String password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            return header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        public Builder bearer(String token) {
            return header("Authorization", "Bearer " + Objects.requireNonNull(token, "token"));
        }

        /** The request body, its format (how values are escaped) and content type. */
        public Builder body(BodyFormat format, String contentType, String template) {
            this.format = Objects.requireNonNull(format, "format");
            if (contentType == null || contentType.indexOf('\n') >= 0 || contentType.indexOf('\r') >= 0) {
                throw new ValidationException("contentType", "must be a single line");
            }
            this.contentType = contentType;
            this.body = Objects.requireNonNull(template, "template");
            return this;
        }

        /** The sender name or number, {@code ${sender}}. */
        public Builder sender(String sender) {
            this.sender = Objects.requireNonNull(sender, "sender");
            return this;
        }

        /** A placeholder of the host's own, computed from the checked message. */
        public Builder variable(String name, Function<SmsPolicy.Checked, String> value) {
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*") || BUILT_IN.contains(name)) {
                throw new ValidationException("variable", "'" + name + "' is not a free placeholder name");
            }
            variables.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Success when the JSON value at {@code pointer} is one of {@code values} (besides a 2xx status). */
        public Builder successWhen(String pointer, String... values) {
            this.successPointer = pointer(pointer, "successWhen");
            successValues.clear();
            successValues.addAll(List.of(values));
            return this;
        }

        /** Success when the answer contains a match of {@code regex}. */
        public Builder successPattern(String regex) {
            this.successPattern = Pattern.compile(Objects.requireNonNull(regex, "regex"));
            return this;
        }

        /** A refusal whose JSON value at {@code pointer} is one of {@code values} is retried (a rate limit, say). */
        public Builder retryableWhen(String pointer, String... values) {
            this.retryablePointer = pointer(pointer, "retryableWhen");
            retryableValues.clear();
            retryableValues.addAll(List.of(values));
            return this;
        }

        /**
         * A refusal (a 4xx, or a 2xx whose success check fails) whose JSON value at {@code pointer} is one of
         * {@code values} says the number cannot take SMS (a landline): it is answered as
         * {@link SendResult#unreachable}, and the desk tells a customer who left an e-mail address by e-mail instead.
         */
        public Builder unreachableWhen(String pointer, String... values) {
            this.unreachablePointer = pointer(pointer, "unreachableWhen");
            unreachableValues.clear();
            unreachableValues.addAll(List.of(values));
            return this;
        }

        /**
         * Where a refusal's code is, for the reason the outbox and the history keep (the pointer of
         * {@link #unreachableWhen}, else of {@link #retryableWhen}, else of {@link #successWhen} unless set).
         */
        public Builder errorCode(String pointer) {
            this.errorCodePointer = pointer(pointer, "errorCode");
            return this;
        }

        /**
         * Where a refusal's text is, e.g. Twilio's {@code /message}: kept in the reason with the number, the name and the
         * text replaced ({@link ErrorText}) and cut at 300 characters. Without it the reason has the status and the code
         * only; the answer's body is never kept as it is.
         */
        public Builder errorText(String pointer) {
            this.errorTextPointer = pointer(pointer, "errorText");
            return this;
        }

        /** The provider's message id is the JSON value at {@code pointer}. */
        public Builder messageId(String pointer) {
            this.messageIdPointer = pointer(pointer, "messageId");
            this.messageIdPattern = null;
            return this;
        }

        /** The provider's message id is the first group of {@code regex} in the answer. */
        public Builder messageIdPattern(String regex) {
            this.messageIdPattern = Pattern.compile(Objects.requireNonNull(regex, "regex"));
            this.messageIdPointer = null;
            return this;
        }

        private static String pointer(String p, String field) {
            if (p == null || !(p.isEmpty() || p.startsWith("/"))) {
                throw new ValidationException(field, "must be a JSON Pointer such as /data/id, was '" + p + "'");
            }
            return p;
        }

        /** Sends the idempotency key in this header, for gateways that drop repeated requests. */
        public Builder idempotencyHeader(String name) {
            header(name, "");
            headers.remove(name);
            this.idempotencyHeader = name;
            return this;
        }

        /** How long one request may take (15 s unless set). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new ValidationException("timeout", "must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The HTTP client (one of its own unless set). */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        public Builder policy(SmsPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        static String urlEncode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        public HttpSmsGateway build() {
            Set<String> known = new HashSet<>(BUILT_IN);
            known.addAll(variables.keySet());
            checkPlaceholders(url, "url", known);
            headers.forEach((k, v) -> checkPlaceholders(v, "header." + k, known));
            if (body != null) {
                checkPlaceholders(body, "body", known);
            }
            return new HttpSmsGateway(this);
        }

        private static void checkPlaceholders(String template, String field, Set<String> known) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                if (!known.contains(m.group(1))) {
                    throw new ValidationException(field, "${" + m.group(1) + "} is not a known placeholder; known: " + new java.util.TreeSet<>(known));
                }
            }
        }
    }
}
