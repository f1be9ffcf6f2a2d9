package io.memnun.notify;

import java.util.Locale;

/** The parts of a message template, each escaped for where it ends up. */
public enum TemplatePart {
    /** The e-mail subject: one line; line breaks in values become spaces. */
    SUBJECT,
    /** The plain-text e-mail body: values as they are, control characters other than line breaks and tabs dropped. */
    TEXT,
    /**
     * The HTML e-mail body: values HTML-escaped; triple mustaches and {@code {{& }}} are refused. Optional: without it
     * the HTML part is the rendered text, escaped, with its paragraphs and line breaks kept.
     */
    HTML,
    /** The SMS text: line breaks in values become spaces, so a value cannot reshape the message. */
    SMS;

    /** The name used in template files, e.g. {@code subject}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
