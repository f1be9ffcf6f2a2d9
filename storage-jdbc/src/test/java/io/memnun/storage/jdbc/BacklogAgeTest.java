package io.memnun.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Channel;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.TenantId;
import io.memnun.report.Backlog;
import io.memnun.report.ReportFilter;
import io.memnun.report.ReportPeriod;
import io.memnun.sla.SlaPolicy;
import io.memnun.spi.FeedbackStore;
import io.memnun.spi.ReportStore;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.tck.Fixtures;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The backlog's ages are measured to the receipt's microsecond, in memory as in SQL. */
class BacklogAgeTest {
    private static final Instant RECEIVED = Instant.parse("2026-03-10T07:00:00.000500Z");
    private static final Instant AS_OF = Instant.parse("2026-03-11T07:00:00Z");

    private static Backlog backlog(FeedbackStore store, ReportStore reports, TenantId tenant) {
        FeedbackDesk desk = FeedbackDesk.builder().store(store).clock(new MutableClock(RECEIVED)).sla(SlaPolicy.defaults()).build();
        desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.FAX, "Oda soğuk").build());
        return reports.backlog(ReportFilter.of(tenant, ReportPeriod.month(YearMonth.of(2026, 3), ZoneId.of("Europe/Istanbul"))), AS_OF);
    }

    @Test
    void aReceiptHalfAMillisecondPastTheHourIsUnderOneDayOldADayLaterOnEveryStore() {
        TenantId tenant = Fixtures.newTenant("backlog");
        InMemoryFeedbackStore memory = new InMemoryFeedbackStore();
        JdbcStorage h2 = JdbcStorage.builder().dataSource(TestDatabases.h2()).migrateOnStart(true).build();

        Backlog inMemory = backlog(memory, memory, tenant);
        Backlog sql = backlog(h2.feedbackStore(), h2.reportStore(), tenant);

        assertThat(sql.underOneDay()).isEqualTo(1);
        assertThat(sql.oldestAge()).isEqualTo(Duration.between(RECEIVED, AS_OF));
        assertThat(inMemory).isEqualTo(sql);
    }
}
