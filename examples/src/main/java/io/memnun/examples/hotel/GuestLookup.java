package io.memnun.examples.hotel;

import io.memnun.FeedbackDesk;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.PhoneNumber;
import io.memnun.feedback.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a guest's own feedback by its reference number and a secret only the guest knows. Until the library offers
 * a tracking token of its own, the secret is the e-mail address or phone number the guest gave: this class is the
 * only place that knows it, so moving to a tracking token changes nothing else.
 *
 * <p>Every failure (no such reference, a mistyped one, a wrong secret) gives the same empty answer, and the
 * secret is compared in constant time, so the page tells a guesser nothing about which part was wrong.
 */
final class GuestLookup {
    private final FeedbackDesk desk;
    private final TenantId tenant;

    GuestLookup(FeedbackDesk desk, TenantId tenant) {
        this.desk = desk;
        this.tenant = tenant;
    }

    Optional<Feedback> find(String reference, String secret) {
        Optional<Feedback> found;
        try {
            found = desk.findByReference(tenant, reference);
        } catch (ValidationException mistyped) {
            found = Optional.empty();
        }
        String given = normalise(secret);
        return found.filter(f -> matches(f.customer(), given));
    }

    private static boolean matches(Customer customer, String given) {
        boolean email = customer.email() != null && same(customer.email().value().toLowerCase(Locale.ROOT), given);
        boolean phone = customer.phone() != null && same(customer.phone().e164(), given);
        return email | phone;
    }

    /** An e-mail address in lower case, a phone number as E.164 (a guest may type 0532 111 22 33). */
    private static String normalise(String secret) {
        String s = secret == null ? "" : secret.strip();
        if (s.contains("@")) {
            return s.toLowerCase(Locale.ROOT);
        }
        try {
            return PhoneNumber.parse(s, "90").e164();
        } catch (ValidationException notAPhoneNumber) {
            return s;
        }
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
