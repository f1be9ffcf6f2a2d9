package io.memnun.routing.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.routing.AssigneeStrategy;
import io.memnun.routing.Condition;
import io.memnun.routing.PriorityChange;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.routing.json.JsonTree.Obj;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A rule set as JSON, so that rules can be kept in files, reviewed and imported:
 *
 * <pre>{@code
 * {
 *   "format": "memnun-rules/1",
 *   "rules": [
 *     {"id": "vip", "label": "VIP guests", "when": [{"customer": "vip", "values": ["true"]}],
 *      "department": "guest-relations", "assign": {"strategy": "fixed", "staff": "gul"}, "priority": {"raise": 1}},
 *     {"id": "12", "when": [{"subjectUnder": ["housekeeping"]}, {"locationUnder": ["besiktas"]}],
 *      "department": "hk", "assign": {"strategy": "leastLoad", "role": "supervisor"}, "watchers": ["ayse"]},
 *     {"id": "13", "when": [{"keywords": ["klima", "air conditioning"], "ignoreDiacritics": true, "wholeWords": false}],
 *      "department": "tech", "assign": {"strategy": "roundRobin"}, "priority": {"set": "URGENT"}},
 *     {"id": "default", "department": "guest-relations"}
 *   ]
 * }
 * }</pre>
 *
 * <p>Conditions: {@code kind} (FeedbackKind names), {@code type}, {@code subjectUnder}, {@code locationUnder},
 * {@code channel}, {@code priority} (Priority names), each a list of values; {@code customer} with {@code values};
 * {@code keywords} with optional {@code ignoreDiacritics} (default true) and {@code wholeWords} (default false).
 * Reading is checked as a whole, with {@link ValidationException}s naming the JSON path ({@code rules[2].when[0]});
 * checking the rules against a catalogue is {@code Router.validate}'s job.
 */
public final class RuleSetJson {
    /** The format marker written into every export. */
    public static final String FORMAT = "memnun-rules/1";

    private static final Set<String> ROOT = Set.of("format", "rules");
    private static final Set<String> RULE = Set.of("id", "label", "when", "department", "assign", "priority", "watchers");
    private static final Set<String> LISTS = Set.of("kind", "type", "subjectUnder", "locationUnder", "channel", "priority");
    private static final Set<String> ASSIGN = Set.of("strategy", "staff", "role");
    private static final Set<String> PRIORITY = Set.of("set", "raise");

    private RuleSetJson() {}

    /** The rule set as an indented JSON document. */
    public static String write(RuleSet rules) {
        ObjectNode root = JsonTree.object().put("format", FORMAT);
        ArrayNode list = root.putArray("rules");
        for (RoutingRule r : rules.rules()) {
            ObjectNode o = list.addObject().put("id", r.id());
            if (r.label() != null) {
                o.put("label", r.label());
            }
            if (!r.conditions().isEmpty()) {
                ArrayNode when = o.putArray("when");
                r.conditions().forEach(c -> when.add(condition(c)));
            }
            if (r.department() != null) {
                o.put("department", r.department().value());
            }
            if (r.assignee() != null) {
                ObjectNode a = o.putObject("assign");
                if (r.assignee() instanceof AssigneeStrategy.Fixed f) {
                    a.put("strategy", "fixed").put("staff", f.staff().value());
                } else {
                    a.put("strategy", r.assignee() instanceof AssigneeStrategy.RoundRobin ? "roundRobin" : "leastLoad");
                    if (r.assignee().role() != null) {
                        a.put("role", r.assignee().role());
                    }
                }
            }
            if (r.priority() instanceof PriorityChange.SetTo s) {
                o.putObject("priority").put("set", s.priority().name());
            } else if (r.priority() instanceof PriorityChange.Raise s) {
                o.putObject("priority").put("raise", s.levels());
            }
            if (!r.watchers().isEmpty()) {
                o.set("watchers", JsonTree.strings(sorted(r.watchers(), StaffId::value)));
            }
        }
        return JsonTree.write(root);
    }

