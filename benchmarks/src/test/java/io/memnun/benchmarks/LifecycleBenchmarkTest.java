package io.memnun.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness runs end to end on a few lifecycles (H2 only, to stay fast) and reports every measure. */
class LifecycleBenchmarkTest {

    @Test
    void runsBothImplementationsAndPrintsOneJsonLinePerConfigurationAndATable() throws Exception {
        Map<String, String> opts = LifecycleBenchmark.options(new String[] {"n=40", "warmup=10", "db=h2", "threads=2", "open=12", "warmupSeconds=0"});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<LifecycleBenchmark.Result> results;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            results = LifecycleBenchmark.run(opts, out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).hasSize(2).allMatch(l -> l.startsWith("{\"db\":\"h2\"") && l.endsWith("}"))
                .anyMatch(l -> l.contains("\"impl\":\"memnun\"")).anyMatch(l -> l.contains("\"impl\":\"jdbc\""));
        assertThat(printed).contains("\"warmup\":10,\"jitQuiet\":null", "\"receiveP99Ms\"", "\"acceptP50Ms\"", "\"heapAfterGcMb\"", "\"closedPerSubjectMs\"",
                "\"openPerDepartmentFreshMs\"", "\"closedPerSubjectFreshMs\"");
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.n()).isEqualTo(40);
            assertThat(r.lifecyclesPerSecond()).isPositive();
            assertThat(r.openPerDepartmentFreshMs()).isPositive();
            assertThat(r.closedPerSubjectFreshMs()).isPositive();
            assertThat(r.steps()).containsOnlyKeys("receive", "take", "resolve", "accept");
        });
        String table = LifecycleBenchmark.table(results);
        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains("| h2 | 1 | 2 | memnun | 40 | 10 |", "| h2 | 1 | 2 | jdbc | 40 | 10 |", "1.00x");
    }

    @Test
    void measuresEachConfigurationAsOftenAsAskedAndSummarisesTheRatiosByTheirMedian() throws Exception {
        Map<String, String> opts = LifecycleBenchmark.options(new String[] {"n=20", "warmup=10", "db=h2", "threads=2", "open=4", "runs=3", "warmupSeconds=0"});
        List<LifecycleBenchmark.Result> results;
        try (PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            results = LifecycleBenchmark.run(opts, out);
        }
        assertThat(results).extracting(LifecycleBenchmark.Result::run).containsExactly(1, 1, 2, 2, 3, 3);
        double[] ratios = java.util.stream.IntStream.rangeClosed(1, 3).mapToDouble(run -> rate(results, run, "memnun") / rate(results, run, "jdbc"))
                .sorted().toArray();
        String summary = LifecycleBenchmark.summary(results);
        assertThat(summary.lines()).hasSize(3);
        assertThat(summary.lines().skip(2).findFirst().orElseThrow()).startsWith("| h2 | 2 | ")
                .endsWith(String.format(java.util.Locale.ROOT, " | %.2fx |", ratios[1]));
    }

    private static double rate(List<LifecycleBenchmark.Result> results, int run, String impl) {
        return results.stream().filter(r -> r.run() == run && r.impl().equals(impl)).findFirst().orElseThrow().lifecyclesPerSecond();
    }

    @Test
    void refusesMalformedArguments() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LifecycleBenchmark.options(new String[] {"fast"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key=value");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LifecycleBenchmark.options(new String[] {"thread=8"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option 'thread'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LifecycleBenchmark.options(new String[] {"runs=three"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs must be a whole number");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LifecycleBenchmark.options(new String[] {"threads=2,0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be a whole number");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LifecycleBenchmark.options(new String[] {"pg.n=-5"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pg.n must be");
        org.assertj.core.api.Assertions.assertThat(LifecycleBenchmark.options(new String[] {"--n=100", "pg.warmup=7"}))
                .containsEntry("n", "100").containsEntry("pg.n", "100").containsEntry("pg.warmup", "7").containsEntry("warmup", "5000")
                .containsEntry("warmupSeconds", "120");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LifecycleBenchmark.options(new String[] {"warmupSeconds=-1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warmupSeconds must be a whole number of at least 0");
    }

    @Test
    void warmsUpUntilTheCompilerIsQuietInTwoRoundsInARow() throws Exception {
        // a millisecond per lifecycle: a round of 200 on two threads takes about 100 ms
        CountingDriver a = new CountingDriver(1_000_000);
        CountingDriver b = new CountingDriver(1_000_000);
        // the compiler's total time after each look: busy in the first extra round, quiet in the next two
        long[] totals = {0, 0, 900, 900, 901, 901};
        int[] looks = {0};
        LifecycleBenchmark.WarmUp warm = LifecycleBenchmark.warmUp(List.of(a, b), 2, 1000, 60, () -> totals[Math.min(looks[0]++, totals.length - 1)]);
        // 1,000 lifecycles, then three rounds of a fifth as many, each implementation in every round
        assertThat(warm).isEqualTo(new LifecycleBenchmark.WarmUp(1600, true));
        assertThat(a.lifecycles).hasValue(1600);
        assertThat(b.lifecycles).hasValue(1600);
    }

    @Test
    void stopsWarmingUpAfterItsSecondsAndSaysTheCompilerWasStillBusy() throws Exception {
        CountingDriver a = new CountingDriver(0);
        long[] total = {0};
        long started = System.nanoTime();
        // every look finds the compiler a second further on: no round is ever quiet
        LifecycleBenchmark.WarmUp warm = LifecycleBenchmark.warmUp(List.of(a), 1, 10, 1, () -> total[0] += 1000);
        assertThat(warm.quiet()).isFalse();
        assertThat(warm.lifecycles()).isGreaterThan(10).isEqualTo(a.lifecycles.get());
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(1_000_000_000L);
    }

    @Test
    void aRoundIsQuietWhenTheCompilerTookUnderAFifthOfATenthOfIt() {
        assertThat(LifecycleBenchmark.quiet(4, 100)).isTrue();
        assertThat(LifecycleBenchmark.quiet(5, 100)).isFalse();
        assertThat(LifecycleBenchmark.quiet(0, 0)).isFalse();
    }

    /** Counts the lifecycles it runs and otherwise only waits {@code nanos} in each. */
    private static final class CountingDriver implements LifecycleDriver {
        final java.util.concurrent.atomic.AtomicInteger lifecycles = new java.util.concurrent.atomic.AtomicInteger();
        private final long nanos;

        CountingDriver(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public Object receive(int i) {
            return i;
        }

        @Override
        public void take(Object complaint, int i) {}

        @Override
        public void resolve(Object complaint, int i) {}

        @Override
        public void accept(Object complaint, int i) {
            if (nanos > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(nanos);
            }
            lifecycles.incrementAndGet();
        }

        @Override
        public Map<String, Long> openPerDepartment() {
            return Map.of();
        }

        @Override
        public Map<String, Long> closedPerSubject() {
            return Map.of();
        }
    }
}
