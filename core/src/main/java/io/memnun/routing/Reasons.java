package io.memnun.routing;

import io.memnun.feedback.Channel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The human-readable reasons in routing decisions, in English with the catalogue's English names. */
final class Reasons {
    private Reasons() {}

    /** Why each of a matching rule's conditions holds, joined with "and". */
    static String conditions(RoutingRule rule, RoutingInput in, Catalog catalog, boolean isDefault, RuleIndex index) {
        if (rule.isUnconditional()) {
            return isDefault ? "no earlier rule matched" : "it has no conditions";
        }
        List<String> parts = new ArrayList<>();
        for (Condition c : rule.conditions()) {
            parts.add(why(c, in, catalog, index));
        }
        return String.join(" and ", parts);
    }

    private static String why(Condition condition, RoutingInput in, Catalog catalog, RuleIndex index) {
        if (condition instanceof Condition.SubjectUnder c && in.subject != null) {
            for (SubjectId s : in.subjectPath) {
                if (c.subjects().contains(s)) {
                    return s.equals(in.subject) ? "subject is " + name(catalog, s)
                            : "subject " + name(catalog, in.subject) + " is under " + name(catalog, s);
                }
            }
        } else if (condition instanceof Condition.LocationUnder c && in.location != null) {
            for (LocationId l : in.locationPath) {
                if (c.locations().contains(l)) {
                    return l.equals(in.location) ? "location is " + name(catalog, l)
                            : "location " + name(catalog, in.location) + " is under " + name(catalog, l);
                }
            }
        } else if (condition instanceof Condition.KindIn) {
            return "kind is " + in.kind;
        } else if (condition instanceof Condition.TypeIn && in.type != null) {
            return "type is " + name(catalog, in.type);
        } else if (condition instanceof Condition.ChannelIn) {
            return "channel is " + name(catalog, in.channel);
        } else if (condition instanceof Condition.PriorityIn) {
            return "priority is " + in.priority;
        } else if (condition instanceof Condition.CustomerAttribute c) {
            for (Map.Entry<String, String> a : in.attributes.entrySet()) {
                if (a.getKey().equals(io.memnun.internal.TextFold.fold(c.key(), false))) {
                    return "customer " + c.key() + "=" + a.getValue();
                }
            }
        } else if (condition instanceof Condition.Keywords c) {
            String[][] phrases = index.foldedPhrases(c);
            int p = RuleIndex.matchedPhrase(phrases, c.wholeWords(), in.words(c.ignoreDiacritics()));
            if (p >= 0) {
                return "description mentions '" + c.phrases().get(p) + "'";
            }
        }
        return condition.dimension().name().toLowerCase(java.util.Locale.ROOT) + " matches";
    }

    static String name(Catalog catalog, SubjectId id) {
        return catalog.subject(id).map(s -> s.name().en()).orElse(id.value());
    }

    static String name(Catalog catalog, LocationId id) {
        return catalog.location(id).map(s -> s.name().en()).orElse(id.value());
    }

    static String name(Catalog catalog, FeedbackTypeId id) {
        return catalog.type(id).map(s -> s.name().en()).orElse(id.value());
    }

    static String name(Catalog catalog, Channel channel) {
        return catalog.channel(channel).map(s -> s.name().en()).orElse(channel.code());
    }

    static String name(Catalog catalog, DepartmentId id) {
        return catalog.department(id).map(s -> s.name().en()).orElse(id.value());
    }

    static String name(Catalog catalog, StaffId id) {
        return catalog.staff(id).map(Staff::name).orElse(id.value());
    }
}
