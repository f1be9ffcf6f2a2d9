package io.memnun.channels.email;

import io.memnun.error.ValidationException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.TenantId;
import io.memnun.inbound.AttachmentPolicy;
import io.memnun.inbound.InboundMessage;
import io.memnun.notify.ErrorText;
import io.memnun.spi.AttachmentStore;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one received mail into an {@link InboundMessage}: sender, language, subject, the plain-text body (or the HTML
 * one as text), the ids it answers, its attachments (stored through an {@link AttachmentStore} within an
 * {@link AttachmentPolicy}; refused ones are listed, not fatal) and whether a machine sent it.
 *
 * <p>Automated mail, which must never become feedback nor be answered (RFC 3834): an {@code Auto-Submitted} header
 * other than {@code no}; {@code X-Autoreply}, {@code X-Autorespond}; {@code Precedence: bulk}, {@code junk},
 * {@code list} or {@code auto_reply}; a delivery or read report ({@code multipart/report}); a sender that is
 * {@code MAILER-DAEMON} or {@code postmaster}, or an empty return path ({@code Return-Path: <>}).
 */
public final class InboundMail {
    private static final Logger LOG = LoggerFactory.getLogger(InboundMail.class);
    private static final long MAX_TEXT_BYTES = 4L * 1024 * 1024;

    private final TenantId tenant;
    private final Locale defaultLanguage;
    private final @Nullable AttachmentStore attachments;
    private final AttachmentPolicy policy;

    /**
     * @param attachments where files are stored; {@code null} keeps none (each is listed as refused)
     */
    public InboundMail(TenantId tenant, Locale defaultLanguage, @Nullable AttachmentStore attachments, AttachmentPolicy policy) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.defaultLanguage = Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        this.attachments = attachments;
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Reads {@code mail}; a mail the server cannot give us throws what Jakarta Mail throws. */
    public InboundMessage read(MimeMessage mail) throws MessagingException, IOException {
        Customer sender = sender(mail);
        InboundMessage.Builder b = InboundMessage.builder(tenant, Channel.EMAIL, messageId(mail), sender);
        String subject = mail.getSubject();
        // anybody may send any header: cut to what a message holds rather than refuse the mail
        b.subject(subject == null ? null : cut(subject.replaceAll("\\p{Cntrl}", " "), MAX_SUBJECT));
        if (mail.getReceivedDate() != null) {
            b.receivedAt(mail.getReceivedDate().toInstant());
        } else if (mail.getSentDate() != null) {
            b.receivedAt(mail.getSentDate().toInstant());
        }
        for (String id : ids(mail.getHeader("In-Reply-To", " "))) {
            b.reference(id);
        }
        List<String> refs = ids(mail.getHeader("References", " "));
        Collections.reverse(refs); // the newest, the message answered, is last in the header
        refs.forEach(b::reference);
        b.automated(automated(mail).map(a -> cut(a, MAX_AUTOMATED)).orElse(null));
        Body body = new Body();
        walk(mail, body, b, 0);
        String text = body.plain != null ? body.plain : body.html != null ? HtmlText.toText(body.html) : "";
        return b.text(text).build();
    }

    /** The longest subject and "automated" reason an {@link InboundMessage} takes. */
    private static final int MAX_SUBJECT = 2000;
    private static final int MAX_AUTOMATED = 500;
    /** How deep multiparts are read. */
    private static final int MAX_NESTING = 16;

