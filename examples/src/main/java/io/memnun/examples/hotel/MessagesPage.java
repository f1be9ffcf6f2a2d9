package io.memnun.examples.hotel;

import static io.memnun.examples.hotel.Layout.esc;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the desk told people: the e-mails the local mail server received and the texts in the SMS log, newest
 * first. Links in them (tracking, survey) can be followed from here.
 */
final class MessagesPage {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final GreenMail mail;
    private final SmsLog sms;

    MessagesPage(GreenMail mail, SmsLog sms) {
        this.mail = mail;
        this.sms = sms;
    }

    void register(Web web) {
        // the mails hold every guest's tracking link and code: for staff only
        web.get("/messages", StaffPages.staffOnly(this::page));
    }

    private Web.Response page(Web.Request r) {
        StringBuilder body = new StringBuilder("<h1>Messages sent</h1><p class=\"muted\">E-mail went through SMTP to the app's own mail server; "
                + "SMS went to the SMS log. A real deployment plugs in its mail relay and SMS gateway instead.</p><h2>E-mail</h2><div id=\"mails\">");
        List<MimeMessage> messages = Arrays.asList(mail.getReceivedMessages());
        for (int i = messages.size() - 1; i >= 0; i--) {
            MimeMessage m = messages.get(i);
            try {
                body.append("<div class=\"card mail\"><strong>").append(esc(m.getSubject())).append("</strong><div class=\"muted\">to ")
                        .append(esc(Arrays.stream(m.getAllRecipients()).map(Address::toString).collect(Collectors.joining(", "))))
                        .append(" · ").append(Layout.time(m.getReceivedDate() == null ? null : m.getReceivedDate().toInstant()))
                        .append("</div><pre>").append(linked(text(m))).append("</pre></div>");
            } catch (MessagingException | IOException e) {
                body.append("<div class=\"card error\">unreadable message: ").append(esc(e.getMessage())).append("</div>");
            }
        }
        body.append("</div><h2>SMS</h2><table id=\"sms\"><tr><th>When</th><th>To</th><th>Feedback</th><th>Text</th></tr>");
        List<SmsLog.Sms> texts = sms.sent();
        for (int i = texts.size() - 1; i >= 0; i--) {
            SmsLog.Sms s = texts.get(i);
            body.append("<tr><td>").append(Layout.time(s.at())).append("</td><td>").append(esc(s.recipient())).append(" ").append(esc(s.to()))
                    .append("</td><td class=\"reference\">").append(esc(s.reference())).append("</td><td>").append(linked(s.text())).append("</td></tr>");
        }
        return Web.Response.html(Layout.page(r.session(), "Messages", body.append("</table>").toString()));
    }

    /** The plain-text part of a mail (the desk sends text and HTML alternatives). */
    static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = text(multipart.getBodyPart(i));
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    /** Escapes the text, then makes its links clickable. */
    private static String linked(String text) {
        return LINK.matcher(esc(text)).replaceAll(m -> java.util.regex.Matcher.quoteReplacement("<a href=\"" + m.group() + "\">" + m.group() + "</a>"));
    }
}
