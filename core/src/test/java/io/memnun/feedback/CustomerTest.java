package io.memnun.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import io.memnun.tck.Fixtures;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerTest {

    @Test
    void buildsACustomerWithEveryField() {
        Customer c = Fixtures.richCustomer();
        assertThat(c.externalId()).isEqualTo("guest-İ-4711");
        assertThat(c.name()).isEqualTo("Şükrü Çağlayan-Öztürk");
        assertThat(c.emailAddress()).contains(EmailAddress.of("şükrü.çağlayan@örnek.com.tr"));
        assertThat(c.phoneNumber()).contains(PhoneNumber.of("+905321234567"));
        assertThat(c.address()).isEqualTo("Gül Sokak No: 7/3\nKadıköy, İstanbul");
        assertThat(c.language()).isEqualTo(Locale.forLanguageTag("tr-TR"));
        assertThat(c.preferredChannel()).isEqualTo(ContactChannel.SMS);
        assertThat(c.consent()).isEqualTo(new Consent(true, false, true));
        assertThat(c.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("vip", "true", "sadakat", "altın üye"));
        assertThat(c.isReachable()).isTrue();
    }

    @Test
    void toBuilderReproducesTheCustomer() {
        Customer c = Fixtures.richCustomer();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toBuilder().name("Başka Biri").build()).isNotEqualTo(c);
    }

    @Test
    void thePreferredChannelDefaultsToWhatTheCustomerLeft() {
        assertThat(Customer.builder().email("ali@example.com").phone("05321234567").build().preferredChannel())
                .isEqualTo(ContactChannel.EMAIL);
        assertThat(Customer.builder().phone("05321234567").build().preferredChannel()).isEqualTo(ContactChannel.SMS);
        assertThat(Customer.builder().name("Ali").build().preferredChannel()).isEqualTo(ContactChannel.NONE);
        assertThat(Customer.builder().name("Ali").build().isReachable()).isFalse();
        assertThat(Customer.builder().email("ali@example.com").preferredChannel(ContactChannel.POST).build().preferredChannel())
                .isEqualTo(ContactChannel.POST);
    }

    @Test
    void blankContactDetailsMeanNone() {
        Customer c = Customer.builder().email("  ").phone("").address(" \n ").build();
        assertThat(c.email()).isNull();
        assertThat(c.phone()).isNull();
        assertThat(c.address()).isNull();
    }

    @Test
    void theNameIsStrippedAndMustBeOneLine() {
        assertThat(Customer.builder().name("  Ayşe Yılmaz \t").build().name()).isEqualTo("Ayşe Yılmaz");
        assertField(() -> Customer.builder().name("   ").build(), "customer.name");
        assertField(() -> Customer.builder().name("").build(), "customer.name");
        assertField(() -> Customer.builder().name("Ayşe\nYılmaz").build(), "customer.name");
        assertField(() -> Customer.builder().name("Ayşe\rBcc: x").build(), "customer.name");
        assertField(() -> Customer.builder().name("a".repeat(201)).build(), "customer.name");
        assertThat(Customer.builder().name("a".repeat(200)).build().name()).hasSize(200);
    }

    @Test
    void refusesBadFieldsNamingThem() {
        assertField(() -> Customer.builder().externalId(" x ").build(), "customer.externalId");
        assertField(() -> Customer.builder().externalId("a\tb").build(), "customer.externalId");
        assertField(() -> Customer.builder().address("Sokak\u0000").build(), "customer.address");
        assertField(() -> Customer.builder().language(Locale.ROOT).build(), "customer.language");
        assertField(() -> Customer.builder().attribute(" ", "x").build(), "customer.attributes key");
        assertField(() -> Customer.builder().attribute("tier", " ").build(), "customer.attributes.tier");
        assertField(() -> Customer.builder().email("ali@@example.com"), "email");
        assertField(() -> Customer.builder().email("ali@example.com\r\nBcc: x@example.com"), "email");
        assertField(() -> Customer.builder().phone("0532 12"), "phone");
        assertField(() -> Customer.builder().phone("0532 ABC 45 67"), "phone");
    }

    @Test
    void nationalNumbersGetTheDefaultCountryCodeSetBeforeThem() {
        assertThat(Customer.builder().defaultCountryCode("44").phone("020 7946 0958").build().phone())
                .isEqualTo(PhoneNumber.of("+442079460958"));
        assertThat(Customer.builder().phone("0532 123 45 67").build().phone()).isEqualTo(PhoneNumber.of("+905321234567"));
    }

    @Test
    void attributesAreCopiedAndImmutable() {
        Customer c = Customer.builder().attribute("vip", "true").build();
        assertThatThrownBy(() -> c.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anonymousHasNoContactDetails() {
        assertThat(Customer.ANONYMOUS.isReachable()).isFalse();
        assertThat(Customer.ANONYMOUS.name()).isNull();
        assertThat(Customer.ANONYMOUS.preferredChannel()).isEqualTo(ContactChannel.NONE);
        assertThat(Customer.ANONYMOUS.consent()).isEqualTo(Consent.none());
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
