package io.memnun;

import io.memnun.error.NotificationException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.ContactChannel;
import io.memnun.internal.Checks;
import io.memnun.internal.HostTransactions;
import io.memnun.internal.TextCut;
import io.memnun.notify.ErrorText;
import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import io.memnun.notify.OutboxMessage;
import io.memnun.notify.SendResult;
import io.memnun.spi.NotificationChannel;
import io.memnun.spi.OutboxStore;
import io.memnun.spi.TransactionalOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: claims due messages with a lease, sends each through the {@link NotificationChannel} of its
 * channel, and records the outcome both in the outbox and with the message's owner: a feedback's history
 * ({@code NOTIFICATION_SENT}, {@code NOTIFICATION_FAILED}), or the {@link DeliveryRecorder} registered for the owner's
 * kind (a campaign's invitation, a corrective action's history). A failure that may pass is retried with exponential back-off and jitter; after
 * {@link Builder#maxAttempts(int)} attempts, or on a permanent failure, the message is dead-lettered.
 *
 * <p>What a channel says about a failure is recorded and logged without personal data: every error passes through
 * {@link ErrorText#redact(String, Notification)} before it reaches the outbox, the owner's record or a log, whatever
 * the channel did itself.
 *
 * <p>The delivery of a customer's acknowledgement (the RECEIVED message) also records the acknowledgement itself:
 * the desk applies {@code Command.Acknowledge} as {@code system:notifications} in the same change as the
 * {@code NOTIFICATION_SENT} event, which meets the acknowledgement SLA, unless the feedback was acknowledged
 * already or is no longer open.
 *
 * <p>Delivery is at least once: a dispatcher that dies after the provider accepted a message but before the
 * history records it leaves the message to be claimed again when the lease ends, and it is sent once more with the
 * same idempotency key, which a provider that supports keys uses to drop the repeat. A message claimed again whose
 * delivery the history already records is only marked sent.
 *
 * <p>A message whose handling fails (its outcome cannot be recorded, the outbox refuses the mark) is logged and
 * claimed again when its lease ends; the tick goes on with the others. That holds for a
 * {@link io.memnun.error.TransactionConflictException} in a store call's own transaction too, which cost only that
 * call. One in the host's transaction ({@link io.memnun.error.TransactionConflictException#inHostTransaction()})
 * ends the tick and is thrown: the database aborted the transaction, the tick's claims and records with it, and the
 * messages sent in it are sent again by the next tick. Sending cannot be rolled back, so run the dispatcher outside
 * a transaction of yours: each store call then commits on its own.
 *
 * <p>Nothing runs by itself: call {@link #tick(Instant)} from the host's scheduler, or {@link #start} it and
 * {@link #close()} it on shutdown. Several dispatchers on several nodes may share one outbox.
 */
public final class NotificationDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final FeedbackDesk desk;
    private final OutboxStore outbox;
    private final Map<ContactChannel, NotificationChannel> channels;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final Random random;
    private final Duration lease;
    private final int batchSize;
    private final String owner;
    private final Map<String, DeliveryRecorder> recorders;
    private final io.memnun.internal.Periodic periodic = new io.memnun.internal.Periodic("memnun-notification-dispatcher", this::tick);

    private NotificationDispatcher(Builder b) {
        this.desk = b.desk;
        this.outbox = Objects.requireNonNull(b.outbox, "outbox");
        this.channels = Map.copyOf(b.channels);
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.random = b.random;
        this.lease = b.lease;
        this.batchSize = b.batchSize;
        this.owner = b.owner;
        this.recorders = Map.copyOf(b.recorders);
    }

    /** A dispatcher for {@code desk}'s outbox; add at least one channel. */
    public static Builder builder(FeedbackDesk desk) {
        return new Builder(desk);
    }

    /** This dispatcher's name in the outbox's leases. */
    public String owner() {
        return owner;
    }

    public OutboxStore outbox() {
        return outbox;
    }

    /** Sends what is due at the desk clock's current instant. */
    public int tick() {
        return tick(desk.clock().instant());
    }

    /**
     * Claims and handles every message due at {@code now}, batch after batch.
     *
     * @return how many messages this call handled (sent, failed, dead-lettered or deferred)
     * @throws io.memnun.error.TransactionConflictException if one met in the host's transaction: the tick stops there
     *     (see the class comment)
     */
    public int tick(Instant now) {
        Objects.requireNonNull(now, "now");
        int handled = 0;
        while (true) {
            // each batch leased from when it is claimed, not from the tick's start: a long tick's later batches would
            // otherwise hold leases that have already run out, which another node takes over
            Instant claimedAt = later(now, desk.clock().instant());
            List<OutboxMessage> claimed = outbox.claim(owner, claimedAt, lease, batchSize);
            Instant sendBy = claimedAt.plus(lease).minus(lease.dividedBy(4));
            for (OutboxMessage m : claimed) {
                Instant at = later(claimedAt, desk.clock().instant());
                if (!at.isBefore(sendBy)) {
                    // too little of the lease is left to send it before another node may claim it: left for a later
                    // claim (which checks the history for a delivery first)
                    continue;
                }
                try {
                    handle(m, at);
                } catch (RuntimeException e) {
                    // in the host's transaction a conflict aborted the claims and records of the tick: stop sending
                    HostTransactions.rethrowIfLost(e);
                    // the lease runs out and the message is claimed again; keep going with the others
                    LOG.error("handling {} failed", m.notification(), ErrorText.loggable(e, m.notification()));
                }
                handled++;
            }
            if (claimed.size() < batchSize) {
                return handled;
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void handle(OutboxMessage m, Instant now) {
        Notification n = m.notification();
        if (m.attempts() > 1) {
            Optional<String> recorded = recorderOf(n).recordedDelivery(n);
            if (recorded.isPresent()) {
                // sent and recorded by an earlier claim that died before marking it: do not send it again
                mark(outbox.markSent(n.id(), owner, now, recorded.get()), n, "sent");
                return;
            }
        }
        SendResult result = redacted(send(n), n);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("message", n.id().toString());
        details.put("about", Long.toString(n.eventVersion()));
        details.put("template", n.template());
        details.put("channel", n.channel().name());
        details.put("to", n.party().toString());
        if (n.recipientId() != null) {
            details.put("recipient", n.recipientId());
        }
        details.put("address", n.address());
        details.put("attempt", Integer.toString(m.attempts()));
        details.put("idempotencyKey", n.idempotencyKey());
        String what = n.template() + " by " + n.channel() + " to " + n.party();
        if (result instanceof SendResult.Delivered d) {
            details.put("providerId", d.providerId());
            // the channel's facts about what it sent (an SMS's segments, that its text was cut to fit); ours win a clash,
            // also those recorded on other outcomes only (a delivery has no error, no dead letter)
            d.details().forEach((k, v) -> {
                if (!DeliveryOutcome.DISPATCHER_KEYS.contains(k)) {
                    details.putIfAbsent(k, v);
                }
            });
            boolean cut = "true".equals(d.details().get("cut"));
            record(n, DeliveryOutcome.State.DELIVERED, what + " delivered" + (cut ? ", its text cut to fit" : ""), details, now);
            mark(outbox.markSent(n.id(), owner, now, d.providerId()), n, "sent");
        } else if (result instanceof SendResult.Deferred d) {
            // a channel deferring to a time already past would be claimed again at once, in this very tick, for ever
            Instant until = d.until().isAfter(now) ? d.until() : now.plus(delayAfter(m.attempts()));
            mark(outbox.reschedule(n.id(), owner, until, d.reason()), n, "deferred");
        } else if (result instanceof SendResult.RetryableFailure r && m.attempts() < maxAttempts) {
            Duration wait = delayAfter(m.attempts());
            if (r.retryAfter() != null && r.retryAfter().compareTo(wait) > 0) {
                wait = r.retryAfter();
            }
            Instant next = now.plus(wait);
            // recorded only while this node still held the message: else another node has it, and may have sent it
            if (mark(outbox.markFailed(n.id(), owner, next, r.reason()), n, "failed")) {
                details.put("error", r.reason());
                details.put("retryAt", next.toString());
                record(n, DeliveryOutcome.State.FAILED, what + " failed (attempt " + m.attempts() + " of " + maxAttempts + "): "
                        + r.reason(), details, now);
            }
        } else {
            String reason = result instanceof SendResult.RetryableFailure r
                    ? "gave up after " + m.attempts() + " attempts: " + r.reason()
                    : ((SendResult.PermanentFailure) result).reason();
            if (mark(outbox.deadLetter(n.id(), owner, now, reason), n, "dead-lettered")) {
                details.put("error", reason);
                details.put("deadLetter", "true");
                if (result instanceof SendResult.PermanentFailure p && p.unreachable()) {
                    // the recorder may tell the recipient another way (the desk: an e-mail instead of the SMS)
                    details.put("unreachable", "true");
                }
                record(n, DeliveryOutcome.State.DEAD, what + " not delivered: " + reason, details, now);
            }
        }
    }

    /**
     * {@code result} with its reason free of {@code n}'s personal data (see {@link ErrorText}): what the outbox, the owner's
     * record and the log get. Channels redact what they quote from providers; this covers any channel's oversight.
     */
    private static SendResult redacted(SendResult result, Notification n) {
        if (result instanceof SendResult.RetryableFailure r) {
            return new SendResult.RetryableFailure(reason(r.reason(), n), r.retryAfter());
        }
        if (result instanceof SendResult.PermanentFailure p) {
            return new SendResult.PermanentFailure(reason(p.reason(), n), p.unreachable());
        }
        if (result instanceof SendResult.Deferred d) {
            return new SendResult.Deferred(d.until(), reason(d.reason(), n));
        }
        return result;
    }

    /** A reason redacted, within the length a {@link SendResult} allows (a placeholder may be longer than what it replaced). */
    private static String reason(String reason, Notification n) {
        String redacted = ErrorText.redact(reason, n);
        if (redacted.length() <= 2000) {
            return redacted;
        }
        // never half a surrogate pair, which a SendResult refuses: the message would never be recorded nor given up
        return TextCut.prefix(redacted, 1997) + "...";
    }

    private DeliveryRecorder recorderOf(Notification n) {
        return recorders.getOrDefault(n.owner().kind(), OUTBOX_ONLY);
    }

    private void record(Notification n, DeliveryOutcome.State state, String note, Map<String, String> details, Instant now) {
        recorderOf(n).record(n, new DeliveryOutcome(state, note, details, now));
    }

    /** For an owner kind without a recorder: the outbox row is the only record. */
    private static final DeliveryRecorder OUTBOX_ONLY = new DeliveryRecorder() {
        @Override
        public Optional<String> recordedDelivery(Notification n) {
            return Optional.empty();
        }

        @Override
        public void record(Notification n, DeliveryOutcome outcome) {
            LOG.debug("{}: {} (no recorder for {} messages)", n, outcome.state(), n.owner().kind());
        }
    };

    private SendResult send(Notification n) {
        NotificationChannel channel = channels.get(n.channel());
        if (channel == null) {
            return SendResult.permanent("no " + n.channel() + " channel is configured");
        }
        try {
            return Objects.requireNonNull(channel.send(n), "a channel answered null");
        } catch (ValidationException e) {
            return SendResult.permanent(e.getMessage());
        } catch (NotificationException e) {
            return e.retryable() ? SendResult.retryable(e.getMessage()) : SendResult.permanent(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("channel {} failed on {}", n.channel(), n, ErrorText.loggable(e, n));
            return SendResult.retryable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** {@code done}, after logging when it is false (the lease was lost). */
    private boolean mark(boolean done, Notification n, String what) {
        if (!done) {
            LOG.warn("{} was {} but {} no longer held its lease", n, what, owner);
        }
        return done;
    }

    /**
     * The wait before the attempt after attempt {@code attempt} (1 for the first): the initial back-off doubled per
     * attempt, up to the maximum, then moved by up to the jitter fraction either way so that messages failed
     * together do not all come back together.
     */
    public Duration delayAfter(int attempt) {
        Checks.argument(attempt >= 1, "attempt", "must be 1 or more, was " + attempt);
        double base = initialBackoff.toMillis() * Math.pow(2, Math.min(attempt - 1, 40));
        base = Math.min(base, maxBackoff.toMillis());
        double factor;
        synchronized (random) {
            factor = 1 - jitter + 2 * jitter * random.nextDouble();
        }
        return Duration.ofMillis(Math.max(1, Math.round(Math.min(base * factor, maxBackoff.toMillis()))));
    }

    /** Runs {@link #tick()} every {@code interval} on a daemon thread of its own until {@link #close()}. */
    public NotificationDispatcher start(Duration interval) {
        periodic.start(interval);
        return this;
    }

    /** Runs {@link #tick()} every {@code interval} on the host's executor until {@link #close()}. */
    public NotificationDispatcher start(ScheduledExecutorService executor, Duration interval) {
        periodic.start(executor, interval);
        return this;
    }

    /** Stops a started dispatcher; one driven by {@link #tick} needs no closing. */
    @Override
    public void close() {
        periodic.stop();
    }

    /** Wires a dispatcher; every value is checked when set. */
    public static final class Builder {
        private final FeedbackDesk desk;
        private @Nullable OutboxStore outbox;
        private final Map<ContactChannel, NotificationChannel> channels = new EnumMap<>(ContactChannel.class);
        private int maxAttempts = 8;
        private Duration initialBackoff = Duration.ofSeconds(30);
        private Duration maxBackoff = Duration.ofHours(2);
        private double jitter = 0.2;
        private Random random = new Random();
        private Duration lease = Duration.ofMinutes(5);
        private int batchSize = 50;
        private String owner = "dispatcher-" + UUID.randomUUID();
        private final Map<String, DeliveryRecorder> recorders = new java.util.HashMap<>();

        private Builder(FeedbackDesk desk) {
            this.desk = Objects.requireNonNull(desk, "desk");
            recorders.put(MessageOwner.FEEDBACK, desk.deliveries());
            if (desk.store() instanceof TransactionalOutbox t) {
                this.outbox = t.outbox();
            }
        }

        /** The outbox to send (the desk store's own, if it has one). */
        public Builder outbox(OutboxStore outbox) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
            return this;
        }

        /** The channel that sends {@code type} messages ({@code EMAIL} or {@code SMS}). */
        public Builder channel(ContactChannel type, NotificationChannel channel) {
            Objects.requireNonNull(type, "type");
            Checks.argument(type == ContactChannel.EMAIL || type == ContactChannel.SMS, "type", "EMAIL or SMS, not " + type);
            channels.put(type, Objects.requireNonNull(channel, "channel"));
            return this;
        }

        /** Attempts before a message that keeps failing is dead-lettered (8 unless set). */
        public Builder maxAttempts(int maxAttempts) {
            Checks.argument(maxAttempts >= 1, "maxAttempts", "must be 1 or more, was " + maxAttempts);
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The first wait after a failure and the longest wait (30 s and 2 h unless set). */
        public Builder backoff(Duration initial, Duration max) {
            Checks.argument(initial != null && !initial.isNegative() && !initial.isZero(), "backoff.initial", "must be positive, was " + initial);
            Checks.argument(max != null && max.compareTo(initial) >= 0, "backoff.max", "must be at least the initial back-off, was " + max);
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** How far each wait may move either way, as a fraction of it (0.2 unless set; 0 turns jitter off). */
        public Builder jitter(double jitter) {
            Checks.argument(jitter >= 0 && jitter < 1, "jitter", "must be at least 0 and below 1, was " + jitter);
            this.jitter = jitter;
            return this;
        }

        /** The random source of the jitter; tests pass a seeded one. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * How long a claim holds (5 minutes unless set): longer than the slowest send, or a second dispatcher claims
         * the message while the first still sends it.
         */
        public Builder lease(Duration lease) {
            Checks.argument(lease != null && !lease.isNegative() && !lease.isZero(), "lease", "must be positive, was " + lease);
            this.lease = lease;
            return this;
        }

        public Builder batchSize(int batchSize) {
            Checks.argument(batchSize >= 1 && batchSize <= 10_000, "batchSize", "must be between 1 and 10000, was " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Where the outcome of messages whose owner is of {@code kind} is recorded, e.g.
         * {@code recorder(MessageOwner.SURVEY_INVITATION, surveys.deliveries())}; the feedback desk records its own.
         * Messages of a kind without a recorder are only marked in the outbox.
         */
        public Builder recorder(String kind, DeliveryRecorder recorder) {
            recorders.put(MessageOwner.requireKind(kind), Objects.requireNonNull(recorder, "recorder"));
            return this;
        }

        /** This dispatcher's name in leases; unique per dispatcher (a random one unless set). */
        public Builder owner(String owner) {
            this.owner = Checks.code(owner, "owner", 200);
            return this;
        }

        public NotificationDispatcher build() {
            if (outbox == null) {
                throw new IllegalStateException("outbox is required: the desk's store has none, so pass one with outbox(...)");
            }
            if (channels.isEmpty()) {
                throw new IllegalStateException("no channel: add one with channel(ContactChannel.EMAIL, ...)");
            }
            return new NotificationDispatcher(this);
        }
    }
}
