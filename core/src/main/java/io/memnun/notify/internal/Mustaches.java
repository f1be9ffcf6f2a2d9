package io.memnun.notify.internal;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.memnun.error.ValidationException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Compiles one template part with the escaping its target needs, and lists the names it uses. */
public final class Mustaches {
    private static final Pattern UNESCAPED = Pattern.compile("\\{\\{\\{|\\{\\{\\s*&");
    private static final Pattern PARTIAL_OR_DELIMITER = Pattern.compile("\\{\\{\\s*[>=<$]");

    /**
     * Values keep line breaks and tabs; other control characters go, the C1 ones (U+0080 to U+009F) too, which
     * {@code \p{Cntrl}} (ASCII only) would keep. NEL, a line break of its own, becomes one.
     */
    private static final Mustache.Escaper TEXT = raw -> raw.replace('\u0085', '\n').replaceAll("[\\p{Cc}&&[^\n\t]]", "");
    /**
     * Values become one line: a value in a subject or an SMS cannot add lines or headers. Unicode's line breaks (NEL,
     * the line and paragraph separators a phone pastes) count as line breaks; every other control character goes.
     */
    private static final Mustache.Escaper LINE = raw -> raw.replaceAll("[\\r\\n\\t\\x0B\\f\\x85\\u2028\\u2029]+", " ")
            .replaceAll("\\p{Cc}", "");

    private Mustaches() {}

    /** How values are escaped, by where the text ends up. */
    public enum Target {
        /** An e-mail subject: one line, values flattened to one line. */
        SUBJECT,
        /** A plain-text body. */
        TEXT,
        /** An HTML body: values HTML-escaped, no unescaped variables. */
        HTML,
        /** An SMS: values flattened to one line. */
        SMS
    }

    /** A compiled part and the variable and section names it uses. */
    public record Compiled(Template template, Set<String> names) {
        public String render(Map<String, ?> model) {
            try {
                return template.execute(model);
            } catch (MustacheException e) {
                // cannot happen for a validated template with a complete model; say so clearly if it does
                throw new IllegalStateException("template failed to render: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Compiles {@code source} for {@code part}.
     *
     * @param field names the template in errors, e.g. {@code templates.tr.customer/RECEIVED.subject}
     * @throws ValidationException if the source does not parse or uses a construct the part does not allow
     */
    public static Compiled compile(String source, Target part, String field) {
        Objects.requireNonNull(source, "source");
        if (PARTIAL_OR_DELIMITER.matcher(source).find()) {
            throw new ValidationException(field, "partials, parents and delimiter changes are not supported");
        }
        if (part == Target.HTML && UNESCAPED.matcher(source).find()) {
            throw new ValidationException(field, "an HTML template must not use {{{ }}} or {{& }}: every value is escaped");
        }
        if (part == Target.SUBJECT && (source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0)) {
            throw new ValidationException(field, "a subject is one line");
        }
        Mustache.Escaper escaper = switch (part) {
            case HTML -> Escapers.HTML;
            case TEXT -> TEXT;
            case SUBJECT, SMS -> LINE;
        };
        Template template;
        try {
            template = Mustache.compiler()
                    .withEscaper(escaper)
                    .emptyStringIsFalse(true)
                    .strictSections(false)
                    .compile(source);
        } catch (MustacheException e) {
            throw new ValidationException(field, "does not parse: " + e.getMessage());
        }
        Set<String> names = new TreeSet<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {}

            @Override
            public void visitVariable(String name) {
                names.add(name);
            }

            @Override
            public boolean visitInclude(String name) {
                names.add(">" + name);
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                names.add(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                names.add(name);
                return true;
            }
        });
        return new Compiled(template, Set.copyOf(names));
    }

    /** Escapes text for HTML: used to make an HTML part from a rendered text part. */
    public static String escapeHtml(String text) {
        return Escapers.HTML.escape(text);
    }
}
