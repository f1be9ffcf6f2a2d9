package io.memnun.storage.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.memnun.feedback.SlaCheckpoint;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
    void theCompactFormIsWrittenExactlyAsStoredRowsHaveIt() {
        // the text as memnun writes it: a faster writer must not change what is stored
        assertThat(Json.slaClocks(CLOCKS)).isEqualTo("[4,[[\"WARNING\",0,75,null],[\"ESCALATION\",2,100,\"ROLE(quality-manager)\"],[\"BREACH\",0,100,null]],[\"ACKNOWLEDGEMEN"
                + "T\",\"office\",21600000000000,1773640800,123456789,123456789,3600,5400000000007,null,\"MET\",60,[[0,10,1],[1,20,0]]],"
                + "[\"PLANNED_COMPLETION\",null,0,1773640800,123456789,123456789,86400,0,0,\"RUNNING\",null,[[2,86400,0]]]]");
    }

    @Test
    void aLadderThatDiffersOnlyInARecipientIsWrittenAsItIs() {
        SlaClock first = CLOCKS.get(0);
        List<SlaCheckpoint> other = first.checkpoints().stream()
                .map(k -> new SlaCheckpoint(k.type(), k.level(), k.percent(), k.at(), k.recipient() == null ? null : "ROLE(night-manager)", k.fired()))
                .toList();
        SlaClock otherLadder = new SlaClock(first.kind(), first.calendar(), first.target(), first.startedAt(), first.dueAt(),
                first.usedBeforeRun(), first.runningSince(), first.state(), first.stoppedAt(), other);

        // one after the other, as a store writes them: the text of the kinds is not taken from the write before
        assertThat(Json.slaClocks(List.of(first))).contains("ROLE(quality-manager)");
        assertThat(Json.slaClocks(List.of(otherLadder))).contains("ROLE(night-manager)").doesNotContain("quality-manager");
        assertThat(Json.slaClocks(Json.slaClocks(List.of(otherLadder)))).containsExactly(otherLadder);
        assertThat(Json.slaClocks(Json.slaClocks(List.of(first)))).containsExactly(first);
    }

    @Test
    void anInstantOffTheClocksNanosecondKeepsItsOwn() {
        SlaClock c = new SlaClock(SlaKind.RESOLUTION, "office", Duration.ofHours(9), T, T.plusSeconds(86_400).minusNanos(T.getNano()),
                Duration.ofSeconds(5), null, SlaClock.State.MISSED, T.plusSeconds(90_000).plusNanos(1), List.of(
                        new SlaCheckpoint(SlaCheckpoint.Type.BREACH, 0, 100, T.plusSeconds(86_400).minusNanos(T.getNano()), null, true),
                        new SlaCheckpoint(SlaCheckpoint.Type.WARNING, 0, 75, T.plusSeconds(86_500), null, true)));

        String json = Json.slaClocks(List.of(c));

        // the due instant's nanosecond (0) once; the start, the stop and the second checkpoint have their own
        assertThat(json).isEqualTo("[4,[[\"BREACH\",0,100,null],[\"WARNING\",0,75,null]],[\"RESOLUTION\",\"office\",32400000000000,1773640800,123456789,0,"
                + "86400,5000000000,null,\"MISSED\",[90000,123456790],[[0,86400,1],[1,[86500,123456789],1]]]]");
        assertThat(Json.slaClocks(json)).containsExactly(c);
    }

    @Test
    void theEarlierCompactFormIsStillRead() {
        String pairs = "[3,[[\"WARNING\",0,75,null],[\"ESCALATION\",2,100,\"ROLE(quality-manager)\"],[\"BREACH\",0,100,null]],[\"ACKNOWLEDGEMEN"
                + "T\",\"office\",21600000000000,1773640800,123456789,3600,123456789,5400000000007,null,null,\"MET\",60,123456789,[[0,"
                + "10,123456789,1],[1,20,123456789,0]]],[\"PLANNED_COMPLETION\",null,0,1773640800,123456789,86400,123456789,0,0,123"
                + "456789,\"RUNNING\",null,null,[[2,86400,123456789,0]]]]";

        assertThat(Json.slaClocks(pairs)).isEqualTo(CLOCKS);
    }

    @Test
    void thePositionalFormSchemaEightWroteFirstIsStillRead() {
        String positional = "[[\"ACKNOWLEDGEMENT\",\"office\",21600000000000,1773640800,123456789,1773644400,123456789,5400000000007,null,null,"
                + "\"MET\",1773640860,123456789,[[\"WARNING\",0,75,1773640810,123456789,null,true],[\"ESCALATION\",2,100,1773640820,123456789,"
                + "\"ROLE(quality-manager)\",false]]],[\"PLANNED_COMPLETION\",null,0,1773640800,123456789,1773727200,123456789,0,1773640800,"
                + "123456789,\"RUNNING\",null,null,[[\"BREACH\",0,100,1773727200,123456789,null,false]]]]";

        assertThat(Json.slaClocks(positional)).isEqualTo(CLOCKS);
    }

    @Test
    void theDefaultPolicysThreeClocksTakeAThirdLessThanInThePositionalForm() {
        List<SlaClock> clocks = new ArrayList<>();
        for (SlaKind kind : List.of(SlaKind.ACKNOWLEDGEMENT, SlaKind.FIRST_RESPONSE, SlaKind.RESOLUTION)) {
            Instant due = T.plusSeconds(86_400).minusNanos(T.getNano());
            clocks.add(new SlaClock(kind, "office", Duration.ofHours(9), T, due, Duration.ZERO, T, SlaClock.State.RUNNING, null, List.of(
                    new SlaCheckpoint(SlaCheckpoint.Type.WARNING, 0, 75, due.minusSeconds(8100), null, false),
                    new SlaCheckpoint(SlaCheckpoint.Type.ESCALATION, 1, 75, due.minusSeconds(8100), "ASSIGNEE", false),
                    new SlaCheckpoint(SlaCheckpoint.Type.BREACH, 0, 100, due, null, false),
                    new SlaCheckpoint(SlaCheckpoint.Type.ESCALATION, 2, 100, due, "DEPARTMENT_HEAD", false),
                    new SlaCheckpoint(SlaCheckpoint.Type.ESCALATION, 3, 150, due.plusSeconds(16_200), "ROLE(quality-manager)", false))));
        }

        String json = Json.slaClocks(clocks);

        assertThat(json).isEqualTo("[4,[[\"WARNING\",0,75,null],[\"ESCALATION\",1,75,\"ASSIGNEE\"],[\"BREACH\",0,100,null],[\"ESCALATION\",2,100,\"DEPARTMENT"
                + "_HEAD\"],[\"ESCALATION\",3,150,\"ROLE(quality-manager)\"]],[\"ACKNOWLEDGEMENT\",\"office\",32400000000000,1773640800,12"
                + "3456789,0,86400,0,[0,123456789],\"RUNNING\",null,[[0,78300,0],[1,78300,0],[2,86400,0],[3,86400,0],[4,102600,0]]],[\"FIRS"
                + "T_RESPONSE\",\"office\",32400000000000,1773640800,123456789,0,86400,0,[0,123456789],\"RUNNING\",null,[[0,78300,0],[1,7830"
                + "0,0],[2,86400,0],[3,86400,0],[4,102600,0]]],[\"RESOLUTION\",\"office\",32400000000000,1773640800,123456789,0,86400,0,[0,1"
                + "23456789],\"RUNNING\",null,[[0,78300,0],[1,78300,0],[2,86400,0],[3,86400,0],[4,102600,0]]]]");
        // the positional form spelled out each checkpoint with absolute instants: 1,122 characters for these; the
        // earlier compact form, two numbers for every instant, 698
        assertThat(json.length()).isLessThan(1122 * 2 / 3).isLessThan(698);
        assertThat(Json.slaClocks(json)).isEqualTo(clocks);
    }

    @Test
    void clocksOfEveryShapeRoundTrip() {
        SlaCheckpoint.Type[] types = SlaCheckpoint.Type.values();
        SlaClock.State[] states = SlaClock.State.values();
        // names a host chose may hold anything JSON must escape
        String[] recipients = {null, "ASSIGNEE", "DEPARTMENT_HEAD", "ROLE(quality-manager)", "ROLE(kalite \"müdürü\"\\\n\t\u0001)"};
        String[] calendars = {null, "office", "İstanbul \"merkez\" \\ ofis\r\n"};
        for (long seed = 1; seed <= 500; seed++) {
            Random random = new Random(seed);
            List<SlaClock> clocks = new ArrayList<>();
            for (int c = random.nextInt(5); c > 0; c--) {
                // instants on both sides of the epoch and of the clock's start, with any nanosecond
                Instant start = Instant.ofEpochSecond((long) random.nextInt(2_000_000_000) * 2 - 1_000_000_000L, random.nextInt(1_000_000_000));
                SlaClock.State state = states[random.nextInt(states.length)];
                List<SlaCheckpoint> checkpoints = new ArrayList<>();
                for (int k = random.nextInt(7); k > 0; k--) {
                    SlaCheckpoint.Type type = types[random.nextInt(types.length)];
                    checkpoints.add(new SlaCheckpoint(type, type == SlaCheckpoint.Type.ESCALATION ? 1 + random.nextInt(4) : 0, random.nextInt(300),
                            start.plusSeconds(random.nextInt(2_000_000) - 1000).plusNanos(random.nextInt(1_000_000_000)),
                            recipients[random.nextInt(recipients.length)], random.nextBoolean()));
                }
                clocks.add(new SlaClock(SlaKind.values()[random.nextInt(SlaKind.values().length)], calendars[random.nextInt(calendars.length)],
                        Duration.ofNanos(random.nextLong() & 0xFFFF_FFFF_FFFFL), start, start.plusSeconds(random.nextInt(1_000_000)),
                        Duration.ofNanos(random.nextInt(Integer.MAX_VALUE)), state == SlaClock.State.RUNNING ? start.plusNanos(random.nextInt(1000)) : null,
                        state, state.isStopped() ? start.minusSeconds(random.nextInt(100)) : null, checkpoints));
            }

            assertThat(Json.slaClocks(Json.slaClocks(clocks))).as("seed %d", seed).isEqualTo(clocks);
        }
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
