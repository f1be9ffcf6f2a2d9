package io.memnun.channels.sms;

import io.memnun.error.NotificationException;
import io.memnun.error.ValidationException;
import io.memnun.notify.ErrorText;
import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;
import io.memnun.spi.NotificationChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.jspecify.annotations.Nullable;

/**
 * Sends SMS to an SMSC over SMPP 3.4 with jsmpp, as a transmitter. The session is bound on first use and bound
 * again after it broke. Text is encoded here: GSM-7 (data coding 0, one septet per octet), GSM-7 with the Turkish
 * single shift table (a national language single shift information element in the user data header), or UCS-2
 * (data coding 8); a long text goes as concatenated parts, each with a user data header naming a reference
 * derived from the idempotency key, so a message sent again after a crash reuses it. When the SMSC takes some parts
 * and refuses a later one for now, the retry on this channel sends only the parts it has not taken.
 *
 * <p>Answers: a timeout, a broken connection and the SMSC's throttling or full queue are retryable; other
 * negative responses are permanent, and a number that is not a valid mobile one (refused by the {@link SmsPolicy}, or
 * an invalid destination address from the SMSC) is {@link SendResult#unreachable unreachable}. A delivery of a text
 * the policy cut to fit carries {@link SmsPolicy.Checked#deliveryDetails() what was cut} for the history.
 *
 * <p>A failure's reason, which the outbox and the history keep, names the SMSC's command status and which part it
 * refused; the connection's errors are kept without anything that names the recipient ({@link ErrorText}), and no PDU
 * or part of one (the number, the text) is ever quoted.
 */
public final class SmppSmsChannel implements NotificationChannel, AutoCloseable {
    private static final int[] RETRYABLE_STATUS = {
        SMPPConstant.STAT_ESME_RTHROTTLED, SMPPConstant.STAT_ESME_RMSGQFUL, SMPPConstant.STAT_ESME_RSYSERR, 0x00000045 /* submit failed */,
    };

    /** The longest provider id a {@link SendResult.Delivered} holds. */
    private static final int PROVIDER_ID_LIMIT = 500;

