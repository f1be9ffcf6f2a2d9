package io.memnun.notify;

import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.PhoneNumber;
import io.memnun.internal.Checks;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one person: what a {@code RecipientDirectory} answers for staff, and what the customer's details
 * become. At least an e-mail address or a phone number should be given; a contact with neither is kept (the host
 * may know the person but not their address) and recorded as not notified.
 *
 * @param id the staff id or the customer's external id, for the history
 * @param name the name used in the greeting and the e-mail's To header; single line
 * @param email e-mail address
 * @param phone mobile number for SMS
 * @param language the language messages are written in
 * @param preferredChannel the channel used by {@link Delivery#PREFERRED} rules
 */
public record Contact(
        @Nullable String id,
        @Nullable String name,
        @Nullable EmailAddress email,
        @Nullable PhoneNumber phone,
        Locale language,
        ContactChannel preferredChannel) {

    public Contact {
        id = id == null ? null : Checks.code(id, "contact.id", 128);
        if (name != null) {
            name = Checks.text(name, "contact.name", 200).strip();
            Checks.argument(name.indexOf('\n') < 0 && name.indexOf('\r') < 0, "contact.name", "must be a single line");
        }
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(preferredChannel, "preferredChannel");
    }

    /** A staff member reached by e-mail. */
    public static Contact email(String id, @Nullable String name, String email, Locale language) {
        return new Contact(id, name, EmailAddress.of(email), null, language, ContactChannel.EMAIL);
    }

    /** A staff member reached by SMS. */
    public static Contact sms(String id, @Nullable String name, String e164, Locale language) {
        return new Contact(id, name, null, PhoneNumber.of(e164), language, ContactChannel.SMS);
    }

    /** The customer of a feedback as a contact. */
    public static Contact of(Customer customer) {
        return new Contact(customer.externalId(), customer.name(), customer.email(), customer.phone(), customer.language(),
                customer.preferredChannel());
    }

    public Optional<EmailAddress> emailAddress() {
        return Optional.ofNullable(email);
    }

    public Optional<PhoneNumber> phoneNumber() {
        return Optional.ofNullable(phone);
    }

    /** A copy with both addresses. */
    public Contact withPhone(@Nullable PhoneNumber newPhone) {
        return new Contact(id, name, email, newPhone, language, preferredChannel);
    }
}
