package io.memnun.sla;

import io.memnun.feedback.Channel;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SubjectId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which feedback a target applies to: one priority, optionally narrowed to a kind of feedback, a channel, a
 * subject and a location. A {@code null} narrowing matches anything. The more narrowings a scope has, the more
 * specific it is; the most specific matching scope wins.
 */
public record SlaScope(
        Priority priority,
        @Nullable FeedbackKind feedbackKind,
        @Nullable Channel channel,
        @Nullable SubjectId subject,
        @Nullable LocationId location) {

    public SlaScope {
        Objects.requireNonNull(priority, "priority");
    }

    /** Every feedback of {@code priority}. */
    public static SlaScope of(Priority priority) {
        return new SlaScope(priority, null, null, null, null);
    }

    public SlaScope kind(FeedbackKind feedbackKind) {
        return new SlaScope(priority, Objects.requireNonNull(feedbackKind, "feedbackKind"), channel, subject, location);
    }

    public SlaScope channel(Channel channel) {
        return new SlaScope(priority, feedbackKind, Objects.requireNonNull(channel, "channel"), subject, location);
    }

    public SlaScope subject(SubjectId subject) {
        return new SlaScope(priority, feedbackKind, channel, Objects.requireNonNull(subject, "subject"), location);
    }

    public SlaScope location(LocationId location) {
        return new SlaScope(priority, feedbackKind, channel, subject, Objects.requireNonNull(location, "location"));
    }

    /** How many narrowings this scope has, 0 to 4. */
    public int specificity() {
        return (feedbackKind == null ? 0 : 1) + (channel == null ? 0 : 1) + (subject == null ? 0 : 1) + (location == null ? 0 : 1);
    }

    /** True when a feedback with these attributes falls in this scope. */
    public boolean matches(Priority priority, FeedbackKind kind, Channel channel, @Nullable SubjectId subject, @Nullable LocationId location) {
        return this.priority == priority
                && (feedbackKind == null || feedbackKind == kind)
                && (this.channel == null || this.channel.equals(channel))
                && (this.subject == null || this.subject.equals(subject))
                && (this.location == null || this.location.equals(location));
    }

    /** True when some feedback falls in both scopes. */
    boolean overlaps(SlaScope other) {
        return priority == other.priority
                && compatible(feedbackKind, other.feedbackKind)
                && compatible(channel, other.channel)
                && compatible(subject, other.subject)
                && compatible(location, other.location);
    }

    /** The scope of the feedback that falls in both; only meaningful when they {@linkplain #overlaps overlap}. */
    SlaScope meet(SlaScope other) {
        return new SlaScope(priority, either(feedbackKind, other.feedbackKind), either(channel, other.channel),
                either(subject, other.subject), either(location, other.location));
    }

    /** True when every feedback in {@code other} is also in this scope. */
    boolean covers(SlaScope other) {
        return priority == other.priority
                && (feedbackKind == null || feedbackKind == other.feedbackKind)
                && (channel == null || channel.equals(other.channel))
                && (subject == null || subject.equals(other.subject))
                && (location == null || location.equals(other.location));
    }

    private static <T> @Nullable T either(@Nullable T a, @Nullable T b) {
        return a != null ? a : b;
    }

    private static boolean compatible(@Nullable Object a, @Nullable Object b) {
        return a == null || b == null || a.equals(b);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(priority.name());
        if (feedbackKind != null) {
            text.append(" kind=").append(feedbackKind);
        }
        if (channel != null) {
            text.append(" channel=").append(channel);
        }
        if (subject != null) {
            text.append(" subject=").append(subject);
        }
        if (location != null) {
            text.append(" location=").append(location);
        }
        return text.toString();
    }
}
