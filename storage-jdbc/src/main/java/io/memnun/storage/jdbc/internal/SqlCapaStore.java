package io.memnun.storage.jdbc.internal;

import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaEventType;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaNumber;
import io.memnun.capa.CapaStatus;
import io.memnun.capa.CorrectiveAction;
import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.spi.CapaStore;
import io.memnun.spi.TransactionalOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import static io.memnun.storage.jdbc.internal.Params.getRequiredInstant;
import static io.memnun.storage.jdbc.internal.Params.setInstant;
import static io.memnun.storage.jdbc.internal.Params.setString;

/**
 * {@link CapaStore} on memnun's tables. A save writes the action's row and its event in one transaction; an update
 * is {@code UPDATE ... WHERE tenant = ? AND id = ? AND version = ?}, and when it changes nothing a second read tells
 * a missing action from a stale version. The action itself is one JSON document (read back exactly as written); its
 * version, status, department and the instant of its next escalation are columns for the queries.
 */
public final class SqlCapaStore implements CapaStore, TransactionalOutbox {
    private static final String ACTION_COLUMNS = "tenant, id, version, status, department_id, action, number";
    private static final String EVENT_COLUMNS = "capa_id, version, event_type, actor_kind, actor_id, occurred_at, note, from_status,"
            + " to_status, details";

    private final Transactions tx;
    private final SqlDialect dialect;
    private final Tables tables;
    private final SqlOutboxStore outbox;

    public SqlCapaStore(Transactions tx, SqlDialect dialect, Tables tables, SqlOutboxStore outbox) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** The outbox the messages about actions are written to, in the transaction of the change that causes them. */
    @Override
    public SqlOutboxStore outbox() {
        return outbox;
    }

