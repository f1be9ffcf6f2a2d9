package io.memnun.feedback;

import io.memnun.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The person who gave the feedback and how to reach them. Every contact detail is optional (a kiosk
 * suggestion may be anonymous); what is given is validated.
 *
 * @param externalId the host's own id for this customer (a guest profile, a CRM contact)
 * @param name full name
 * @param email e-mail address
 * @param phone phone number, E.164
 * @param address postal address, free text
 * @param language the language to talk to the customer in
 * @param preferredChannel how the customer wants to be told about progress
 * @param consent what the customer agreed to
 * @param attributes free attributes for routing and reports, e.g. {@code vip=true}, {@code loyaltyTier=gold}
 */
public record Customer(
        @Nullable String externalId,
        @Nullable String name,
        @Nullable EmailAddress email,
        @Nullable PhoneNumber phone,
        @Nullable String address,
        Locale language,
        ContactChannel preferredChannel,
        Consent consent,
        Map<String, String> attributes) {

    public static final Customer ANONYMOUS =
            new Customer(null, null, null, null, null, Locale.forLanguageTag("tr"), ContactChannel.NONE, Consent.NONE, Map.of());

    public Customer {
        externalId = externalId == null ? null : Checks.code(externalId, "customer.externalId", 128);
        if (name != null) {
            name = Checks.text(name, "customer.name", 200).strip();
            Checks.argument(name.indexOf('\n') < 0 && name.indexOf('\r') < 0, "customer.name", "must be a single line");
        }
        address = Checks.optionalText(address, "customer.address", 1000);
        Objects.requireNonNull(language, "language");
        Checks.argument(!language.getLanguage().isEmpty(), "customer.language", "must name a language");
        Objects.requireNonNull(preferredChannel, "preferredChannel");
        Objects.requireNonNull(consent, "consent");
        Map<String, String> copy = new LinkedHashMap<>();
        Objects.requireNonNull(attributes, "attributes").forEach((k, v) -> copy.put(
                Checks.code(k, "customer.attributes key", 64), Checks.text(v, "customer.attributes." + k, 500)));
        attributes = Map.copyOf(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<EmailAddress> emailAddress() {
        return Optional.ofNullable(email);
    }

    public Optional<PhoneNumber> phoneNumber() {
        return Optional.ofNullable(phone);
    }

    /** True when the customer left an e-mail address or a phone number. */
    public boolean isReachable() {
        return email != null || phone != null;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.externalId = externalId;
        b.name = name;
        b.email = email;
        b.phone = phone;
        b.address = address;
        b.language = language;
        b.preferredChannel = preferredChannel;
        b.consent = consent;
        b.attributes.putAll(attributes);
        return b;
    }

    /** The default language, parsed once rather than for every builder. */
    private static final Locale TURKISH = Locale.forLanguageTag("tr");

    /** Builds a {@link Customer}; phone numbers without a country code get {@code defaultCountryCode} (90). */
    public static final class Builder {
        private @Nullable String externalId;
        private @Nullable String name;
        private @Nullable EmailAddress email;
        private @Nullable PhoneNumber phone;
        private @Nullable String address;
        private Locale language = TURKISH;
        private @Nullable ContactChannel preferredChannel;
        private Consent consent = Consent.NONE;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private String defaultCountryCode = "90";

        private Builder() {}

        public Builder externalId(@Nullable String externalId) {
            this.externalId = externalId;
            return this;
        }

        public Builder name(@Nullable String name) {
            this.name = name;
            return this;
        }

        public Builder email(@Nullable String email) {
            this.email = email == null || email.isBlank() ? null : EmailAddress.of(email);
            return this;
        }

        public Builder email(@Nullable EmailAddress email) {
            this.email = email;
            return this;
        }

        /** The default country code used by {@link #phone(String)} for national numbers. */
        public Builder defaultCountryCode(String defaultCountryCode) {
            this.defaultCountryCode = Objects.requireNonNull(defaultCountryCode, "defaultCountryCode");
            return this;
        }

        public Builder phone(@Nullable String phone) {
            this.phone = phone == null || phone.isBlank() ? null : PhoneNumber.parse(phone, defaultCountryCode);
            return this;
        }

        public Builder phone(@Nullable PhoneNumber phone) {
            this.phone = phone;
            return this;
        }

        public Builder address(@Nullable String address) {
            this.address = address;
            return this;
        }

        public Builder language(Locale language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        public Builder language(String languageTag) {
            return language(Locale.forLanguageTag(Objects.requireNonNull(languageTag, "languageTag")));
        }

        public Builder preferredChannel(ContactChannel preferredChannel) {
            this.preferredChannel = Objects.requireNonNull(preferredChannel, "preferredChannel");
            return this;
        }

        public Builder consent(Consent consent) {
            this.consent = Objects.requireNonNull(consent, "consent");
            return this;
        }

        public Builder attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        public Customer build() {
            ContactChannel channel = preferredChannel;
            if (channel == null) {
                channel = email != null ? ContactChannel.EMAIL : phone != null ? ContactChannel.SMS : ContactChannel.NONE;
            }
            return new Customer(externalId, name, email, phone, address, language, channel, consent, attributes);
        }
    }
}
