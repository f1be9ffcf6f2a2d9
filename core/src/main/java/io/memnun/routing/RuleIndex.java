package io.memnun.routing;

import io.memnun.feedback.Channel;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SubjectId;
import io.memnun.internal.TextFold;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A rule set compiled for fast routing. Testing thousands of rules one by one for every feedback is too slow, so
 * each rule is filed under one <em>anchor</em>: the values of one of its conditions that a matching feedback must
 * have (its subjects, or else its locations, type, keyword first words, customer attribute values, channels,
 * priorities or kinds, in that order of preference). A feedback then looks up only the buckets its own facts lead
 * to (its subject and the subject's ancestors, its location and ancestors, each word of its description through
 * a trie of keyword prefixes, ...), and the lowest-ordered rule among those candidates whose conditions all hold
 * is the first match. Every bucket is sorted, so scanning one stops at the first rule that holds or at the best
 * rule found so far.
 *
 * <p>Correctness rests on one property: a rule that holds for a feedback is always in a bucket the feedback
 * looks up, because the anchor condition must hold too. {@code RuleIndexTest} checks it against testing every
 * rule in turn on random rule sets.
 */
final class RuleIndex {
    static final int NONE = Integer.MAX_VALUE;
    private static final int[] EMPTY = new int[0];

    final long version;
    private final List<RoutingRule> rules;
    private final CompiledRule[] compiled;
    private final Map<SubjectId, int[]> bySubject;
    private final Map<LocationId, int[]> byLocation;
    private final Map<FeedbackTypeId, int[]> byType;
    private final Map<String, int[]> byAttribute;
    private final Map<Channel, int[]> byChannel;
    private final int[][] byPriority;
    private final int[][] byKind;
    /** Keyword tries: [0] case folded only, [1] diacritics folded too. */
    private final @Nullable Trie[] tries = new Trie[2];
    private final int[] unconditional;
    /** Each keyword condition's phrases folded, for explaining a decision without folding them again. */
    private final Map<Condition.Keywords, String[][]> foldedPhrases = new java.util.IdentityHashMap<>();

    private RuleIndex(long version, RuleSet ruleSet) {
        this.version = version;
        this.rules = ruleSet.rules();
        this.compiled = new CompiledRule[rules.size()];
        Map<SubjectId, Bucket> subjects = new HashMap<>();
        Map<LocationId, Bucket> locations = new HashMap<>();
        Map<FeedbackTypeId, Bucket> types = new HashMap<>();
        Map<String, Bucket> attributes = new HashMap<>();
        Map<Channel, Bucket> channels = new HashMap<>();
        Bucket[] priorities = buckets(Priority.values().length);
        Bucket[] kinds = buckets(FeedbackKind.values().length);
        Bucket always = new Bucket();
        for (int ord = 0; ord < rules.size(); ord++) {
            RoutingRule rule = rules.get(ord);
            Condition anchor = anchorOf(rule);
            compiled[ord] = new CompiledRule(rule, anchor);
            for (Condition c : rule.conditions()) {
                if (c instanceof Condition.Keywords k) {
                    foldedPhrases.put(k, k.foldedPhrases().toArray(new String[0][]));
                }
            }
            int o = ord;
            if (anchor == null) {
                always.add(ord);
            } else if (anchor instanceof Condition.SubjectUnder c) {
                c.subjects().forEach(s -> subjects.computeIfAbsent(s, k -> new Bucket()).add(o));
            } else if (anchor instanceof Condition.LocationUnder c) {
                c.locations().forEach(l -> locations.computeIfAbsent(l, k -> new Bucket()).add(o));
            } else if (anchor instanceof Condition.TypeIn c) {
                c.types().forEach(t -> types.computeIfAbsent(t, k -> new Bucket()).add(o));
            } else if (anchor instanceof Condition.Keywords c) {
                int mode = c.ignoreDiacritics() ? 1 : 0;
                if (tries[mode] == null) {
                    tries[mode] = new Trie();
                }
                for (String[] phrase : c.foldedPhrases()) {
                    // reaching a one-word phrase's node proves the phrase is there (as a word prefix): no need to
                    // look for it again, only the rule's other conditions remain
                    tries[mode].add(phrase[0], ord, phrase.length == 1 && !c.wholeWords());
                }
            } else if (anchor instanceof Condition.CustomerAttribute c) {
                for (String v : c.values()) {
                    attributes.computeIfAbsent(attributeKey(c.key(), v), k -> new Bucket()).add(o);
                }
            } else if (anchor instanceof Condition.ChannelIn c) {
                c.channels().forEach(ch -> channels.computeIfAbsent(ch, k -> new Bucket()).add(o));
            } else if (anchor instanceof Condition.PriorityIn c) {
                c.priorities().forEach(p -> priorities[p.ordinal()].add(o));
            } else if (anchor instanceof Condition.KindIn c) {
                c.kinds().forEach(k -> kinds[k.ordinal()].add(o));
            }
        }
        this.bySubject = freeze(subjects);
        this.byLocation = freeze(locations);
        this.byType = freeze(types);
        this.byAttribute = freeze(attributes);
        this.byChannel = freeze(channels);
        this.byPriority = freeze(priorities);
        this.byKind = freeze(kinds);
        this.unconditional = always.toArray();
        for (Trie t : tries) {
            if (t != null) {
                t.freeze();
            }
        }
    }

