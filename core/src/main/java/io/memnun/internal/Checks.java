package io.memnun.internal;

import io.memnun.error.ValidationException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks that fail with a {@link ValidationException} naming the field. */
public final class Checks {
    private Checks() {}

    public static <T> T notNull(@Nullable T value, String field) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return value;
    }

    /** Requires non-blank text of at most {@code maxLength} characters, free of control characters but tab/newline. */
    public static String text(@Nullable String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "must not be blank");
        }
        return boundedText(value, field, maxLength);
    }

    /** Like {@link #text} but {@code null} is allowed and a blank string becomes {@code null}. */
    public static @Nullable String optionalText(@Nullable String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return boundedText(value, field, maxLength);
    }

    private static String boundedText(String value, String field, int maxLength) {
        if (value.length() > maxLength) {
            throw new ValidationException(field, "is " + value.length() + " characters long, the limit is " + maxLength);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new ValidationException(field, "contains control character U+" + String.format("%04X", (int) c) + " at " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw new ValidationException(field, "contains an unpaired surrogate at " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new ValidationException(field, "contains an unpaired surrogate at " + i);
            }
        }
        return value;
    }

    /** Single-line identifier-like text: no line breaks, no control characters, 1..maxLength characters. */
    public static String code(@Nullable String value, String field, int maxLength) {
        String v = text(value, field, maxLength);
        if (!v.equals(v.strip())) {
            throw new ValidationException(field, "must not start or end with white space");
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new ValidationException(field, "must be a single line");
            }
        }
        return v;
    }

    public static void argument(boolean condition, String field, String problem) {
        if (!condition) {
            throw new ValidationException(field, problem);
        }
    }

    public static <T> T requireNonNull(@Nullable T value, String name) {
        return Objects.requireNonNull(value, name);
    }
}
