package io.memnun;

import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Contact;
import io.memnun.spi.RecipientDirectory;
import io.memnun.store.memory.InMemoryRecipientDirectory;
import io.memnun.testing.MutableClock;
import java.time.ZoneId;
import java.util.Locale;

/** A hotel with a housekeeping department, its duty phone, its head, an assignee and a quality role. */
final class NotificationFixture {
    static final Locale TR = Locale.forLanguageTag("tr");
    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    static final TenantId HOTEL = TenantId.of("bogazici-otel");
    static final DepartmentId HOUSEKEEPING = DepartmentId.of("kat-hizmetleri");

    static final RecipientDirectory DIRECTORY = InMemoryRecipientDirectory.builder()
            .department("kat-hizmetleri", Contact.sms("kat-nobet", "Kat Hizmetleri Nöbet", "+905551112233", TR))
            .departmentHead("kat-hizmetleri", Contact.email("fatma.kaya", "Fatma Kaya", "fatma@otel.example", TR))
            .staff("ayse.yilmaz", Contact.email("ayse.yilmaz", "Ayşe Yılmaz", "ayse@otel.example", TR))
            .role("kalite", Contact.email("kalite", "Quality Manager", "quality@otel.example", Locale.ENGLISH))
            .build();

    private NotificationFixture() {}

    /** Monday 16 March 2026, 10:00 in Istanbul. */
    static MutableClock clock() {
        return MutableClock.at("2026-03-16T07:00:00Z");
    }

    static Notifications.Builder notifications() {
        return Notifications.builder("Boğaziçi Otel").directory(DIRECTORY).zone(ISTANBUL);
    }

    static Customer customer() {
        return Customer.builder().name("Şükrü Çağlayan").email("sukru@example.com.tr").phone("0532 123 45 67").language("tr").build();
    }

    static Intake.Builder complaint(Customer customer) {
        return Intake.builder(HOTEL, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Odadaki klima çalışmıyor")
                .department(HOUSEKEEPING)
                .customer(customer);
    }
}
