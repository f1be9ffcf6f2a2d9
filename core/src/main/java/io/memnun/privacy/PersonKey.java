package io.memnun.privacy;

import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.PhoneNumber;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.util.Objects;

/**
 * How a person is named in a privacy request: by e-mail address, phone number or the host's own customer id. The
 * value is kept in its canonical form (an address in lower case, its {@link EmailAddress#matchKey()}; E.164), so two
 * spellings of one address ({@code Mehmet@…}, {@code mehmet@…}) are one key.
 *
 * @param kind what the value is
 * @param value the canonical value
 */
public record PersonKey(Kind kind, String value) {
    public enum Kind {
        EMAIL,
        PHONE,
        EXTERNAL_ID
    }

    public PersonKey {
        Objects.requireNonNull(kind, "kind");
        String given = value;
        value = switch (kind) {
            case EMAIL -> named("person.email", () -> EmailAddress.of(Checks.notNull(given, "person.email")).matchKey());
            case PHONE -> named("person.phone", () -> new PhoneNumber(Checks.notNull(given, "person.phone")).e164());
            case EXTERNAL_ID -> Checks.code(value, "person.externalId", 128);
        };
    }

    private static String named(String field, java.util.function.Supplier<String> check) {
        try {
            return check.get();
        } catch (io.memnun.error.ValidationException e) {
            throw e.about(field);
        }
    }

    public static PersonKey email(String address) {
        return new PersonKey(Kind.EMAIL, address);
    }

    /** A phone number in E.164 form, e.g. {@code +905321234567}. */
    public static PersonKey phone(String e164) {
        return new PersonKey(Kind.PHONE, e164);
    }

    public static PersonKey externalId(String id) {
        return new PersonKey(Kind.EXTERNAL_ID, id);
    }

    /** A query for this person's feedback in {@code tenant}. */
    public FeedbackQuery.Builder query(TenantId tenant) {
        FeedbackQuery.Builder b = FeedbackQuery.builder(tenant);
        return switch (kind) {
            case EMAIL -> b.customerEmail(EmailAddress.of(value));
            case PHONE -> b.customerPhone(new PhoneNumber(value));
            case EXTERNAL_ID -> b.customerExternalId(value);
        };
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
    }
}
