package io.memnun.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void printsTheClosedComplaintAndItsWholeHistory() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(out).containsPattern("Feedback FB-2026-\\d{6}-\\d: CLOSED \\(ACCEPTED\\)");
        assertThat(out.lines().filter(l -> l.matches("^\\d+ .*"))).extracting(l -> l.split("\\s+")[3])
                .containsExactly("RECEIVED", "TAKEN", "PLANNED", "TAKEN", "RESOLVED", "REJECTED", "RESOLVED", "ACCEPTED");
        assertThat(out).contains("Oda hâlâ sıcak", "RESOLVED -> CLOSED");
        assertThat(out).containsPattern("ACKNOWLEDGEMENT\\s+MET");
        assertThat(out).containsPattern("RESOLUTION\\s+(MET|MISSED)");
    }
}
