package io.memnun.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.error.MemnunException;
import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.spi.FeedbackStore;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded fuzzing of feedback intake, on any store: random intakes with nasty text in every free field (description,
 * remedy, immediate action, customer name, e-mail, phone, address, attributes, context, intake key, attachment names,
 * sizes and counts) go through {@link FeedbackDesk#receive}. Each is refused with a {@link MemnunException} and
 * leaves the tenant as it was, or is accepted and reads back from the store equal to what was returned. Any other
 * throwable fails with the seed of the case.
 */
public final class IntakeFuzz {
    /** The desk's limits during the run, small so that "too long" and "too many" come up often. */
    public static final int MAX_TEXT = 2_000;
    public static final int MAX_ATTACHMENTS = 3;
    public static final long MAX_ATTACHMENT_BYTES = 1_000_000;

    /** What a run saw. */
    public record Figures(int tried, int accepted, Map<String, Integer> refusedByField) {}

    private IntakeFuzz() {}

    /** The configuration the desk under test must have: the limits above. */
    public static io.memnun.DeskConfig config() {
        return io.memnun.DeskConfig.builder().maxDescriptionLength(MAX_TEXT).maxAttachments(MAX_ATTACHMENTS)
                .maxAttachmentBytes(MAX_ATTACHMENT_BYTES).build();
    }

    /** Runs {@code cases} cases, each in a tenant of its own under {@code tenants}. */
    public static Figures run(FeedbackDesk desk, FeedbackStore store, String tenants, long seed, int cases) {
        int accepted = 0;
        Map<String, Integer> refused = new TreeMap<>();
        for (int i = 0; i < cases; i++) {
            long caseSeed = seed + i;
            NastyText t = NastyText.forCase(caseSeed);
            Random r = t.random();
            TenantId tenant = TenantId.of(tenants + "-" + i);
            int before = count(store, tenant);
            Feedback f;
            try {
                Intake.Builder b = Intake.builder(tenant, FeedbackKind.values()[r.nextInt(FeedbackKind.values().length)],
                        Channel.WEB_FORM, r.nextInt(3) == 0 ? t.clean(1 + r.nextInt(200)) : t.next(200, MAX_TEXT));
                if (r.nextBoolean()) {
                    b.desiredRemedy(t.next(50, MAX_TEXT));
                }
                if (r.nextBoolean()) {
                    b.immediateAction(t.next(50, MAX_TEXT));
                }
                if (r.nextBoolean()) {
                    Customer.Builder c = Customer.builder();
                    if (r.nextBoolean()) {
                        c.name(r.nextBoolean() ? t.clean(20) : t.next(30, 300));
                    }
                    if (r.nextBoolean()) {
                        c.email(r.nextInt(4) > 0 ? "misafir" + r.nextInt(100) + "@örnek.com.tr" : t.next(20, 400));
                    }
                    if (r.nextBoolean()) {
                        c.phone(r.nextInt(4) > 0 ? "0532 123 45 " + (10 + r.nextInt(90)) : t.next(15, 40));
                    }
                    if (r.nextBoolean()) {
                        c.address(t.next(60, 1000));
                    }
                    if (r.nextBoolean()) {
                        c.attribute(t.next(10, 100), t.next(20, 1000));
                    }
                    b.customer(c.build());
                }
                for (int k = r.nextInt(3); k > 0; k--) {
                    b.context(r.nextBoolean() ? "room" + k : t.next(10, 100), r.nextBoolean() ? t.clean(10) : t.next(20, 1000));
                }
                if (r.nextInt(4) == 0) {
                    b.intakeKey(r.nextBoolean() ? "key-" + caseSeed : t.next(30, 600));
                }
                for (int k = r.nextInt(3) == 0 ? r.nextInt(MAX_ATTACHMENTS + 2) : 0; k > 0; k--) {
                    long size = r.nextInt(5) == 0 ? MAX_ATTACHMENT_BYTES + r.nextInt(10) - 5 : r.nextInt(100_000);
                    b.attachment(new AttachmentRef(r.nextInt(4) > 0 ? "att-" + k : t.next(10, 300),
                            r.nextInt(4) > 0 ? "foto-" + k + ".jpg" : t.next(15, 300), r.nextInt(4) > 0 ? "image/jpeg" : t.next(10, 200),
                            r.nextInt(20) == 0 ? -1 : size));
                }
                f = desk.receive(b.build());
            } catch (MemnunException e) {
                String field = e instanceof io.memnun.error.ValidationException v ? v.field() : e.getClass().getSimpleName();
                refused.merge(field.replaceAll("(?s)\\..*", ".*"), 1, Integer::sum);
                assertThat(count(store, tenant)).as("a refused intake stores nothing; seed %d", caseSeed).isEqualTo(before);
                continue;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("intake case with seed " + caseSeed + " threw " + e, e);
            }
            accepted++;
            Feedback stored = store.find(tenant, f.id()).orElseThrow(() -> new AssertionError("not stored; seed " + caseSeed));
            try {
                FeedbackAssert.assertSameState(stored, f);
            } catch (AssertionError e) {
                throw new AssertionError("read back differs; seed " + caseSeed + ": " + e.getMessage(), e);
            }
            assertThat(count(store, tenant)).as("seed %d", caseSeed).isEqualTo(before + 1);
        }
        return new Figures(cases, accepted, refused);
    }

    private static int count(FeedbackStore store, TenantId tenant) {
        return store.query(FeedbackQuery.builder(tenant).limit(FeedbackQuery.MAX_LIMIT).build()).items().size();
    }
}
