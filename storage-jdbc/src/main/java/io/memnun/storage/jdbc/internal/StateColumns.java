package io.memnun.storage.jdbc.internal;

import static io.memnun.storage.jdbc.internal.Params.setInstant;
import static io.memnun.storage.jdbc.internal.Params.setString;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The columns of a feedback row that a change may write, each with how to bind it and how to tell whether two
 * states differ in it. Inserts bind all of them; an update whose base state is known binds only those that differ.
 */
final class StateColumns {
    /** How a column's value is bound from a feedback. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps, int index, Feedback f, ParsedColumns parsed) throws SQLException;
    }

    /**
     * One column.
     *
     * @param value the domain value the column is made from, compared with {@code equals} to detect a change
     */
    record Column(String name, boolean json, Function<Feedback, ?> value, Binder binder) {}

    private StateColumns() {}

    static final List<Column> ALL = List.of(
            column("version", Feedback::version, (ps, i, f, p) -> ps.setLong(i, f.version())),
            column("kind", Feedback::kind, (ps, i, f, p) -> ps.setString(i, f.kind().name())),
            column("type_id", Feedback::type, (ps, i, f, p) -> setString(ps, i, f.type().map(FeedbackTypeId::value).orElse(null))),
            column("priority", Feedback::priority, (ps, i, f, p) -> ps.setString(i, f.priority().name())),
            column("channel", Feedback::channel, (ps, i, f, p) -> ps.setString(i, f.channel().code())),
            column("location_id", Feedback::location, (ps, i, f, p) -> setString(ps, i, f.location().map(LocationId::value).orElse(null))),
            column("subject_id", Feedback::subject, (ps, i, f, p) -> setString(ps, i, f.subject().map(SubjectId::value).orElse(null))),
            column("department_id", Feedback::department, (ps, i, f, p) -> setString(ps, i, f.department().map(DepartmentId::value).orElse(null))),
            column("assignee_id", Feedback::assignee, (ps, i, f, p) -> setString(ps, i, f.assignee().map(StaffId::value).orElse(null))),
            column("customer_external_id", f -> f.customer().externalId(), (ps, i, f, p) -> setString(ps, i, f.customer().externalId())),
            column("customer_name", f -> f.customer().name(), (ps, i, f, p) -> setString(ps, i, f.customer().name())),
            column("customer_email", f -> f.customer().email(),
                    (ps, i, f, p) -> setString(ps, i, f.customer().email() == null ? null : f.customer().email().value())),
            column("customer_phone", f -> f.customer().phone(),
                    (ps, i, f, p) -> setString(ps, i, f.customer().phone() == null ? null : f.customer().phone().e164())),
            json("customer", Feedback::customer, (ps, i, f, p) -> ps.setString(i, p.writeCustomer(f.id(), f.customer()))),
            column("description", Feedback::description, (ps, i, f, p) -> ps.setString(i, f.description())),
            column("desired_remedy", Feedback::desiredRemedy, (ps, i, f, p) -> setString(ps, i, f.desiredRemedy().orElse(null))),
            column("immediate_action", Feedback::immediateAction, (ps, i, f, p) -> setString(ps, i, f.immediateAction().orElse(null))),
            json("assessment", Feedback::assessment, (ps, i, f, p) -> setString(ps, i, Json.assessment(f.assessment().orElse(null)))),
            json("attachments", Feedback::attachments, (ps, i, f, p) -> setString(ps, i, Json.attachments(f.attachments()))),
            json("context", Feedback::context, (ps, i, f, p) -> setString(ps, i, Json.map(f.context()))),
            column("status", Feedback::status, (ps, i, f, p) -> ps.setString(i, f.status().name())),
            column("paused_from", Feedback::pausedFrom, (ps, i, f, p) -> setString(ps, i, f.pausedFrom().map(Enum::name).orElse(null))),
            column("updated_at", micros(Feedback::updatedAt), (ps, i, f, p) -> setInstant(ps, i, f.updatedAt())),
            column("planned_until", micros(f -> f.plannedUntil().orElse(null)), (ps, i, f, p) -> setInstant(ps, i, f.plannedUntil().orElse(null))),
            column("resolution", Feedback::resolution, (ps, i, f, p) -> setString(ps, i, f.resolution().orElse(null))),
            column("resolved_at", micros(f -> f.resolvedAt().orElse(null)), (ps, i, f, p) -> setInstant(ps, i, f.resolvedAt().orElse(null))),
            column("rejection_count", Feedback::rejectionCount, (ps, i, f, p) -> ps.setInt(i, f.rejectionCount())),
            column("last_rejected_at", micros(f -> f.lastRejectedAt().orElse(null)),
                    (ps, i, f, p) -> setInstant(ps, i, f.lastRejectedAt().orElse(null))),
            json("recourse_offered", Feedback::recourseOffered, (ps, i, f, p) -> setString(ps, i, Json.recourse(f.recourseOffered()))),
            column("closure_reason", Feedback::closureReason, (ps, i, f, p) -> setString(ps, i, f.closureReason().map(Enum::name).orElse(null))),
            column("closed_at", micros(f -> f.closedAt().orElse(null)), (ps, i, f, p) -> setInstant(ps, i, f.closedAt().orElse(null))),
            column("cancellation_reason", Feedback::cancellationReason, (ps, i, f, p) -> setString(ps, i, f.cancellationReason().orElse(null))),
            column("appeal_count", Feedback::appealCount, (ps, i, f, p) -> ps.setInt(i, f.appealCount())),
            // schema version 2
            // plain text since schema 8: rewritten on every step and never queried inside, so jsonb's parse is waste
            column("sla_clocks", Feedback::slaClocks, (ps, i, f, p) -> setString(ps, i, p.writeClocks(f.id(), f.slaClocks()))),
            column("next_sla_check_at", micros(f -> f.nextSlaCheckAt().orElse(null)),
                    (ps, i, f, p) -> setInstant(ps, i, f.nextSlaCheckAt().orElse(null))),
            // schema version 3
            json("watchers", Feedback::watchers, (ps, i, f, p) -> setString(ps, i, Json.staff(f.watchers()))),
            column("routing_version", Feedback::routingVersion, (ps, i, f, p) -> {
                if (f.routingVersion().isPresent()) {
                    ps.setLong(i, f.routingVersion().get());
                } else {
                    ps.setNull(i, java.sql.Types.BIGINT);
                }
            }),
            column("possible_duplicate_of", Feedback::possibleDuplicateOf, (ps, i, f, p) -> setUuid(ps, i, f.possibleDuplicateOf())),
            column("merged_into", Feedback::mergedInto, (ps, i, f, p) -> setUuid(ps, i, f.mergedInto())),
            // schema version 21: the address as a person is looked up by it, in any case; written, never read back
            column("customer_email_key", f -> f.customer().email(),
                    (ps, i, f, p) -> setString(ps, i, f.customer().email() == null ? null : f.customer().email().matchKey())));

