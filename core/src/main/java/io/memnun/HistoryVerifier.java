package io.memnun;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.HistoryChain;
import io.memnun.feedback.HistorySeals;
import io.memnun.feedback.Page;
import io.memnun.feedback.SealedEvent;
import io.memnun.feedback.TenantId;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.SealedHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks the hash chains of stored histories ({@link HistoryChain}) and names the first broken link: an event whose
 * text no longer matches its digest, whose recomputed hash differs from the stored one or is missing, or a version
 * missing or repeated, including events missing after the last one stored (the feedback's version says how many
 * there are). An anonymisation seals the events it rewrites anew ({@link HistorySeals#afterRewrite}), so their
 * digests are of their blanked text.
 *
 * <p>A whole tenant is checked feedback by feedback, a page of {@value #PAGE} at a time, so it never holds more
 * than one page and one history in memory.
 */
public final class HistoryVerifier {
    static final int PAGE = 200;
    /** At most this many broken feedback are listed for a tenant; all are counted. */
    public static final int MAX_LISTED = 100;

    private final FeedbackStore store;
    private final SealedHistory sealed;

    private HistoryVerifier(FeedbackStore store, SealedHistory sealed) {
        this.store = store;
        this.sealed = sealed;
    }

    /** A verifier over {@code store}, which must keep seals ({@link SealedHistory}). */
    public static HistoryVerifier of(FeedbackStore store) {
        Objects.requireNonNull(store, "store");
        if (!(store instanceof SealedHistory s)) {
            throw new IllegalArgumentException(store + " keeps no hash chain (it does not implement SealedHistory)");
        }
        return new HistoryVerifier(store, s);
    }

    /**
     * Where a chain breaks.
     *
     * @param feedbackId the feedback
     * @param version the first event (by version) that does not verify
     * @param reason what is wrong with it
     */
    public record BrokenLink(FeedbackId feedbackId, long version, String reason) {}

    /**
     * The outcome for one feedback.
     *
     * @param feedbackId the feedback
     * @param events how many events were checked
     * @param head the stored hash of the last event, {@code null} for an empty history
     * @param broken the first broken link, {@code null} when the chain verifies
     */
    public record Result(FeedbackId feedbackId, int events, @Nullable String head, @Nullable BrokenLink broken) {
        public boolean intact() {
            return broken == null;
        }
    }

    /**
     * The outcome for a tenant.
     *
     * @param tenant the tenant
     * @param feedback how many feedback were checked
     * @param events how many events were checked
     * @param brokenCount how many feedback have a broken chain
     * @param broken the first broken link of each broken feedback, at most {@link #MAX_LISTED}, in the store's order
     */
    public record TenantResult(TenantId tenant, long feedback, long events, long brokenCount, List<BrokenLink> broken) {
        public TenantResult {
            broken = List.copyOf(broken);
        }

        public boolean intact() {
            return brokenCount == 0;
        }

        public Optional<BrokenLink> firstBroken() {
            return broken.stream().findFirst();
        }
    }

    /** Checks one feedback's chain; an unknown feedback has an empty, intact history. */
    public Result verify(TenantId tenant, FeedbackId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        // the history first: a command commits its row and its event together, so the version read after it is at
        // least where the history read ends, and events beyond the version are not a command landing meanwhile
        List<SealedEvent> history = sealed.sealedHistory(tenant, id);
        long version = store.find(tenant, id).map(Feedback::version).orElse(-1L);
        if (!history.isEmpty() && history.get(history.size() - 1).event().version() < version) {
            // a command landed between the two reads, or events are missing: the history again tells which
            history = sealed.sealedHistory(tenant, id);
        }
        return check(id, history, version);
    }

    /** Checks every feedback of {@code tenant}, in pages. */
    public TenantResult verifyTenant(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        long feedback = 0;
        long events = 0;
        long brokenCount = 0;
        List<BrokenLink> broken = new ArrayList<>();
        FeedbackQuery q = FeedbackQuery.builder(tenant).limit(PAGE).build();
        while (true) {
            Page<Feedback> page = store.query(q);
            for (Feedback f : page.items()) {
                Result r = verify(tenant, f.id());
                feedback++;
                events += r.events();
                if (!r.intact()) {
                    brokenCount++;
                    if (broken.size() < MAX_LISTED) {
                        broken.add(r.broken());
                    }
                }
            }
            if (page.next().isEmpty()) {
                return new TenantResult(tenant, feedback, events, brokenCount, broken);
            }
            q = q.after(page.next().get());
        }
    }

    /**
     * The head of one feedback's chain (lower-case hex): the stored hash of its last event, after checking the
     * chain; empty for an unknown feedback.
     *
     * @throws IllegalStateException when the chain is broken (a broken chain has no trustworthy head)
     */
    public Optional<String> head(TenantId tenant, FeedbackId id) {
        Result r = verify(tenant, id);
        if (!r.intact()) {
            throw new IllegalStateException("the history of " + id + " is broken at version " + r.broken().version()
                    + ": " + r.broken().reason());
        }
        return Optional.ofNullable(r.head());
    }

    static Result check(FeedbackId id, List<SealedEvent> history) {
        return check(id, history, -1);
    }

    /** Checks {@code history}, which must end at {@code version} unless it is negative. */
    static Result check(FeedbackId id, List<SealedEvent> history, long version) {
        HistorySeals.Break broken = version < 0 ? HistorySeals.firstBreak(history) : HistorySeals.firstBreak(history, version);
        if (broken != null) {
            return new Result(id, history.size(), lastHash(history), new BrokenLink(id, broken.version(), broken.reason()));
        }
        return new Result(id, history.size(), lastHash(history), null);
    }

    private static @Nullable String lastHash(List<SealedEvent> history) {
        return history.isEmpty() ? null : history.get(history.size() - 1).hash();
    }
}
