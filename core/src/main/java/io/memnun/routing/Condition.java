package io.memnun.routing;

import io.memnun.feedback.Channel;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SubjectId;
import io.memnun.internal.Checks;
import io.memnun.internal.TextFold;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One test a {@link RoutingRule} puts to a new feedback. A rule's conditions must all hold; within one condition
 * any of its values will do ({@code kind(COMPLAINT, REQUEST)} holds for either).
 */
public sealed interface Condition {

    /** The fact a condition looks at. */
    enum Dimension {
        SUBJECT,
        LOCATION,
        TYPE,
        KEYWORDS,
        CUSTOMER_ATTRIBUTE,
        CHANNEL,
        PRIORITY,
        KIND
    }

    Dimension dimension();

    /** The feedback is of one of these kinds. */
    record KindIn(Set<FeedbackKind> kinds) implements Condition {
        public KindIn {
            kinds = Set.copyOf(EnumSet.copyOf(nonEmpty(kinds, "kinds")));
        }

        @Override
        public Dimension dimension() {
            return Dimension.KIND;
        }
    }

    /** The feedback has one of these user-defined types. */
    record TypeIn(Set<FeedbackTypeId> types) implements Condition {
        public TypeIn {
            types = Set.copyOf(nonEmpty(types, "types"));
        }

        @Override
        public Dimension dimension() {
            return Dimension.TYPE;
        }
    }

    /** The feedback's subject is one of these subjects or lies below one of them in the subject tree. */
    record SubjectUnder(Set<SubjectId> subjects) implements Condition {
        public SubjectUnder {
            subjects = Set.copyOf(nonEmpty(subjects, "subjects"));
        }

        @Override
        public Dimension dimension() {
            return Dimension.SUBJECT;
        }
    }

    /** The feedback's location is one of these locations or lies below one of them in the location tree. */
    record LocationUnder(Set<LocationId> locations) implements Condition {
        public LocationUnder {
            locations = Set.copyOf(nonEmpty(locations, "locations"));
        }

        @Override
        public Dimension dimension() {
            return Dimension.LOCATION;
        }
    }

    /** The feedback came through one of these channels. */
    record ChannelIn(Set<Channel> channels) implements Condition {
        public ChannelIn {
            channels = Set.copyOf(nonEmpty(channels, "channels"));
        }

        @Override
        public Dimension dimension() {
            return Dimension.CHANNEL;
        }
    }

    /** The feedback was received with one of these priorities (before any rule changes it). */
    record PriorityIn(Set<Priority> priorities) implements Condition {
        public PriorityIn {
            priorities = Set.copyOf(EnumSet.copyOf(nonEmpty(priorities, "priorities")));
        }

        @Override
        public Dimension dimension() {
            return Dimension.PRIORITY;
        }
    }

    /**
     * The customer's attribute {@code key} has one of {@code values}, e.g. {@code vip=true}. Key and values are
     * compared ignoring case (Turkish-aware, as keywords).
     */
    record CustomerAttribute(String key, Set<String> values) implements Condition {
        public CustomerAttribute {
            key = Checks.code(key, "key", 64);
            Set<String> checked = new LinkedHashSet<>();
            for (String v : nonEmpty(values, "values")) {
                checked.add(Checks.code(v, "values", 500));
            }
            values = Set.copyOf(checked);
        }

        @Override
        public Dimension dimension() {
            return Dimension.CUSTOMER_ATTRIBUTE;
        }
    }

    /**
     * The description mentions one of these phrases. Matching is on words, ignoring case Turkish-aware (see
     * {@link io.memnun.internal.TextFold}): a phrase of several words matches those words in a row.
     *
     * @param phrases one or more words each, e.g. {@code klima}, {@code air conditioning}
     * @param ignoreDiacritics also fold letters with marks to their base letter, so {@code sikayet} matches
     *     {@code şikâyet}; recommended for Turkish, which customers often type without Turkish letters
     * @param wholeWords require whole words; by default a phrase word matches any word it begins, because Turkish
     *     adds suffixes ({@code klima} matches {@code klimanın}, {@code klimayı})
     */
    record Keywords(List<String> phrases, boolean ignoreDiacritics, boolean wholeWords) implements Condition {
        public static final int MAX_PHRASE = 200;

        public Keywords {
            List<String> checked = new ArrayList<>();
            for (String p : nonEmpty(phrases, "phrases")) {
                String phrase = Checks.code(p, "phrases", MAX_PHRASE);
                Checks.argument(TextFold.words(phrase, false).length > 0, "phrases", "'" + phrase + "' has no letters or digits");
                checked.add(phrase);
            }
            phrases = List.copyOf(checked);
        }

        /** Each phrase as folded words, the form matching uses. */
        public List<String[]> foldedPhrases() {
            List<String[]> out = new ArrayList<>(phrases.size());
            for (String p : phrases) {
                out.add(TextFold.words(p, ignoreDiacritics));
            }
            return out;
        }

        @Override
        public Dimension dimension() {
            return Dimension.KEYWORDS;
        }
    }

    static Condition kind(FeedbackKind... kinds) {
        return new KindIn(Set.copyOf(Arrays.asList(kinds)));
    }

    static Condition type(FeedbackTypeId... types) {
        return new TypeIn(Set.copyOf(Arrays.asList(types)));
    }

    static Condition subjectUnder(SubjectId... subjects) {
        return new SubjectUnder(Set.copyOf(Arrays.asList(subjects)));
    }

    static Condition subjectUnder(String... subjects) {
        return new SubjectUnder(Set.copyOf(Arrays.stream(subjects).map(SubjectId::of).toList()));
    }

    static Condition locationUnder(LocationId... locations) {
        return new LocationUnder(Set.copyOf(Arrays.asList(locations)));
    }

    static Condition locationUnder(String... locations) {
        return new LocationUnder(Set.copyOf(Arrays.stream(locations).map(LocationId::of).toList()));
    }

    static Condition channel(Channel... channels) {
        return new ChannelIn(Set.copyOf(Arrays.asList(channels)));
    }

    static Condition priority(Priority... priorities) {
        return new PriorityIn(Set.copyOf(Arrays.asList(priorities)));
    }

    /** Received with {@code priority} or a more urgent one. */
    static Condition priorityAtLeast(Priority priority) {
        Set<Priority> set = EnumSet.noneOf(Priority.class);
        for (Priority p : Priority.values()) {
            if (p == priority || p.isMoreUrgentThan(priority)) {
                set.add(p);
            }
        }
        return new PriorityIn(set);
    }

    static Condition customer(String key, String... values) {
        return new CustomerAttribute(key, Set.copyOf(Arrays.asList(values)));
    }

    /** Any of the phrases, as word prefixes, ignoring case and diacritics: the usual choice for Turkish text. */
    static Condition keywords(String... phrases) {
        return new Keywords(List.of(phrases), true, false);
    }

    private static <C extends java.util.Collection<?>> C nonEmpty(C values, String field) {
        Objects.requireNonNull(values, field);
        Checks.argument(!values.isEmpty(), field, "must name at least one value");
        return values;
    }
}