    /** {@code text} cut to {@code max} characters, never between the two halves of a surrogate pair. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** Why {@code mail} was sent by a machine, if it was. */
    static Optional<String> automated(MimeMessage mail) throws MessagingException {
        String auto = mail.getHeader("Auto-Submitted", ",");
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of("Auto-Submitted: " + auto.strip());
        }
        for (String h : List.of("X-Autoreply", "X-Autorespond", "X-Autoresponder")) {
            if (mail.getHeader(h) != null) {
                return Optional.of(h);
            }
        }
        String precedence = mail.getHeader("Precedence", ",");
        if (precedence != null && List.of("bulk", "junk", "list", "auto_reply").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("Precedence: " + precedence.strip());
        }
        String type = mail.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            return Optional.of("a report: " + type.replaceAll("\\s+", " "));
        }
        String returnPath = mail.getHeader("Return-Path", ",");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return Optional.of("empty return path");
        }
        Address[] from = mail.getFrom();
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress a && a.getAddress() != null) {
            String local = a.getAddress().substring(0, Math.max(0, a.getAddress().indexOf('@'))).toLowerCase(Locale.ROOT);
            if (local.equals("mailer-daemon") || local.equals("postmaster")) {
                return Optional.of("sent by " + a.getAddress());
            }
        }
        return Optional.empty();
    }

    private Customer sender(MimeMessage mail) throws MessagingException {
        Customer.Builder c = Customer.builder().preferredChannel(ContactChannel.EMAIL).language(language(mail));
        Address[] from = mail.getFrom();
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress a) {
            String name = a.getPersonal();
            if (name != null && !name.isBlank()) {
                c.name(name.replaceAll("\\p{Cntrl}", " ").strip());
            }
            try {
                c.email(a.getAddress());
            } catch (ValidationException e) {
                // an address we cannot write back to; the message is still the customer's
                LOG.debug("a sender address not usable: {}", ErrorText.redact(e.getMessage()));
                c.preferredChannel(ContactChannel.NONE);
            }
        }
        try {
            return c.build();
        } catch (ValidationException e) {
            return Customer.builder().language(language(mail)).build();
        }
    }

    private Locale language(MimeMessage mail) throws MessagingException {
        String header = mail.getHeader("Content-Language", ",");
        if (header != null) {
            String first = header.split(",")[0].strip();
            Locale l = Locale.forLanguageTag(first);
            if (!l.getLanguage().isEmpty()) {
                return l;
            }
        }
        return defaultLanguage;
    }

    /** The mail's Message-ID; a mail without one gets an id derived from what identifies it, so it is read once. */
    static String messageId(MimeMessage mail) throws MessagingException {
        String id = mail.getMessageID();
        if (id != null) {
            id = id.replaceAll("\\s+", "");
            if (!id.isEmpty() && id.length() <= 500) {
                return id;
            }
        }
        String source = String.join("|", String.valueOf(mail.getHeader("From", ",")), String.valueOf(mail.getHeader("Date", ",")),
                String.valueOf(mail.getHeader("Subject", ",")), String.valueOf(id));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return "<derived-" + HexFormat.of().formatHex(d, 0, 16) + "@memnun.invalid>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static List<String> ids(@Nullable String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        int i = 0;
        while (true) {
            int open = header.indexOf('<', i);
            int close = open < 0 ? -1 : header.indexOf('>', open);
            if (close < 0) {
                break;
            }
            out.add(header.substring(open, close + 1).replaceAll("\\s+", ""));
            i = close + 1;
        }
        return out;
    }

    private static final class Body {
        @Nullable String plain;
        @Nullable String html;
        int kept;
    }

    private void walk(Part part, Body body, InboundMessage.Builder b, int depth) throws MessagingException, IOException {
        String disposition = part.getDisposition();
        String fileName = fileName(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || (fileName != null && !part.isMimeType("multipart/*"));
        if (!attachment && part.isMimeType("multipart/*")) {
            if (depth >= MAX_NESTING) {
                // no mail a person writes nests this deep; a crafted one would otherwise overflow the stack
                b.refusedAttachment("parts nested deeper than " + MAX_NESTING + " levels");
                return;
            }
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                walk(child, body, b, depth + 1);
            }
            return;
        }
        if (!attachment && part.isMimeType("text/plain") && body.plain == null) {
            body.plain = text(part);
            return;
        }
        if (!attachment && part.isMimeType("text/html") && body.html == null) {
            body.html = text(part);
            return;
        }
        if (!attachment && part.isMimeType("message/rfc822")) {
            attachment = true;
        }
        if (attachment || !part.isMimeType("text/*")) {
            store(part, fileName, body, b);
        }
    }

    private void store(Part part, @Nullable String fileName, Body body, InboundMessage.Builder b) throws MessagingException, IOException {
        String name = fileName == null || fileName.isBlank() ? "attachment" : fileName.replaceAll("[\\p{Cntrl}/\\\\]", "_").strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        String type;
        try {
            type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            type = "application/octet-stream";
        }
        long limit = Math.min(policy.maxBytes(), Integer.MAX_VALUE - 16);
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            // read one byte past the limit: enough to know a file is too large without holding all of it
            bytes = in.readNBytes((int) limit + 1);
        }
        Optional<String> refusal = attachments == null ? Optional.of(name + ": no attachment store")
                : policy.refusal(name, type, bytes.length > limit ? Math.max(bytes.length, limit + 1) : bytes.length, body.kept);
        if (refusal.isPresent()) {
            b.refusedAttachment(refusal.get());
            return;
        }
        try {
            b.attachment(attachments.store(tenant, name, type, bytes));
            body.kept++;
        } catch (ValidationException e) {
            b.refusedAttachment(name + ": " + e.getMessage());
        }
    }

    private static @Nullable String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | IOException | RuntimeException e) {
            return "attachment";
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes((int) MAX_TEXT_BYTES);
            String charset = "UTF-8";
            try {
                String cs = new ContentType(part.getContentType()).getParameter("charset");
                if (cs != null) {
                    charset = MimeUtility.javaCharset(cs);
                }
                return new String(bytes, java.nio.charset.Charset.forName(charset));
            } catch (RuntimeException | MessagingException e) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
    }

}
