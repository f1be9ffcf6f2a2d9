package io.memnun.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.InboundProcessor;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.tck.Fixtures;
import io.memnun.tck.NastyText;
import io.memnun.testing.MutableClock;
import io.memnun.testing.ReliabilityFigures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the SMS webhook ({@link SmsCallback#handle}), the raw form body a gateway posts: broken
 * percent-encoding, missing and repeated fields, nasty text, bodies over the size limit. Every post is answered 200
 * (processed) or 400 (not an SMS we can take: the gateway must not retry), never 503 (which asks for a retry that
 * cannot help) and never an exception; a 400 stores nothing.
 */
class SmsCallbackFuzzTest {
    private static final long SEED = Long.getLong("memnun.fuzz.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("memnun.fuzz.cases", 1500);

    @Test
    void everyPostIsProcessedOrRefusedForGood() {
        MutableClock clock = new MutableClock(Fixtures.T0);
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(clock).build();
        TenantId tenant = Fixtures.newTenant("sms-fuzz");
        SmsCallback callback = SmsCallback.of(tenant, SmsCallback.Format.twilio(), InboundProcessor.builder(desk).build(),
                Locale.forLanguageTag("tr"), clock, ZoneId.of("Europe/Istanbul"), SmsRequestCheck.verifiedByHost());
        int processed = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = SEED + i;
            NastyText t = NastyText.forCase(seed);
            Random r = t.random();
            clock.advance(Duration.ofSeconds(1));
            StringBuilder body = new StringBuilder();
            field(body, "From", r.nextInt(4) > 0 ? "+90532" + (1_000_000 + r.nextInt(8_999_999)) : t.next(20, 200), r);
            field(body, "To", r.nextInt(4) > 0 ? "+908501234567" : t.next(20, 200), r);
            field(body, "Body", r.nextInt(3) > 0 ? t.clean(1 + r.nextInt(300)) : t.next(200, 70_000), r);
            if (r.nextBoolean()) {
                field(body, "MessageSid", r.nextBoolean() ? "SM" + seed : t.next(30, 2000), r);
            }
            if (r.nextInt(8) == 0) {
                body.insert(r.nextInt(body.length() + 1), r.nextBoolean() ? "%" : "%zz&&=");
            }
            int before = store.query(FeedbackQuery.builder(tenant).limit(FeedbackQuery.MAX_LIMIT).build()).items().size();
            SmsCallback.Answer answer;
            try {
                answer = callback.handle(body.toString());
            } catch (RuntimeException | Error e) {
                throw new AssertionError("SMS post with seed " + seed + " threw " + e, e);
            }
            assertThat(answer.status()).as("seed %d: %s", seed, answer.problem()).isIn(200, 400);
            int after = store.query(FeedbackQuery.builder(tenant).limit(FeedbackQuery.MAX_LIMIT).build()).items().size();
            if (answer.status() == 200) {
                processed++;
            } else {
                assertThat(after).as("a refused post stores nothing; seed %d", seed).isEqualTo(before);
            }
        }
        ReliabilityFigures.of("bad-input-sms-webhook").put("base seed", SEED)
                .put("posted form bodies", CASES)
                .put("processed (200)", processed)
                .put("refused for good (400), nothing stored", CASES - processed)
                .put("asked for a retry (503) or threw", 0)
                .write();
    }

    /** A form field, URL-encoded or now and then raw. */
    private static void field(StringBuilder body, String name, String value, Random r) {
        if (body.length() > 0) {
            body.append('&');
        }
        body.append(name).append('=').append(r.nextInt(6) == 0 ? value : URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
