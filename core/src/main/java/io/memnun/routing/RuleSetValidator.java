package io.memnun.routing;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.StaffId;
import io.memnun.internal.TextFold;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Checks a rule set against a tenant's catalogue before it is activated.
 *
 * <p>Shadowing: rule B is reported as shadowed by an earlier rule A when every condition of A is implied by a
 * condition of B on the same fact: A's kinds, types, channels, priorities or attribute values include all of B's;
 * each of B's subjects (locations) is one of A's or lies below one; each of B's keyword phrases contains one of
 * A's phrases word for word (prefix matching: B's word starts with A's word). A rule without conditions implies
 * nothing and is implied by everything, so it shadows every rule after it. What this does not find: a rule
 * shadowed only by several earlier rules together (COMPLAINT in one, every other kind in the next), or by facts
 * the catalogue does not state (a keyword that every description of a subject happens to contain).
 */
final class RuleSetValidator {
    private final RuleSet rules;
    private final Catalog catalog;
    private final RuleIndex index;
    private final List<RuleSetProblem> problems = new ArrayList<>();

    private RuleSetValidator(RuleSet rules, Catalog catalog) {
        this.rules = rules;
        this.catalog = catalog;
        this.index = RuleIndex.compile(1, rules);
    }

    static RuleSetReport validate(RuleSet rules, Catalog catalog) {
        RuleSetValidator v = new RuleSetValidator(rules, catalog);
        v.run();
        return new RuleSetReport(v.problems);
    }

    private void run() {
        List<RoutingRule> list = rules.rules();
        for (int ord = 0; ord < list.size(); ord++) {
            RoutingRule rule = list.get(ord);
            references(rule);
            strategy(rule);
            neverMatches(rule);
            shadowing(ord, rule);
        }
        if (rules.defaultRule().isEmpty()) {
            problems.add(new RuleSetProblem(RuleSetProblem.Kind.NO_DEFAULT, null, list.isEmpty()
                    ? "the rule set is empty; it needs at least a default rule without conditions"
                    : "the last rule, " + list.get(list.size() - 1).title()
                            + ", has conditions: add a default rule without conditions at the end"));
        }
    }

    private void references(RoutingRule rule) {
        for (Condition c : rule.conditions()) {
            if (c instanceof Condition.TypeIn t) {
                t.types().forEach(id -> check(rule, CatalogRef.of(id), "type"));
            } else if (c instanceof Condition.SubjectUnder s) {
                s.subjects().forEach(id -> check(rule, CatalogRef.of(id), "subject"));
            } else if (c instanceof Condition.LocationUnder l) {
                l.locations().forEach(id -> check(rule, CatalogRef.of(id), "location"));
            } else if (c instanceof Condition.ChannelIn ch && !catalog.channels().isEmpty()) {
                // channel codes are open-ended; they are checked only when the tenant lists its channels
                ch.channels().forEach(id -> check(rule, CatalogRef.of(id), "channel"));
            }
        }
        if (rule.department() != null) {
            check(rule, CatalogRef.of(rule.department()), "department");
        }
        for (StaffId w : rule.watchers()) {
            check(rule, CatalogRef.of(w), "watcher");
        }
    }

    private void check(RoutingRule rule, CatalogRef ref, String what) {
        var entry = catalog.find(ref);
        if (entry.isEmpty()) {
            problems.add(new RuleSetProblem(RuleSetProblem.Kind.UNKNOWN_REFERENCE, rule.id(),
                    "unknown " + what + " '" + ref.id() + "'"));
        } else if (!entry.get().active()) {
            problems.add(new RuleSetProblem(RuleSetProblem.Kind.INACTIVE_REFERENCE, rule.id(),
                    what + " '" + ref.id() + "' is inactive"));
        }
    }

