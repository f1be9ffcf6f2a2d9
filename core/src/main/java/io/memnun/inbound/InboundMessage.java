package io.memnun.inbound;

import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One message a customer sent, as a channel read it: an e-mail from an IMAP mailbox, an SMS from an SMSC or a
 * gateway's call-back. {@link InboundProcessor} decides what it becomes.
 *
 * @param tenant whose mailbox or number received it
 * @param channel {@link Channel#EMAIL}, {@link Channel#SMS} or the host's own
 * @param messageId the id that names this message at its source (an e-mail's Message-ID, a gateway's message id):
 *     the intake key of a feedback it creates and the idempotency key of a message it adds, so a message read
 *     twice is processed once
 * @param sender who sent it: name, e-mail or phone, language
 * @param subject the e-mail's subject; {@code null} for SMS
 * @param text the body as plain text (may be empty, e.g. a mail with only a subject)
 * @param references ids of the messages this one answers (an e-mail's {@code In-Reply-To}, then its
 *     {@code References}, newest first), for {@link ThreadResolver threading}
 * @param attachments files stored from the message
 * @param refusedAttachments a line per file that was not stored and why (too large, a refused type)
 * @param receivedAt when it reached us, if known
 * @param automated why it was sent by a machine (an out-of-office reply, a bounce), or {@code null} for a message
 *     from a person: an automated message never creates or changes feedback
 */
public record InboundMessage(
        TenantId tenant,
        Channel channel,
        String messageId,
        Customer sender,
        @Nullable String subject,
        String text,
        List<String> references,
        List<AttachmentRef> attachments,
        List<String> refusedAttachments,
        @Nullable Instant receivedAt,
        @Nullable String automated) {

    public InboundMessage {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(channel, "channel");
        messageId = Checks.code(messageId, "messageId", 500);
        Objects.requireNonNull(sender, "sender");
        subject = Checks.optionalText(subject, "subject", 2000);
        if (subject != null) {
            subject = subject.replaceAll("[\\r\\n\\t]+", " ").strip();
        }
        Objects.requireNonNull(text, "text");
        references = List.copyOf(references);
        attachments = List.copyOf(attachments);
        refusedAttachments = List.copyOf(refusedAttachments);
        automated = Checks.optionalText(automated, "automated", 500);
    }

    public static Builder builder(TenantId tenant, Channel channel, String messageId, Customer sender) {
        return new Builder(tenant, channel, messageId, sender);
    }

    /** True when a machine sent it (an auto-reply or a bounce). */
    public boolean isAutomated() {
        return automated != null;
    }

    /** Builds an {@link InboundMessage}; tenant, channel, message id and sender are required. */
    public static final class Builder {
        private final TenantId tenant;
        private final Channel channel;
        private final String messageId;
        private final Customer sender;
        private @Nullable String subject;
        private String text = "";
        private final List<String> references = new ArrayList<>();
        private final List<AttachmentRef> attachments = new ArrayList<>();
        private final List<String> refusedAttachments = new ArrayList<>();
        private @Nullable Instant receivedAt;
        private @Nullable String automated;

        private Builder(TenantId tenant, Channel channel, String messageId, Customer sender) {
            this.tenant = tenant;
            this.channel = channel;
            this.messageId = messageId;
            this.sender = sender;
        }

        public Builder subject(@Nullable String subject) {
            this.subject = subject;
            return this;
        }

        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        /** Adds the id of a message this one answers; the first added is tried first. */
        public Builder reference(String messageId) {
            String id = Objects.requireNonNull(messageId, "messageId").strip();
            if (!id.isEmpty() && !references.contains(id)) {
                references.add(id);
            }
            return this;
        }

        public Builder attachment(AttachmentRef attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        public Builder refusedAttachment(String why) {
            refusedAttachments.add(Objects.requireNonNull(why, "why"));
            return this;
        }

        public Builder receivedAt(@Nullable Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        /** Marks the message as sent by a machine, saying how that was recognised. */
        public Builder automated(@Nullable String reason) {
            this.automated = reason;
            return this;
        }

        public InboundMessage build() {
            return new InboundMessage(tenant, channel, messageId, sender, subject, text, references, attachments,
                    refusedAttachments, receivedAt, automated);
        }
    }
}
