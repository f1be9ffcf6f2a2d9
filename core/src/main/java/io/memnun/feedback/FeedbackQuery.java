package io.memnun.feedback;

import io.memnun.error.ValidationException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Criteria for finding feedback within one tenant, with keyset paging. Every criterion left unset matches
 * everything; set criteria are combined with AND. Results come in a stable order: by receipt time, then id as
 * an unsigned 128-bit number ({@link Order#OLDEST_FIRST} by default; see {@link Cursor#ORDER}), so pages never
 * skip or repeat an entry while others are added.
 *
 * @param after the cursor of the previous page ({@link Page#next()}), or {@code null} for the first page
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 */
public record FeedbackQuery(
        TenantId tenant,
        Set<Status> statuses,
        Set<FeedbackKind> kinds,
        @Nullable DepartmentId department,
        @Nullable StaffId assignee,
        @Nullable SubjectId subject,
        @Nullable LocationId location,
        @Nullable Channel channel,
        @Nullable Instant receivedFrom,
        @Nullable Instant receivedBefore,
        @Nullable String customerExternalId,
        @Nullable EmailAddress customerEmail,
        @Nullable PhoneNumber customerPhone,
        Order order,
        @Nullable Cursor after,
        int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 50;

    public enum Order {
        OLDEST_FIRST,
        NEWEST_FIRST
    }

    public FeedbackQuery {
        Objects.requireNonNull(tenant, "tenant");
        // unmodifiable copies that stay enum sets: a store asks each constant whether it is in, on every query
        statuses = statuses.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(statuses));
        kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        Objects.requireNonNull(order, "order");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (receivedFrom != null && receivedBefore != null && !receivedFrom.isBefore(receivedBefore)) {
            throw new ValidationException("receivedBefore", "must be after receivedFrom");
        }
    }

    public static Builder builder(TenantId tenant) {
        return new Builder(tenant);
    }

    /** True when {@code f} meets every criterion (the cursor and limit aside). */
    public boolean matches(Feedback f) {
        return f.tenant().equals(tenant)
                && (statuses.isEmpty() || statuses.contains(f.status()))
                && (kinds.isEmpty() || kinds.contains(f.kind()))
                && (department == null || department.equals(f.department().orElse(null)))
                && (assignee == null || assignee.equals(f.assignee().orElse(null)))
                && (subject == null || subject.equals(f.subject().orElse(null)))
                && (location == null || location.equals(f.location().orElse(null)))
                && (channel == null || channel.equals(f.channel()))
                && (receivedFrom == null || !f.receivedAt().isBefore(receivedFrom))
                && (receivedBefore == null || f.receivedAt().isBefore(receivedBefore))
                && (customerExternalId == null || customerExternalId.equals(f.customer().externalId()))
                && (customerEmail == null || f.customer().email() != null && customerEmail.matchKey().equals(f.customer().email().matchKey()))
                && (customerPhone == null || customerPhone.equals(f.customer().phone()));
    }

    /** The same query for the page after {@code cursor}. */
    public FeedbackQuery after(Cursor cursor) {
        return new FeedbackQuery(tenant, statuses, kinds, department, assignee, subject, location, channel, receivedFrom,
                receivedBefore, customerExternalId, customerEmail, customerPhone, order, cursor, limit);
    }

    /** The same query narrowed to {@code d}'s feedback. */
    public FeedbackQuery withDepartment(DepartmentId d) {
        return new FeedbackQuery(tenant, statuses, kinds, Objects.requireNonNull(d, "department"), assignee, subject, location, channel,
                receivedFrom, receivedBefore, customerExternalId, customerEmail, customerPhone, order, after, limit);
    }

    public static final class Builder {
        private final TenantId tenant;
        private final Set<Status> statuses = EnumSet.noneOf(Status.class);
        private final Set<FeedbackKind> kinds = EnumSet.noneOf(FeedbackKind.class);
        private @Nullable DepartmentId department;
        private @Nullable StaffId assignee;
        private @Nullable SubjectId subject;
        private @Nullable LocationId location;
        private @Nullable Channel channel;
        private @Nullable Instant receivedFrom;
        private @Nullable Instant receivedBefore;
        private @Nullable String customerExternalId;
        private @Nullable EmailAddress customerEmail;
        private @Nullable PhoneNumber customerPhone;
        private Order order = Order.OLDEST_FIRST;
        private @Nullable Cursor after;
        private int limit = DEFAULT_LIMIT;

        private Builder(TenantId tenant) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
        }

        public Builder status(Status... statuses) {
            this.statuses.addAll(Set.of(statuses));
            return this;
        }

        /** Only feedback still open (not closed, not cancelled). */
        public Builder open() {
            for (Status s : Status.values()) {
                if (s.isOpen()) {
                    statuses.add(s);
                }
            }
            return this;
        }

        public Builder kind(FeedbackKind... kinds) {
            this.kinds.addAll(Set.of(kinds));
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

        public Builder subject(@Nullable SubjectId subject) {
            this.subject = subject;
            return this;
        }

        public Builder location(@Nullable LocationId location) {
            this.location = location;
            return this;
        }

        public Builder channel(@Nullable Channel channel) {
            this.channel = channel;
            return this;
        }

        /** Received at or after {@code from} and before {@code before}; either may be {@code null}. */
        public Builder receivedBetween(@Nullable Instant from, @Nullable Instant before) {
            this.receivedFrom = from;
            this.receivedBefore = before;
            return this;
        }

        public Builder customerExternalId(@Nullable String externalId) {
            this.customerExternalId = externalId;
            return this;
        }

        /** The feedback of the customer with this address, written in any case ({@link EmailAddress#matchKey()}). */
        public Builder customerEmail(@Nullable EmailAddress email) {
            this.customerEmail = email;
            return this;
        }

        public Builder customerPhone(@Nullable PhoneNumber phone) {
            this.customerPhone = phone;
            return this;
        }

        public Builder order(Order order) {
            this.order = order;
            return this;
        }

        public Builder after(@Nullable Cursor after) {
            this.after = after;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public FeedbackQuery build() {
            return new FeedbackQuery(tenant, statuses, kinds, department, assignee, subject, location, channel,
                    receivedFrom, receivedBefore, customerExternalId, customerEmail, customerPhone, order, after, limit);
        }
    }
}