    private void strategy(RoutingRule rule) {
        AssigneeStrategy strategy = rule.assignee();
        if (strategy == null) {
            return;
        }
        if (strategy instanceof AssigneeStrategy.Fixed f) {
            var staff = catalog.staff(f.staff());
            if (staff.isEmpty()) {
                problems.add(new RuleSetProblem(RuleSetProblem.Kind.UNKNOWN_REFERENCE, rule.id(),
                        "unknown assignee '" + f.staff() + "'"));
            } else if (!staff.get().active()) {
                problems.add(new RuleSetProblem(RuleSetProblem.Kind.NO_ELIGIBLE_STAFF, rule.id(),
                        "the fixed assignee '" + f.staff() + "' is inactive"));
            }
            return;
        }
        DepartmentId department = rule.department();
        String name = strategy instanceof AssigneeStrategy.RoundRobin ? "round robin" : "least load";
        if (department == null) {
            problems.add(new RuleSetProblem(RuleSetProblem.Kind.NO_ELIGIBLE_STAFF, rule.id(),
                    name + " chooses among a department's staff, but the rule names no department"));
        } else if (catalog.department(department).isPresent() && catalog.activeStaffOf(department, strategy.role()).isEmpty()) {
            problems.add(new RuleSetProblem(RuleSetProblem.Kind.NO_ELIGIBLE_STAFF, rule.id(),
                    name + " has nobody to choose: department '" + department + "' has no active staff"
                            + (strategy.role() == null ? "" : " with role '" + strategy.role() + "'")));
        }
    }

    /** Two conditions on the same fact whose values exclude each other. */
    private void neverMatches(RoutingRule rule) {
        List<Condition> cs = rule.conditions();
        for (int i = 0; i < cs.size(); i++) {
            for (int j = i + 1; j < cs.size(); j++) {
                Condition a = cs.get(i);
                Condition b = cs.get(j);
                if (a.dimension() == b.dimension() && disjoint(a, b)) {
                    problems.add(new RuleSetProblem(RuleSetProblem.Kind.NEVER_MATCHES, rule.id(),
                            "two " + a.dimension().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                                    + " conditions exclude each other"));
                    return;
                }
            }
        }
    }

    private boolean disjoint(Condition a, Condition b) {
        if (a instanceof Condition.KindIn x && b instanceof Condition.KindIn y) {
            return noneShared(x.kinds(), y.kinds());
        } else if (a instanceof Condition.TypeIn x && b instanceof Condition.TypeIn y) {
            return noneShared(x.types(), y.types());
        } else if (a instanceof Condition.ChannelIn x && b instanceof Condition.ChannelIn y) {
            return noneShared(x.channels(), y.channels());
        } else if (a instanceof Condition.PriorityIn x && b instanceof Condition.PriorityIn y) {
            return noneShared(x.priorities(), y.priorities());
        } else if (a instanceof Condition.CustomerAttribute x && b instanceof Condition.CustomerAttribute y) {
            return TextFold.fold(x.key(), false).equals(TextFold.fold(y.key(), false)) && noneShared(folded(x.values()), folded(y.values()));
        } else if (a instanceof Condition.SubjectUnder x && b instanceof Condition.SubjectUnder y) {
            // a subject can satisfy both only if one tree holds the other
            return noneRelated(x.subjects(), y.subjects(), (p, q) -> catalog.isUnder(p, q) || catalog.isUnder(q, p));
        } else if (a instanceof Condition.LocationUnder x && b instanceof Condition.LocationUnder y) {
            return noneRelated(x.locations(), y.locations(), (p, q) -> catalog.isUnder(p, q) || catalog.isUnder(q, p));
        }
        return false;
    }

    private static <T> boolean noneShared(Set<T> a, Set<T> b) {
        for (T t : a) {
            if (b.contains(t)) {
                return false;
            }
        }
        return true;
    }

