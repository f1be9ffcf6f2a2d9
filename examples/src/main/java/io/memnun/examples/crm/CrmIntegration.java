package io.memnun.examples.crm;

import io.memnun.FeedbackDesk;
import io.memnun.NotificationDispatcher;
import io.memnun.Notifications;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.routing.AssigneeStrategy;
import io.memnun.routing.Condition;
import io.memnun.routing.Router;
import io.memnun.routing.RoutingRule;
import io.memnun.routing.RuleSet;
import io.memnun.storage.jdbc.JdbcStorage;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * How an existing CRM embeds memnun: memnun's tables live in the CRM's own database and its writes join the CRM's
 * transactions; the CRM's users and teams are memnun's staff and departments, and the CRM's permission decides who
 * may resolve; memnun's messages go into the CRM's activity feed; a lifecycle listener keeps the CRM's case table
 * in step.
 */
public final class CrmIntegration {
    static final TenantId TENANT = TenantId.of("acme-crm");

    /** What happened, for the caller (and the test) to check. */
    public record Outcome(String reference, String status, boolean failedCallLeftNothing, boolean agentMayNotResolve) {}

    private CrmIntegration() {}

    public static void main(String[] args) throws SQLException {
        JdbcDataSource crmDatabase = new JdbcDataSource(); // in a real CRM: its connection pool
        crmDatabase.setURL("jdbc:h2:mem:crm;DB_CLOSE_DELAY=-1");
        Outcome outcome = run(crmDatabase, System.out);
        System.out.println(outcome);
    }

    public static Outcome run(DataSource dataSource, PrintStream out) throws SQLException {
        CrmDatabase crm = new CrmDatabase(dataSource);
        crm.createSchema();

        // memnun beside the CRM's tables, in the same database
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix("memnun_").migrateOnStart(true).build();
        CrmDirectory directory = new CrmDirectory(crm);
        directory.syncCatalog(storage.catalogStore(), TENANT);
        Router router = Router.builder().catalogs(storage.catalogStore()).ruleSets(storage.ruleSetStore()).build();
        router.activate(TENANT, RuleSet.builder()
                .rule(RoutingRule.builder("billing").when(Condition.keywords("fatura", "ödeme", "invoice"))
                        .department("billing").assign(AssigneeStrategy.leastLoad()))
                .rule(RoutingRule.builder("default").department("support").assign(AssigneeStrategy.leastLoad()))
                .build());
        FeedbackDesk desk = FeedbackDesk.builder()
                .store(storage.feedbackStore())
                .router(router)
                .notifications(Notifications.builder("Acme Müşteri Hizmetleri").directory(directory).zone(ZoneId.of("Europe/Istanbul")).build())
                .listener(new CaseSync(crm))
                .build();
        ActivityFeedChannel feed = new ActivityFeedChannel(crm);
        NotificationDispatcher dispatcher = desk.notificationDispatcher()
                .channel(ContactChannel.EMAIL, feed)
                .channel(ContactChannel.SMS, feed)
                .build();

        // an agent logs a customer's call and records the complaint in one CRM transaction
        Feedback complaint = crm.inTransaction(c -> {
            logCall(c, "acme-ltd", "u-101", "Müşteri faturada çift ücretlendirmeden şikâyetçi");
            return storage.withConnection(c, () -> desk.receive(intake("crm-call-1",
                    "Ekim faturasında aynı hizmet iki kez ücretlendirilmiş.")));
        });
        out.println("Recorded " + complaint.reference() + ", routed to " + complaint.department().orElseThrow()
                + ", assigned to " + complaint.assignee().orElseThrow());

        // the same, but the CRM fails after memnun wrote: the rollback takes the complaint, its history and its
        // messages with it, and the CRM's own call record and case row
        try {
            crm.inTransaction(c -> {
                logCall(c, "acme-ltd", "u-101", "İkinci arama");
                storage.withConnection(c, () -> desk.receive(intake("crm-call-2", "Fatura adresi yanlış.")));
                throw new IllegalStateException("the CRM refused the call record");
            });
        } catch (IllegalStateException expected) {
            out.println("Second call rolled back: " + expected.getMessage());
        }
        boolean failedCallLeftNothing = desk.findByIntakeKey(TENANT, "crm-call-2").isEmpty() && count(dataSource, "crm_call") == 1;

        // the CRM's permission decides who may resolve: the agent may not, the billing lead may
        boolean agentMayNotResolve = !directory.canResolve("u-101");
        String resolver = complaint.assignee().orElseThrow().value();
        if (!directory.canResolve(resolver)) {
            throw new IllegalStateException(resolver + " may not resolve complaints in the CRM");
        }
        desk.take(TENANT, complaint.reference(), Actor.staff(resolver));
        desk.resolve(TENANT, complaint.reference(), Actor.staff(resolver), "Fazla alınan tutar iade edildi.");
        Feedback closed = desk.accept(TENANT, complaint.reference(), "Teşekkürler");
        dispatcher.tick(); // from the CRM's scheduler; posts every planned message into the activity feed

        out.println();
        out.println("CRM case: " + query(dataSource, "select reference || ' ' || status || ' ' || last_event from crm_case"));
        out.println("CRM activity feed:");
        for (String line : query(dataSource, "select account || ' [' || kind || '] ' || replace(body, chr(10), ' / ') from crm_activity order by id")) {
            out.println("  " + line);
        }
        return new Outcome(closed.reference().toString(), closed.status().name(), failedCallLeftNothing, agentMayNotResolve);
    }

    private static Intake intake(String callId, String text) {
        return Intake.builder(TENANT, FeedbackKind.COMPLAINT, Channel.PHONE, text)
                .intakeKey(callId) // the CRM's call id: recording the same call twice gives one complaint
                .customer(Customer.builder().externalId("acme-ltd").name("Acme Ltd. (Zeynep Kara)").email("zeynep.kara@acme.example").build())
                .recordedBy(Actor.staff("u-101"))
                .build();
    }

    private static void logCall(Connection c, String account, String agent, String summary) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into crm_call (account, agent, summary, at) values (?, ?, ?, ?)")) {
            ps.setString(1, account);
            ps.setString(2, agent);
            ps.setString(3, summary);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    private static int count(DataSource dataSource, String table) throws SQLException {
        return Integer.parseInt(query(dataSource, "select count(*) from " + table).get(0));
    }

    static List<String> query(DataSource dataSource, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
