package io.memnun.internal;

import io.memnun.error.ValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job at a fixed delay, on the host's executor or on a daemon thread of its own, until stopped: the shared
 * machinery behind {@code SlaMonitor.start} and {@code NotificationDispatcher.start}. A failing run is logged and
 * the schedule goes on.
 */
public final class Periodic {
    private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Runnable job;
    private @Nullable ScheduledExecutorService ownExecutor;
    private @Nullable ScheduledFuture<?> scheduled;

    /** @param name names the thread and the log lines, e.g. {@code memnun-sla-monitor} */
    public Periodic(String name, Runnable job) {
        this.name = Objects.requireNonNull(name, "name");
        this.job = Objects.requireNonNull(job, "job");
    }

    /** Starts on a single daemon thread of its own. */
    public synchronized void start(Duration interval) {
        checkStartable(interval);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        ownExecutor = executor;
        schedule(executor, interval);
    }

    /** Starts on the host's executor. */
    public synchronized void start(ScheduledExecutorService executor, Duration interval) {
        Objects.requireNonNull(executor, "executor");
        checkStartable(interval);
        schedule(executor, interval);
    }

    private void checkStartable(@Nullable Duration interval) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new ValidationException("interval", "must be positive, was " + interval);
        }
        if (scheduled != null) {
            throw new IllegalStateException(name + " is already running");
        }
    }

    private void schedule(ScheduledExecutorService executor, Duration interval) {
        scheduled = executor.scheduleWithFixedDelay(this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            job.run();
        } catch (RuntimeException e) {
            // keep the schedule alive; the next run tries again
            LOG.error("{} failed", name, e);
        }
    }

    /** Stops the schedule and a thread of its own; a run in progress finishes. */
    public synchronized void stop() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        if (ownExecutor != null) {
            ownExecutor.shutdown();
            ownExecutor = null;
        }
    }
}
