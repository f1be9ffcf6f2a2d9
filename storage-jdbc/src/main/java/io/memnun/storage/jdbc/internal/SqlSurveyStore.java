package io.memnun.storage.jdbc.internal;

import io.memnun.error.DuplicateKeyException;
import io.memnun.error.NotFoundException;
import io.memnun.error.VersionConflictException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.TenantId;
import io.memnun.notify.Notification;
import io.memnun.spi.SurveyStore;
import io.memnun.spi.TransactionalOutbox;
import io.memnun.survey.AlreadyAnsweredException;
import io.memnun.survey.Comment;
import io.memnun.survey.CommentId;
import io.memnun.survey.Invitation;
import io.memnun.survey.InvitationDelivery;
import io.memnun.survey.InvitationId;
import io.memnun.survey.Response;
import io.memnun.survey.ResponseId;
import io.memnun.survey.Survey;
import io.memnun.survey.SurveyAccess;
import io.memnun.survey.SurveyId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import static io.memnun.storage.jdbc.internal.Params.getInstant;
import static io.memnun.storage.jdbc.internal.Params.getRequiredInstant;
import static io.memnun.storage.jdbc.internal.Params.setInstant;
import static io.memnun.storage.jdbc.internal.Params.setString;

/**
 * {@link SurveyStore} on memnun's tables: survey versions, invitations, responses and comments. Answering an
 * invitation is a conditional {@code UPDATE ... WHERE answered_at IS NULL} in the same transaction as the response's
 * insert, so of two concurrent answers exactly one is stored; the database's row lock settles the race.
 */
public final class SqlSurveyStore implements SurveyStore, TransactionalOutbox {
    private static final String INVITATION_COLUMNS = "tenant, id, survey_id, survey_version, token_hash, issued_at, expires_at,"
            + " feedback_id, campaign, department_id, recipient, answered_at, delivery_state, delivery_at, delivery_message, delivery_detail";
    private static final String RESPONSE_COLUMNS = "tenant, id, survey_id, survey_version, invitation_id, feedback_id, department_id,"
            + " location_id, submitted_at, answers";
    private static final String COMMENT_COLUMNS = "tenant, id, comment_text, rating, feedback_id, response_id, location_id,"
            + " department_id, actor_kind, actor_id, given_at";
    /** {@link #COMMENT_COLUMNS} on alias {@code c}, for queries that join the comments with another table. */
    private static final String COMMENT_COLUMNS_OF_C = "c." + String.join(", c.", COMMENT_COLUMNS.split(", "));

    private final Transactions tx;
    private final SqlDialect dialect;
    private final Tables tables;
    private final SqlOutboxStore outbox;

    public SqlSurveyStore(Transactions tx, SqlDialect dialect, Tables tables, SqlOutboxStore outbox) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** The outbox a campaign invitation's messages are written to, in the invitation's transaction. */
    @Override
    public SqlOutboxStore outbox() {
        return outbox;
    }

