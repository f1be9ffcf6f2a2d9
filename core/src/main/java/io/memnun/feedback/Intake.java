package io.memnun.feedback;

import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about a feedback when it is received: the input of {@code FeedbackDesk.receive}.
 * Build it with {@link #builder(TenantId, FeedbackKind, Channel, String)}.
 *
 * @param intakeKey a key that identifies this submission at its source (an e-mail's Message-ID, a web form's
 *     submission id, a call-centre ticket number); receiving the same key twice returns the first feedback
 * @param receivedAt when the feedback reached the organisation, if earlier than its recording (a letter, an import):
 *     the desk takes it from {@link #EARLIEST_RECEIVED_AT} up to now
 * @param context free host context, e.g. {@code reservation=R-123}, {@code room=412}
 */
public record Intake(
        TenantId tenant,
        FeedbackKind kind,
        Channel channel,
        String description,
        @Nullable FeedbackTypeId type,
        Priority priority,
        @Nullable LocationId location,
        @Nullable SubjectId subject,
        @Nullable DepartmentId department,
        @Nullable StaffId assignee,
        Customer customer,
        @Nullable String desiredRemedy,
        @Nullable String immediateAction,
        @Nullable Assessment assessment,
        List<AttachmentRef> attachments,
        Map<String, String> context,
        @Nullable String intakeKey,
        @Nullable Instant receivedAt,
        Actor recordedBy) {

    /**
     * The earliest receipt time a desk takes, 1900-01-01T00:00Z: the start of the years business calendars count
     * working time in ({@code io.memnun.sla.BusinessCalendar}), so that a feedback's response-time clocks can be counted
     * from its receipt, now or when targets are added later.
     */
    public static final Instant EARLIEST_RECEIVED_AT = Instant.parse("1900-01-01T00:00:00Z");

    /** The absolute upper bound of any free-text field; the desk's configured limit may be lower. */
    public static final int MAX_TEXT = 1_000_000;

    public Intake {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        description = Checks.text(description, "description", MAX_TEXT);
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(customer, "customer");
        desiredRemedy = Checks.optionalText(desiredRemedy, "desiredRemedy", MAX_TEXT);
        immediateAction = Checks.optionalText(immediateAction, "immediateAction", MAX_TEXT);
        attachments = List.copyOf(attachments);
        Map<String, String> copy = new LinkedHashMap<>();
        context.forEach((k, v) -> copy.put(Checks.code(k, "context key", 64), Checks.text(v, "context." + k, 2000)));
        context = Map.copyOf(copy);
        intakeKey = intakeKey == null ? null : Checks.code(intakeKey, "intakeKey", 500);
        Objects.requireNonNull(recordedBy, "recordedBy");
    }

    public static Builder builder(TenantId tenant, FeedbackKind kind, Channel channel, String description) {
        return new Builder(tenant, kind, channel, description);
    }

    /** The same intake with the department, assignee and priority a router decided. */
    public Intake withRouting(@Nullable DepartmentId department, @Nullable StaffId assignee, Priority priority) {
        return new Intake(tenant, kind, channel, description, type, priority, location, subject, department, assignee,
                customer, desiredRemedy, immediateAction, assessment, attachments, context, intakeKey, receivedAt, recordedBy);
    }

    /** Builds an {@link Intake}; only tenant, kind, channel and description are required. */
    public static final class Builder {
        private final TenantId tenant;
        private final FeedbackKind kind;
        private final Channel channel;
        private final String description;
        private @Nullable FeedbackTypeId type;
        private Priority priority = Priority.NORMAL;
        private @Nullable LocationId location;
        private @Nullable SubjectId subject;
        private @Nullable DepartmentId department;
        private @Nullable StaffId assignee;
        private Customer customer = Customer.ANONYMOUS;
        private @Nullable String desiredRemedy;
        private @Nullable String immediateAction;
        private @Nullable Assessment assessment;
        private final List<AttachmentRef> attachments = new ArrayList<>();
        private final Map<String, String> context = new LinkedHashMap<>();
        private @Nullable String intakeKey;
        private @Nullable Instant receivedAt;
        private Actor recordedBy = Actor.SYSTEM;

        private Builder(TenantId tenant, FeedbackKind kind, Channel channel, String description) {
            this.tenant = tenant;
            this.kind = kind;
            this.channel = channel;
            this.description = description;
        }

        public Builder type(@Nullable FeedbackTypeId type) {
            this.type = type;
            return this;
        }

        public Builder priority(Priority priority) {
            this.priority = priority;
            return this;
        }

        public Builder location(@Nullable LocationId location) {
            this.location = location;
            return this;
        }

        public Builder subject(@Nullable SubjectId subject) {
            this.subject = subject;
            return this;
        }

        public Builder department(@Nullable DepartmentId department) {
            this.department = department;
            return this;
        }

        public Builder assignee(@Nullable StaffId assignee) {
            this.assignee = assignee;
            return this;
        }

        public Builder customer(Customer customer) {
            this.customer = customer;
            return this;
        }

        public Builder desiredRemedy(@Nullable String desiredRemedy) {
            this.desiredRemedy = desiredRemedy;
            return this;
        }

        public Builder immediateAction(@Nullable String immediateAction) {
            this.immediateAction = immediateAction;
            return this;
        }

        public Builder assessment(@Nullable Assessment assessment) {
            this.assessment = assessment;
            return this;
        }

        public Builder attachment(AttachmentRef attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        public Builder context(String key, String value) {
            context.put(key, value);
            return this;
        }

        public Builder intakeKey(@Nullable String intakeKey) {
            this.intakeKey = intakeKey;
            return this;
        }

        public Builder receivedAt(@Nullable Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public Builder recordedBy(Actor recordedBy) {
            this.recordedBy = recordedBy;
            return this;
        }

        public Intake build() {
            return new Intake(tenant, kind, channel, description, type, priority, location, subject, department, assignee,
                    customer, desiredRemedy, immediateAction, assessment, attachments, context, intakeKey, receivedAt,
                    recordedBy);
        }
    }
}