    /**
     * Reads a rule set.
     *
     * @throws ValidationException naming the JSON path of the first error; nothing is returned
     */
    public static RuleSet read(String json) {
        return fromTree(JsonTree.parse(Objects.requireNonNull(json, "json")));
    }

    /** Like {@link #read(String)}, from a UTF-8 stream, which is not closed. */
    public static RuleSet read(InputStream json) {
        return fromTree(JsonTree.parse(Objects.requireNonNull(json, "json")));
    }

    private static ObjectNode condition(Condition c) {
        ObjectNode o = JsonTree.object();
        if (c instanceof Condition.KindIn k) {
            o.set("kind", JsonTree.strings(sorted(k.kinds(), Enum::name)));
        } else if (c instanceof Condition.TypeIn t) {
            o.set("type", JsonTree.strings(sorted(t.types(), FeedbackTypeId::value)));
        } else if (c instanceof Condition.SubjectUnder s) {
            o.set("subjectUnder", JsonTree.strings(sorted(s.subjects(), SubjectId::value)));
        } else if (c instanceof Condition.LocationUnder l) {
            o.set("locationUnder", JsonTree.strings(sorted(l.locations(), LocationId::value)));
        } else if (c instanceof Condition.ChannelIn ch) {
            o.set("channel", JsonTree.strings(sorted(ch.channels(), Channel::code)));
        } else if (c instanceof Condition.PriorityIn p) {
            o.set("priority", JsonTree.strings(sorted(p.priorities(), Enum::name)));
        } else if (c instanceof Condition.CustomerAttribute a) {
            o.put("customer", a.key());
            o.set("values", JsonTree.strings(new TreeSet<>(a.values())));
        } else if (c instanceof Condition.Keywords k) {
            o.set("keywords", JsonTree.strings(k.phrases()));
            o.put("ignoreDiacritics", k.ignoreDiacritics());
            o.put("wholeWords", k.wholeWords());
        }
        return o;
    }

    private static <T> List<String> sorted(Collection<T> values, Function<T, String> text) {
        return values.stream().map(text).sorted().toList();
    }

    private static RuleSet fromTree(JsonNode tree) {
        Obj root = new Obj(tree, "$").only(ROOT);
        String format = root.optText("format");
        if (format != null && !format.equals(FORMAT)) {
            throw new ValidationException("format", "is '" + format + "', this version reads '" + FORMAT + "'");
        }
        List<RoutingRule> rules = new ArrayList<>();
        for (Obj o : root.objects("rules")) {
            rules.add(rule(o.only(RULE)));
        }
        try {
            return new RuleSet(rules);
        } catch (ValidationException e) {
            throw JsonTree.relabel(e.field(), e);
        }
    }

    private static RoutingRule rule(Obj o) {
        RoutingRule.Builder b = RoutingRule.builder(JsonTree.at(o.at("id"), () -> RoutingRule.builder(o.text("id")).build().id()));
        String label = o.optText("label");
        JsonTree.at(o.at("label"), () -> RoutingRule.builder("x").label(label).build());
        b.label(label);
        for (Obj c : o.objects("when")) {
            b.when(condition(c));
        }
        String department = o.optText("department");
        if (department != null) {
            b.department(JsonTree.at(o.at("department"), () -> DepartmentId.of(department)));
        }
        Obj assign = o.optObj("assign");
        if (assign != null) {
            b.assign(strategy(assign.only(ASSIGN)));
        }
        Obj priority = o.optObj("priority");
        if (priority != null) {
            priority.only(PRIORITY);
            String set = priority.optText("set");
            Integer raise = priority.optInt("raise");
            if ((set == null) == (raise == null)) {
                throw new ValidationException(priority.path, "needs exactly one of set and raise");
            }
            if (set != null) {
                b.setPriority(enumValue(Priority.class, set, priority.at("set")));
            } else {
                JsonTree.at(priority.at("raise"), () -> b.raisePriority(raise));
            }
        }
        List<String> watchers = o.texts("watchers");
        for (int i = 0; i < watchers.size(); i++) {
            String w = watchers.get(i);
            b.watchers(JsonTree.at(o.at("watchers") + "[" + i + "]", () -> StaffId.of(w)));
        }
        return b.build();
    }

