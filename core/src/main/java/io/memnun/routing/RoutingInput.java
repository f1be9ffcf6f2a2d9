package io.memnun.routing;

import io.memnun.feedback.Channel;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SubjectId;
import io.memnun.internal.TextFold;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The facts of one feedback as rules test them, prepared once per decision. */
final class RoutingInput {
    final FeedbackKind kind;
    final @Nullable FeedbackTypeId type;
    final Channel channel;
    final Priority priority;
    final @Nullable SubjectId subject;
    final List<SubjectId> subjectPath;
    final @Nullable LocationId location;
    final List<LocationId> locationPath;
    /** Folded attribute key to folded value. */
    final Map<String, String> attributes;
    private final String description;
    // folding the description is the costliest step; done only for the modes the rule set uses, at most once each
    private final TextFold.Words[] words = new TextFold.Words[2];

    RoutingInput(FeedbackKind kind, @Nullable FeedbackTypeId type, Channel channel, Priority priority,
            @Nullable SubjectId subject, @Nullable LocationId location, Map<String, String> attributes, String description,
            Catalog catalog) {
        this.kind = kind;
        this.type = type;
        this.channel = channel;
        this.priority = priority;
        this.subject = subject;
        this.subjectPath = subject == null ? List.of() : catalog.subjectPath(subject);
        this.location = location;
        this.locationPath = location == null ? List.of() : catalog.locationPath(location);
        if (attributes.isEmpty()) {
            this.attributes = Map.of();
        } else {
            Map<String, String> folded = new HashMap<>();
            attributes.forEach((k, v) -> folded.put(TextFold.fold(k, false), TextFold.fold(v, false)));
            this.attributes = folded;
        }
        this.description = description;
    }

    static RoutingInput of(Intake intake, Catalog catalog) {
        return new RoutingInput(intake.kind(), intake.type(), intake.channel(), intake.priority(), intake.subject(),
                intake.location(), intake.customer().attributes(), intake.description(), catalog);
    }

    TextFold.Words words(boolean stripDiacritics) {
        int mode = stripDiacritics ? 1 : 0;
        TextFold.Words w = words[mode];
        if (w == null) {
            w = TextFold.split(description, stripDiacritics);
            words[mode] = w;
        }
        return w;
    }
}
