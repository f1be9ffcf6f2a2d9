package io.memnun.inbound;

import io.memnun.FeedbackDesk;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Command;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.InvalidReferenceNumberException;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.Status;
import io.memnun.inbound.InboundOutcome.Effect;
import io.memnun.internal.TextCut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what an {@link InboundMessage} becomes, the same way for every channel:
 *
 * <ol>
 *   <li>an automated message (an auto-reply, a bounce) is {@linkplain InboundOutcome.Ignored ignored};
 *   <li>a message processed before (same message id) is {@linkplain InboundOutcome.AlreadyProcessed left alone};
 *   <li>a reply is threaded onto the feedback it answers, found by the ids it refers to (through the
 *       {@link ThreadResolver}), else by a reference number in its subject (or, without a subject, its text) whose
 *       check digit is right, else, for a message with a phone number, the sender's newest open feedback;
 *   <li>anything else becomes a new feedback through the desk's normal intake, with the message id as its intake
 *       key.
 * </ol>
 *
 * <p>A threaded reply is always recorded as a {@code CUSTOMER_MESSAGE} event whose details carry its message id,
 * which is what makes a second delivery of it a no-op. In the same change: on a RESOLVED feedback, a first word that
 * accepts or rejects ({@link CustomerReplies}) applies the customer's decision; on one AWAITING_CUSTOMER it is the
 * customer's response (from the customer's own address or number; anybody else's is only recorded); on a closed or
 * cancelled one, the {@link ClosedPolicy} decides. A reply to an anonymised
 * feedback is not recorded on it: it starts a new feedback linked to it (context {@code linkedTo}), whatever the
 * policy, so that the person's new words fall under the retention policy again. Decisions and appeals are
 * taken only from the customer's own address or number: anybody may write to us quoting a reference number, but only
 * the customer may close or reopen their feedback.
 *
 * <p>Thread-safe. A concurrent change to the same feedback is retried on its new version.
 */
