package io.memnun.channels.sms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.memnun.error.ValidationException;
import io.memnun.feedback.ContactChannel;
import io.memnun.notify.Notification;
import io.memnun.notify.QuietHours;
import io.memnun.notify.SendResult;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What both SMS channels check before sending: the number (libphonenumber: a valid number, a mobile one unless
 * allowed otherwise), the encoding and the segment limit of the message's template (a longer text is cut to fit, see
 * {@link SmsText#fitted}), and the recipient's quiet hours for messages that are not urgent (commercial ones never are).
 *
 * <pre>{@code
 * SmsPolicy policy = SmsPolicy.builder()
 *         .maxSegments(3)
 *         .maxSegments("customer/RESOLVED", 6)
 *         .quietHours(QuietHours.parse("21:00-09:00"))
 *         .build();
 * }</pre>
 */
public final class SmsPolicy {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final int maxSegments;
    private final Map<String, Integer> maxSegmentsByTemplate;
    private final QuietHours quietHours;
    private final boolean turkishShift;
    private final boolean requireMobile;
    private final Clock clock;

    private SmsPolicy(Builder b) {
        this.maxSegments = b.maxSegments;
        this.maxSegmentsByTemplate = Map.copyOf(b.maxSegmentsByTemplate);
        this.quietHours = b.quietHours;
        this.turkishShift = b.turkishShift;
        this.requireMobile = b.requireMobile;
        this.clock = b.clock;
    }

    /** Six segments, no quiet hours, the Turkish shift table allowed, mobile numbers only. */
    public static SmsPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The checked message: its number's parts and its encoded text, cut to the segment limit (send this, not the
     * notification's).
     *
     * @param text what to send: the whole text, or its beginning cut to the segment limit
     * @param original the whole text, as the outbox holds it
     */
    public record Checked(Notification notification, SmsText text, SmsText original, String e164, String nationalNumber, int countryCode) {
        /** The number without the plus, e.g. {@code 905321234567}. */
        public String digits() {
            return e164.substring(1);
        }

        /** Whether the text was cut to fit the segment limit ({@link SmsText#fitted}). */
        public boolean cut() {
            return !text.text().equals(original.text());
        }

        /**
         * What the delivery record keeps about the text, without the text (the outbox holds it once): nothing when it
         * went whole; when it was cut, {@code cut=true}, the {@code segments} and {@code length} (characters) sent and
         * the {@code originalSegments} and {@code originalLength} of the whole text.
         */
        public Map<String, String> deliveryDetails() {
            if (!cut()) {
                return Map.of();
            }
            Map<String, String> d = new LinkedHashMap<>();
            d.put("cut", "true");
            d.put("segments", Integer.toString(text.segments()));
            d.put("length", Integer.toString(characters(text.text())));
            d.put("originalSegments", Integer.toString(original.segments()));
            d.put("originalLength", Integer.toString(characters(original.text())));
            return d;
        }

        private static int characters(String s) {
            return s.codePointCount(0, s.length());
        }
    }

    /**
     * Checks a notification for sending now.
     *
     * @return the deferral when the recipient is in quiet hours, otherwise empty
     * @throws ValidationException if it is no SMS or the number is not a valid (mobile) number
     */
    public Optional<SendResult> deferral(Notification n) {
        Instant now = clock.instant();
        if ((!n.urgent() || n.category().isCommercial()) && quietHours.contains(now, n.zone())) {
            return Optional.of(SendResult.deferred(quietHours.nextAllowed(now, n.zone()), "quiet hours " + quietHours + " in " + n.zone()));
        }
        return Optional.empty();
    }

    /** The checks of {@link #deferral} but quiet hours; see there. */
    public Checked check(Notification n) {
        Objects.requireNonNull(n, "notification");
        if (n.channel() != ContactChannel.SMS) {
            throw new ValidationException("channel", "this channel sends SMS, not " + n.channel());
        }
        Phonenumber.PhoneNumber number = number(n.address());
        // over the limit, the text is cut rather than refused: a customer who prefers SMS still hears the decision
        int max = maxSegmentsByTemplate.getOrDefault(n.template(), maxSegments);
        SmsText whole = SmsText.of(n.text(), turkishShift);
        SmsText text = whole.segments() <= max ? whole : SmsText.fitted(n.text(), max, turkishShift);
        return new Checked(n, text, whole, PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
                Long.toString(number.getNationalNumber()), number.getCountryCode());
    }

    /**
     * Whether {@link #check} would accept {@code phone}: a valid number, and a mobile one unless
     * {@link Builder#requireMobile(boolean) allowed otherwise}. Pass it to {@code Notifications.Builder.smsReachable}
     * so that the desk plans no SMS this channel would refuse (another country's landline, say) and e-mails instead.
     */
    public boolean accepts(io.memnun.feedback.PhoneNumber phone) {
        Objects.requireNonNull(phone, "phone");
        try {
            number(phone.e164());
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    /**
     * {@code address} parsed, if it is a valid number of the kind this policy sends to. A refusal says what is wrong
     * with the number and never repeats it: it is recorded in the outbox and the history.
     */
    private Phonenumber.PhoneNumber number(String address) {
        Phonenumber.PhoneNumber number;
        try {
            number = PHONES.parse(address, "ZZ");
        } catch (NumberParseException e) {
            throw new ValidationException("phone", "is not a phone number (" + e.getErrorType() + ")");
        }
        String region = PHONES.getRegionCodeForNumber(number);
        if (!PHONES.isValidNumber(number)) {
            throw new ValidationException("phone", "is not a valid number in " + Optional.ofNullable(region).orElse("any region"));
        }
        PhoneNumberUtil.PhoneNumberType type = PHONES.getNumberType(number);
        if (requireMobile && type != PhoneNumberUtil.PhoneNumberType.MOBILE && type != PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            throw new ValidationException("phone", "is a " + type + " number" + (region == null ? "" : " of " + region) + ", not a mobile one");
        }
        return number;
    }

    /**
     * A number {@link #check} refused, as a channel answers it: {@link SendResult#unreachable} (the number cannot take
     * SMS; the desk tells a customer who left an e-mail address by e-mail instead). Any other refusal is thrown on.
     */
    static SendResult unreachable(ValidationException refused) {
        if (!"phone".equals(refused.field())) {
            throw refused;
        }
        return SendResult.unreachable(refused.getMessage());
    }

    public static final class Builder {
        private int maxSegments = 6;
        private final Map<String, Integer> maxSegmentsByTemplate = new HashMap<>();
        private QuietHours quietHours = QuietHours.NONE;
        private boolean turkishShift = true;
        private boolean requireMobile = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The most segments a message may take (6 unless set); a longer text is cut to fit ({@link SmsText#fitted}). */
        public Builder maxSegments(int max) {
            this.maxSegments = checkedMax(max, "maxSegments");
            return this;
        }

        /** The most segments for messages from one template, e.g. {@code customer/RECEIVED}. */
        public Builder maxSegments(String template, int max) {
            maxSegmentsByTemplate.put(Objects.requireNonNull(template, "template"), checkedMax(max, "maxSegments." + template));
            return this;
        }

        private static int checkedMax(int max, String field) {
            if (max < 1 || max > 255) {
                throw new ValidationException(field, "must be between 1 and 255 (a concatenated SMS has at most 255 parts), was " + max);
            }
            return max;
        }

        /** When non-urgent messages wait, in the recipient's zone (never unless set). */
        public Builder quietHours(QuietHours quietHours) {
            this.quietHours = Objects.requireNonNull(quietHours, "quietHours");
            return this;
        }

        /** Whether the Turkish single shift table may be used (yes unless set); networks outside Turkey may lack it. */
        public Builder turkishShift(boolean allowed) {
            this.turkishShift = allowed;
            return this;
        }

        /** Whether only mobile numbers are accepted (yes unless set). */
        public Builder requireMobile(boolean required) {
            this.requireMobile = required;
            return this;
        }

        /** The clock quiet hours are read on. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public SmsPolicy build() {
            return new SmsPolicy(this);
        }
    }
}
