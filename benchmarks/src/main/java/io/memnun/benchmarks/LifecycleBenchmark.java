package io.memnun.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.memnun.storage.jdbc.JdbcStorage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Throughput of the whole complaint lifecycle (receive, take, resolve, customer accepts: closed) through memnun on
 * its JDBC store, side by side with hand-written JDBC doing the same writes, on the same database in the same run.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.memnun.benchmarks.LifecycleBenchmark [n=20000] [warmup=5000] \
 *     [pg.n=20000] [pg.warmup=5000] [threads=2,8] [db=h2,postgresql] [open=2000] [impl=memnun,jdbc] [referenceBlock=20] \
 *     [pg.synchronousCommit=on] [runs=1] [warmupSeconds=120]
 * </pre>
 *
 * <p>Every configuration (database, threads) gets a fresh database holding both implementations' tables. Both
 * implementations run their warm-up lifecycles first, and go on taking turns until the JIT compiler is quiet (see
 * {@link #warmUp}), then the tables are analyzed (as autovacuum would have done on
 * a database in use), then they run their measured lifecycles taking turns, then each receives the open complaints
 * and times the two counts. The heap after GC is the whole JVM's, so it includes in-memory H2 databases.
 * One JSON line is printed per implementation and configuration; a Markdown table of all of them follows at the end.
 */
public final class LifecycleBenchmark {
    static final String[] STEPS = {"receive", "take", "resolve", "accept"};
    /** How many turns each implementation takes in a measurement. */
    private static final int ROUNDS = 40;
    /** The share of a warm-up round's time the JIT compiler may take for the round to count as quiet. */
    static final double QUIET_JIT_SHARE = 0.05;
    /** How many quiet warm-up rounds in a row end the warm-up. */
    private static final int QUIET_ROUNDS = 2;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private LifecycleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        List<Result> results = run(opts, System.out);
        System.out.println();
        System.out.println(table(results));
        if (Integer.parseInt(opts.get("runs")) > 1) {
            System.out.println(summary(results));
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("n", "20000");
        opts.put("warmup", "5000");
        opts.put("threads", "2,8");
        opts.put("db", "h2,postgresql");
        opts.put("open", "2000");
        opts.put("impl", "memnun,jdbc");
        // memnun's JdbcStorage.Builder.referenceBlock, by default the library's: numbers taken 20 at a time; 1 draws
        // one per receipt (numbers consecutive across nodes)
        opts.put("referenceBlock", String.valueOf(JdbcStorage.DEFAULT_REFERENCE_BLOCK));
        // PostgreSQL's own default, as a production server runs: a commit returns once its WAL is on disk. The
        // embedded server's library switches it off for test suites; "off" measures that setting instead
        opts.put("pg.synchronousCommit", "on");
        // each configuration measured this many times over, each time on a fresh database; the summary gives the median
        opts.put("runs", "1");
        // after its warm-up lifecycles, each configuration warms up further, the implementations taking turns, until the
        // JIT compiler is quiet, for at most this many seconds (0: the warm-up lifecycles only)
        opts.put("warmupSeconds", "120");
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value, e.g. n=20000; got '" + a + "'");
            }
            String key = a.substring(0, eq).replaceFirst("^--", "");
            if (!opts.containsKey(key) && !key.equals("pg.n") && !key.equals("pg.warmup")) {
                // a misspelt option would otherwise be ignored and the run measure something else than asked
                throw new IllegalArgumentException("unknown option '" + key + "'; options: " + String.join(", ", opts.keySet()) + ", pg.n, pg.warmup");
            }
            opts.put(key, a.substring(eq + 1));
        }
        opts.putIfAbsent("pg.n", opts.get("n"));
        opts.putIfAbsent("pg.warmup", opts.get("warmup"));
        for (String key : List.of("n", "warmup", "pg.n", "pg.warmup", "open", "referenceBlock", "runs")) {
            atLeast(key, opts.get(key), 1);
        }
        atLeast("warmupSeconds", opts.get("warmupSeconds"), 0);
        for (String t : opts.get("threads").split(",")) {
            atLeast("threads", t, 1);
        }
        return opts;
    }

    private static void atLeast(String key, String value, int least) {
        try {
            if (Integer.parseInt(value) >= least) {
                return;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a whole number of at least " + least + ", was '" + value + "'");
    }

    static List<Result> run(Map<String, String> opts, PrintStream out) throws Exception {
        List<Result> results = new ArrayList<>();
        EmbeddedPostgres postgres = null;
        try {
            for (String db : opts.get("db").split(",")) {
                boolean pg = db.equals("postgresql");
                if (!pg && !db.equals("h2")) {
                    throw new IllegalArgumentException("db must be h2 or postgresql, was " + db);
                }
                if (pg && postgres == null) {
                    postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100")
                            .setServerConfig("synchronous_commit", opts.get("pg.synchronousCommit")).start();
                }
                int n = Integer.parseInt(opts.get(pg ? "pg.n" : "n"));
                int warmup = Integer.parseInt(opts.get(pg ? "pg.warmup" : "warmup"));
                int runs = Integer.parseInt(opts.get("runs"));
                for (int run = 1; run <= runs; run++) {
                    for (String t : opts.get("threads").split(",")) {
                        for (Result r : configuration(opts, db, run, Integer.parseInt(t), n, warmup, postgres)) {
                            out.println(r.json());
                            out.flush();
                            results.add(r);
                        }
                    }
                }
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        return results;
    }

    /** One measurement of one configuration on a fresh database: both implementations warm up, then take turns. */
    private static List<Result> configuration(Map<String, String> opts, String db, int run, int threads, int n, int warmup,
            EmbeddedPostgres postgres) throws Exception {
        boolean pg = db.equals("postgresql");
        String url;
        List<Result> results;
        try (HikariDataSource ds = pg ? postgresPool(postgres, threads) : h2Pool(threads)) {
            url = ds.getJdbcUrl();
            List<String> impls = List.of(opts.get("impl").split(","));
            List<LifecycleDriver> drivers = new ArrayList<>();
            for (String impl : impls) {
                drivers.add(switch (impl) {
                    case "memnun" -> new MemnunDriver(ds, Integer.parseInt(opts.get("referenceBlock")));
                    case "jdbc" -> new JdbcDriver(ds, pg);
                    default -> throw new IllegalArgumentException("impl must be memnun or jdbc, was " + impl);
                });
            }
            WarmUp warm = warmUp(drivers, threads, warmup, Integer.parseInt(opts.get("warmupSeconds")), JIT);
            if (Boolean.FALSE.equals(warm.quiet())) {
                System.err.printf(Locale.ROOT, "%s, %d threads, run %d: the JIT compiler was still busy after %d warm-up lifecycles"
                        + " (warmupSeconds=%s); the rates below include its work%n", db, threads, run, warm.lifecycles(), opts.get("warmupSeconds"));
            }
            analyze(ds);
            results = measure(db, run, impls, threads, n, warm, Integer.parseInt(opts.get("open")), drivers, () -> vacuum(ds, pg),
                    on -> resultCache(ds, pg, on));
        }
        if (!pg) {
            // an in-memory H2 database outlives its pool (DB_CLOSE_DELAY=-1) until it is shut down
            try (Connection c = java.sql.DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
        return results;
    }

    /**
     * How many lifecycles each implementation ran to warm up, and whether the JIT compiler was quiet at the end
     * ({@code null}: not watched, with {@code warmupSeconds=0} or on a JVM that does not tell its compiler's time).
     */
    record WarmUp(int lifecycles, @Nullable Boolean quiet) {}

    /** The JIT compiler's total time so far in milliseconds, or -1 when the JVM does not tell. */
    interface CompilerClock {
        long millis();
    }

    private static final CompilerClock JIT = () -> {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    };

    /**
     * Warms up: {@code warmup} lifecycles of each implementation, then rounds of a fifth as many (at least 100) of each,
     * taking turns, until in {@value #QUIET_ROUNDS} rounds in a row the JIT compiler took under
     * {@value #QUIET_JIT_SHARE} of the round's time, or {@code maxSeconds} have passed. On two cores the compiler
     * competes with the clients for the processors, and a fixed count left it busy through the whole measurement of
     * the first configuration in a JVM: memnun's turns there ran at 2,000 lifecycles/s at first and 9,000/s at the end,
     * with the compiler busy for 100–450 ms of each 150–250 ms turn (the baseline, with less code to compile, got there
     * sooner), so that measurement timed the compiler more than the code.
     */
    static WarmUp warmUp(List<LifecycleDriver> drivers, int threads, int warmup, int maxSeconds, CompilerClock jit) throws Exception {
        for (LifecycleDriver driver : drivers) {
            lifecycles(driver, threads, warmup, 0);
        }
        int done = warmup;
        if (maxSeconds == 0 || jit.millis() < 0) {
            return new WarmUp(done, null);
        }
        int round = Math.max(100, warmup / 5);
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        int quiet = 0;
        while (quiet < QUIET_ROUNDS && System.nanoTime() < deadline) {
            long compiledBefore = jit.millis();
            long started = System.nanoTime();
            for (LifecycleDriver driver : drivers) {
                lifecycles(driver, threads, round, done);
            }
            done += round;
            quiet = quiet(jit.millis() - compiledBefore, (System.nanoTime() - started) / 1_000_000) ? quiet + 1 : 0;
        }
        return new WarmUp(done, quiet >= QUIET_ROUNDS);
    }

    /** Whether a round of {@code roundMillis} in which the JIT compiler took {@code compiledMillis} counts as quiet. */
    static boolean quiet(long compiledMillis, long roundMillis) {
        return compiledMillis < QUIET_JIT_SHARE * roundMillis;
    }

    private static HikariDataSource h2Pool(int threads) {
        HikariConfig c = new HikariConfig();
        // a query cache larger than H2's default of 8 statements, the same for both implementations
        c.setJdbcUrl("jdbc:h2:mem:bench" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64");
        c.setUsername("sa");
        c.setMaximumPoolSize(threads + 1);
        return new HikariDataSource(c);
    }

    private static HikariDataSource postgresPool(EmbeddedPostgres pg, int threads) throws SQLException {
        String db = "bench" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/" + db);
        c.setUsername("postgres");
        c.setMaximumPoolSize(threads + 1);
        return new HikariDataSource(c);
    }

    /**
     * Measures {@code n} lifecycles of each driver (each has run {@code warmup} already). The implementations take
     * turns in rounds, in alternating order, so that whatever else the machine is doing meanwhile weighs on each
     * alike; each one's rate is its lifecycles over the time of its own turns.
     */
    static List<Result> measure(String db, int run, List<String> impls, int threads, int n, WarmUp warm, int open,
            List<LifecycleDriver> drivers, Runnable settle, Consumer<Boolean> resultCache) throws Exception {
        int warmup = warm.lifecycles();
        int count = drivers.size();
        int rounds = Math.max(1, Math.min(ROUNDS, n / threads));
        long[][][] stepNanos = new long[count][STEPS.length][n];
        long[][] lifecycleNanos = new long[count][n];
        long[] nanos = new long[count];
        System.gc();
        for (int r = 0; r < rounds; r++) {
            int from = (int) ((long) n * r / rounds);
            int to = (int) ((long) n * (r + 1) / rounds);
            for (int j = 0; j < count; j++) {
                int k = r % 2 == 0 ? j : count - 1 - j;
                long started = System.nanoTime();
                lifecycles(drivers.get(k), threads, to - from, warmup + from, from, stepNanos[k], lifecycleNanos[k]);
                nanos[k] += System.nanoTime() - started;
            }
        }
        for (LifecycleDriver driver : drivers) {
            for (int i = 0; i < open; i++) {
                driver.receiveOpen(warmup + n + i);
            }
        }
        settle.run();
        for (int k = 0; k < count; k++) {
            LifecycleDriver driver = drivers.get(k);
            long openTotal = driver.openPerDepartment().values().stream().mapToLong(Long::longValue).sum();
            long closedTotal = driver.closedPerSubject().values().stream().mapToLong(Long::longValue).sum();
            if (openTotal != open || closedTotal != warmup + n) {
                throw new IllegalStateException(impls.get(k) + " counted " + openTotal + " open and " + closedTotal
                        + " closed, expected " + open + " and " + (warmup + n));
            }
        }
        // H2 answers a repeated count from its result cache in microseconds, where the code around the query decides
        // the time: both run for two seconds first, to be compiled as in an application that asks often
        boolean h2 = db.equals("h2");
        double[][] repeated = h2 ? countMillis(drivers, 2_000_000_000L, 20, 250) : countMillis(drivers, 0, 6, 5);
        // and as the first count after a change to the table, when the database runs the query again
        resultCache.accept(false);
        double[][] fresh = countMillis(drivers, 0, 6, 5);
        resultCache.accept(true);
        List<Result> results = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
            Map<String, double[]> steps = new LinkedHashMap<>();
            for (int s = 0; s < STEPS.length; s++) {
                steps.put(STEPS[s], percentiles(stepNanos[k][s]));
            }
            drivers.get(k).close();
            results.add(new Result(db, run, impls.get(k), threads, n, warmup, warm.quiet(), n / (nanos[k] / 1e9), percentiles(lifecycleNanos[k]), steps,
                    heapMb, repeated[k][0], repeated[k][1], fresh[k][0], fresh[k][1]));
        }
        return results;
    }

    /**
     * Switches H2's reuse of a query's last result on or off (for the whole database); PostgreSQL keeps no results,
     * so there every count runs its query.
     */
    private static void resultCache(DataSource ds, boolean postgres, boolean on) {
        if (postgres) {
            return;
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET OPTIMIZE_REUSE_RESULTS " + on);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Statistics for the planner, as autovacuum would have gathered them on a database in use: without them
     * PostgreSQL keeps the plans it cached while the tables were nearly empty.
     */
    private static void analyze(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    /**
     * Before the counts: what autovacuum does on a database in use after this many changes (each lifecycle updates
     * its rows three times), on PostgreSQL a VACUUM, which also marks the pages that index-only scans may skip, and
     * new statistics.
     */
    private static void vacuum(DataSource ds, boolean postgres) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(postgres ? "VACUUM ANALYZE" : "ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lifecycles(LifecycleDriver driver, int threads, int count, int offset) throws Exception {
        lifecycles(driver, threads, count, offset, 0, null, null);
    }

    /**
     * Runs {@code count} lifecycles (complaints {@code offset} on) on {@code threads} threads, each taking every
     * threads-th one, and records their times from {@code base} on in the arrays, when given.
     */
    private static void lifecycles(LifecycleDriver driver, int threads, int count, int offset, int base, long[][] stepNanos,
            long[] lifecycleNanos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Void> task = () -> {
                    start.await();
                    for (int k = thread; k < count; k += threads) {
                        int i = offset + k;
                        long t0 = System.nanoTime();
                        Object c = driver.receive(i);
                        long t1 = System.nanoTime();
                        driver.take(c, i);
                        long t2 = System.nanoTime();
                        driver.resolve(c, i);
                        long t3 = System.nanoTime();
                        driver.accept(c, i);
                        long t4 = System.nanoTime();
                        if (stepNanos != null) {
                            stepNanos[0][base + k] = t1 - t0;
                            stepNanos[1][base + k] = t2 - t1;
                            stepNanos[2][base + k] = t3 - t2;
                            stepNanos[3][base + k] = t4 - t3;
                            lifecycleNanos[base + k] = t4 - t0;
                        }
                    }
                    return null;
                };
                futures.add(pool.submit(task));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Per driver, the median time in milliseconds of "open per department" and of "closed per subject", the drivers
     * taking turns in {@code rounds} of {@code perRound} of each count, in alternating order, after they took turns
     * untimed for {@code untimedNanos} (at least once): whatever the compiler and the collector do meanwhile (after
     * the concurrent lifecycles the compiler's queue is long on two cores) weighs on each alike.
     */
    static double[][] countMillis(List<LifecycleDriver> drivers, long untimedNanos, int rounds, int perRound) {
        int count = drivers.size();
        long end = System.nanoTime() + untimedNanos;
        do {
            for (LifecycleDriver driver : drivers) {
                driver.openPerDepartment();
                driver.closedPerSubject();
            }
        } while (System.nanoTime() < end);
        long[][][] nanos = new long[count][2][rounds * perRound];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < count; j++) {
                int k = r % 2 == 0 ? j : count - 1 - j;
                LifecycleDriver driver = drivers.get(k);
                for (int i = r * perRound; i < (r + 1) * perRound; i++) {
                    long t0 = System.nanoTime();
                    driver.openPerDepartment();
                    long t1 = System.nanoTime();
                    driver.closedPerSubject();
                    nanos[k][0][i] = t1 - t0;
                    nanos[k][1][i] = System.nanoTime() - t1;
                }
            }
        }
        double[][] medians = new double[count][2];
        for (int k = 0; k < count; k++) {
            for (int q = 0; q < 2; q++) {
                Arrays.sort(nanos[k][q]);
                medians[k][q] = nanos[k][q][nanos[k][q].length / 2] / 1e6;
            }
        }
        return medians;
    }

    /** p50 and p99 in milliseconds. */
    private static double[] percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[(int) (sorted.length * 0.50)] / 1e6, sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6};
    }

    /** One configuration's measurements. */
    record Result(String db, int run, String impl, int threads, int n, int warmup, @Nullable Boolean jitQuiet, double lifecyclesPerSecond, double[] lifecycle,
            Map<String, double[]> steps, long heapAfterGcMb, double openPerDepartmentMs, double closedPerSubjectMs,
            double openPerDepartmentFreshMs, double closedPerSubjectFreshMs) {

        String json() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "{\"db\":\"%s\",\"run\":%d,\"impl\":\"%s\",\"threads\":%d,\"n\":%d,\"warmup\":%d,\"jitQuiet\":%s,"
                    + "\"lifecyclesPerSecond\":%.1f,\"lifecycleP50Ms\":%.3f,\"lifecycleP99Ms\":%.3f", db, run, impl, threads, n, warmup, jitQuiet,
                    lifecyclesPerSecond, lifecycle[0], lifecycle[1]));
            steps.forEach((step, p) -> sb.append(String.format(Locale.ROOT, ",\"%sP50Ms\":%.3f,\"%sP99Ms\":%.3f", step, p[0], step, p[1])));
            // counts to a tenth of a microsecond: on H2 both sides answer from its result cache in a few
            sb.append(String.format(Locale.ROOT, ",\"heapAfterGcMb\":%d,\"openPerDepartmentMs\":%.4f,\"closedPerSubjectMs\":%.4f,"
                    + "\"openPerDepartmentFreshMs\":%.4f,\"closedPerSubjectFreshMs\":%.4f}",
                    heapAfterGcMb, openPerDepartmentMs, closedPerSubjectMs, openPerDepartmentFreshMs, closedPerSubjectFreshMs));
            return sb.toString();
        }
    }

    /** The Markdown table of all results, with memnun's rate relative to the baseline's in the same configuration. */
    static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| db | run | threads | impl | N | warm-up | lifecycles/s | vs jdbc | lifecycle p50 / p99 ms |");
        for (String s : STEPS) {
            sb.append(' ').append(s).append(" p50 / p99 ms |");
        }
        sb.append(" heap after GC MB | open per department ms, repeated / fresh | closed per subject ms, repeated / fresh |\n|");
        sb.append("---|".repeat(9 + STEPS.length + 3)).append('\n');
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d%s | %.0f | %.2fx | %.2f / %.2f |", r.db, r.run, r.threads, r.impl, r.n,
                    r.warmup, Boolean.FALSE.equals(r.jitQuiet) ? " (JIT busy)" : "", r.lifecyclesPerSecond, ratio(results, r), r.lifecycle[0], r.lifecycle[1]));
            for (String s : STEPS) {
                double[] p = r.steps.get(s);
                sb.append(String.format(Locale.ROOT, " %.2f / %.2f |", p[0], p[1]));
            }
            sb.append(String.format(Locale.ROOT, " %d | %.4f / %.3f | %.4f / %.3f |%n", r.heapAfterGcMb, r.openPerDepartmentMs,
                    r.openPerDepartmentFreshMs, r.closedPerSubjectMs, r.closedPerSubjectFreshMs));
        }
        return sb.toString();
    }

    /** {@code r}'s rate relative to the baseline's in the same run of the same configuration. */
    private static double ratio(List<Result> results, Result r) {
        return r.lifecyclesPerSecond / results.stream()
                .filter(o -> o.db.equals(r.db) && o.run == r.run && o.threads == r.threads && o.impl.equals("jdbc"))
                .mapToDouble(Result::lifecyclesPerSecond).findFirst().orElse(Double.NaN);
    }

    /** Per configuration: memnun's rate relative to the baseline's in each run, and the median of those ratios. */
    static String summary(List<Result> results) {
        StringBuilder sb = new StringBuilder("| db | threads | memnun / jdbc per run | median |\n|---|---|---|---|\n");
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (Result r : results) {
            if (r.impl.equals("memnun")) {
                ratios.computeIfAbsent(r.db + " | " + r.threads, k -> new ArrayList<>()).add(ratio(results, r));
            }
        }
        ratios.forEach((configuration, rs) -> {
            double[] sorted = rs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            sb.append("| ").append(configuration).append(" | ")
                    .append(String.join(", ", rs.stream().map(x -> String.format(Locale.ROOT, "%.2fx", x)).toList()))
                    .append(String.format(Locale.ROOT, " | %.2fx |%n", median));
        });
        return sb.toString();
    }
}