public final class InboundProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);
    private static final Pattern REFERENCE_CANDIDATE =
            Pattern.compile("(?<![\\p{L}\\p{N}])[\\p{L}]{1,5}[- ]?\\d{4}[- ]?\\d{6,18}[- ]?\\d(?![\\p{L}\\p{N}])");
    private static final int MAX_CONFLICTS = 10;
    private static final int MAX_CONTEXT = 2000;

    /** What a reply to a closed or cancelled feedback does, besides being recorded on it. */
    public enum ClosedPolicy {
        /** Starts a new feedback linked to the closed one (context {@code linkedTo}). The default. */
        NEW_LINKED_FEEDBACK,
        /** Reopens the closed feedback as an appeal (itiraz), with the reply as the reason. */
        APPEAL,
        /** Only records it, for staff to read. */
        RECORD_ONLY
    }

    private final FeedbackDesk desk;
    private final ThreadResolver threads;
    private final ClosedPolicy closedPolicy;
    private final FeedbackKind kind;
    private final boolean matchOpenByPhone;

    private InboundProcessor(Builder b) {
        this.desk = b.desk;
        this.threads = b.threads;
        this.closedPolicy = b.closedPolicy;
        this.kind = b.kind;
        this.matchOpenByPhone = b.matchOpenByPhone;
    }

    public static Builder builder(FeedbackDesk desk) {
        return new Builder(desk);
    }

    /**
     * Processes one message; returns once its feedback change is committed, so a channel marks the message as done
     * only after this returns.
     *
     * @throws io.memnun.error.ValidationException if the message cannot be recorded (nothing was written)
     */
    public InboundOutcome process(InboundMessage m) {
        Objects.requireNonNull(m, "message");
        if (m.isAutomated()) {
            // not the Message-ID: it is the intake key, and a mail program may build it from the sender's address
            LOG.debug("ignoring an automated message in tenant {}: {}", m.tenant(), m.automated());
            return new InboundOutcome.Ignored(m.automated());
        }
        Optional<Feedback> created = desk.findByIntakeKey(m.tenant(), m.messageId());
        if (created.isPresent()) {
            return new InboundOutcome.AlreadyProcessed(created.get());
        }
        Match match = match(m);
        if (match.feedback == null) {
            return new InboundOutcome.Created(create(m, null, match.unmatchedReference), null);
        }
        return thread(match.feedback, m);
    }

    private record Match(@Nullable Feedback feedback, @Nullable String unmatchedReference) {}

    private Match match(InboundMessage m) {
        for (String ref : m.references()) {
            Optional<FeedbackId> id = threads.feedbackFor(m.tenant(), ref);
            if (id.isPresent()) {
                Optional<Feedback> f = desk.find(m.tenant(), id.get());
                if (f.isPresent()) {
                    return new Match(f.get(), null);
                }
            }
        }
        String unmatched = null;
        String where = m.subject() != null ? m.subject() : m.text();
        Matcher candidates = REFERENCE_CANDIDATE.matcher(where);
        while (candidates.find()) {
            String text = candidates.group();
            try {
                Optional<Feedback> f = desk.find(m.tenant(), ReferenceNumber.parse(text));
                if (f.isPresent()) {
                    return new Match(f.get(), null);
                }
                unmatched = text;
            } catch (InvalidReferenceNumberException e) {
                // a mistyped number: better a new feedback staff can link than a reply on a stranger's feedback
                unmatched = text;
            }
        }
        if (matchOpenByPhone && m.sender().phone() != null) {
            List<Feedback> open = desk.query(FeedbackQuery.builder(m.tenant()).open().customerPhone(m.sender().phone())
                    .order(FeedbackQuery.Order.NEWEST_FIRST).limit(1).build()).items();
            if (!open.isEmpty()) {
                return new Match(open.get(0), unmatched);
            }
        }
        return new Match(null, unmatched);
    }

    private InboundOutcome thread(Feedback target, InboundMessage m) {
        for (int conflicts = 0; ; conflicts++) {
            Feedback f = desk.get(target.tenant(), target.id());
            if (recorded(f, m.messageId())) {
                return new InboundOutcome.AlreadyProcessed(f);
            }
            if (Anonymisation.isAnonymised(f)) {
                // its personal data was removed (erasure, retention) and no anonymisation looks at it again: the
                // person writing anew starts a feedback of their own, which the retention policy then covers
                return new InboundOutcome.Created(create(m, f, null), f);
            }
            String text = body(m, Command.MAX_TEXT);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("messageId", m.messageId());
            details.put("channel", m.channel().code());
            if (m.subject() != null && !m.subject().isBlank()) {
                details.put("subject", truncate(m.subject(), 1000));
            }
            if (!m.attachments().isEmpty()) {
                details.put("attachments", truncate(String.join(",", m.attachments().stream().map(a -> a.id()).toList()), 1000));
            }
            if (!m.refusedAttachments().isEmpty()) {
                details.put("refusedAttachments", truncate(String.join("; ", m.refusedAttachments()), 1000));
            }
            boolean fromCustomer = sentByCustomer(f.customer(), m.sender());
            if (!fromCustomer) {
                details.put("senderIsCustomer", "false");
            }
            Actor customer = Actor.customer();
            List<Command> commands = new ArrayList<>();
            Effect effect = Effect.MESSAGE;
            boolean linkNew = false;
            if (f.status() == Status.RESOLVED && fromCustomer) {
                Optional<CustomerReplies.Decision> decision = CustomerReplies.decision(m.text());
                if (decision.isPresent()) {
                    details.put("decision", decision.get().name());
                    effect = decision.get() == CustomerReplies.Decision.ACCEPT ? Effect.ACCEPTED : Effect.REJECTED;
                }
            } else if (f.status() == Status.AWAITING_CUSTOMER && fromCustomer) {
                effect = Effect.RESPONDED;
            } else if (!f.status().isOpen()) {
                if (closedPolicy == ClosedPolicy.APPEAL && fromCustomer) {
                    effect = Effect.APPEALED;
                } else if (closedPolicy == ClosedPolicy.NEW_LINKED_FEEDBACK) {
                    linkNew = true;
                }
            }
            Feedback linked = null;
            if (linkNew) {
                // the new feedback first (its intake key is the message id, so a second delivery finds it): a failure
                // after it costs the note on the closed feedback, never the new feedback
                linked = desk.findByIntakeKey(m.tenant(), m.messageId()).orElse(null);
                if (linked == null) {
                    linked = create(m, f, null);
                }
                details.put("linkedFeedback", linked.reference().toString());
            }
            commands.add(new Command.AddCustomerMessage(customer, text, details));
            switch (effect) {
                case ACCEPTED -> commands.add(new Command.Accept(customer, text));
                case REJECTED -> commands.add(new Command.Reject(customer, text, List.of()));
                case RESPONDED -> commands.add(new Command.CustomerResponded(customer, text));
                case APPEALED -> commands.add(new Command.Appeal(customer, text));
                default -> { }
            }
            Feedback after;
            try {
                after = desk.executeAll(f.tenant(), f.id(), commands);
            } catch (VersionConflictException e) {
                // staff or another node changed it meanwhile: decide again on what it is now
                if (conflicts >= MAX_CONFLICTS) {
                    throw e;
                }
                continue;
            }
            if (linked != null) {
                return new InboundOutcome.Created(linked, after);
            }
            return new InboundOutcome.Threaded(after, effect);
        }
    }

    private boolean recorded(Feedback f, String messageId) {
        for (FeedbackEvent e : desk.history(f.tenant(), f.id())) {
            if (e.type() == EventType.CUSTOMER_MESSAGE && messageId.equals(e.details().get("messageId"))) {
                return true;
            }
        }
        return false;
    }

    private Feedback create(InboundMessage m, @Nullable Feedback linkedTo, @Nullable String unmatchedReference) {
        int max = desk.config().maxDescriptionLength();
        StringBuilder description = new StringBuilder();
        if (m.subject() != null && !m.subject().isBlank()) {
            description.append(m.subject()).append("\n\n");
        }
        description.append(clean(m.text()).strip());
        String d = description.toString().strip();
        if (d.isEmpty()) {
            d = "(empty " + m.channel().code() + " message)";
        }
        Intake.Builder intake = Intake.builder(m.tenant(), kind, m.channel(), truncate(d, max))
                .customer(m.sender())
                .intakeKey(m.messageId())
                .recordedBy(Actor.system("inbound-" + m.channel().code()));
        Instant now = desk.clock().instant();
        // a time the desk would refuse (a sender's clock ahead, or unset, or a forged date) does not refuse the message:
        // it is received now
        if (m.receivedAt() != null && !m.receivedAt().isAfter(now) && !m.receivedAt().isBefore(Intake.EARLIEST_RECEIVED_AT)) {
            intake.receivedAt(m.receivedAt());
        }
        m.attachments().forEach(intake::attachment);
        if (m.subject() != null && !m.subject().isBlank()) {
            intake.context("subject", truncate(m.subject(), MAX_CONTEXT));
        }
        if (!m.refusedAttachments().isEmpty()) {
            intake.context("refusedAttachments", truncate(String.join("; ", m.refusedAttachments()), MAX_CONTEXT));
        }
        if (linkedTo != null) {
            intake.context("linkedTo", linkedTo.reference().toString());
        }
        if (unmatchedReference != null) {
            intake.context("unmatchedReference", truncate(unmatchedReference, MAX_CONTEXT));
        }
        return desk.receive(intake.build());
    }

    /** The message's text for the history; the subject stands in for an empty body. */
    private static String body(InboundMessage m, int max) {
        String text = clean(m.text()).strip();
        if (text.isEmpty()) {
            text = m.subject() != null && !m.subject().isBlank() ? m.subject() : "(empty " + m.channel().code() + " message)";
        }
        return truncate(text, max);
    }

    private static boolean sentByCustomer(Customer customer, Customer sender) {
        if (customer.email() != null && sender.email() != null
                && customer.email().value().toLowerCase(Locale.ROOT).equals(sender.email().value().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return customer.phone() != null && customer.phone().equals(sender.phone());
    }

    /** Drops control characters (but line breaks and tabs) and broken surrogate pairs, which intake refuses. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    sb.append(c).append(text.charAt(++i));
                }
                continue;
            }
            if (Character.isLowSurrogate(c) || (Character.isISOControl(c) && c != '\n' && c != '\t')) {
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String marker = " […]";
        return TextCut.prefix(text, max - marker.length()) + marker;
    }

    /** Wires a processor; only the desk is required. */
    public static final class Builder {
        private final FeedbackDesk desk;
        private ThreadResolver threads = ThreadResolver.NONE;
        private ClosedPolicy closedPolicy = ClosedPolicy.NEW_LINKED_FEEDBACK;
        private FeedbackKind kind = FeedbackKind.COMPLAINT;
        private boolean matchOpenByPhone = true;

        private Builder(FeedbackDesk desk) {
            this.desk = Objects.requireNonNull(desk, "desk");
        }

        /** How message ids of ours are traced to their feedback (none unless set). */
        public Builder threads(ThreadResolver threads) {
            this.threads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        /** What a reply to a closed or cancelled feedback does ({@link ClosedPolicy#NEW_LINKED_FEEDBACK} unless set). */
        public Builder whenClosed(ClosedPolicy policy) {
            this.closedPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The kind of feedback a new message becomes ({@link FeedbackKind#COMPLAINT} unless set). */
        public Builder kind(FeedbackKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /**
         * Whether a message with a phone number and nothing else to thread it by goes to the sender's newest open
         * feedback (on by default: an SMS has no headers to thread by).
         */
        public Builder matchOpenByPhone(boolean enabled) {
            this.matchOpenByPhone = enabled;
            return this;
        }

        public InboundProcessor build() {
            return new InboundProcessor(this);
        }
    }
}
