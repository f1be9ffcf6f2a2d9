package io.memnun.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One feedback (geri bildirim) and its current state: the aggregate the lifecycle acts on. Instances are
 * immutable; every command yields a new instance with the next {@link #version()} and one
 * {@link FeedbackEvent} for the history. Other aggregates (departments, staff, subjects) are referred to by id.
 *
 * <p>Together with its history this is the ISO 10002 complaint form and tracking form.
 */
public final class Feedback {
    private final FeedbackId id;
    private final TenantId tenant;
    private final ReferenceNumber reference;
    private final long version;
    private final FeedbackKind kind;
    private final @Nullable FeedbackTypeId type;
    private final Priority priority;
    private final Channel channel;
    private final @Nullable LocationId location;
    private final @Nullable SubjectId subject;
    private final @Nullable DepartmentId department;
    private final @Nullable StaffId assignee;
    private final Customer customer;
    private final String description;
    private final @Nullable String desiredRemedy;
    private final @Nullable String immediateAction;
    private final @Nullable Assessment assessment;
    private final List<AttachmentRef> attachments;
    private final Map<String, String> context;
    private final @Nullable String intakeKey;
    private final Status status;
    private final @Nullable Status pausedFrom;
    private final Instant receivedAt;
    private final Instant updatedAt;
    private final @Nullable Instant plannedUntil;
    private final @Nullable String resolution;
    private final @Nullable Instant resolvedAt;
    private final int rejectionCount;
    private final @Nullable Instant lastRejectedAt;
    private final List<Recourse> recourseOffered;
    private final @Nullable ClosureReason closureReason;
    private final @Nullable Instant closedAt;
    private final @Nullable String cancellationReason;
    private final int appealCount;
    private final List<SlaClock> slaClocks;
    private final Set<StaffId> watchers;
    private final @Nullable Long routingVersion;
    private final @Nullable FeedbackId possibleDuplicateOf;
    private final @Nullable FeedbackId mergedInto;

    Feedback(Draft d) {
        this.id = Objects.requireNonNull(d.id, "id");
        this.tenant = Objects.requireNonNull(d.tenant, "tenant");
        this.reference = Objects.requireNonNull(d.reference, "reference");
        this.version = d.version;
        this.kind = Objects.requireNonNull(d.kind, "kind");
        this.type = d.type;
        this.priority = Objects.requireNonNull(d.priority, "priority");
        this.channel = Objects.requireNonNull(d.channel, "channel");
        this.location = d.location;
        this.subject = d.subject;
        this.department = d.department;
        this.assignee = d.assignee;
        this.customer = Objects.requireNonNull(d.customer, "customer");
        this.description = Objects.requireNonNull(d.description, "description");
        this.desiredRemedy = d.desiredRemedy;
        this.immediateAction = d.immediateAction;
        this.assessment = d.assessment;
        this.attachments = List.copyOf(d.attachments);
        this.context = Map.copyOf(d.context);
        this.intakeKey = d.intakeKey;
        this.status = Objects.requireNonNull(d.status, "status");
        this.pausedFrom = d.pausedFrom;
        this.receivedAt = Objects.requireNonNull(d.receivedAt, "receivedAt");
        this.updatedAt = Objects.requireNonNull(d.updatedAt, "updatedAt");
        this.plannedUntil = d.plannedUntil;
        this.resolution = d.resolution;
        this.resolvedAt = d.resolvedAt;
        this.rejectionCount = d.rejectionCount;
        this.lastRejectedAt = d.lastRejectedAt;
        this.recourseOffered = List.copyOf(d.recourseOffered);
        this.closureReason = d.closureReason;
        this.closedAt = d.closedAt;
        this.cancellationReason = d.cancellationReason;
        this.appealCount = d.appealCount;
        this.slaClocks = d.slaClocks == null ? List.of() : List.copyOf(d.slaClocks);
        this.watchers = d.watchers == null ? Set.of() : Set.copyOf(d.watchers);
        this.routingVersion = d.routingVersion;
        this.possibleDuplicateOf = d.possibleDuplicateOf;
        this.mergedInto = d.mergedInto;
    }

    /** The internal id. */
    public FeedbackId id() {
        return id;
    }

    /** The tenant it belongs to. */
    public TenantId tenant() {
        return tenant;
    }

    /** The number the customer was given. */
    public ReferenceNumber reference() {
        return reference;
    }

    /** Increases by one with every change; stores reject writes based on an older version. */
    public long version() {
        return version;
    }

    /** Complaint, request, suggestion, compliment or question. */
    public FeedbackKind kind() {
        return kind;
    }

    /** The user-defined type, if set. */
    public Optional<FeedbackTypeId> type() {
        return Optional.ofNullable(type);
    }

    /** The priority. */
    public Priority priority() {
        return priority;
    }

    /** The channel of receipt. */
    public Channel channel() {
        return channel;
    }

    /** Where it came from, if set. */
    public Optional<LocationId> location() {
        return Optional.ofNullable(location);
    }

    /** What it is about, if set. */
    public Optional<SubjectId> subject() {
        return Optional.ofNullable(subject);
    }

    /** The responsible department, if set. */
    public Optional<DepartmentId> department() {
        return Optional.ofNullable(department);
    }

    /** The responsible staff member, if set. */
    public Optional<StaffId> assignee() {
        return Optional.ofNullable(assignee);
    }

    /** Who gave it and how to reach them. */
    public Customer customer() {
        return customer;
    }

    /** The customer's account. */
    public String description() {
        return description;
    }

    /** The remedy the customer seeks, if set. */
    public Optional<String> desiredRemedy() {
        return Optional.ofNullable(desiredRemedy);
    }

    /** Any action taken at once, if set. */
    public Optional<String> immediateAction() {
        return Optional.ofNullable(immediateAction);
    }

    /** The initial assessment, if set. */
    public Optional<Assessment> assessment() {
        return Optional.ofNullable(assessment);
    }

    /** References to attached files. */
    public List<AttachmentRef> attachments() {
        return attachments;
    }

    /** Free host context (reservation, room, stay dates). */
    public Map<String, String> context() {
        return context;
    }

    /** The key that identifies the submission at its source, if set. */
    public Optional<String> intakeKey() {
        return Optional.ofNullable(intakeKey);
    }

    /** Where it stands. */
    public Status status() {
        return status;
    }

    /** While awaiting the customer: the state to return to, if set. */
    public Optional<Status> pausedFrom() {
        return Optional.ofNullable(pausedFrom);
    }

    /** When it reached the organisation. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** When it last changed. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** The planned completion time, if set. */
    public Optional<Instant> plannedUntil() {
        return Optional.ofNullable(plannedUntil);
    }

    /** The decided resolution, if set. */
    public Optional<String> resolution() {
        return Optional.ofNullable(resolution);
    }

    /** When the resolution was communicated, if set. */
    public Optional<Instant> resolvedAt() {
        return Optional.ofNullable(resolvedAt);
    }

    /** How often the customer rejected a resolution. */
    public int rejectionCount() {
        return rejectionCount;
    }

    /**
     * When the customer last rejected a resolution, if they did since the last appeal: an appeal starts a new round,
     * and the closing period for an UNRESOLVED closure runs from this instant.
     */
    public Optional<Instant> lastRejectedAt() {
        return Optional.ofNullable(lastRejectedAt);
    }

    /** Alternatives offered after rejections. */
    public List<Recourse> recourseOffered() {
        return recourseOffered;
    }

    /** Why it was closed, if set. */
    public Optional<ClosureReason> closureReason() {
        return Optional.ofNullable(closureReason);
    }

    /** When it was closed or cancelled, if set. */
    public Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAt);
    }

    /** Why it was cancelled, if set. */
    public Optional<String> cancellationReason() {
        return Optional.ofNullable(cancellationReason);
    }

    /** How often it was appealed after closing. */
    public int appealCount() {
        return appealCount;
    }

    /** The response-time clocks: acknowledgement, first response, resolution, planned completion. */
    public List<SlaClock> slaClocks() {
        return slaClocks;
    }

    /** The clock of one kind, if the feedback has one. */
    public Optional<SlaClock> slaClock(SlaKind kind) {
        return slaClocks.stream().filter(c -> c.kind() == kind).findFirst();
    }

    /**
     * The earliest instant at which a running clock has a checkpoint (warning, breach, escalation) not yet fired;
     * the SLA monitor looks at this feedback again then. Empty when nothing is pending.
     */
    public Optional<Instant> nextSlaCheckAt() {
        Instant next = null;
        for (SlaClock clock : slaClocks) {
            Instant at = clock.nextCheckpoint().map(SlaCheckpoint::at).orElse(null);
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return Optional.ofNullable(next);
    }

    /** Staff kept informed besides the assignee, e.g. added by the routing rule. */
    public Set<StaffId> watchers() {
        return watchers;
    }

    /** The version of the tenant's routing rules that routed it, if a router did. */
    public Optional<Long> routingVersion() {
        return Optional.ofNullable(routingVersion);
    }

    /**
     * An earlier feedback from the same customer on the same subject, received shortly before: this one may repeat
     * it. Set on receipt, cleared by unlinking.
     */
    public Optional<FeedbackId> possibleDuplicateOf() {
        return Optional.ofNullable(possibleDuplicateOf);
    }

    /** The original this feedback was merged into as its duplicate (it is then CLOSED as DUPLICATE), if so. */
    public Optional<FeedbackId> mergedInto() {
        return Optional.ofNullable(mergedInto);
    }

    /** True while the feedback still needs work or an answer. */
    public boolean isOpen() {
        return status.isOpen();
    }

    Draft draft() {
        return new Draft(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Feedback f && id.equals(f.id) && version == f.version && tenant.equals(f.tenant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Feedback[" + reference + " " + kind + " " + status + " v" + version + "]";
    }

    /**
     * Rebuilds a feedback exactly as a store kept it, field by field. For store implementations only: it checks
     * that the required fields are present, not that the state could have been reached through the lifecycle
     * (that was checked when the state was first made). Application code gets feedback from the desk.
     *
     * @param id the internal id
     * @param tenant the tenant
     * @param reference the reference number
     * @param version the stored version, at least 1
     */
    public static Restorer restore(FeedbackId id, TenantId tenant, ReferenceNumber reference, long version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
        Draft d = new Draft();
        d.id = Objects.requireNonNull(id, "id");
        d.tenant = Objects.requireNonNull(tenant, "tenant");
        d.reference = Objects.requireNonNull(reference, "reference");
        d.version = version;
        d.attachments = List.of();
        d.context = Map.of();
        d.recourseOffered = List.of();
        return new Restorer(d);
    }

    /**
     * A restorer that starts from every field of {@code stored}, for a store that keeps a copy of a state adjusted to
     * what it stores (e.g. instants in the precision of its columns). Like {@link #restore}, for stores only.
     */
    public static Restorer restore(Feedback stored) {
        return new Restorer(Objects.requireNonNull(stored, "stored").draft());
    }

    /** Sets the remaining stored fields of a feedback being rebuilt; see {@link #restore}. */
    public static final class Restorer {
        private final Draft d;

        private Restorer(Draft d) {
            this.d = d;
        }

        public Restorer kind(FeedbackKind kind) { d.kind = kind; return this; }

        public Restorer type(@Nullable FeedbackTypeId type) { d.type = type; return this; }

        public Restorer priority(Priority priority) { d.priority = priority; return this; }

        public Restorer channel(Channel channel) { d.channel = channel; return this; }

        public Restorer location(@Nullable LocationId location) { d.location = location; return this; }

        public Restorer subject(@Nullable SubjectId subject) { d.subject = subject; return this; }

        public Restorer department(@Nullable DepartmentId department) { d.department = department; return this; }

        public Restorer assignee(@Nullable StaffId assignee) { d.assignee = assignee; return this; }

        public Restorer customer(Customer customer) { d.customer = customer; return this; }

        public Restorer description(String description) { d.description = description; return this; }

        public Restorer desiredRemedy(@Nullable String desiredRemedy) { d.desiredRemedy = desiredRemedy; return this; }

        public Restorer immediateAction(@Nullable String immediateAction) { d.immediateAction = immediateAction; return this; }

        public Restorer assessment(@Nullable Assessment assessment) { d.assessment = assessment; return this; }

        public Restorer attachments(List<AttachmentRef> attachments) { d.attachments = attachments; return this; }

        public Restorer context(Map<String, String> context) { d.context = context; return this; }

        public Restorer intakeKey(@Nullable String intakeKey) { d.intakeKey = intakeKey; return this; }

        public Restorer status(Status status) { d.status = status; return this; }

        public Restorer pausedFrom(@Nullable Status pausedFrom) { d.pausedFrom = pausedFrom; return this; }

        public Restorer receivedAt(Instant receivedAt) { d.receivedAt = receivedAt; return this; }

        public Restorer updatedAt(Instant updatedAt) { d.updatedAt = updatedAt; return this; }

        public Restorer plannedUntil(@Nullable Instant plannedUntil) { d.plannedUntil = plannedUntil; return this; }

        public Restorer resolution(@Nullable String resolution) { d.resolution = resolution; return this; }

        public Restorer resolvedAt(@Nullable Instant resolvedAt) { d.resolvedAt = resolvedAt; return this; }

        public Restorer rejectionCount(int rejectionCount) { d.rejectionCount = rejectionCount; return this; }

        public Restorer lastRejectedAt(@Nullable Instant lastRejectedAt) { d.lastRejectedAt = lastRejectedAt; return this; }

        public Restorer recourseOffered(List<Recourse> recourseOffered) { d.recourseOffered = recourseOffered; return this; }

        public Restorer closureReason(@Nullable ClosureReason closureReason) { d.closureReason = closureReason; return this; }

        public Restorer closedAt(@Nullable Instant closedAt) { d.closedAt = closedAt; return this; }

        public Restorer cancellationReason(@Nullable String cancellationReason) { d.cancellationReason = cancellationReason; return this; }

        public Restorer appealCount(int appealCount) { d.appealCount = appealCount; return this; }

        public Restorer slaClocks(List<SlaClock> slaClocks) { d.slaClocks = slaClocks; return this; }

        public Restorer watchers(Set<StaffId> watchers) { d.watchers = watchers; return this; }

        public Restorer routingVersion(@Nullable Long routingVersion) { d.routingVersion = routingVersion; return this; }

        public Restorer possibleDuplicateOf(@Nullable FeedbackId possibleDuplicateOf) { d.possibleDuplicateOf = possibleDuplicateOf; return this; }

        public Restorer mergedInto(@Nullable FeedbackId mergedInto) { d.mergedInto = mergedInto; return this; }

        /** The rebuilt feedback; a {@link NullPointerException} names a required field left unset. */
        public Feedback build() {
            return d.build();
        }
    }

    /** A mutable copy used inside this package to derive the next state. */
    static final class Draft {
        @Nullable FeedbackId id;
        @Nullable TenantId tenant;
        @Nullable ReferenceNumber reference;
        long version;
        @Nullable FeedbackKind kind;
        @Nullable FeedbackTypeId type;
        @Nullable Priority priority;
        @Nullable Channel channel;
        @Nullable LocationId location;
        @Nullable SubjectId subject;
        @Nullable DepartmentId department;
        @Nullable StaffId assignee;
        @Nullable Customer customer;
        @Nullable String description;
        @Nullable String desiredRemedy;
        @Nullable String immediateAction;
        @Nullable Assessment assessment;
        @Nullable List<AttachmentRef> attachments;
        @Nullable Map<String, String> context;
        @Nullable String intakeKey;
        @Nullable Status status;
        @Nullable Status pausedFrom;
        @Nullable Instant receivedAt;
        @Nullable Instant updatedAt;
        @Nullable Instant plannedUntil;
        @Nullable String resolution;
        @Nullable Instant resolvedAt;
        int rejectionCount;
        @Nullable Instant lastRejectedAt;
        @Nullable List<Recourse> recourseOffered;
        @Nullable ClosureReason closureReason;
        @Nullable Instant closedAt;
        @Nullable String cancellationReason;
        int appealCount;
        @Nullable List<SlaClock> slaClocks;
        @Nullable Set<StaffId> watchers;
        @Nullable Long routingVersion;
        @Nullable FeedbackId possibleDuplicateOf;
        @Nullable FeedbackId mergedInto;

        Draft() {}

        Draft(Feedback f) {
            this.id = f.id;
            this.tenant = f.tenant;
            this.reference = f.reference;
            this.version = f.version;
            this.kind = f.kind;
            this.type = f.type;
            this.priority = f.priority;
            this.channel = f.channel;
            this.location = f.location;
            this.subject = f.subject;
            this.department = f.department;
            this.assignee = f.assignee;
            this.customer = f.customer;
            this.description = f.description;
            this.desiredRemedy = f.desiredRemedy;
            this.immediateAction = f.immediateAction;
            this.assessment = f.assessment;
            this.attachments = f.attachments;
            this.context = f.context;
            this.intakeKey = f.intakeKey;
            this.status = f.status;
            this.pausedFrom = f.pausedFrom;
            this.receivedAt = f.receivedAt;
            this.updatedAt = f.updatedAt;
            this.plannedUntil = f.plannedUntil;
            this.resolution = f.resolution;
            this.resolvedAt = f.resolvedAt;
            this.rejectionCount = f.rejectionCount;
            this.lastRejectedAt = f.lastRejectedAt;
            this.recourseOffered = f.recourseOffered;
            this.closureReason = f.closureReason;
            this.closedAt = f.closedAt;
            this.cancellationReason = f.cancellationReason;
            this.appealCount = f.appealCount;
            this.slaClocks = f.slaClocks;
            this.watchers = f.watchers;
            this.routingVersion = f.routingVersion;
            this.possibleDuplicateOf = f.possibleDuplicateOf;
            this.mergedInto = f.mergedInto;
        }

        Feedback build() {
            return new Feedback(this);
        }
    }
}
