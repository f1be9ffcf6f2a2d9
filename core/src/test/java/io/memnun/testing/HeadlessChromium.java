package io.memnun.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, run headless from a test: a screenshot of a local HTML file, or the DOM after rendering. A test
 * that needs it fails (not skips) when chromium is missing: {@code .ci/run} installs it.
 */
public final class HeadlessChromium {
    private static final long TIMEOUT_SECONDS = 90;

    private HeadlessChromium() {}

    /** Renders {@code html} at 1280 px wide and writes a PNG screenshot of {@code height} px to {@code png}. */
    public static void screenshot(Path html, Path png, int height) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(html, "--screenshot=" + png.toAbsolutePath(), "--window-size=1280," + height);
    }

    /** The serialised DOM after chromium loaded and laid out {@code html}. */
    public static String dumpDom(Path html) throws IOException, InterruptedException {
        return run(html, "--dump-dom");
    }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("chromium is not installed, but this test renders HTML in a real browser: "
                + "apt-get update && apt-get install -y chromium (as .ci/run does)");
    }

    private static String run(Path html, String... action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("memnun-chromium");
        Path output = Files.createTempFile("memnun-chromium", ".out");
        List<String> cmd = new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath()));
        cmd.addAll(List.of(action));
        cmd.add(html.toAbsolutePath().toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + p.exitValue() + ": " + cmd);
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(output);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