    @Override
    public void saveSurvey(Survey survey) {
        Objects.requireNonNull(survey, "survey");
        tx.write("save survey " + survey.id() + " v" + survey.version(), c -> {
            int latest = 0;
            boolean exists = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT version FROM " + tables.survey()
                    + " WHERE tenant = ? AND survey_id = ? AND (version = ? OR version = (SELECT MAX(version) FROM " + tables.survey()
                    + " WHERE tenant = ? AND survey_id = ?))")) {
                ps.setString(1, survey.tenant().value());
                ps.setString(2, survey.id().value());
                ps.setInt(3, survey.version());
                ps.setString(4, survey.tenant().value());
                ps.setString(5, survey.id().value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int v = rs.getInt(1);
                        exists |= v == survey.version();
                        latest = Math.max(latest, v);
                    }
                }
            }
            if (exists) {
                throw duplicateVersion(survey, null);
            }
            if (survey.version() != latest + 1) {
                throw new VersionConflictException("survey " + survey.id(), survey.version() - 1L, latest);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.survey()
                    + " (tenant, survey_id, version, definition, published_at, access) VALUES (?, ?, ?, " + dialect.jsonParameter() + ", ?, ?)")) {
                ps.setString(1, survey.tenant().value());
                ps.setString(2, survey.id().value());
                ps.setInt(3, survey.version());
                ps.setString(4, SurveyJson.definition(survey));
                setInstant(ps, 5, survey.publishedAt());
                ps.setString(6, survey.access().name());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isUniqueViolation(e)) {
                    // another node published the same version meanwhile
                    throw duplicateVersion(survey, e);
                }
                throw e;
            }
            return null;
        });
    }

    private static void bindDelivery(PreparedStatement ps, int from, @Nullable InvitationDelivery d) throws SQLException {
        setString(ps, from, d == null ? null : d.state().name());
        setInstant(ps, from + 1, d == null ? null : d.at());
        setUuid(ps, from + 2, d == null ? null : d.message());
        setString(ps, from + 3, d == null ? null : d.detail());
    }

    @Override
    public Optional<Invitation> findInvitation(TenantId tenant, InvitationId id) {
        return tx.read("find survey invitation " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INVITATION_COLUMNS + " FROM " + tables.surveyInvitation()
                    + " WHERE tenant = ? AND id = ?")) {
                ps.setString(1, tenant.value());
                ps.setObject(2, id.value());
                return first(invitations(ps));
            }
        });
    }

    @Override
    public boolean withdrawInvitation(TenantId tenant, InvitationId id) {
        Objects.requireNonNull(id, "id");
        return tx.statement("withdraw survey invitation " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tables.surveyInvitation()
                    + " WHERE tenant = ? AND id = ? AND answered_at IS NULL")) {
                ps.setString(1, tenant.value());
                ps.setObject(2, id.value());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean recordDelivery(TenantId tenant, InvitationId id, InvitationDelivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        return tx.statement("record the delivery of survey invitation " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.surveyInvitation() + " SET delivery_state = ?, delivery_at = ?,"
                    + " delivery_message = ?, delivery_detail = ? WHERE tenant = ? AND id = ?")) {
                bindDelivery(ps, 1, delivery);
                ps.setString(5, tenant.value());
                ps.setObject(6, id.value());
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static DuplicateKeyException duplicateVersion(Survey survey, @Nullable SQLException cause) {
        DuplicateKeyException d = new DuplicateKeyException("surveyVersion", survey.id() + " v" + survey.version());
        if (cause != null) {
            d.initCause(cause);
        }
        return d;
    }

    @Override
    public Optional<Survey> findSurvey(TenantId tenant, SurveyId id, int version) {
        return tx.read("find survey " + id + " v" + version, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, definition, published_at, access FROM " + tables.survey()
                    + " WHERE tenant = ? AND survey_id = ? AND version = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, id.value());
                ps.setInt(3, version);
                return readSurvey(ps, tenant, id);
            }
        });
    }

    @Override
    public Optional<Survey> latestSurvey(TenantId tenant, SurveyId id) {
        return tx.read("find survey " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT version, definition, published_at, access FROM " + tables.survey()
                    + " WHERE tenant = ? AND survey_id = ? ORDER BY version DESC LIMIT 1")) {
                ps.setString(1, tenant.value());
                ps.setString(2, id.value());
                return readSurvey(ps, tenant, id);
            }
        });
    }

    private static Optional<Survey> readSurvey(PreparedStatement ps, TenantId tenant, SurveyId id) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            SurveyJson.Definition d = SurveyJson.definition(rs.getString(2));
            return Optional.of(new Survey(tenant, id, rs.getInt(1), d.title(), d.questions(), getRequiredInstant(rs, 3),
                    SurveyAccess.valueOf(rs.getString(4))));
        }
    }

    @Override
    public void saveInvitation(Invitation i, List<Notification> messages) {
        Objects.requireNonNull(i, "invitation");
        List<Notification> batch = List.copyOf(messages);
        tx.write("save survey invitation " + i.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.surveyInvitation() + " (" + INVITATION_COLUMNS
                    + ", recipient_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, i.tenant().value());
                ps.setObject(2, i.id().value());
                ps.setString(3, i.survey().value());
                ps.setInt(4, i.surveyVersion());
                ps.setString(5, i.tokenHash());
                setInstant(ps, 6, i.issuedAt());
                setInstant(ps, 7, i.expiresAt());
                setUuid(ps, 8, i.feedback() == null ? null : i.feedback().value());
                setString(ps, 9, i.campaign());
                setString(ps, 10, i.department() == null ? null : i.department().value());
                setString(ps, 11, i.recipient());
                setInstant(ps, 12, i.answeredAt());
                bindDelivery(ps, 13, i.delivery());
                // the recipient as it is looked up (an address in any case is one person), beside it as it was written
                setString(ps, 17, i.recipient() == null ? null : EmailAddress.matchKeyOf(i.recipient()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isUniqueViolation(e)) {
                    String text = SqlDialect.messages(e);
                    // neither the token's hash nor the recipient, a person's address (the caller has both in hand), and
                    // for those not the driver's exception as the cause either: its text quotes the key, and a log
                    // prints causes
                    if (text.contains("survey_invitation_token_uq")) {
                        throw new DuplicateKeyException("tokenHash", "invitation " + i.id() + " has the token hash of another");
                    }
                    if (text.contains("survey_invitation_campaign_uq")) {
                        throw new DuplicateKeyException("campaign", "invitation " + i.id() + ": its recipient is already invited to "
                                + i.survey() + " in " + i.campaign());
                    }
                    DuplicateKeyException d = text.contains("survey_invitation_feedback_uq")
                            ? new DuplicateKeyException("feedback", i.feedback() + " already invited to " + i.survey())
                            : new DuplicateKeyException("id", i.id().toString());
                    d.initCause(e);
                    throw d;
                }
                throw e;
            }
            if (!batch.isEmpty()) {
                outbox.insert(c, batch);
            }
            return null;
        });
    }

    @Override
    public Optional<Invitation> findInvitation(TenantId tenant, String tokenHash) {
        return tx.read("find survey invitation", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INVITATION_COLUMNS + " FROM " + tables.surveyInvitation()
                    + " WHERE tenant = ? AND token_hash = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, tokenHash);
                return first(invitations(ps));
            }
        });
    }

    @Override
    public Optional<Invitation> invitationFor(TenantId tenant, SurveyId survey, FeedbackId feedback) {
        return tx.read("find survey invitation for " + feedback, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INVITATION_COLUMNS + " FROM " + tables.surveyInvitation()
                    + " WHERE tenant = ? AND survey_id = ? AND feedback_id = ?")) {
                ps.setString(1, tenant.value());
                ps.setString(2, survey.value());
                ps.setObject(3, feedback.value());
                return first(invitations(ps));
            }
        });
    }

    @Override
    public List<Invitation> invitations(TenantId tenant, Instant from, Instant to) {
        return tx.read("list survey invitations", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INVITATION_COLUMNS + " FROM " + tables.surveyInvitation()
                    + " WHERE tenant = ? AND issued_at >= ? AND issued_at < ? ORDER BY issued_at, id")) {
                bindRange(ps, tenant, from, to);
                return invitations(ps);
            }
        });
    }

    @Override
    public List<Invitation> campaignInvitationsTo(TenantId tenant, String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        return tx.read("list a recipient's campaign invitations", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INVITATION_COLUMNS + " FROM " + tables.surveyInvitation()
                    + " WHERE tenant = ? AND recipient_key = ? AND campaign IS NOT NULL ORDER BY issued_at, id")) {
                ps.setString(1, tenant.value());
                ps.setString(2, EmailAddress.matchKeyOf(recipient));
                return invitations(ps);
            }
        });
    }

    @Override
    public int forgetCampaignRecipient(TenantId tenant, String recipient, String placeholder) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(placeholder, "placeholder");
        return tx.statement("forget a campaign recipient", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.surveyInvitation() + " SET recipient = NULL, recipient_key = NULL,"
                    + " delivery_detail = CASE WHEN delivery_detail IS NULL THEN NULL ELSE ? END"
                    + " WHERE tenant = ? AND recipient_key = ? AND campaign IS NOT NULL")) {
                ps.setString(1, placeholder);
                ps.setString(2, tenant.value());
                ps.setString(3, EmailAddress.matchKeyOf(recipient));
                return ps.executeUpdate();
            }
        });
    }

    private static List<Invitation> invitations(PreparedStatement ps) throws SQLException {
        List<Invitation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                UUID feedback = rs.getObject(8, UUID.class);
                String dept = rs.getString(10);
                out.add(new Invitation(InvitationId.of(rs.getObject(2, UUID.class)), TenantId.of(rs.getString(1)), SurveyId.of(rs.getString(3)),
                        rs.getInt(4), rs.getString(5), getRequiredInstant(rs, 6), getRequiredInstant(rs, 7),
                        feedback == null ? null : FeedbackId.of(feedback), rs.getString(9), dept == null ? null : DepartmentId.of(dept),
                        rs.getString(11), getInstant(rs, 12), delivery(rs, 13)));
            }
        }
        return out;
    }

    private static @Nullable InvitationDelivery delivery(ResultSet rs, int from) throws SQLException {
        String state = rs.getString(from);
        if (state == null) {
            return null;
        }
        return new InvitationDelivery(InvitationDelivery.State.valueOf(state), getRequiredInstant(rs, from + 1),
                rs.getObject(from + 2, UUID.class), rs.getString(from + 3));
    }

    @Override
    public void saveResponse(Response r) {
        Objects.requireNonNull(r, "response");
        tx.write("save survey response " + r.id(), c -> {
            InvitationId invitation = r.invitation();
            if (invitation != null) {
                markAnswered(c, r, invitation);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.surveyResponse() + " (" + RESPONSE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " + dialect.jsonParameter() + ")")) {
                ps.setString(1, r.tenant().value());
                ps.setObject(2, r.id().value());
                ps.setString(3, r.survey().value());
                ps.setInt(4, r.surveyVersion());
                setUuid(ps, 5, invitation == null ? null : invitation.value());
                setUuid(ps, 6, r.feedback() == null ? null : r.feedback().value());
                setString(ps, 7, r.department() == null ? null : r.department().value());
                setString(ps, 8, r.location() == null ? null : r.location().value());
                setInstant(ps, 9, r.submittedAt());
                ps.setString(10, SurveyJson.answers(r.answers()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isUniqueViolation(e)) {
                    DuplicateKeyException d = new DuplicateKeyException("id", r.id().toString());
                    d.initCause(e);
                    throw d;
                }
                throw e;
            }
            return null;
        });
    }

    /**
     * Marks the invitation answered unless it already is. A concurrent answer holds the row's lock until it
     * commits; then this update finds the row answered and changes nothing.
     */
    private void markAnswered(Connection c, Response r, InvitationId invitation) throws SQLException {
        int rows;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.surveyInvitation()
                + " SET answered_at = ? WHERE tenant = ? AND id = ? AND answered_at IS NULL")) {
            setInstant(ps, 1, r.submittedAt());
            ps.setString(2, r.tenant().value());
            ps.setObject(3, invitation.value());
            rows = ps.executeUpdate();
        } catch (SQLException e) {
            // H2 undid only the statement: another transaction changed the row first, which a delivery record, an
            // anonymisation or a forgotten recipient do as well as an answer, so only the row can tell which
            if (SqlFailure.of(e) == SqlFailure.CONCURRENT_UPDATE && Boolean.TRUE.equals(answered(c, r.tenant(), invitation))) {
                throw new AlreadyAnsweredException(invitation);
            }
            throw e;
        }
        if (rows == 1) {
            return;
        }
        if (answered(c, r.tenant(), invitation) == null) {
            throw new NotFoundException("invitation " + invitation + " in tenant " + r.tenant());
        }
        throw new AlreadyAnsweredException(invitation);
    }

    /** Whether the invitation is answered; null when it does not exist. */
    private @Nullable Boolean answered(Connection c, TenantId tenant, InvitationId invitation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT answered_at FROM " + tables.surveyInvitation()
                + " WHERE tenant = ? AND id = ?")) {
            ps.setString(1, tenant.value());
            ps.setObject(2, invitation.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) != null : null;
            }
        }
    }

    @Override
    public Optional<Response> findResponse(TenantId tenant, ResponseId id) {
        Objects.requireNonNull(id, "id");
        return tx.read("find survey response " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RESPONSE_COLUMNS + " FROM " + tables.surveyResponse()
                    + " WHERE tenant = ? AND id = ?")) {
                ps.setString(1, tenant.value());
                ps.setObject(2, id.value());
                return first(responses(ps, tenant));
            }
        });
    }

    @Override
    public List<Response> responses(TenantId tenant, Instant from, Instant to) {
        return inPeriod("list survey responses", tables.surveyResponse(), RESPONSE_COLUMNS, "submitted_at", tenant, from, to,
                SqlSurveyStore::responses);
    }

    @Override
    public List<Response> responsesFor(TenantId tenant, FeedbackId feedback) {
        return aboutFeedback("list the survey responses about ", tables.surveyResponse(), RESPONSE_COLUMNS, "submitted_at", tenant, feedback,
                SqlSurveyStore::responses);
    }

    /** A reader of the rows a prepared query selects. */
    @FunctionalInterface
    private interface Rows<T> {
        List<T> read(PreparedStatement ps, TenantId tenant) throws SQLException;
    }

    /** The rows of {@code table} whose {@code time} falls in [from, to), in that order then id. */
    private <T> List<T> inPeriod(String what, String table, String columns, String time, TenantId tenant, Instant from, Instant to,
            Rows<T> rows) {
        return tx.read(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table
                    + " WHERE tenant = ? AND " + time + " >= ? AND " + time + " < ? ORDER BY " + time + ", id")) {
                bindRange(ps, tenant, from, to);
                return rows.read(ps, tenant);
            }
        });
    }

    /** The rows of {@code table} about one feedback, in {@code order} then id. */
    private <T> List<T> aboutFeedback(String what, String table, String columns, String order, TenantId tenant, FeedbackId feedback,
            Rows<T> rows) {
        return tx.read(what + feedback, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table
                    + " WHERE tenant = ? AND feedback_id = ? ORDER BY " + order + ", id")) {
                ps.setString(1, tenant.value());
                setUuid(ps, 2, feedback.value());
                return rows.read(ps, tenant);
            }
        });
    }

    private static List<Response> responses(PreparedStatement ps, TenantId tenant) throws SQLException {
        List<Response> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                UUID invitation = rs.getObject(5, UUID.class);
                UUID feedback = rs.getObject(6, UUID.class);
                String dept = rs.getString(7);
                String location = rs.getString(8);
                out.add(new Response(ResponseId.of(rs.getObject(2, UUID.class)), tenant, SurveyId.of(rs.getString(3)), rs.getInt(4),
                        invitation == null ? null : InvitationId.of(invitation), feedback == null ? null : FeedbackId.of(feedback),
                        dept == null ? null : DepartmentId.of(dept), location == null ? null : LocationId.of(location),
                        getRequiredInstant(rs, 9), SurveyJson.answers(rs.getString(10))));
            }
        }
        return out;
    }

    @Override
    public void saveComment(Comment cm) {
        Objects.requireNonNull(cm, "comment");
        tx.statement("save comment " + cm.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.surveyComment() + " (" + COMMENT_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, cm.tenant().value());
                ps.setObject(2, cm.id().value());
                ps.setString(3, cm.text());
                if (cm.rating() == null) {
                    ps.setNull(4, Types.INTEGER);
                } else {
                    ps.setInt(4, cm.rating());
                }
                setUuid(ps, 5, cm.feedback() == null ? null : cm.feedback().value());
                setUuid(ps, 6, cm.response() == null ? null : cm.response().value());
                setString(ps, 7, cm.location() == null ? null : cm.location().value());
                setString(ps, 8, cm.department() == null ? null : cm.department().value());
                ps.setString(9, cm.recordedBy().kind().name());
                ps.setString(10, cm.recordedBy().id());
                setInstant(ps, 11, cm.at());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isUniqueViolation(e)) {
                    DuplicateKeyException d = new DuplicateKeyException("id", cm.id().toString());
                    d.initCause(e);
                    throw d;
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public List<Comment> comments(TenantId tenant, Instant from, Instant to) {
        return inPeriod("list comments", tables.surveyComment(), COMMENT_COLUMNS, "given_at", tenant, from, to,
                SqlSurveyStore::comments);
    }

    @Override
    public List<Comment> commentsFor(TenantId tenant, FeedbackId feedback) {
        return tx.read("list the comments about " + feedback, c -> {
            try (PreparedStatement ps = c.prepareStatement(commentsAboutFeedback(COMMENT_COLUMNS_OF_C) + " ORDER BY given_at, id")) {
                bindCommentsAboutFeedback(ps, tenant, feedback);
                return comments(ps, tenant);
            }
        });
    }

    /**
     * A query of the tenant's comments about a feedback, {@code columns} of each (on alias {@code c}): those that name
     * it, and those given with a response that follows it up. Two index look-ups joined by a union rather than one
     * condition with OR, which H2 answers by reading all of the tenant's comments. {@link #bindCommentsAboutFeedback}
     * binds its parameters.
     */
    private String commentsAboutFeedback(String columns) {
        return "SELECT " + columns + " FROM " + tables.surveyComment() + " c WHERE c.tenant = ? AND c.feedback_id = ?"
                + " UNION SELECT " + columns + " FROM " + tables.surveyResponse() + " r JOIN " + tables.surveyComment()
                + " c ON c.tenant = r.tenant AND c.response_id = r.id WHERE r.tenant = ? AND r.feedback_id = ?";
    }

    private static void bindCommentsAboutFeedback(PreparedStatement ps, TenantId tenant, FeedbackId feedback) throws SQLException {
        for (int i = 1; i <= 3; i += 2) {
            ps.setString(i, tenant.value());
            setUuid(ps, i + 1, feedback.value());
        }
    }

    private static List<Comment> comments(PreparedStatement ps, TenantId tenant) throws SQLException {
        List<Comment> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int rating = rs.getInt(4);
                Integer ratingOrNull = rs.wasNull() ? null : rating;
                UUID feedback = rs.getObject(5, UUID.class);
                UUID response = rs.getObject(6, UUID.class);
                String location = rs.getString(7);
                String dept = rs.getString(8);
                out.add(new Comment(CommentId.of(rs.getObject(2, UUID.class)), tenant, rs.getString(3), ratingOrNull,
                        feedback == null ? null : FeedbackId.of(feedback), response == null ? null : ResponseId.of(response),
                        location == null ? null : LocationId.of(location), dept == null ? null : DepartmentId.of(dept),
                        new Actor(Actor.Kind.valueOf(rs.getString(9)), rs.getString(10)), getRequiredInstant(rs, 11)));
            }
        }
        return out;
    }

    @Override
    public int redact(TenantId tenant, FeedbackId feedback, String placeholder) {
        Objects.requireNonNull(placeholder, "placeholder");
        return tx.write("redact the survey text about " + feedback, c -> {
            int changed = 0;
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.surveyInvitation()
                    + " SET recipient = NULL, recipient_key = NULL WHERE tenant = ? AND feedback_id = ? AND recipient IS NOT NULL")) {
                ps.setString(1, tenant.value());
                setUuid(ps, 2, feedback.value());
                changed += ps.executeUpdate();
            }
            List<Response> responses;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RESPONSE_COLUMNS + " FROM " + tables.surveyResponse()
                    + " WHERE tenant = ? AND feedback_id = ?")) {
                ps.setString(1, tenant.value());
                setUuid(ps, 2, feedback.value());
                responses = responses(ps, tenant);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.surveyResponse() + " SET answers = " + dialect.jsonParameter()
                    + " WHERE tenant = ? AND id = ?")) {
                for (Response r : responses) {
                    Response blanked = r.withTextAnswers(placeholder);
                    if (!blanked.equals(r)) {
                        ps.setString(1, SurveyJson.answers(blanked.answers()));
                        ps.setString(2, tenant.value());
                        setUuid(ps, 3, r.id().value());
                        changed += ps.executeUpdate();
                    }
                }
            }
            List<UUID> comments = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(commentsAboutFeedback("c.id"))) {
                bindCommentsAboutFeedback(ps, tenant, feedback);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        comments.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.surveyComment()
                    + " SET comment_text = ? WHERE tenant = ? AND id = ?")) {
                for (UUID id : comments) {
                    ps.setString(1, placeholder);
                    ps.setString(2, tenant.value());
                    setUuid(ps, 3, id);
                    changed += ps.executeUpdate();
                }
            }
            return changed;
        });
    }

    private static void bindRange(PreparedStatement ps, TenantId tenant, Instant from, Instant to) throws SQLException {
        ps.setString(1, tenant.value());
        setInstant(ps, 2, from);
        setInstant(ps, 3, to);
    }

    private static void setUuid(PreparedStatement ps, int index, @Nullable UUID value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.OTHER);
        } else {
            ps.setObject(index, value);
        }
    }


    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }
}
