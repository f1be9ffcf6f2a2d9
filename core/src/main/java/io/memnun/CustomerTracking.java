package io.memnun;

import io.memnun.error.ValidationException;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKey;
import io.memnun.feedback.Lifecycle;
import io.memnun.feedback.Command;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.Status;
import io.memnun.feedback.TenantId;
import io.memnun.internal.SecretTokens;
import io.memnun.spi.TrackingTokenStore;
import io.memnun.tracking.IssuedToken;
import io.memnun.tracking.RateLimitedException;
import io.memnun.tracking.TrackingDeniedException;
import io.memnun.tracking.TrackingSettings;
import io.memnun.tracking.TrackingTexts;
import io.memnun.tracking.TrackingToken;
import io.memnun.tracking.TrackingView;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Customer self-service tracking: a customer with the reference number and the access code (token) from the
 * acknowledgement sees where their feedback stands and accepts or rejects the resolution, without an account.
 * Get it from {@link FeedbackDesk#tracking()} on a desk built with {@link FeedbackDesk.Builder#tracking}; the desk
 * then issues a token with every feedback it receives and puts it into the acknowledgement.
 *
 * <p>Every lookup first asks the {@link io.memnun.tracking.RateLimiter} with the client's key. Then a malformed or
 * mistyped reference number, one that does not exist, a wrong token, a replaced or expired token all end in the same
 * {@link TrackingDeniedException}, after the same work: the supplied token's SHA-256 is always compared, in constant
 * time ({@link MessageDigest#isEqual}), with a stored hash or, when there is none, with a random one.
 */
public final class CustomerTracking {
    private final FeedbackDesk desk;
    private final TrackingTokenStore tokens;
    private final TrackingSettings settings;
    private final SecureRandom random = new SecureRandom();
    /** Compared against when there is no stored hash, so a missing feedback costs what a wrong token costs. */
    private final byte[] decoy = new byte[32];
    private final FeedbackId decoyId = new FeedbackId(UUID.randomUUID());

    CustomerTracking(FeedbackDesk desk, TrackingTokenStore tokens, TrackingSettings settings) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.settings = Objects.requireNonNull(settings, "settings");
        random.nextBytes(decoy);
    }

    public TrackingSettings settings() {
        return settings;
    }

    /**
     * What the customer sees.
     *
     * @param client the client's key for the rate limiter (its IP address, a session id)
     * @throws RateLimitedException if the rate limiter refused; nothing was looked up
     * @throws TrackingDeniedException if the reference and token do not open a feedback, for whatever reason
     */
    public TrackingView view(TenantId tenant, String client, String reference, String token) {
        Feedback f = open(tenant, client, reference, token);
        return view(f, desk.history(f.tenant(), f.id()));
    }

    /** The customer accepts the resolution (the desk's {@link FeedbackDesk#accept}); answers the new view. */
    public TrackingView accept(TenantId tenant, String client, String reference, String token, @Nullable String note) {
        Feedback f = open(tenant, client, reference, token);
        Feedback after = desk.accept(tenant, f.id(), note);
        return view(after, desk.history(tenant, after.id()));
    }

    /** The customer rejects the resolution (the desk's {@link FeedbackDesk#reject}); answers the new view. */
    public TrackingView reject(TenantId tenant, String client, String reference, String token, String reason) {
        Feedback f = open(tenant, client, reference, token);
        Feedback after = desk.reject(tenant, f.id(), reason);
        return view(after, desk.history(tenant, after.id()));
    }

    /**
     * Issues a new token for a feedback, replacing its old one, which stops working at once: when a customer lost
     * the acknowledgement or a link leaked. Staff call this; the answer goes to the customer by a channel the host
     * trusts.
     *
     * @throws IllegalStateException if the feedback is anonymised
     */
    public IssuedToken reissue(TenantId tenant, FeedbackKey key) {
        Feedback f = desk.get(tenant, key);
        if (Anonymisation.isAnonymised(f)) {
            throw new IllegalStateException(f.reference() + " is anonymised: it has no customer to follow it");
        }
        return issue(f, desk.clock().instant());
    }

    /** Revokes a feedback's token: nobody can follow it online until one is reissued. False if it had none. */
    public boolean revoke(TenantId tenant, FeedbackKey key) {
        return tokens.delete(tenant, desk.get(tenant, key).id());
    }

    void forget(TenantId tenant, FeedbackId id) {
        tokens.delete(tenant, id);
    }

    /** Issues and stores a token for {@code f}; the clear token exists only in the answer. */
    IssuedToken issue(Feedback f, Instant now) {
        String token = SecretTokens.generate(random);
        tokens.save(new TrackingToken(f.tenant(), f.id(), SecretTokens.hashHex(token), now));
        String reference = f.reference().toString();
        return new IssuedToken(reference, token, settings.linkFor(reference, token).orElse(null));
    }

    private Feedback open(TenantId tenant, String client, String reference, String token) {
        Objects.requireNonNull(tenant, "tenant");
        if (!settings.rateLimiter().tryAcquire(Objects.requireNonNull(client, "client"))) {
            throw new RateLimitedException();
        }
        byte[] supplied = SecretTokens.sha256(token == null ? "" : token);
        Optional<Feedback> found = find(tenant, reference);
        // a token is looked up even for a missing feedback (under an id no feedback has), so a miss costs the same reads
        Optional<TrackingToken> stored = tokens.find(tenant, found.map(Feedback::id).orElse(decoyId))
                .filter(t -> found.isPresent());
        byte[] expected = stored.map(t -> HexFormat.of().parseHex(t.hash())).orElse(decoy);
        boolean tokenMatches = MessageDigest.isEqual(expected, supplied);
        // an anonymised feedback is nobody's to follow: whatever token exists for it, it opens for no one
        if (!tokenMatches || stored.isEmpty() || expired(found.get(), desk.clock().instant())
                || Anonymisation.isAnonymised(found.get())) {
            throw new TrackingDeniedException();
        }
        return found.get();
    }

    private Optional<Feedback> find(TenantId tenant, @Nullable String reference) {
        try {
            return reference == null ? Optional.empty() : desk.find(tenant, ReferenceNumber.parse(reference));
        } catch (ValidationException e) {
            // malformed, or a mistyped check digit (InvalidReferenceNumberException): answered like any other miss
            return Optional.empty();
        }
    }

    private boolean expired(Feedback f, Instant now) {
        return !f.isOpen() && f.closedAt().map(c -> !now.isBefore(c.plus(settings.expireAfterClosing()))).orElse(false);
    }

    private TrackingView view(Feedback f, List<FeedbackEvent> history) {
        Locale language = TrackingTexts.languageFor(f.customer().language());
        Instant acknowledgedAt = null;
        List<TrackingView.Step> steps = new ArrayList<>();
        for (FeedbackEvent e : history) {
            if (e.type() == EventType.ACKNOWLEDGED && acknowledgedAt == null) {
                acknowledgedAt = e.at();
            }
            Optional<String> text = TrackingTexts.step(e.type(), language);
            if (text.isPresent()) {
                steps.add(new TrackingView.Step(e.type().name(), text.get(), e.at()));
            }
        }
        boolean resolved = f.status() == Status.RESOLVED;
        return new TrackingView(f.reference().toString(), f.kind(), f.status(), TrackingTexts.status(f.status(), language), language,
                f.receivedAt(), acknowledgedAt, f.isOpen() && !resolved ? estimatedResolution(f) : null, f.resolvedAt().orElse(null),
                f.resolution().orElse(null), f.closedAt().orElse(null),
                settings.showStaff() ? f.assignee().map(s -> s.value()).orElse(null) : null,
                resolved && Lifecycle.allowedFrom(Command.Accept.class).contains(f.status()),
                resolved && Lifecycle.allowedFrom(Command.Reject.class).contains(f.status()), steps);
    }

    /**
     * The planned date if one was set, else the due instant of a resolution clock that still counts: a stopped one (a
     * decision the customer rejected, a clock its calendar could no longer count) is no estimate of anything to come.
     */
    private static @Nullable Instant estimatedResolution(Feedback f) {
        if (f.plannedUntil().isPresent()) {
            return f.plannedUntil().get();
        }
        return f.slaClock(SlaKind.RESOLUTION).filter(c -> !c.state().isStopped()).map(SlaClock::dueAt).orElse(null);
    }
}