    static RuleIndex compile(long version, RuleSet rules) {
        return new RuleIndex(version, rules);
    }

    /** The folded phrases of one of the rule set's keyword conditions. */
    String[][] foldedPhrases(Condition.Keywords keywords) {
        String[][] phrases = foldedPhrases.get(keywords);
        return phrases != null ? phrases : keywords.foldedPhrases().toArray(new String[0][]);
    }

    RoutingRule rule(int ord) {
        return rules.get(ord);
    }

    int size() {
        return rules.size();
    }

    boolean matches(int ord, RoutingInput in) {
        return compiled[ord].matches(in);
    }

    /** The lowest-ordered rule at or after {@code from} whose conditions all hold, or {@link #NONE}. */
    int firstMatch(RoutingInput in, int from) {
        // a rule found in a bucket keyed by one of the feedback's own facts already meets its anchor condition
        Search s = new Search(in, from);
        for (SubjectId subject : in.subjectPath) {
            s.scanAnchored(bySubject.get(subject));
        }
        for (LocationId location : in.locationPath) {
            s.scanAnchored(byLocation.get(location));
        }
        if (in.type != null) {
            s.scanAnchored(byType.get(in.type));
        }
        if (!byAttribute.isEmpty()) {
            for (Map.Entry<String, String> a : in.attributes.entrySet()) {
                s.scanAnchored(byAttribute.get(a.getKey() + '\u0000' + a.getValue()));
            }
        }
        s.scanAnchored(byChannel.get(in.channel));
        s.scanAnchored(byPriority[in.priority.ordinal()]);
        s.scanAnchored(byKind[in.kind.ordinal()]);
        s.scanAnchored(unconditional);
        // keywords last: the best match is lowest by now, so the walks stop soonest
        for (int mode = 0; mode < 2; mode++) {
            Trie trie = tries[mode];
            // the description is folded only if some keyword rule could still beat the best match so far
            if (trie != null && trie.lowest() < s.best) {
                TextFold.Words words = in.words(mode == 1);
                for (int w = 0; w < words.count(); w++) {
                    trie.walk(words, w, s);
                }
            }
        }
        return s.best;
    }