    @Override
    public void save(CorrectiveAction action, long expectedVersion, CapaEvent event, List<Notification> messages) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(event, "event");
        List<Notification> batch = List.copyOf(messages);
        if (!event.capa().equals(action.id()) || event.version() != action.version()) {
            throw new IllegalArgumentException("the event must carry the action's id and new version " + action.version());
        }
        tx.write("save corrective action " + action.id(), c -> {
            if (expectedVersion == 0) {
                insert(c, action);
            } else {
                update(c, action, expectedVersion);
            }
            insertEvent(c, action.tenant(), event);
            if (!batch.isEmpty()) {
                outbox.insert(c, batch);
            }
            return null;
        });
    }

    private void insert(Connection c, CorrectiveAction a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.capa()
                + " (tenant, id, version, status, department_id, opened_at, updated_at, next_escalation_at, action, number)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + dialect.jsonParameter() + ", ?)")) {
            ps.setString(1, a.tenant().value());
            ps.setObject(2, a.id().value());
            ps.setLong(3, a.version());
            ps.setString(4, a.status().name());
            ps.setString(5, a.department().value());
            setInstant(ps, 6, a.openedAt());
            setInstant(ps, 7, a.updatedAt());
            setInstant(ps, 8, escalationColumn(a));
            ps.setString(9, CapaJson.action(a));
            setString(ps, 10, a.number() == null ? null : a.number().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)) {
                DuplicateKeyException d = SqlDialect.messages(e).contains("capa_number_uq")
                        ? new DuplicateKeyException("number", String.valueOf(a.number()))
                        : new DuplicateKeyException("id", a.id().toString());
                d.initCause(e);
                throw d;
            }
            throw e;
        }
    }

    private void update(Connection c, CorrectiveAction a, long expectedVersion) throws SQLException {
        int rows;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.capa() + " SET version = ?, status = ?, department_id = ?,"
                + " updated_at = ?, next_escalation_at = ?, action = " + dialect.jsonParameter()
                + " WHERE tenant = ? AND id = ? AND version = ?")) {
            ps.setLong(1, a.version());
            ps.setString(2, a.status().name());
            ps.setString(3, a.department().value());
            setInstant(ps, 4, a.updatedAt());
            setInstant(ps, 5, escalationColumn(a));
            ps.setString(6, CapaJson.action(a));
            ps.setString(7, a.tenant().value());
            ps.setObject(8, a.id().value());
            ps.setLong(9, expectedVersion);
            rows = ps.executeUpdate();
        } catch (SQLException e) {
            if (SqlFailure.of(e) == SqlFailure.CONCURRENT_UPDATE) {
                // H2: another transaction changed the row first, so the version this write is based on is gone
                throw new VersionConflictException(a.id().toString(), expectedVersion, expectedVersion + 1);
            }
            throw e;
        }
        if (rows == 1) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + tables.capa() + " WHERE tenant = ? AND id = ?")) {
            ps.setString(1, a.tenant().value());
            ps.setObject(2, a.id().value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("corrective action " + a.id() + " in tenant " + a.tenant());
                }
                throw new VersionConflictException(a.id().toString(), expectedVersion, rs.getLong(1));
            }
        }
    }

    /**
     * The escalation instant rounded up to the microsecond the column keeps, so that {@code next_escalation_at <= now}
     * never finds an action before it is due (at worst a microsecond late).
     */
    private static @Nullable Instant escalationColumn(CorrectiveAction a) {
        return a.nextEscalationAt().map(at -> {
            Instant micros = at.truncatedTo(ChronoUnit.MICROS);
            return micros.equals(at) ? at : micros.plus(1, ChronoUnit.MICROS);
        }).orElse(null);
    }

    private void insertEvent(Connection c, TenantId tenant, CapaEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.capaEvent() + " (tenant, " + EVENT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.jsonParameter() + ")")) {
            ps.setString(1, tenant.value());
            ps.setObject(2, e.capa().value());
            ps.setLong(3, e.version());
            ps.setString(4, e.type().name());
            ps.setString(5, e.actor().kind().name());
            ps.setString(6, e.actor().id());
            setInstant(ps, 7, e.at());
            setString(ps, 8, e.note());
            setString(ps, 9, e.from() == null ? null : e.from().name());
            ps.setString(10, e.to().name());
            setString(ps, 11, Json.map(e.details()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            if (dialect.isUniqueViolation(ex)) {
                // an event of this version exists although the row's version check passed: a row written around memnun
                throw new VersionConflictException(e.capa().toString(), e.version() - 1, e.version());
            }
            throw ex;
        }
    }

    @Override
    public Optional<CorrectiveAction> find(TenantId tenant, CapaId id) {
        return findOne("find corrective action " + id, tenant, "id", id.value());
    }

    @Override
    public Optional<CorrectiveAction> findByNumber(TenantId tenant, CapaNumber number) {
        Objects.requireNonNull(number, "number");
        return findOne("find corrective action " + number, tenant, "number", number.toString());
    }

    /** The tenant's action whose {@code column} (a unique key) holds {@code value}. */
    private Optional<CorrectiveAction> findOne(String what, TenantId tenant, String column, Object value) {
        return tx.read(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ACTION_COLUMNS + " FROM " + tables.capa()
                    + " WHERE tenant = ? AND " + column + " = ?")) {
                ps.setString(1, tenant.value());
                ps.setObject(2, value);
                List<CorrectiveAction> found = actions(ps);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<CapaEvent> history(TenantId tenant, CapaId id) {
        return tx.read("read the history of corrective action " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM " + tables.capaEvent()
                    + " WHERE tenant = ? AND capa_id = ? ORDER BY version")) {
                ps.setString(1, tenant.value());
                ps.setObject(2, id.value());
                List<CapaEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String from = rs.getString(8);
                        out.add(new CapaEvent(CapaId.of(rs.getObject(1, UUID.class)), rs.getLong(2), CapaEventType.valueOf(rs.getString(3)),
                                new Actor(Actor.Kind.valueOf(rs.getString(4)), rs.getString(5)), getRequiredInstant(rs, 6), rs.getString(7),
                                from == null ? null : CapaStatus.valueOf(from), CapaStatus.valueOf(rs.getString(9)),
                                Json.map(rs.getString(10))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<CorrectiveAction> open(TenantId tenant) {
        return tx.read("list open corrective actions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ACTION_COLUMNS + " FROM " + tables.capa()
                    + " WHERE tenant = ? AND status = ? ORDER BY opened_at, id")) {
                ps.setString(1, tenant.value());
                ps.setString(2, CapaStatus.OPEN.name());
                return actions(ps);
            }
        });
    }

    @Override
    public List<CorrectiveAction> dueForEscalation(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit <= 0) {
            return List.of();
        }
        return tx.read("list corrective actions due for escalation", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ACTION_COLUMNS + " FROM " + tables.capa()
                    + " WHERE next_escalation_at <= ? ORDER BY next_escalation_at, id LIMIT ?")) {
                setInstant(ps, 1, now);
                ps.setInt(2, limit);
                return actions(ps);
            }
        });
    }

    private static List<CorrectiveAction> actions(PreparedStatement ps) throws SQLException {
        List<CorrectiveAction> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String number = rs.getString(7);
                out.add(CapaJson.action(rs.getString(6), TenantId.of(rs.getString(1)), CapaId.of(rs.getObject(2, UUID.class)),
                        number == null ? null : CapaNumber.parse(number), rs.getLong(3), CapaStatus.valueOf(rs.getString(4)),
                        DepartmentId.of(rs.getString(5))));
            }
        }
        return out;
    }

}
