package io.memnun.channels.sms;

/**
 * How an SMS is encoded, with the capacity of one message and of each part of a concatenated one. The
 * concatenation header (6 octets) and the national language shift header (3 octets) take their room from the
 * 140 octets of a message.
 */
public enum SmsEncoding {
    /** GSM 03.38 default alphabet and its extension table, 7 bits a character. */
    GSM7(160, 153),
    /**
     * GSM-7 with the Turkish national language single shift table (3GPP TS 23.038 A.2.1) in place of the default
     * extension table: ş, ğ, ı, İ, Ş, Ğ and ç cost two septets instead of turning the whole message into UCS-2.
     */
    GSM7_TURKISH_SHIFT(155, 149),
    /** UCS-2 (UTF-16), for anything else: 16 bits a character, emoji take two. */
    UCS2(70, 67);

    private final int single;
    private final int perPart;

    SmsEncoding(int single, int perPart) {
        this.single = single;
        this.perPart = perPart;
    }

    /** The units (septets, or UTF-16 code units for UCS-2) one unsplit message holds. */
    public int singleCapacity() {
        return single;
    }

    /** The units each part of a concatenated message holds. */
    public int partCapacity() {
        return perPart;
    }
}
