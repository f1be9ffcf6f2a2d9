package io.memnun.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures a reliability test measured (operations run, faults injected, inputs tried, what was lost), written
 * to {@code target/reliability/<name>.txt} of the module under test and printed, so that RELIABILITY.md quotes a
 * real run. One file per test name, rewritten on every run.
 */
public final class ReliabilityFigures {
    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private ReliabilityFigures(String name) {
        this.name = name;
    }

    public static ReliabilityFigures of(String name) {
        return new ReliabilityFigures(name);
    }

    public ReliabilityFigures put(String figure, Object value) {
        figures.put(figure, value);
        return this;
    }

    /** Writes the figures; call once at the end of the test. */
    public void write() {
        StringBuilder sb = new StringBuilder();
        figures.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        Path file = Path.of("target", "reliability", name + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.print("[reliability] " + name + "\n" + sb);
    }
}
