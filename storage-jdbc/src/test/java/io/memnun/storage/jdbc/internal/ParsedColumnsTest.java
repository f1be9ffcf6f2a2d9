package io.memnun.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.Consent;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.SlaCheckpoint;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParsedColumnsTest {
    private static final Instant T = Instant.parse("2026-03-16T06:00:00.123456789Z");

    private static List<SlaClock> clocks(SlaClock.State state) {
        return List.of(new SlaClock(SlaKind.RESOLUTION, "office", Duration.ofHours(6), T, T.plusSeconds(3600), Duration.ZERO,
                state == SlaClock.State.RUNNING ? T : null, state, state.isStopped() ? T.plusSeconds(60) : null,
                List.of(new SlaCheckpoint(SlaCheckpoint.Type.BREACH, 0, 100, T.plusSeconds(3600), null, false))));
    }

    @Test
    void aReadOfTheTextJustWrittenGivesTheWrittenClocksAndAnotherTextIsParsed() {
        ParsedColumns parsed = new ParsedColumns();
        FeedbackId id = new FeedbackId(UUID.randomUUID());
        List<SlaClock> running = clocks(SlaClock.State.RUNNING);

        String written = parsed.writeClocks(id, running);

        assertThat(parsed.readClocks(id, written)).isSameAs(running);
        String met = Json.slaClocks(clocks(SlaClock.State.MET));
        assertThat(parsed.readClocks(id, met)).as("another text for the same feedback").isEqualTo(clocks(SlaClock.State.MET));
        assertThat(parsed.readClocks(id, written)).as("the older text again").isEqualTo(running);
        assertThat(parsed.readClocks(id, null)).isEmpty();
    }

    @Test
    void aCustomerIsParsedOnceForTheSameColumnsAndAgainWhenAnyColumnDiffers() {
        ParsedColumns parsed = new ParsedColumns();
        FeedbackId id = new FeedbackId(UUID.randomUUID());
        String json = "{\"language\":\"tr\",\"preferredChannel\":\"EMAIL\",\"consent\":{\"surveys\":true,\"commercial\":false,"
                + "\"shareWithThirdParties\":false}}";

        var first = parsed.readCustomer(id, new ParsedColumns.CustomerText(json, null, "Ayşe", "ayse@example.com", null));
        var again = parsed.readCustomer(id, new ParsedColumns.CustomerText(json, null, "Ayşe", "ayse@example.com", null));
        var renamed = parsed.readCustomer(id, new ParsedColumns.CustomerText(json, null, "Ayşe Y.", "ayse@example.com", null));

        assertThat(again).isSameAs(first);
        assertThat(renamed.name()).isEqualTo("Ayşe Y.");
        assertThat(renamed.email()).isEqualTo(first.email());
        assertThat(first.consent().surveys()).isTrue();
    }

    @Test
    void customersWrittenReadBackEqualAndTheReadThatFollowsTakesTheWrittenOne() {
        String[] languages = {"tr", "en-GB", "de", "ar-SA", "ku-Latn-TR", "az-Cyrl"};
        ContactChannel[] channels = ContactChannel.values();
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            Customer.Builder b = Customer.builder().language(languages[random.nextInt(languages.length)])
                    .preferredChannel(channels[random.nextInt(channels.length)])
                    .consent(new Consent(random.nextBoolean(), random.nextBoolean(), random.nextBoolean()));
            if (random.nextBoolean()) {
                b.name(" Misafir " + random.nextInt(1000) + " ");
            }
            if (random.nextBoolean()) {
                b.email("Misafir" + random.nextInt(1000) + "@Example.com");
            }
            if (random.nextBoolean()) {
                b.phone("+90 532 " + (1_000_000 + random.nextInt(8_000_000)));
            }
            if (random.nextBoolean()) {
                b.address("İstiklal Cd. " + random.nextInt(300) + "\nBeyoğlu");
            }
            if (random.nextBoolean()) {
                b.externalId("guest-" + random.nextInt(1000));
            }
            for (int a = random.nextInt(3); a > 0; a--) {
                b.attribute("key" + random.nextInt(10), "değer \"" + random.nextInt(10) + "\"");
            }
            Customer customer = b.build();
            ParsedColumns parsed = new ParsedColumns();
            FeedbackId id = new FeedbackId(UUID.randomUUID());

            String json = parsed.writeCustomer(id, customer);
            ParsedColumns.CustomerText text = new ParsedColumns.CustomerText(json, customer.externalId(), customer.name(),
                    customer.email() == null ? null : customer.email().value(), customer.phone() == null ? null : customer.phone().e164());

            assertThat(Json.customer(json, text.externalId(), text.name(), text.email(), text.phone()))
                    .as("seed %d", seed).isEqualTo(customer);
            assertThat(parsed.readCustomer(id, text)).as("seed %d", seed).isSameAs(customer);
        }
    }

    @Test
    void aCustomerWhoseLanguageReadsBackAsAnotherIsNotRememberedEvenAfterOneThatDoes() {
        ParsedColumns parsed = new ParsedColumns();
        // the tag of a locale with this variant is "tr": it reads back as plain Turkish
        Locale odd = new Locale("tr", "", "a b");
        for (Locale language : List.of(Locale.forLanguageTag("tr"), odd, Locale.forLanguageTag("tr"), odd)) {
            Customer customer = Customer.builder().language(language).name("Ayşe").build();
            FeedbackId id = new FeedbackId(UUID.randomUUID());

            String json = parsed.writeCustomer(id, customer);
            Customer read = parsed.readCustomer(id, new ParsedColumns.CustomerText(json, null, "Ayşe", null, null));

            if (language == odd) {
                assertThat(read).as(language.toString()).isNotSameAs(customer);
                assertThat(read.language()).isEqualTo(Locale.forLanguageTag("tr"));
            } else {
                assertThat(read).as(language.toString()).isSameAs(customer);
            }
        }
    }
}
