package io.memnun.channels.email;

import io.memnun.error.NotificationException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.FeedbackId;
import io.memnun.notify.ErrorText;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;
import io.memnun.spi.NotificationChannel;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.jspecify.annotations.Nullable;

/**
 * Sends e-mail notifications over SMTP: plain SMTP, STARTTLS or SMTPS (implicit TLS), with or without
 * authentication. Every mail is {@code multipart/alternative} with a plain-text and an HTML part in UTF-8; the
 * subject and the names are encoded as RFC 2047 words, so Turkish letters survive every mail client.
 *
 * <p>Threading: the {@code Message-ID} is derived from the notification's idempotency key (a message sent again
 * after a crash carries the same id, which lets the receiving side drop the repeat), and {@code In-Reply-To} and
 * {@code References} name a thread root derived from the feedback id, so all mails about one feedback form one
 * thread in the customer's mail client.
 *
 * <p>A header value with CR or LF is refused with a {@link ValidationException} (no header injection). SMTP
 * answers are mapped: 4xx and connection failures are retryable, 5xx (a recipient refused, a message rejected)
 * permanent. A failure's reason, which the outbox and the history keep, names what was refused with the reply code and
 * the enhanced status, and the server's text without addresses, numbers or the recipient's name ({@link ErrorText}):
 * {@code recipient refused (SMTP 550 5.1.1): <[email]>: user unknown}.
 *
 * <pre>{@code
 * SmtpEmailChannel email = SmtpEmailChannel.builder("smtp.otel.example", 587)
 *         .security(SmtpEmailChannel.Security.STARTTLS)
 *         .credentials("bildirim@otel.example", secret)
 *         .from("bildirim@otel.example", "Boğaziçi Otel Misafir İlişkileri")
 *         .build();
 * }</pre>
 */