    private final String host;
    private final int port;
    private final String systemId;
    private final String password;
    private final String systemType;
    private final String sourceAddress;
    private final TypeOfNumber sourceTon;
    private final NumberingPlanIndicator sourceNpi;
    private final Duration timeout;
    private final boolean deliveryReceipts;
    private final SmsPolicy policy;
    private @Nullable SMPPSession session;
    /**
     * The ids of the parts the SMSC took of messages whose later part failed for now, by idempotency key and part
     * count: the retry sends only the rest, so the recipient is not sent (and the host not charged for) a part twice.
     * Bounded, as a message may never be retried here (another node, a dead letter).
     */
    private final Map<String, List<String>> taken = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > 1_000;
        }
    };

    private SmppSmsChannel(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.systemId = b.systemId;
        this.password = b.password;
        this.systemType = b.systemType;
        this.sourceAddress = b.sourceAddress;
        this.sourceTon = b.sourceTon;
        this.sourceNpi = b.sourceNpi;
        this.timeout = b.timeout;
        this.deliveryReceipts = b.deliveryReceipts;
        this.policy = b.policy;
    }

    public static Builder builder(String host, int port, String systemId, String password) {
        return new Builder(host, port, systemId, password);
    }

    @Override
    public synchronized SendResult send(Notification n) {
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
        SmsText text = c.text();
        List<byte[]> messages = shortMessages(text, n.idempotencyKey());
        boolean udh = text.segments() > 1 || text.encoding() == SmsEncoding.GSM7_TURKISH_SHIFT;
        String progress = n.idempotencyKey() + "/" + messages.size();
        List<String> ids = new ArrayList<>(taken.getOrDefault(progress, List.of()));
        try {
            SMPPSession s = session();
            for (byte[] shortMessage : messages.subList(ids.size(), messages.size())) {
                SubmitSmResult r = s.submitShortMessage("", sourceTon, sourceNpi, sourceAddress.replace("+", ""),
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, c.digits(),
                        new ESMClass(udh ? 0x40 : 0x00), (byte) 0, (byte) (n.urgent() ? 1 : 0), null, null,
                        new RegisteredDelivery(deliveryReceipts ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT),
                        (byte) 0, new GeneralDataCoding(text.encoding() == SmsEncoding.UCS2 ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT),
                        (byte) 0, shortMessage);
                ids.add(r.getMessageId());
            }
            taken.remove(progress);
            return SendResult.delivered(providerId(ids), c.deliveryDetails());
        } catch (NegativeResponseException e) {
            String reason = "the SMSC refused part " + (ids.size() + 1) + " of " + messages.size() + ": status 0x"
                    + Integer.toHexString(e.getCommandStatus());
            for (int status : RETRYABLE_STATUS) {
                if (status == e.getCommandStatus()) {
                    remember(progress, ids);
                    return SendResult.retryable(reason);
                }
            }
            taken.remove(progress);
            // an invalid destination: the number cannot take SMS, and the desk may tell the customer another way
            return e.getCommandStatus() == SMPPConstant.STAT_ESME_RINVDSTADR ? SendResult.unreachable(reason) : SendResult.permanent(reason);
        } catch (ResponseTimeoutException e) {
            // the SMSC may have taken it: we do not know, so the part goes again with the same reference
            dropSession();
            remember(progress, ids);
            return SendResult.retryable("the SMSC did not answer within " + timeout);
        } catch (InvalidResponseException | IOException | NotificationException e) {
            dropSession();
            remember(progress, ids);
            return SendResult.retryable("SMPP connection to " + host + ":" + port + " failed: " + ErrorText.redact(ErrorText.of(e), n));
        } catch (PDUException e) {
            taken.remove(progress);
            // jsmpp's message quotes the value that did not fit: the number or the text
            return SendResult.permanent("the message does not fit an SMPP PDU (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void remember(String progress, List<String> ids) {
        if (!ids.isEmpty()) {
            taken.put(progress, List.copyOf(ids));
        }
    }

    /**
     * The parts' ids, comma separated, within the 500 characters a delivery's provider id holds: a long message with
     * long SMSC ids keeps the first ones and says how many more, rather than failing after the SMSC took every part.
     */
    static String providerId(List<String> ids) {
        String all = String.join(",", ids);
        if (all.length() <= PROVIDER_ID_LIMIT) {
            return all;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            String more = ",+" + (ids.size() - i) + " more";
            if (sb.length() + 1 + ids.get(i).length() + more.length() > PROVIDER_ID_LIMIT) {
                return sb.append(more).toString();
            }
            sb.append(i == 0 ? "" : ",").append(ids.get(i));
        }
        return sb.toString();
    }

    /** The short messages of each part: the user data header (if any) and the encoded text. */
    static List<byte[]> shortMessages(SmsText text, String idempotencyKey) {
        int reference = Math.floorMod(idempotencyKey.hashCode(), 256);
        boolean turkish = text.encoding() == SmsEncoding.GSM7_TURKISH_SHIFT;
        int total = text.segments();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            ByteArrayOutputStream ie = new ByteArrayOutputStream();
            if (total > 1) {
                // concatenated short message, 8-bit reference: IEI 0x00, length 3, reference, total, sequence
                ie.write(0x00);
                ie.write(3);
                ie.write(reference);
                ie.write(total);
                ie.write(i + 1);
            }
            if (turkish) {
                // national language single shift: IEI 0x24, length 1, language 0x01 (Turkish)
                ie.write(0x24);
                ie.write(1);
                ie.write(0x01);
            }
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            if (ie.size() > 0) {
                m.write(ie.size());
                m.writeBytes(ie.toByteArray());
            }
            m.writeBytes(text.payload(text.parts().get(i)));
            out.add(m.toByteArray());
        }
        return out;
    }

    private SMPPSession session() throws IOException {
        SMPPSession s = session;
        if (s != null && s.getSessionState().isBound()) {
            return s;
        }
        dropSession();
        s = new SMPPSession();
        s.setTransactionTimer(timeout.toMillis());
        s.setEnquireLinkTimer(30_000);
        s.connectAndBind(host, port, new BindParameter(BindType.BIND_TX, systemId, password, systemType, TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN, null), timeout.toMillis());
        session = s;
        return s;
    }

    private void dropSession() {
        SMPPSession s = session;
        session = null;
        if (s != null) {
            s.unbindAndClose();
        }
    }

    /** Unbinds from the SMSC. */
    @Override
    public synchronized void close() {
        dropSession();
    }

    public static final class Builder {
        /** The most digits a sender is taken for a short code rather than a full number. */
        static final int SHORT_CODE_DIGITS = 8;

        private final String host;
        private final int port;
        private final String systemId;
        private final String password;
        private String systemType = "";
        private String sourceAddress = "MEMNUN";
        private TypeOfNumber sourceTon = TypeOfNumber.ALPHANUMERIC;
        private NumberingPlanIndicator sourceNpi = NumberingPlanIndicator.UNKNOWN;
        private Duration timeout = Duration.ofSeconds(10);
        private boolean deliveryReceipts;
        private SmsPolicy policy = SmsPolicy.defaults();

        private Builder(String host, int port, String systemId, String password) {
            if (host == null || host.isBlank()) {
                throw new ValidationException("host", "is required");
            }
            if (port < 1 || port > 65535) {
                throw new ValidationException("port", "must be between 1 and 65535, was " + port);
            }
            if (systemId == null || systemId.isEmpty() || systemId.length() > 15) {
                throw new ValidationException("systemId", "must be 1 to 15 characters (SMPP 3.4)");
            }
            if (password == null || password.length() > 8) {
                throw new ValidationException("password", "must be at most 8 characters (SMPP 3.4)");
            }
            this.host = host;
            this.port = port;
            this.systemId = systemId;
            this.password = password;
        }

        public Builder systemType(String systemType) {
            this.systemType = Objects.requireNonNull(systemType, "systemType");
            return this;
        }

        /**
         * The sender, its type of number taken from its form: a name of up to 11 letters and digits goes as
         * alphanumeric (TON 5, NPI 0); a short code of up to {@value #SHORT_CODE_DIGITS} digits ({@code 3340}) as a
         * national number (TON 2, NPI 1); a longer number, with or without {@code +}, as international (TON 1, NPI 1).
         * SMSCs differ on short codes (some want TON 3, network specific, or 0, unknown): then name them with
         * {@link #sourceAddress(String, TypeOfNumber, NumberingPlanIndicator)}.
         */
        public Builder sourceAddress(String source) {
            checked(source);
            TypeOfNumber ton;
            if (!source.matches("\\+?\\d+")) {
                ton = TypeOfNumber.ALPHANUMERIC;
            } else if (!source.startsWith("+") && source.length() <= SHORT_CODE_DIGITS) {
                ton = TypeOfNumber.NATIONAL;
            } else {
                ton = TypeOfNumber.INTERNATIONAL;
            }
            return sourceAddress(source, ton, ton == TypeOfNumber.ALPHANUMERIC ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN);
        }

        /** The sender with the type of number and numbering plan the SMSC asks for. */
        public Builder sourceAddress(String source, TypeOfNumber ton, NumberingPlanIndicator npi) {
            this.sourceAddress = checked(source);
            this.sourceTon = Objects.requireNonNull(ton, "ton");
            this.sourceNpi = Objects.requireNonNull(npi, "npi");
            return this;
        }

        private static String checked(String source) {
            if (source == null || !(source.matches("\\+?\\d{1,20}") || source.matches("[A-Za-z0-9 ._-]{1,11}"))) {
                throw new ValidationException("sourceAddress", "must be up to 11 letters and digits or a number, was '" + source + "'");
            }
            return source;
        }

        /** How long to wait for the SMSC's answer to a bind or a submission (10 s unless set). */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new ValidationException("timeout", "must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Asks the SMSC for delivery receipts. */
        public Builder deliveryReceipts(boolean wanted) {
            this.deliveryReceipts = wanted;
            return this;
        }

        public Builder policy(SmsPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public SmppSmsChannel build() {
            return new SmppSmsChannel(this);
        }
    }
}
