package io.memnun.channels.sms;

import io.memnun.channels.sms.internal.Gsm7;
import io.memnun.error.NotificationException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.InboundMessage;
import io.memnun.inbound.InboundOutcome;
import io.memnun.inbound.InboundProcessor;
import io.memnun.notify.ErrorText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives customers' SMS from an SMSC over SMPP 3.4: binds as a receiver and hands every mobile-originated
 * {@code deliver_sm} to the {@link InboundProcessor}, which threads it onto the sender's open feedback (an "EVET" to
 * a resolved one is the customer's acceptance) or starts a new feedback. Delivery receipts are not messages and are
 * only acknowledged.
 *
 * <p>The {@code deliver_sm_resp} goes back only after the processor returned, so its change is committed; if it
 * failed, the answer is an error status and the SMSC delivers the message again. An acknowledged SMS is never delivered
 * again, so the processor's change must be committed when it returns: each SMS in a transaction of its own (the store's,
 * or one the host opens around the processor, {@link Builder#processor(Function)}), never one that the host commits
 * later. An SMS has no Message-ID: its
 * idempotency key is derived from the sender, the receiving number, the text and the day, which makes a redelivery
 * the same message and the same text sent again on the same day a repeat too (harmless: it would say the same thing).
 *
 * <p>jsmpp answers on its own threads; {@link #bind()} once and {@link #close()} on shutdown.
 */
public final class SmppInbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmppInbox.class);

    private final String host;
    private final int port;
    private final String systemId;
    private final String password;
    private final TenantId tenant;
    private final Locale language;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration timeout;
    private final Function<InboundMessage, InboundOutcome> processor;
    private final Consumer<InboundOutcome> outcomes;
    private @Nullable SMPPSession session;

    private SmppInbox(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.systemId = b.systemId;
        this.password = b.password;
        this.tenant = b.tenant;
        this.language = b.language;
        this.clock = b.clock;
        this.zone = b.zone;
        this.timeout = b.timeout;
        this.processor = Objects.requireNonNull(b.processor, "processor");
        this.outcomes = b.outcomes;
    }

    public static Builder builder(String host, int port, String systemId, String password, TenantId tenant) {
        return new Builder(host, port, systemId, password, tenant);
    }

    /**
     * Binds as a receiver; messages arrive from then on.
     *
     * @throws NotificationException (retryable) when the SMSC cannot be reached or refuses the bind
     */
    public synchronized void bind() {
        if (session != null && session.getSessionState().isBound()) {
            return;
        }
        SMPPSession s = new SMPPSession();
        s.setTransactionTimer(timeout.toMillis());
        s.setMessageReceiverListener(new Listener());
        try {
            s.connectAndBind(host, port, new BindParameter(BindType.BIND_RX, systemId, password, "", TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null), timeout.toMillis());
        } catch (IOException e) {
            throw new NotificationException("cannot bind as receiver to " + host + ":" + port + ": " + e.getMessage(), true, e);
        }
        session = s;
    }

    /** Whether the receiver is bound now. */
    public synchronized boolean isBound() {
        return session != null && session.getSessionState().isBound();
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.unbindAndClose();
            session = null;
        }
    }

    /** Reads a {@code deliver_sm} into an inbound message; package-private for tests. */
    InboundMessage read(String source, String destination, byte dataCoding, byte[] shortMessage, boolean udh) {
        byte[] body = shortMessage;
        boolean turkish = false;
        if (udh && body.length > 0) {
            int len = (body[0] & 0xFF) + 1;
            // national language single shift (IE 0x24) with Turkish (0x01): the sender used the Turkish table
            for (int i = 1; i + 2 < len && i + 2 < body.length; ) {
                int ie = body[i] & 0xFF;
                int ieLen = body[i + 1] & 0xFF;
                if (ie == 0x24 && ieLen == 1 && body[i + 2] == 0x01) {
                    turkish = true;
                }
                i += 2 + ieLen;
            }
            body = java.util.Arrays.copyOfRange(body, Math.min(len, body.length), body.length);
        }
        String text = switch (dataCoding & 0x0F) {
            case 0x08 -> new String(body, StandardCharsets.UTF_16BE);
            case 0x03, 0x04 -> new String(body, StandardCharsets.ISO_8859_1);
            default -> Gsm7.decode(body, turkish);
        };
        return InboundSms.message(tenant, language, clock.instant(), zone, source, destination, text, null);
    }

    private final class Listener implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (deliverSm.isSmscDeliveryReceipt()) {
                return;
            }
            InboundOutcome outcome;
            try {
                boolean udh = (deliverSm.getEsmClass() & 0x40) != 0;
                outcome = processor.apply(read(deliverSm.getSourceAddr(), deliverSm.getDestAddress(), deliverSm.getDataCoding(),
                        deliverSm.getShortMessage() == null ? new byte[0] : deliverSm.getShortMessage(), udh));
            } catch (RuntimeException e) {
                // neither the sender's number nor the text in the log: the sequence number finds it in the SMSC's records
                LOG.warn("SMS (deliver_sm {}) not processed; the SMSC will deliver it again: {}", deliverSm.getSequenceNumber(), ErrorText.of(e));
                // ESME_RX_T_APPN: temporary application error, the SMSC retries
                // jsmpp logs this exception: its message must not carry the failure's, which may name the sender
                throw new ProcessRequestException("not processed", 0x00000064);
            }
            outcomes.accept(outcome);
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // nothing to do: we do not wait for handsets to come back
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported", 0x00000003);
        }
    }

    /** Collects the settings; every value is checked when set. */
    public static final class Builder {
        private final String host;
        private final int port;
        private final String systemId;
        private final String password;
        private final TenantId tenant;
        private Locale language = Locale.forLanguageTag("tr");
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.of("Europe/Istanbul");
        private Duration timeout = Duration.ofSeconds(10);
        private @Nullable Function<InboundMessage, InboundOutcome> processor;
        private Consumer<InboundOutcome> outcomes = o -> { };

        private Builder(String host, int port, String systemId, String password, TenantId tenant) {
            if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ')) {
                throw new ValidationException("host", "must be a host name, was '" + host + "'");
            }
            if (port < 1 || port > 65535) {
                throw new ValidationException("port", "must be between 1 and 65535, was " + port);
            }
            if (systemId == null || systemId.isEmpty() || systemId.length() > 15) {
                throw new ValidationException("systemId", "must be 1 to 15 characters, was '" + systemId + "'");
            }
            this.host = host;
            this.port = port;
            this.systemId = systemId;
            this.password = Objects.requireNonNull(password, "password");
            this.tenant = Objects.requireNonNull(tenant, "tenant");
        }

        public Builder processor(InboundProcessor processor) {
            Objects.requireNonNull(processor, "processor");
            return processor(processor::process);
        }

        /**
         * Like {@link #processor(InboundProcessor)}, for a host that wraps the processor, e.g. to run each SMS in a
         * transaction of its own, committed before the function returns and the SMS is acknowledged:
         * {@code processor(m -> transactions.execute(status -> processor.process(m)))}.
         */
        public Builder processor(Function<InboundMessage, InboundOutcome> processor) {
            this.processor = Objects.requireNonNull(processor, "processor");
            return this;
        }

        /** Told of each message's outcome, e.g. to log or count (nothing unless set). */
        public Builder onOutcome(Consumer<InboundOutcome> outcomes) {
            this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
            return this;
        }

        /** The language of a new customer (Turkish unless set). */
        public Builder language(Locale language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /** The clock and zone of the receipt time and of the day in the idempotency key. */
        public Builder clock(Clock clock, ZoneId zone) {
            this.clock = Objects.requireNonNull(clock, "clock");
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new ValidationException("timeout", "must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public SmppInbox build() {
            if (processor == null) {
                throw new ValidationException("processor", "is required: processor(InboundProcessor)");
            }
            return new SmppInbox(this);
        }
    }
}