    private static <T> boolean noneRelated(Set<T> a, Set<T> b, BiPredicate<T, T> related) {
        for (T p : a) {
            for (T q : b) {
                if (related.test(p, q)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void shadowing(int ord, RoutingRule rule) {
        BitSet candidates = index.candidatesCovering(rule, catalog);
        for (int a = candidates.nextSetBit(0); a >= 0 && a < ord; a = candidates.nextSetBit(a + 1)) {
            RoutingRule earlier = index.rule(a);
            if (implies(rule, earlier)) {
                problems.add(new RuleSetProblem(RuleSetProblem.Kind.SHADOWED, rule.id(),
                        "can never fire: the earlier " + earlier.title() + " holds whenever it does"
                                + (earlier.isUnconditional() ? " (it has no conditions)" : "")));
                return;
            }
        }
    }

    /** True when every feedback that {@code later} holds for is one {@code earlier} holds for. */
    boolean implies(RoutingRule later, RoutingRule earlier) {
        for (Condition ce : earlier.conditions()) {
            boolean covered = false;
            for (Condition cl : later.conditions()) {
                if (cl.dimension() == ce.dimension() && covers(ce, cl)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    /** True when every feedback meeting {@code narrow} meets {@code wide}. */
    private boolean covers(Condition wide, Condition narrow) {
        if (wide instanceof Condition.KindIn w && narrow instanceof Condition.KindIn n) {
            return w.kinds().containsAll(n.kinds());
        } else if (wide instanceof Condition.TypeIn w && narrow instanceof Condition.TypeIn n) {
            return w.types().containsAll(n.types());
        } else if (wide instanceof Condition.ChannelIn w && narrow instanceof Condition.ChannelIn n) {
            return w.channels().containsAll(n.channels());
        } else if (wide instanceof Condition.PriorityIn w && narrow instanceof Condition.PriorityIn n) {
            return w.priorities().containsAll(n.priorities());
        } else if (wide instanceof Condition.CustomerAttribute w && narrow instanceof Condition.CustomerAttribute n) {
            return TextFold.fold(w.key(), false).equals(TextFold.fold(n.key(), false)) && folded(w.values()).containsAll(folded(n.values()));
        } else if (wide instanceof Condition.SubjectUnder w && narrow instanceof Condition.SubjectUnder n) {
            return allUnder(n.subjects(), w.subjects(), catalog::isUnder);
        } else if (wide instanceof Condition.LocationUnder w && narrow instanceof Condition.LocationUnder n) {
            return allUnder(n.locations(), w.locations(), catalog::isUnder);
        } else if (wide instanceof Condition.Keywords w && narrow instanceof Condition.Keywords n) {
            return keywordsCover(w, n);
        }
        return false;
    }

    private static <T> boolean allUnder(Set<T> narrow, Set<T> wide, BiPredicate<T, T> isUnder) {
        for (T n : narrow) {
            boolean under = false;
            for (T w : wide) {
                if (isUnder.test(n, w)) {
                    under = true;
                    break;
                }
            }
            if (!under) {
                return false;
            }
        }
        return true;
    }

    private static boolean keywordsCover(Condition.Keywords wide, Condition.Keywords narrow) {
        if (wide.wholeWords() && !narrow.wholeWords()) {
            // a word that only begins with the narrow phrase's word need not equal the wide one's
            return false;
        }
        for (String phrase : narrow.phrases()) {
            String[] words = TextFold.words(phrase, narrow.ignoreDiacritics() || wide.ignoreDiacritics());
            boolean found = false;
            for (String widePhrase : wide.phrases()) {
                String[] w = TextFold.words(widePhrase, wide.ignoreDiacritics());
                if (narrow.ignoreDiacritics() && !wide.ignoreDiacritics()
                        && !String.join(" ", w).equals(String.join(" ", TextFold.words(widePhrase, true)))) {
                    // the narrow rule matches text without marks that the wide rule's marked word would not
                    continue;
                }
                if (contains(words, w, wide.wholeWords())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(String[] words, String[] phrase, boolean whole) {
        for (int i = 0; i + phrase.length <= words.length; i++) {
            boolean all = true;
            for (int j = 0; j < phrase.length && all; j++) {
                all = whole ? words[i + j].equals(phrase[j]) : words[i + j].startsWith(phrase[j]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> folded(Set<String> values) {
        Set<String> out = new HashSet<>();
        values.forEach(v -> out.add(TextFold.fold(v, false)));
        return out;
    }
}
