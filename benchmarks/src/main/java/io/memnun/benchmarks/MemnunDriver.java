package io.memnun.benchmarks;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.Status;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.storage.jdbc.JdbcFeedbackStore;
import io.memnun.storage.jdbc.JdbcStorage;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The lifecycle through memnun's {@link FeedbackDesk} on its JDBC store. */
final class MemnunDriver implements LifecycleDriver {
    private static final TenantId TENANT = TenantId.of("hotel");

    private final FeedbackDesk desk;
    private final JdbcFeedbackStore store;

    /** With reference numbers taken from the database {@code referenceBlock} at a time (1: one per receipt; the library's default is {@link JdbcStorage#DEFAULT_REFERENCE_BLOCK}). */
    MemnunDriver(DataSource dataSource, int referenceBlock) {
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).migrateOnStart(true).referenceBlock(referenceBlock).build();
        this.store = storage.feedbackStore();
        // response-time clocks in business hours on the Turkish calendars, as a host would run it
        this.desk = FeedbackDesk.builder().store(store).sla(io.memnun.sla.SlaPolicy.defaults()).build();
    }

    @Override
    public Object receive(int i) {
        String subject = Workload.subject(i);
        // ten fields on receipt: tenant, kind, channel, description, priority, subject, department, location,
        // customer name and e-mail
        Feedback f = desk.receive(Intake.builder(TENANT, FeedbackKind.COMPLAINT, Channel.WEB_FORM, Workload.DESCRIPTION)
                .priority(Priority.valueOf(Workload.priority(i)))
                .subject(SubjectId.of(subject))
                .department(DepartmentId.of(Workload.department(subject)))
                .location(LocationId.of("istanbul"))
                .customer(Customer.builder().name("Guest " + i).email("guest" + i + "@example.com").build())
                .build());
        return f.reference();
    }

    @Override
    public void take(Object complaint, int i) {
        String department = Workload.department(Workload.subject(i));
        desk.take(TENANT, (ReferenceNumber) complaint, Actor.staff(Workload.staff(department, i)));
    }

    @Override
    public void resolve(Object complaint, int i) {
        String department = Workload.department(Workload.subject(i));
        desk.resolve(TENANT, (ReferenceNumber) complaint, Actor.staff(Workload.staff(department, i)), "Room changed, one night refunded");
    }

    @Override
    public void accept(Object complaint, int i) {
        desk.accept(TENANT, (ReferenceNumber) complaint, "thank you");
    }

    @Override
    public Map<String, Long> openPerDepartment() {
        return counts(store.countBy(FeedbackQuery.builder(TENANT).open().build(), JdbcFeedbackStore.GroupBy.DEPARTMENT));
    }

    @Override
    public Map<String, Long> closedPerSubject() {
        return counts(store.countBy(FeedbackQuery.builder(TENANT).status(Status.CLOSED).build(), JdbcFeedbackStore.GroupBy.SUBJECT));
    }

    private static Map<String, Long> counts(java.util.List<JdbcFeedbackStore.GroupCount> groups) {
        Map<String, Long> m = new LinkedHashMap<>();
        groups.forEach(g -> m.put(String.valueOf(g.key()), g.count()));
        return m;
    }
}
