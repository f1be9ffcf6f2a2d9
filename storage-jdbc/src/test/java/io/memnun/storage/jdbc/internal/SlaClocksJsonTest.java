package io.memnun.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.SlaCheckpoint;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaClocksJsonTest {
    private static final Instant T = Instant.parse("2026-03-16T06:00:00.123456789Z");

    private static final List<SlaClock> CLOCKS = List.of(
            new SlaClock(SlaKind.ACKNOWLEDGEMENT, "office", Duration.ofHours(6), T, T.plusSeconds(3600), Duration.ofMinutes(90).plusNanos(7),
                    null, SlaClock.State.MET, T.plusSeconds(60), List.of(
                            new SlaCheckpoint(SlaCheckpoint.Type.WARNING, 0, 75, T.plusSeconds(10), null, true),
                            new SlaCheckpoint(SlaCheckpoint.Type.ESCALATION, 2, 100, T.plusSeconds(20), "ROLE(quality-manager)", false))),
            new SlaClock(SlaKind.PLANNED_COMPLETION, null, Duration.ZERO, T, T.plusSeconds(86_400), Duration.ZERO, T,
                    SlaClock.State.RUNNING, null, List.of(new SlaCheckpoint(SlaCheckpoint.Type.BREACH, 0, 100, T.plusSeconds(86_400), null, false))));

    @Test
    void clocksRoundTripWithEveryDigitOfTheirInstants() {
        String json = Json.slaClocks(CLOCKS);

        assertThat(Json.slaClocks(json)).isEqualTo(CLOCKS);
        assertThat(json).doesNotContain("\"kind\"").contains("ROLE(quality-manager)");
        assertThat(Json.slaClocks(Json.slaClocks(List.of()))).isEmpty();
    }

    @Test
    void theObjectFormOfEarlierVersionsIsStillRead() {
        String old = "[{\"kind\":\"ACKNOWLEDGEMENT\",\"calendar\":\"office\",\"target\":\"PT6H\",\"startedAt\":\"2026-03-16T06:00:00.123456789Z\","
                + "\"dueAt\":\"2026-03-16T07:00:00.123456789Z\",\"usedBeforeRun\":\"PT1H30M0.000000007S\",\"state\":\"MET\","
                + "\"stoppedAt\":\"2026-03-16T06:01:00.123456789Z\",\"checkpoints\":[{\"type\":\"WARNING\",\"level\":0,\"percent\":75,"
                + "\"at\":\"2026-03-16T06:00:10.123456789Z\",\"fired\":true},{\"type\":\"ESCALATION\",\"level\":2,\"percent\":100,"
                + "\"at\":\"2026-03-16T06:00:20.123456789Z\",\"recipient\":\"ROLE(quality-manager)\",\"fired\":false}]}]";

        assertThat(Json.slaClocks(old)).containsExactly(CLOCKS.get(0));
    }
}
