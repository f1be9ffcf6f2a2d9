package io.memnun.channels.email;

import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.ThreadResolver;
import io.memnun.notify.Notification;
import io.memnun.notify.OutboxMessage;
import io.memnun.spi.OutboxStore;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Traces the Message-IDs {@link SmtpEmailChannel} generates back to their feedback, so a customer's reply threads
 * onto the feedback it answers:
 *
 * <ul>
 *   <li>a thread root {@code <feedback-<id>@domain>}, which every mail names in {@code References} and most mail
 *       clients carry on into the reply, names the feedback itself;
 *   <li>a notification's own id {@code <idempotency-key@domain>}, which a reply names in {@code In-Reply-To}, is looked
 *       up in the outbox (its outbox id derives from the key), as long as the host has not purged it.
 * </ul>
 *
 * Only ids in our own domain are read, and a notification of another tenant is never followed.
 */
public final class MailThreads implements ThreadResolver {
    private static final Pattern ROOT = Pattern.compile("feedback-([0-9a-fA-F-]{36})");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{8,128}");

    private final String domain;
    private final @Nullable OutboxStore outbox;

    private MailThreads(String domain, @Nullable OutboxStore outbox) {
        this.domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
        this.outbox = outbox;
    }

    /** Resolves the ids {@code channel} generates; notifications are looked up in {@code outbox}. */
    public static MailThreads of(SmtpEmailChannel channel, @Nullable OutboxStore outbox) {
        return new MailThreads(channel.messageIdDomain(), outbox);
    }

    /** Resolves ids generated in {@code messageIdDomain}; notifications are looked up in {@code outbox}. */
    public static MailThreads of(String messageIdDomain, @Nullable OutboxStore outbox) {
        return new MailThreads(messageIdDomain, outbox);
    }

    @Override
    public Optional<FeedbackId> feedbackFor(TenantId tenant, String messageId) {
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        int at = id.lastIndexOf('@');
        if (at < 1 || !id.substring(at + 1).toLowerCase(Locale.ROOT).equals(domain)) {
            return Optional.empty();
        }
        String local = id.substring(0, at);
        Matcher root = ROOT.matcher(local);
        if (root.matches()) {
            try {
                return Optional.of(FeedbackId.of(UUID.fromString(root.group(1))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (outbox != null && KEY.matcher(local).matches()) {
            Optional<OutboxMessage> sent = outbox.find(Notification.idFor(local));
            if (sent.isPresent() && sent.get().notification().tenant().equals(tenant)
                    && sent.get().notification().idempotencyKey().equals(local)) {
                return sent.get().notification().feedbackId();
            }
        }
        return Optional.empty();
    }
}