    static {
        if (ALL.size() > 63) {
            throw new IllegalStateException("changed-column masks are longs: at most 63 state columns");
        }
    }

    private static void setUuid(PreparedStatement ps, int i, Optional<FeedbackId> id) throws SQLException {
        if (id.isPresent()) {
            ps.setObject(i, id.get().value());
        } else {
            ps.setNull(i, java.sql.Types.OTHER);
        }
    }

    private static Column column(String name, Function<Feedback, ?> value, Binder binder) {
        return new Column(name, false, value, binder);
    }

    private static Column json(String name, Function<Feedback, ?> value, Binder binder) {
        return new Column(name, true, value, binder);
    }

    /** Compares instants as they are stored. */
    private static Function<Feedback, ?> micros(Function<Feedback, Instant> time) {
        return f -> {
            Instant t = time.apply(f);
            return t == null ? Optional.empty() : Params.micros(t);
        };
    }

    /** The columns in which {@code after} differs from {@code before}, as a bit mask over {@link #ALL}. */
    static long changed(Feedback before, Feedback after) {
        long mask = 0;
        for (int c = 0; c < ALL.size(); c++) {
            Function<Feedback, ?> value = ALL.get(c).value();
            if (!Objects.equals(value.apply(before), value.apply(after))) {
                mask |= 1L << c;
            }
        }
        return mask;
    }

    /** A mask of every column. */
    static long all() {
        return (1L << ALL.size()) - 1;
    }

    /**
     * Binds the columns in {@code mask} from {@code start}, remembering the texts of costly columns in {@code parsed};
     * returns the next parameter index.
     */
    static int bind(PreparedStatement ps, int start, Feedback f, long mask, ParsedColumns parsed) throws SQLException {
        int i = start;
        for (int c = 0; c < ALL.size(); c++) {
            if ((mask & (1L << c)) != 0) {
                ALL.get(c).binder().bind(ps, i++, f, parsed);
            }
        }
        return i;
    }
}
