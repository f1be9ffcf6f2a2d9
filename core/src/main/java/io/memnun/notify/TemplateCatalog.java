package io.memnun.notify;

import io.memnun.error.ValidationException;
import io.memnun.feedback.EventType;
import io.memnun.internal.TextCut;
import io.memnun.notify.internal.Mustaches;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Message templates by name, language and part, in Mustache syntax (logic-less: variables and sections only).
 * {@link #defaults()} holds the shipped Turkish and English templates; a host adds languages and overrides any
 * template through {@link #builder()}.
 *
 * <p>Every template is compiled and checked when the catalogue is built: a variable that {@link TemplateModel}
 * does not document, a partial, an unescaped variable in HTML or a subject of several lines is refused with a
 * {@link ValidationException} naming the template, so a typo fails at start-up and never at send time.
 *
 * <p>Template files hold many templates; a line {@code @@ <name> <part>} starts one, e.g.
 * <pre>
 * # comments before the first template
 * &#64;@ customer/RECEIVED subject
 * Geri bildiriminiz alındı: {{reference}}
 * &#64;@ customer/RECEIVED text
 * Sayın {{customerName}}, ...
 * </pre>
 * Surrounding blank lines of each template are dropped.
 */
public final class TemplateCatalog {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}(/[A-Za-z0-9_.-]{1,64})?");
    private static final List<Locale> SHIPPED = List.of(Locale.forLanguageTag("tr"), Locale.ENGLISH);

    private final Map<Key, Mustaches.Compiled> templates;
    private final Locale fallbackLanguage;

    private record Key(String name, String language, TemplatePart part) {}

    private TemplateCatalog(Map<Key, Mustaches.Compiled> templates, Locale fallbackLanguage) {
        this.templates = Map.copyOf(templates);
        this.fallbackLanguage = fallbackLanguage;
    }

    /** The shipped templates in Turkish and English, English for any other language. */
    public static TemplateCatalog defaults() {
        return builder().defaults().build();
    }

    /** An empty catalogue to fill; call {@link Builder#defaults()} to start from the shipped templates. */
    public static Builder builder() {
        return new Builder();
    }

    /** The language used when a template is missing in the recipient's language. */
    public Locale fallbackLanguage() {
        return fallbackLanguage;
    }

    /** The languages with at least one template. */
    public Set<String> languages() {
        Set<String> languages = new TreeSet<>();
        templates.keySet().forEach(k -> languages.add(k.language()));
        return Collections.unmodifiableSet(languages);
    }

    /** The template names, in any language. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        templates.keySet().forEach(k -> names.add(k.name()));
        return Collections.unmodifiableSet(names);
    }

    /** True when the part exists in {@code language} itself (no fallback). */
    public boolean has(String name, Locale language, TemplatePart part) {
        return templates.containsKey(new Key(name, language.getLanguage(), part));
    }

    /**
     * The language a part of {@code name} is rendered in for a recipient speaking {@code wanted}: that language if
     * the catalogue has the part in it, otherwise the fallback language if it has it there.
     */
    public Optional<Locale> languageFor(String name, Locale wanted, TemplatePart part) {
        if (has(name, wanted, part)) {
            return Optional.of(Locale.forLanguageTag(wanted.getLanguage()));
        }
        if (has(name, fallbackLanguage, part)) {
            return Optional.of(fallbackLanguage);
        }
        return Optional.empty();
    }

    /** The variable and section names a part uses, in every language it exists in. */
    public Map<String, Set<String>> variables(String name, TemplatePart part) {
        Map<String, Set<String>> byLanguage = new LinkedHashMap<>();
        templates.forEach((k, v) -> {
            if (k.name().equals(name) && k.part() == part) {
                byLanguage.put(k.language(), v.names());
            }
        });
        return byLanguage;
    }

    /**
     * Renders a part for a recipient speaking {@code language}, falling back to the fallback language. The HTML
     * part, where a template has none, is the rendered text part, escaped. A subject longer than
     * {@link Notification#MAX_SUBJECT} characters is cut there.
     *
     * @param model a value for every variable of {@link TemplateModel#allNames()} the template uses
     * @throws ValidationException if the template is missing in both languages
     */
    public String render(String name, Locale language, TemplatePart part, Map<String, ?> model) {
        Objects.requireNonNull(model, "model");
        if (part == TemplatePart.HTML && !has(name, language, TemplatePart.HTML) && has(name, language, TemplatePart.TEXT)) {
            // the customer's own language as text, not another language's HTML: mail clients show the HTML part
            return textToHtml(render(name, language, TemplatePart.TEXT, model));
        }
        Optional<Locale> in = languageFor(name, language, part);
        if (in.isEmpty()) {
            if (part == TemplatePart.HTML && languageFor(name, language, TemplatePart.TEXT).isPresent()) {
                return textToHtml(render(name, language, TemplatePart.TEXT, model));
            }
            throw new ValidationException("template", "no " + part.fileName() + " part of '" + name + "' in "
                    + language.getLanguage() + " or " + fallbackLanguage.getLanguage());
        }
        String rendered = templates.get(new Key(name, in.get().getLanguage(), part)).render(model).strip();
        return part == TemplatePart.SUBJECT ? fitted(rendered) : rendered;
    }

    /**
     * A subject cut to {@link Notification#MAX_SUBJECT} characters, ending in "…": a template may print a long value
     * (the account) in the subject, and the message must still go.
     */
    private static String fitted(String subject) {
        if (subject.length() <= Notification.MAX_SUBJECT) {
            return subject;
        }
        return TextCut.prefix(subject, Notification.MAX_SUBJECT - 1).stripTrailing() + "…";
    }

    /** Plain text as HTML: escaped, blank lines between paragraphs, single line breaks kept. */
    static String textToHtml(String text) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            html.append("<p>").append(Mustaches.escapeHtml(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
        }
        return html.append("</body></html>").toString();
    }

    /**
     * Checks that the template can serve {@code event}: it names only the variables of
     * {@link TemplateModel#forEvent}, and the parts {@code parts} exist in the fallback language.
     *
     * @throws ValidationException naming the template, the language and the variable
     */
    public void checkFor(String name, EventType event, Set<TemplatePart> parts) {
        checkFor(name, TemplateModel.forEvent(event).keySet(), event + " events", parts);
    }

    /**
     * Checks that the template names only {@code allowed} variables (e.g. {@link TemplateModel#forCapaItem()}) and that
     * the parts {@code parts} exist in the fallback language.
     *
     * @param purpose what the template serves, for the error message
     * @throws ValidationException naming the template, the language and the variable
     */
    public void checkFor(String name, Set<String> allowed, String purpose, Set<TemplatePart> parts) {
        for (TemplatePart part : parts) {
            if (!has(name, fallbackLanguage, part) && !(part == TemplatePart.HTML && has(name, fallbackLanguage, TemplatePart.TEXT))) {
                throw new ValidationException("templates." + name, "has no " + part.fileName() + " part in the fallback language "
                        + fallbackLanguage.getLanguage());
            }
        }
        for (TemplatePart part : TemplatePart.values()) {
            variables(name, part).forEach((language, names) -> {
                for (String n : names) {
                    if (!allowed.contains(n)) {
                        throw new ValidationException("templates." + language + "." + name + "." + part.fileName(),
                                "{{" + n + "}} is not available for " + purpose + "; they offer " + new TreeSet<>(allowed));
                    }
                }
            });
        }
    }

    /** Collects templates; {@link #build()} compiles and checks them all. Later templates replace earlier ones. */
    public static final class Builder {
        private final Map<Key, String> sources = new LinkedHashMap<>();
        private Locale fallbackLanguage = Locale.ENGLISH;

        private Builder() {}

        /** Adds the shipped Turkish and English templates. */
        public Builder defaults() {
            for (Locale language : SHIPPED) {
                String resource = "templates/" + language.getLanguage() + ".mustache";
                try (InputStream in = TemplateCatalog.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("missing resource io/memnun/notify/" + resource);
                    }
                    load(language, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read io/memnun/notify/" + resource, e);
                }
            }
            return this;
        }

        /** Adds every template of a template file (see {@link TemplateCatalog}) in {@code language}. */
        public Builder load(Locale language, Reader file) {
            Objects.requireNonNull(file, "file");
            StringBuilder sb = new StringBuilder();
            char[] buffer = new char[8192];
            try {
                for (int n; (n = file.read(buffer)) >= 0; ) {
                    sb.append(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the " + language + " templates", e);
            }
            return load(language, sb.toString());
        }

        /** Adds every template of a template file's text in {@code language}. */
        public Builder load(Locale language, String file) {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(file, "file");
            String name = null;
            TemplatePart part = null;
            List<String> lines = new ArrayList<>();
            int lineNo = 0;
            for (String line : file.split("\\r?\\n", -1)) {
                lineNo++;
                if (line.startsWith("@@")) {
                    if (name != null) {
                        template(name, language, part, String.join("\n", lines));
                    }
                    String[] head = line.substring(2).strip().split("\\s+");
                    if (head.length != 2) {
                        throw new ValidationException("templates." + language.getLanguage() + " line " + lineNo,
                                "a template starts with '@@ <name> <part>', was '" + line + "'");
                    }
                    name = head[0];
                    part = part(head[1], "templates." + language.getLanguage() + " line " + lineNo);
                    lines.clear();
                } else if (name != null) {
                    lines.add(line);
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    throw new ValidationException("templates." + language.getLanguage() + " line " + lineNo,
                            "text before the first '@@ <name> <part>' line");
                }
            }
            if (name != null) {
                template(name, language, part, String.join("\n", lines));
            }
            return this;
        }

        private static TemplatePart part(String text, String field) {
            for (TemplatePart p : TemplatePart.values()) {
                if (p.fileName().equals(text)) {
                    return p;
                }
            }
            throw new ValidationException(field, "'" + text + "' is not a part: subject, text, html or sms");
        }

        /** Adds or replaces one part of one template in one language. */
        public Builder template(String name, Locale language, TemplatePart part, String source) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new ValidationException("template", "'" + name + "' is not a template name like customer/RECEIVED");
            }
            Objects.requireNonNull(language, "language");
            if (language.getLanguage().isEmpty()) {
                throw new ValidationException("language", "must name a language");
            }
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(source, "source");
            sources.put(new Key(name, language.getLanguage(), part), source.strip());
            return this;
        }

        /** The language used when a template is missing in the recipient's language (English by default). */
        public Builder fallbackLanguage(Locale language) {
            this.fallbackLanguage = Locale.forLanguageTag(Objects.requireNonNull(language, "language").getLanguage());
            return this;
        }

        /**
         * Compiles every template and checks it names only documented variables.
         *
         * @throws ValidationException naming the first template that is wrong and why
         */
        public TemplateCatalog build() {
            Set<String> known = TemplateModel.allNames();
            Map<Key, Mustaches.Compiled> compiled = new LinkedHashMap<>();
            for (Map.Entry<Key, String> e : sources.entrySet()) {
                Key k = e.getKey();
                String field = "templates." + k.language() + "." + k.name() + "." + k.part().fileName();
                if (e.getValue().isEmpty()) {
                    throw new ValidationException(field, "is empty");
                }
                Mustaches.Compiled c = Mustaches.compile(e.getValue(), Mustaches.Target.valueOf(k.part().name()), field);
                for (String n : c.names()) {
                    if (!known.contains(n)) {
                        throw new ValidationException(field, "{{" + n + "}} is not a documented variable; known: " + known);
                    }
                }
                compiled.put(k, c);
            }
            return new TemplateCatalog(compiled, fallbackLanguage);
        }
    }
}
