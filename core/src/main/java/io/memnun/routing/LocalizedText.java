package io.memnun.routing;

import io.memnun.error.ValidationException;
import io.memnun.internal.Checks;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A display name in Turkish and English, and optionally in other languages. Catalogue entries carry one so that
 * staff screens and customer messages can show them in the reader's language.
 *
 * @param tr the Turkish name
 * @param en the English name
 * @param others names in further languages, keyed by BCP 47 language tag ({@code de}, {@code ru})
 */
public record LocalizedText(String tr, String en, Map<String, String> others) {
    /** The longest name accepted in any language. */
    public static final int MAX_LENGTH = 200;

    public LocalizedText {
        tr = Checks.code(tr, "name.tr", MAX_LENGTH);
        en = Checks.code(en, "name.en", MAX_LENGTH);
        Objects.requireNonNull(others, "others");
        Map<String, String> copy = new TreeMap<>();
        others.forEach((tag, text) -> {
            String language = languageOf(tag);
            if (language.equals("tr") || language.equals("en")) {
                throw new ValidationException("name." + tag, "Turkish and English go into tr and en, not into others");
            }
            copy.put(tag, Checks.code(text, "name." + tag, MAX_LENGTH));
        });
        others = Map.copyOf(copy);
    }

    public static LocalizedText of(String tr, String en) {
        return new LocalizedText(tr, en, Map.of());
    }

    /** The same name with {@code text} for the language {@code languageTag} ({@code tr}, {@code en} or another). */
    public LocalizedText with(String languageTag, String text) {
        String language = languageOf(languageTag);
        if (language.equals("tr")) {
            return new LocalizedText(text, en, others);
        }
        if (language.equals("en")) {
            return new LocalizedText(tr, text, others);
        }
        Map<String, String> more = new TreeMap<>(others);
        more.put(languageTag, text);
        return new LocalizedText(tr, en, more);
    }

    /** The name in {@code locale}'s language; English when there is none in that language. */
    public String in(Locale locale) {
        String language = Objects.requireNonNull(locale, "locale").getLanguage();
        if (language.equals("tr")) {
            return tr;
        }
        if (language.equals("en") || language.isEmpty()) {
            return en;
        }
        for (Map.Entry<String, String> e : others.entrySet()) {
            if (Locale.forLanguageTag(e.getKey()).getLanguage().equals(language)) {
                return e.getValue();
            }
        }
        return en;
    }

    private static String languageOf(String tag) {
        Objects.requireNonNull(tag, "languageTag");
        String language = Locale.forLanguageTag(tag).getLanguage();
        if (language.isEmpty()) {
            throw new ValidationException("name." + tag, "'" + tag + "' is not a language tag");
        }
        return language;
    }

    @Override
    public String toString() {
        return en;
    }
}