    private static AssigneeStrategy strategy(Obj a) {
        String strategy = a.text("strategy");
        String role = a.optText("role");
        if (role != null) {
            JsonTree.at(a.at("role"), () -> new AssigneeStrategy.RoundRobin(role));
        }
        boolean staff = a.node.hasNonNull("staff");
        switch (strategy) {
            case "fixed":
                if (role != null) {
                    throw new ValidationException(a.at("role"), "a fixed assignee has no role");
                }
                return AssigneeStrategy.fixed(JsonTree.at(a.at("staff"), () -> StaffId.of(a.text("staff"))));
            case "roundRobin":
            case "leastLoad":
                if (staff) {
                    throw new ValidationException(a.at("staff"), "only a fixed assignee names a staff member");
                }
                return strategy.equals("roundRobin") ? new AssigneeStrategy.RoundRobin(role) : new AssigneeStrategy.LeastLoad(role);
            default:
                throw new ValidationException(a.at("strategy"), "'" + strategy + "' is not a strategy; expected fixed, roundRobin or leastLoad");
        }
    }

    private static Condition condition(Obj c) {
        Set<String> keys = new LinkedHashSet<>();
        c.node.fieldNames().forEachRemaining(keys::add);
        if (keys.contains("customer")) {
            c.only(Set.of("customer", "values"));
            String key = c.text("customer");
            List<String> values = c.texts("values");
            return JsonTree.at(c.at("values"), () -> new Condition.CustomerAttribute(
                    JsonTree.at(c.at("customer"), () -> new Condition.CustomerAttribute(key, Set.of("x")).key()), Set.copyOf(values)));
        }
        if (keys.contains("keywords")) {
            c.only(Set.of("keywords", "ignoreDiacritics", "wholeWords"));
            List<String> phrases = c.texts("keywords");
            boolean ignore = c.bool("ignoreDiacritics", true);
            boolean whole = c.bool("wholeWords", false);
            return JsonTree.at(c.at("keywords"), () -> new Condition.Keywords(phrases, ignore, whole));
        }
        keys.retainAll(LISTS);
        if (keys.size() != 1) {
            throw new ValidationException(c.path, "needs exactly one of " + new TreeSet<>(LISTS) + ", customer or keywords");
        }
        String name = keys.iterator().next();
        c.only(Set.of(name));
        String path = c.at(name);
        List<String> values = c.texts(name);
        List<Object> parsed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            String at = path + "[" + i + "]";
            parsed.add(switch (name) {
                case "kind" -> enumValue(FeedbackKind.class, v, at);
                case "priority" -> enumValue(Priority.class, v, at);
                case "type" -> JsonTree.at(at, () -> FeedbackTypeId.of(v));
                case "subjectUnder" -> JsonTree.at(at, () -> SubjectId.of(v));
                case "locationUnder" -> JsonTree.at(at, () -> LocationId.of(v));
                default -> JsonTree.at(at, () -> Channel.of(v));
            });
        }
        return JsonTree.at(path, () -> switch (name) {
            case "kind" -> new Condition.KindIn(cast(parsed));
            case "priority" -> new Condition.PriorityIn(cast(parsed));
            case "type" -> new Condition.TypeIn(cast(parsed));
            case "subjectUnder" -> new Condition.SubjectUnder(cast(parsed));
            case "locationUnder" -> new Condition.LocationUnder(cast(parsed));
            default -> new Condition.ChannelIn(cast(parsed));
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> Set<T> cast(List<Object> values) {
        return (Set<T>) Set.copyOf(values);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String path) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw new ValidationException(path, "'" + value + "' is not one of " + names);
        }
    }
}
