package io.memnun.examples;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.Recourse;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.sla.SlaPolicy;
import io.memnun.storage.jdbc.JdbcStorage;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The README's walk-through, on an embedded H2 database: a hotel guest's complaint received at the front desk, taken, planned, resolved,
 * rejected by the guest, resolved again, accepted and closed; then its history printed as the tracking form.
 */
public final class QuickStart {
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    private QuickStart() {}

    public static void main(String[] args) {
        // a clock the scenario moves forward, so the history shows realistic times
        ScenarioClock clock = new ScenarioClock(ZonedDateTime.of(2026, 7, 14, 22, 40, 0, 0, ISTANBUL).toInstant(), ISTANBUL);
        // an embedded H2 database: nothing to install; a file URL (jdbc:h2:./data/memnun) keeps it between runs
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:quickstart;DB_CLOSE_DELAY=-1");
        JdbcStorage storage = JdbcStorage.builder().dataSource(h2).migrateOnStart(true).build();
        FeedbackDesk desk = FeedbackDesk.builder()
                .store(storage.feedbackStore())
                .clock(clock)
                .sla(SlaPolicy.defaults()) // response-time targets in business hours, Turkish holidays
                .build();

        TenantId hotel = TenantId.of("bosphorus-hotels");
        Actor ayse = Actor.staff("ayse.yilmaz");

        Feedback complaint = desk.receive(Intake.builder(hotel, FeedbackKind.COMPLAINT, Channel.FACE_TO_FACE,
                        "Oda 412'de klima çalışmıyor, gece boyunca çok sıcaktı.")
                .customer(Customer.builder().name("Mehmet Öztürk").email("mehmet@example.com.tr").phone("0532 123 45 67").build())
                .priority(Priority.URGENT)
                .location(LocationId.of("istanbul-besiktas"))
                .subject(SubjectId.of("technical.air-conditioning"))
                .department(DepartmentId.of("technical-service"))
                .desiredRemedy("Oda değişikliği")
                .context("room", "412")
                .recordedBy(Actor.staff("front-desk.kerem"))
                .build());

        clock.advance(Duration.ofMinutes(20));
        desk.take(hotel, complaint.reference(), ayse);
        clock.advance(Duration.ofMinutes(10));
        desk.plan(hotel, complaint.reference(), ayse, clock.instant().plus(Duration.ofHours(10)), "Compressor part ordered");
        clock.advance(Duration.ofHours(9));
        desk.take(hotel, complaint.reference(), ayse);
        desk.resolve(hotel, complaint.reference(), ayse, "Klima kompresörü değiştirildi.");
        clock.advance(Duration.ofHours(2));
        desk.reject(hotel, complaint.reference(), "Oda hâlâ sıcak",
                Recourse.internal("Misafir ilişkileri müdürü ile görüşme"), Recourse.external("Tüketici Hakem Heyeti"));
        clock.advance(Duration.ofHours(1));
        desk.resolve(hotel, complaint.reference(), ayse, "Misafir 508 numaralı odaya taşındı, bir gecelik ücret iade edildi.");
        clock.advance(Duration.ofHours(3));
        Feedback closed = desk.accept(hotel, complaint.reference(), "Teşekkürler");

        PrintStream out = System.out;
        out.println("Feedback " + closed.reference() + ": " + closed.status() + " (" + closed.closureReason().orElseThrow() + ")");
        out.println();
        printHistory(out, desk.history(hotel, closed.reference()));
        out.println();
        printClocks(out, closed.slaClocks());
    }

    static void printClocks(PrintStream out, List<SlaClock> clocks) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ISTANBUL);
        String format = "%-20s %-10s %-16s %-16s %s%n";
        out.printf(format, "response time", "outcome", "due", "stopped", "working time used");
        for (SlaClock c : clocks) {
            out.printf(format, c.kind(), c.state(), time.format(c.dueAt()), c.stoppedAt() == null ? "" : time.format(c.stoppedAt()),
                    c.calendar() == null ? "" : c.usedBeforeRun().toMinutes() + " of " + c.target().toMinutes() + " min");
        }
    }

    static void printHistory(PrintStream out, List<FeedbackEvent> history) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ISTANBUL);
        String format = "%-3s %-16s %-20s %-24s %-25s %s%n";
        out.printf(format, "v", "time", "event", "by", "status", "note");
        out.printf(format, "-", "-".repeat(16), "-".repeat(20), "-".repeat(24), "-".repeat(25), "-".repeat(30));
        for (FeedbackEvent e : history) {
            String status = (e.from() == null ? "" : e.from() + " -> ") + e.to();
            out.printf(format, e.version(), time.format(e.at()), e.type(), e.actor(), status, e.noteText().orElse(""));
        }
    }
}
