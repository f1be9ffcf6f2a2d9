package io.memnun.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void printsTheClosedComplaintAndItsWholeHistory() {
        String out = Printed.by(() -> QuickStart.main(new String[0]));

        assertThat(out).containsPattern("Feedback FB-2026-\\d{6}-\\d: CLOSED \\(ACCEPTED\\)");
        assertThat(out.lines().filter(l -> l.matches("^\\d+ .*"))).extracting(l -> l.split("\\s+")[3])
                .containsExactly("RECEIVED", "TAKEN", "PLANNED", "TAKEN", "RESOLVED", "REJECTED", "RESOLVED", "ACCEPTED");
        assertThat(out).contains("Oda hâlâ sıcak", "RESOLVED -> CLOSED");
        assertThat(out).containsPattern("ACKNOWLEDGEMENT\\s+MET");
        assertThat(out).containsPattern("RESOLUTION\\s+(MET|MISSED)");
    }
}
