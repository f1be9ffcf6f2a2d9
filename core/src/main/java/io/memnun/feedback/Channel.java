package io.memnun.feedback;

import io.memnun.error.ValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The channel a feedback was received through (kaynak, kanal). The well-known channels are constants; a
 * host may use its own codes (lower case letters, digits, '-' and '_'), e.g. {@code instagram}.
 */
public record Channel(String code) {
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    public static final Channel EMAIL = new Channel("email");
    public static final Channel PHONE = new Channel("phone");
    public static final Channel FACE_TO_FACE = new Channel("face-to-face");
    public static final Channel SOCIAL_MEDIA = new Channel("social-media");
    public static final Channel WEB_FORM = new Channel("web-form");
    public static final Channel FAX = new Channel("fax");
    public static final Channel LETTER = new Channel("letter");
    public static final Channel DEALER = new Channel("dealer");
    public static final Channel KIOSK = new Channel("kiosk");
    public static final Channel SMS = new Channel("sms");

    public Channel {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new ValidationException("channel", "'" + code + "' is not a channel code (lower case letters, digits, '-', '_'; up to 40)");
        }
    }

    public static Channel of(String code) {
        return new Channel(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
