package io.memnun.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One response-time clock of a feedback: how much working time a step may take, how much it has used, when it
 * is due, and its checkpoints. Policy clocks (acknowledgement, first response, resolution) count working time
 * on a named business calendar; the planned-completion clock runs to the instant staff set when planning.
 * The SLA engine changes clocks with the lifecycle; every change appears in the history.
 *
 * @param kind which step
 * @param calendar the business calendar the working time is counted on; {@code null} for planned completion
 * @param target the working time allowed ({@link Duration#ZERO} for planned completion)
 * @param startedAt when the clock started
 * @param dueAt when it is (or was) due, given the pauses so far
 * @param usedBeforeRun working time used in earlier running stretches, before the current one
 * @param runningSince when the current running stretch began; {@code null} while paused or stopped
 * @param state running, paused, met, missed or cancelled
 * @param stoppedAt when it stopped (met, missed or cancelled)
 * @param checkpoints warnings, breach and escalations, by instant
 */
public record SlaClock(
        SlaKind kind,
        @Nullable String calendar,
        Duration target,
        Instant startedAt,
        Instant dueAt,
        Duration usedBeforeRun,
        @Nullable Instant runningSince,
        State state,
        @Nullable Instant stoppedAt,
        List<SlaCheckpoint> checkpoints) {

    public enum State {
        RUNNING,
        /** Paused while the feedback awaits the customer. */
        PAUSED,
        /** Stopped within its target. */
        MET,
        /** Stopped after its target. */
        MISSED,
        /** Stopped because it no longer applies (cancelled feedback, replaced plan). */
        CANCELLED;

        public boolean isStopped() {
            return this == MET || this == MISSED || this == CANCELLED;
        }
    }

    public SlaClock {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(usedBeforeRun, "usedBeforeRun");
        Objects.requireNonNull(state, "state");
        if ((state == State.RUNNING) != (runningSince != null)) {
            throw new IllegalArgumentException("a clock has a running stretch exactly when it is RUNNING: " + state + ", " + runningSince);
        }
        if (state.isStopped() != (stoppedAt != null)) {
            throw new IllegalArgumentException("a clock has a stop instant exactly when it is stopped: " + state + ", " + stoppedAt);
        }
        checkpoints = inOrder(checkpoints);
    }

    private static final Comparator<SlaCheckpoint> ORDER = Comparator.comparing((SlaCheckpoint c) -> c.at()).thenComparingInt(SlaCheckpoint::percent);

    /**
     * The checkpoints sorted by instant and percent (a stable sort), unmodifiable. Clocks are rebuilt on every step
     * of a feedback, mostly from another clock's checkpoints, which are in order already: those are only copied, not
     * sorted through a stream.
     */
    private static List<SlaCheckpoint> inOrder(List<SlaCheckpoint> checkpoints) {
        SlaCheckpoint[] array = checkpoints.toArray(new SlaCheckpoint[0]);
        for (int i = 1; i < array.length; i++) {
            if (ORDER.compare(array[i - 1], array[i]) > 0) {
                Arrays.sort(array, ORDER);
                break;
            }
        }
        return Collections.unmodifiableList(Arrays.asList(array));
    }

    /** True while the clock counts. */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /** The earliest checkpoint not fired yet, while running. */
    public Optional<SlaCheckpoint> nextCheckpoint() {
        if (state != State.RUNNING) {
            return Optional.empty();
        }
        for (SlaCheckpoint c : checkpoints) {
            if (!c.fired()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * True once more working time is used than the target allows, at {@code now} while the clock still runs (after its
     * breach checkpoint: a target due at a closing time is exceeded from the next opening on), or if it stopped late.
     */
    public boolean isBreached(Instant now) {
        if (state == State.MISSED) {
            return true;
        }
        if (state != State.RUNNING) {
            return false;
        }
        Instant breachAt = dueAt;
        for (SlaCheckpoint c : checkpoints) {
            if (c.type() == SlaCheckpoint.Type.BREACH) {
                breachAt = c.at();
            }
        }
        return now.isAfter(breachAt);
    }

    public SlaClock withCheckpoints(List<SlaCheckpoint> newCheckpoints) {
        return new SlaClock(kind, calendar, target, startedAt, dueAt, usedBeforeRun, runningSince, state, stoppedAt, newCheckpoints);
    }
}