public final class SmtpEmailChannel implements NotificationChannel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SmtpEmailChannel.class);
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]{1,76}");
    /** One line of an SMTP reply: the code, a hyphen on all but the last line, the enhanced status if any (RFC 3463). */
    private static final Pattern REPLY_LINE = Pattern.compile("(\\d{3})(?:[ -]|$)(?:([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s+|$))?(.*)");

    /** How the connection is protected. */
    public enum Security {
        /** Plain SMTP, for a relay on the same host or network. */
        NONE,
        /** SMTP upgraded with STARTTLS, required: a server that does not offer it is not used (port 587). */
        STARTTLS,
        /** SMTP inside TLS from the first byte (port 465). */
        SMTPS
    }

    private final String host;
    private final int port;
    private final Security security;
    private final @Nullable String username;
    private final @Nullable String password;
    private final InternetAddress from;
    private final @Nullable InternetAddress replyTo;
    private final String messageIdDomain;
    private final Map<String, String> headers;
    private final Clock clock;
    private final Session session;

    private SmtpEmailChannel(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.security = b.security;
        this.username = b.username;
        this.password = b.password;
        this.from = Objects.requireNonNull(b.from, "from");
        this.replyTo = b.replyTo;
        this.messageIdDomain = b.messageIdDomain != null ? b.messageIdDomain : domainOf(from.getAddress());
        this.headers = Map.copyOf(b.headers);
        this.clock = b.clock;
        this.session = Session.getInstance(properties(b));
    }

    private static Properties properties(Builder b) {
        String protocol = b.security == Security.SMTPS ? "smtps" : "smtp";
        String p = "mail." + protocol + ".";
        Properties props = MailSettings.session(protocol, b.host, b.port, b.connectTimeout, b.readTimeout, b.security == Security.STARTTLS,
                b.security != Security.NONE, b.trustedHosts);
        props.put("mail.transport.protocol", protocol);
        props.put(p + "auth", Boolean.toString(b.username != null));
        props.put(p + "writetimeout", Long.toString(b.readTimeout.toMillis()));
        if (b.smtpUtf8) {
            props.put("mail.mime.allowutf8", "true");
        }
        return props;
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** The Message-ID of a notification: {@code <idempotency-key@domain>}. */
    public String messageId(Notification n) {
        return "<" + n.idempotencyKey() + "@" + messageIdDomain + ">";
    }

    /** The domain of the Message-IDs this channel generates; replies are traced back by it ({@link MailThreads}). */
    public String messageIdDomain() {
        return messageIdDomain;
    }

    /** The thread root of a feedback's mails: {@code <feedback-<id>@domain>}. */
    public String threadRoot(FeedbackId feedback) {
        return threadRoot(new MessageOwner(MessageOwner.FEEDBACK, feedback.value(), "feedback"));
    }

    /**
     * The thread root of an owner's mails: {@code <kind-<id>@domain>}, e.g. {@code <feedback-<id>@domain>}; replies to a
     * feedback's mails are traced back to it by {@link MailThreads}, replies to other owners' are not.
     */
    public String threadRoot(MessageOwner owner) {
        return "<" + owner.kind() + "-" + owner.id() + "@" + messageIdDomain + ">";
    }

    @Override
    public SendResult send(Notification n) {
        Objects.requireNonNull(n, "notification");
        if (n.channel() != ContactChannel.EMAIL) {
            throw new ValidationException("channel", "this channel sends EMAIL, not " + n.channel());
        }
        MimeMessage message = compose(n);
        Transport transport;
        try {
            transport = session.getTransport();
            transport.connect(host, port, username, password);
        } catch (MessagingException e) {
            return classify(e, n);
        }
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            closeQuietly(transport);
            return classify(e, n);
        }
        // the server took the mail: a connection that fails to close (QUIT unanswered) must not make it a failure,
        // which would send the mail again
        closeQuietly(transport);
        return SendResult.delivered(messageId(n));
    }

    private void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debug("closing the SMTP connection to {}:{}: {}", host, port, describe(e, null));
        }
    }

    /**
     * Connects and authenticates without sending, e.g. at start-up.
     *
     * @throws NotificationException wrapping the server's refusal, retryable unless it was a 5xx answer
     */
    public void checkConnection() {
        try (Transport transport = session.getTransport()) {
            transport.connect(host, port, username, password);
        } catch (MessagingException e) {
            SendResult r = classify(e, null);
            throw new NotificationException("SMTP server " + host + ":" + port + ": " + describe(e, null),
                    r instanceof SendResult.RetryableFailure, e);
        }
    }

    /** Builds the MIME message; package-private so tests can look at it without a server. */
    MimeMessage compose(Notification n) {
        checkHeader("subject", n.subject());
        checkHeader("recipientName", n.recipientName());
        String messageId = messageId(n);
        String root = threadRoot(n.owner());
        try {
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    // keep the id derived from the idempotency key instead of a fresh random one
                    setHeader("Message-ID", messageId);
                }
            };
            m.setFrom(from);
            if (replyTo != null) {
                m.setReplyTo(new InternetAddress[] {replyTo});
            }
            m.setRecipient(Message.RecipientType.TO, address(n.address(), n.recipientName(), "address"));
            m.setSubject(n.subject(), StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(clock.instant()));
            m.setHeader("In-Reply-To", root);
            m.setHeader("References", root);
            // RFC 3834: an automatic message, so auto-responders do not answer it
            m.setHeader("Auto-Submitted", "auto-generated");
            // a label may be a campaign's name with Turkish letters: RFC 2047 words keep the header ASCII, as a server
            // without SMTPUTF8 expects (encodeText leaves an ASCII reference number as it is)
            m.setHeader("X-Memnun-Reference", asciiHeader("X-Memnun-Reference", n.owner().label()));
            for (Map.Entry<String, String> h : headers.entrySet()) {
                m.setHeader(h.getKey(), asciiHeader(h.getKey(), h.getValue()));
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(n.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            if (n.html() != null) {
                MimeBodyPart html = new MimeBodyPart();
                html.setText(n.html(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(html);
            }
            m.setContent(alternative);
            m.saveChanges();
            return m;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new NotificationException("cannot compose the mail for " + n + ": " + ErrorText.redact(ErrorText.of(e), n), false, e);
        }
    }

    /** A 4xx or a connection failure may pass; a 5xx will not. */
    static SendResult classify(MessagingException e, @Nullable Notification n) {
        int code = returnCode(e);
        String reason = describe(e, n);
        if (code >= 500 && code < 600) {
            return SendResult.permanent(reason);
        }
        return SendResult.retryable(reason);
    }

    private static int returnCode(@Nullable Exception e) {
        for (int depth = 0; e != null && depth < 10; depth++) {
            if (e instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (e instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (e instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (e instanceof MailConnectException) {
                return -1;
            }
            e = e instanceof MessagingException m ? m.getNextException() : null;
        }
        return -1;
    }

    /**
     * What the server and Jakarta Mail said, for the outbox and the history: each exception of the chain in turn, an SMTP
     * refusal as {@code recipient refused (SMTP 550 5.1.1): <the server's text>}, the whole without e-mail addresses,
     * numbers or (knowing the message) the recipient's name and the text ({@link ErrorText}): servers put the refused
     * address in their reply, and Jakarta Mail quotes it.
     */
    private static String describe(MessagingException e, @Nullable Notification n) {
        StringBuilder sb = new StringBuilder();
        Exception cur = e;
        for (int depth = 0; cur != null && depth < 5; depth++) {
            if (sb.length() > 0) {
                sb.append(" / ");
            }
            sb.append(part(cur));
            cur = cur instanceof MessagingException m ? m.getNextException() : null;
        }
        String text = n == null ? ErrorText.redact(sb.toString()) : ErrorText.redact(sb.toString(), n);
        if (text.length() <= 1900) {
            return text;
        }
        // never half a surrogate pair, which a SendResult refuses: a failure that may pass would be answered as a refusal
        return text.substring(0, Character.isHighSurrogate(text.charAt(1899)) ? 1899 : 1900);
    }

    private static String part(Exception e) {
        if (e instanceof SMTPAddressFailedException a) {
            return reply("recipient refused", a.getReturnCode(), a.getMessage());
        }
        if (e instanceof SMTPSenderFailedException s) {
            return reply("sender refused", s.getReturnCode(), s.getMessage());
        }
        if (e instanceof SMTPSendFailedException s) {
            return reply("message refused", s.getReturnCode(), s.getMessage());
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage().strip();
    }

    /**
     * An SMTP reply as {@code what (SMTP 550 5.1.1): text}: the code and the enhanced status (of the first line that has
     * one) up front, the lines' texts after them on one line.
     */
    static String reply(String what, int code, @Nullable String reply) {
        String enhanced = null;
        List<String> texts = new ArrayList<>();
        for (String line : (reply == null ? "" : reply).split("\\R")) {
            String text = line.strip();
            Matcher m = REPLY_LINE.matcher(text);
            if (m.matches() && m.group(1).equals(Integer.toString(code))) {
                enhanced = enhanced == null ? m.group(2) : enhanced;
                text = m.group(3).strip();
            }
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return what + " (SMTP " + code + (enhanced == null ? "" : " " + enhanced) + ")" + (texts.isEmpty() ? "" : ": " + String.join(" ", texts));
    }

    /**
     * {@code value} as RFC 2047 encoded words where it is not ASCII (an ASCII value stays as it is), folded after the
     * header's name: a server without SMTPUTF8 expects ASCII headers.
     */
    private static String asciiHeader(String name, String value) throws java.io.UnsupportedEncodingException {
        return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(value, StandardCharsets.UTF_8.name(), null));
    }

    private static void checkHeader(String field, @Nullable String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            // CR or LF would end the header and let the value add headers of its own
            throw new ValidationException(field, "must not contain CR or LF (header injection)");
        }
    }

    /** An address with an IDN domain in ASCII; a non-ASCII local part only where the server speaks SMTPUTF8. */
    private InternetAddress address(String email, @Nullable String name, String field) {
        checkHeader(field, email);
        checkHeader(field + ".name", name);
        EmailAddress parsed = checkedAddress(email, field);
        return toInternet(parsed.value(), name, "true".equals(session.getProperty("mail.mime.allowutf8")), field);
    }

    /** {@code email} checked, a refusal named after {@code field}: the message does not quote the address. */
    private static EmailAddress checkedAddress(String email, String field) {
        try {
            return new EmailAddress(email);
        } catch (ValidationException e) {
            throw e.about(field);
        }
    }

    private static InternetAddress toInternet(String email, @Nullable String name, boolean utf8, String field) {
        int at = email.lastIndexOf('@');
        String local = email.substring(0, at);
        String domain;
        try {
            domain = IDN.toASCII(email.substring(at + 1), IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "has a domain that is not a valid international name");
        }
        if (!utf8 && !local.chars().allMatch(c -> c < 128)) {
            throw new ValidationException(field, "has a non-ASCII local part, which needs a server with SMTPUTF8: smtpUtf8(true)");
        }
        try {
            InternetAddress a = new InternetAddress(local + "@" + domain);
            if (name != null) {
                a.setPersonal(name, StandardCharsets.UTF_8.name());
            }
            return a;
        } catch (jakarta.mail.internet.AddressException | UnsupportedEncodingException e) {
            // the address stays out of the message (it is recorded as the failure's reason), and so does the parser's,
            // which quotes it
            throw new ValidationException(field, "is not an address Jakarta Mail accepts");
        }
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** Collects the settings; every value is checked when set, and the names in errors are the builder's. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Security security = Security.STARTTLS;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable InternetAddress from;
        private @Nullable InternetAddress replyTo;
        private @Nullable String messageIdDomain;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private @Nullable String trustedHosts;
        private boolean smtpUtf8;
        private Clock clock = Clock.systemUTC();

        private Builder(String host, int port) {
            if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ')) {
                throw new ValidationException("host", "must be a host name, was '" + host + "'");
            }
            if (port < 1 || port > 65535) {
                throw new ValidationException("port", "must be between 1 and 65535, was " + port);
            }
            this.host = host;
            this.port = port;
        }

        /** STARTTLS unless set. */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** Authenticate with these (no authentication unless set). */
        public Builder credentials(String username, String password) {
            checkHeader("username", Objects.requireNonNull(username, "username"));
            this.username = username;
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The sender; {@code name} may carry any letters, e.g. "Boğaziçi Otel". */
        public Builder from(String address, @Nullable String name) {
            this.from = toInternet(checkedAddress(address, "from").value(), checkedName(name, "from.name"), false, "from");
            return this;
        }

        /** Where replies go, if not to the sender. */
        public Builder replyTo(String address, @Nullable String name) {
            this.replyTo = toInternet(checkedAddress(address, "replyTo").value(), checkedName(name, "replyTo.name"), false, "replyTo");
            return this;
        }

        private static @Nullable String checkedName(@Nullable String name, String field) {
            checkHeader(field, name);
            return name;
        }

        /** The domain of generated Message-IDs (the sender's domain unless set). */
        public Builder messageIdDomain(String domain) {
            Objects.requireNonNull(domain, "domain");
            if (!domain.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+")) {
                throw new ValidationException("messageIdDomain", "must be an ASCII domain name, was '" + domain + "'");
            }
            this.messageIdDomain = domain;
            return this;
        }

        /** An extra header on every mail, e.g. {@code List-Unsubscribe}. */
        public Builder header(String name, String value) {
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                throw new ValidationException("header", "'" + name + "' is not a header name");
            }
            checkHeader("header." + name, Objects.requireNonNull(value, "value"));
            headers.put(name, value);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = MailSettings.positive(timeout, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = MailSettings.positive(timeout, "readTimeout");
            return this;
        }


        /**
         * Hosts whose TLS certificate is trusted without checking, space separated ({@code *} for all): for a test
         * server with a self-signed certificate. Production servers need none.
         */
        public Builder trustedHosts(String hosts) {
            this.trustedHosts = Objects.requireNonNull(hosts, "hosts");
            return this;
        }

        /** Allows addresses with non-ASCII local parts (SMTPUTF8, RFC 6531); the server must support it. */
        public Builder smtpUtf8(boolean enabled) {
            this.smtpUtf8 = enabled;
            return this;
        }

        /** The clock of the Date header. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public SmtpEmailChannel build() {
            if (from == null) {
                throw new ValidationException("from", "is required: from(address, name)");
            }
            return new SmtpEmailChannel(this);
        }
    }
}
