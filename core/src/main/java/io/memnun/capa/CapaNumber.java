package io.memnun.capa;

import io.memnun.feedback.ReferenceNumber;
import java.util.Objects;

/**
 * The number people know a corrective action by, e.g. {@code DOF-2026-000012-3}: a prefix ({@value #DEFAULT_PREFIX}
 * for DÖF unless the host sets another), the year it was opened, a sequence unique per tenant, prefix and year, and a
 * check digit. It has the form and the Damm check digit of a feedback's {@link ReferenceNumber}, so a mistyped number is
 * refused instead of finding another action. It is read as people type it: in any case, with or without hyphens and
 * spaces, and with the Turkish letter, {@code DÖF-2026-000012-3}.
 */
public record CapaNumber(ReferenceNumber value) {
    /** DÖF (düzeltici ve önleyici faaliyet) written in the letters A-Z a reference number allows. */
    public static final String DEFAULT_PREFIX = "DOF";

    public CapaNumber {
        Objects.requireNonNull(value, "value");
    }

    public static CapaNumber of(String prefix, int year, long sequence) {
        return new CapaNumber(ReferenceNumber.of(prefix, year, sequence));
    }

    /**
     * Reads a number as a person may type it.
     *
     * @throws io.memnun.feedback.InvalidReferenceNumberException if it is malformed or its check digit does not match
     */
    public static CapaNumber parse(String text) {
        return new CapaNumber(ReferenceNumber.parse(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