    /**
     * Every rule that could hold for all feedback {@code rule} holds for: the candidates for shadowing it. Found
     * through the same buckets, looked up with the rule's own condition values instead of a feedback's facts.
     */
    BitSet candidatesCovering(RoutingRule rule, Catalog catalog) {
        BitSet out = new BitSet(rules.size());
        Consumer<int @Nullable []> add = bucket -> {
            if (bucket != null) {
                for (int ord : bucket) {
                    out.set(ord);
                }
            }
        };
        add.accept(unconditional);
        for (Condition c : rule.conditions()) {
            if (c instanceof Condition.SubjectUnder s) {
                s.subjects().forEach(id -> catalog.subjectPath(id).forEach(p -> add.accept(bySubject.get(p))));
            } else if (c instanceof Condition.LocationUnder l) {
                l.locations().forEach(id -> catalog.locationPath(id).forEach(p -> add.accept(byLocation.get(p))));
            } else if (c instanceof Condition.TypeIn t) {
                t.types().forEach(id -> add.accept(byType.get(id)));
            } else if (c instanceof Condition.ChannelIn ch) {
                ch.channels().forEach(id -> add.accept(byChannel.get(id)));
            } else if (c instanceof Condition.PriorityIn p) {
                p.priorities().forEach(id -> add.accept(byPriority[id.ordinal()]));
            } else if (c instanceof Condition.KindIn k) {
                k.kinds().forEach(id -> add.accept(byKind[id.ordinal()]));
            } else if (c instanceof Condition.CustomerAttribute a) {
                a.values().forEach(v -> add.accept(byAttribute.get(attributeKey(a.key(), v))));
            } else if (c instanceof Condition.Keywords k) {
                for (String phrase : k.phrases()) {
                    for (int mode = 0; mode < 2; mode++) {
                        Trie trie = tries[mode];
                        if (trie != null) {
                            for (String word : TextFold.words(phrase, mode == 1 || k.ignoreDiacritics())) {
                                trie.walk(word, add);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    static String attributeKey(String key, String value) {
        return TextFold.fold(key, false) + '\u0000' + TextFold.fold(value, false);
    }

    /** The condition a rule is filed under, or null for a rule without conditions. */
    private static @Nullable Condition anchorOf(RoutingRule rule) {
        Condition best = null;
        for (Condition c : rule.conditions()) {
            if (best == null || c.dimension().ordinal() < best.dimension().ordinal()) {
                best = c;
            }
        }
        return best;
    }

    private static Bucket[] buckets(int n) {
        Bucket[] b = new Bucket[n];
        for (int i = 0; i < n; i++) {
            b[i] = new Bucket();
        }
        return b;
    }

    private static <K> Map<K, int[]> freeze(Map<K, Bucket> m) {
        Map<K, int[]> out = new HashMap<>(Math.max(4, m.size() * 2));
        m.forEach((k, b) -> out.put(k, b.toArray()));
        return out;
    }

    private static int[][] freeze(Bucket[] b) {
        int[][] out = new int[b.length][];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i].toArray();
        }
        return out;
    }

    /** Rule ordinals, added in increasing order. */
    private static final class Bucket {
        private int[] ords = new int[2];
        private int size;

        void add(int ord) {
            if (size > 0 && ords[size - 1] == ord) {
                return;
            }
            if (size == ords.length) {
                ords = Arrays.copyOf(ords, size * 2);
            }
            ords[size++] = ord;
        }

        int[] toArray() {
            return size == 0 ? EMPTY : Arrays.copyOf(ords, size);
        }
    }

    /** One lookup: the best (lowest) matching ordinal so far. */
    private final class Search implements Consumer<int @Nullable []> {
        private final RoutingInput in;
        private final int from;
        int best = NONE;

        Search(RoutingInput in, int from) {
            this.in = in;
            this.from = from;
        }

        void scan(int @Nullable [] bucket) {
            if (bucket == null || bucket.length == 0) {
                return;
            }
            int i = from == 0 ? 0 : lowerBound(bucket, from);
            for (; i < bucket.length; i++) {
                int ord = bucket[i];
                if (ord >= best) {
                    return;
                }
                if (compiled[ord].matches(in)) {
                    best = ord;
                    return;
                }
            }
        }

        /** Like {@link #scan}, for rules whose anchor condition is known to hold. */
        void scanAnchored(int @Nullable [] bucket) {
            if (bucket == null) {
                return;
            }
            int i = from == 0 ? 0 : lowerBound(bucket, from);
            for (; i < bucket.length; i++) {
                int ord = bucket[i];
                if (ord >= best) {
                    return;
                }
                if (compiled[ord].matchesBesidesAnchor(in)) {
                    best = ord;
                    return;
                }
            }
        }

        @Override
        public void accept(int @Nullable [] bucket) {
            scan(bucket);
        }

        private int lowerBound(int[] a, int key) {
            int i = Arrays.binarySearch(a, key);
            return i >= 0 ? i : -i - 1;
        }
    }

    /** A prefix tree of keyword first words; each node holds the rules whose phrase starts with that word. */
    private static final class Trie {
        private final Node root = new Node();

        void add(String word, int ord, boolean proven) {
            Node n = root;
            for (int i = 0; i < word.length(); i++) {
                n = n.childOrCreate(word.charAt(i));
            }
            (proven ? n.proven : n.rules).add(ord);
        }

        void freeze() {
            root.freeze();
        }

        /** The lowest rule ordinal anywhere in the trie. */
        int lowest() {
            return root.lowest;
        }

        /** Hands over the rules of every node along {@code word}: the keywords that are prefixes of it. */
        void walk(String word, Consumer<int @Nullable []> visitor) {
            Node n = root;
            for (int i = 0; i < word.length(); i++) {
                n = n.child(word.charAt(i));
                if (n == null) {
                    return;
                }
                if (n.frozen.length > 0) {
                    visitor.accept(n.frozen);
                }
                if (n.provenFrozen.length > 0) {
                    visitor.accept(n.provenFrozen);
                }
            }
        }

        /** Like {@link #walk(String, Consumer)} on word {@code w}, but stops where nothing below can beat the best. */
        void walk(TextFold.Words words, int w, Search s) {
            Node n = root;
            int end = words.end(w);
            for (int i = words.start(w); i < end; i++) {
                n = n.child(words.charAt(i));
                if (n == null || n.lowest >= s.best) {
                    return;
                }
                if (n.frozen.length > 0) {
                    s.scan(n.frozen);
                }
                if (n.provenFrozen.length > 0) {
                    s.scanAnchored(n.provenFrozen);
                }
            }
        }

        private static final class Node {
            private char[] keys = new char[0];
            private Node[] next = new Node[0];
            private final Bucket rules = new Bucket();
            private final Bucket proven = new Bucket();
            private int[] frozen = EMPTY;
            private int[] provenFrozen = EMPTY;
            /** Few children are searched in turn, many through a table indexed by the character. */
            private Node @Nullable [] table;
            private char tableBase;
            /** The lowest ordinal in this node or below it. */
            private int lowest = NONE;

            @Nullable Node child(char c) {
                Node[] t = table;
                if (t != null) {
                    int i = c - tableBase;
                    return i >= 0 && i < t.length ? t[i] : null;
                }
                char[] k = keys;
                for (int i = 0; i < k.length; i++) {
                    if (k[i] == c) {
                        return next[i];
                    }
                }
                return null;
            }

            Node childOrCreate(char c) {
                int i = Arrays.binarySearch(keys, c);
                if (i >= 0) {
                    return next[i];
                }
                int at = -i - 1;
                char[] k = new char[keys.length + 1];
                Node[] n = new Node[next.length + 1];
                System.arraycopy(keys, 0, k, 0, at);
                System.arraycopy(next, 0, n, 0, at);
                k[at] = c;
                n[at] = new Node();
                System.arraycopy(keys, at, k, at + 1, keys.length - at);
                System.arraycopy(next, at, n, at + 1, next.length - at);
                keys = k;
                next = n;
                return n[at];
            }

            int freeze() {
                frozen = rules.toArray();
                provenFrozen = proven.toArray();
                lowest = Math.min(frozen.length > 0 ? frozen[0] : NONE, provenFrozen.length > 0 ? provenFrozen[0] : NONE);
                if (keys.length > 4 && keys[keys.length - 1] - keys[0] < 1024) {
                    tableBase = keys[0];
                    table = new Node[keys[keys.length - 1] - keys[0] + 1];
                    for (int i = 0; i < keys.length; i++) {
                        table[keys[i] - tableBase] = next[i];
                    }
                }
                for (Node n : next) {
                    lowest = Math.min(lowest, n.freeze());
                }
                return lowest;
            }
        }
    }

    /** A rule's conditions turned into quick tests. */
    private static final class CompiledRule {
        private final Test[] tests;
        /** The tests of every condition but the anchor. */
        private final Test[] besidesAnchor;

        CompiledRule(RoutingRule rule, @Nullable Condition anchor) {
            List<Test> all = new ArrayList<>();
            List<Test> others = new ArrayList<>();
            for (Condition c : rule.conditions()) {
                Test t = test(c);
                all.add(t);
                if (c != anchor) {
                    others.add(t);
                }
            }
            // cheap tests first, keyword scans last
            all.sort((a, b) -> Integer.compare(a.cost(), b.cost()));
            others.sort((a, b) -> Integer.compare(a.cost(), b.cost()));
            this.tests = all.toArray(new Test[0]);
            this.besidesAnchor = others.toArray(new Test[0]);
        }

        boolean matches(RoutingInput in) {
            return all(tests, in);
        }

        boolean matchesBesidesAnchor(RoutingInput in) {
            return all(besidesAnchor, in);
        }

        private static boolean all(Test[] tests, RoutingInput in) {
            for (Test t : tests) {
                if (!t.test(in)) {
                    return false;
                }
            }
            return true;
        }
    }

    private interface Test {
        boolean test(RoutingInput in);

        default int cost() {
            return 0;
        }
    }

    static Test test(Condition condition) {
        if (condition instanceof Condition.KindIn c) {
            boolean[] ok = new boolean[FeedbackKind.values().length];
            c.kinds().forEach(k -> ok[k.ordinal()] = true);
            return in -> ok[in.kind.ordinal()];
        } else if (condition instanceof Condition.PriorityIn c) {
            boolean[] ok = new boolean[Priority.values().length];
            c.priorities().forEach(p -> ok[p.ordinal()] = true);
            return in -> ok[in.priority.ordinal()];
        } else if (condition instanceof Condition.TypeIn c) {
            Set<FeedbackTypeId> types = new HashSet<>(c.types());
            return in -> in.type != null && types.contains(in.type);
        } else if (condition instanceof Condition.ChannelIn c) {
            Set<Channel> channels = new HashSet<>(c.channels());
            return in -> channels.contains(in.channel);
        } else if (condition instanceof Condition.SubjectUnder c) {
            Set<SubjectId> subjects = new HashSet<>(c.subjects());
            return in -> {
                for (SubjectId s : in.subjectPath) {
                    if (subjects.contains(s)) {
                        return true;
                    }
                }
                return false;
            };
        } else if (condition instanceof Condition.LocationUnder c) {
            Set<LocationId> locations = new HashSet<>(c.locations());
            return in -> {
                for (LocationId l : in.locationPath) {
                    if (locations.contains(l)) {
                        return true;
                    }
                }
                return false;
            };
        } else if (condition instanceof Condition.CustomerAttribute c) {
            String key = TextFold.fold(c.key(), false);
            Set<String> values = new HashSet<>();
            c.values().forEach(v -> values.add(TextFold.fold(v, false)));
            return in -> {
                String v = in.attributes.get(key);
                return v != null && values.contains(v);
            };
        } else if (condition instanceof Condition.Keywords c) {
            String[][] phrases = c.foldedPhrases().toArray(new String[0][]);
            boolean strip = c.ignoreDiacritics();
            boolean whole = c.wholeWords();
            return new Test() {
                @Override
                public boolean test(RoutingInput in) {
                    return matchedPhrase(phrases, whole, in.words(strip)) >= 0;
                }

                @Override
                public int cost() {
                    return 1;
                }
            };
        }
        throw new IllegalArgumentException("unknown condition " + condition);
    }

    /** The index of the first phrase found among {@code words} as consecutive words, or -1. */
    static int matchedPhrase(String[][] phrases, boolean wholeWords, TextFold.Words words) {
        for (int p = 0; p < phrases.length; p++) {
            String[] phrase = phrases[p];
            for (int i = 0; i + phrase.length <= words.count(); i++) {
                boolean all = true;
                for (int j = 0; j < phrase.length && all; j++) {
                    all = words.matches(i + j, phrase[j], wholeWords);
                }
                if (all) {
                    return p;
                }
            }
        }
        return -1;
    }
}
