package io.memnun.report;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One response-time clock that stopped met or missed: the fact SLA compliance and business handling time are
 * counted from. A feedback's clocks keep only the current round of each target (a rejection starts a new resolution
 * clock), so stores record each round when it ends and keep it (or the totals reports need): {@link #endedBetween}
 * tells which rounds a change ends.
 *
 * @param kind the target
 * @param startedAt when the round started: with the kind, it identifies the round within its feedback
 * @param met true when stopped within the target
 * @param used the working time used, on the clock's business calendar, pauses awaiting the customer excluded
 * @param stoppedAt when it stopped
 */
public record SlaRound(SlaKind kind, Instant startedAt, boolean met, Duration used, Instant stoppedAt) {
    public SlaRound {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
    }

    /**
     * The clock rounds of {@code after} that stopped met or missed at the instant of one of {@code events}: clocks stop
     * at the instant of the event that stops them, so this holds every round the change ended, and is empty when it
     * ended none. It may also hold a round an earlier change stopped at the same instant (a fixed clock), which
     * {@link #endedBetween} tells apart; this one needs no earlier state, so a store can use it to find out cheaply
     * whether it needs that state at all.
     */
    public static List<SlaRound> completedIn(Feedback after, List<FeedbackEvent> events) {
        Set<Instant> times = new HashSet<>();
        for (FeedbackEvent e : events) {
            times.add(e.at());
        }
        List<SlaRound> rounds = new ArrayList<>();
        for (SlaClock c : after.slaClocks()) {
            if (ended(c) && times.contains(c.stoppedAt())) {
                rounds.add(of(c));
            }
        }
        return rounds;
    }

    /**
     * The clock rounds a change from a state with clocks {@code before} (none for a receipt) to {@code after} ended:
     * those stopped met or missed in {@code after} that {@code before} did not hold stopped already. A round is its
     * kind and start, so each is returned by exactly one change, even when several happen at one instant.
     */
    public static List<SlaRound> endedBetween(List<SlaClock> before, Feedback after) {
        List<SlaRound> rounds = new ArrayList<>();
        for (SlaClock c : after.slaClocks()) {
            if (ended(c) && !endedIn(before, c)) {
                rounds.add(of(c));
            }
        }
        return rounds;
    }

    private static boolean ended(SlaClock c) {
        return (c.state() == SlaClock.State.MET || c.state() == SlaClock.State.MISSED) && c.stoppedAt() != null;
    }

    /** True when {@code clocks} hold {@code round}'s round (same kind and start) already ended. */
    private static boolean endedIn(List<SlaClock> clocks, SlaClock round) {
        for (SlaClock c : clocks) {
            if (c.kind() == round.kind() && c.startedAt().equals(round.startedAt()) && ended(c)) {
                return true;
            }
        }
        return false;
    }

    private static SlaRound of(SlaClock c) {
        return new SlaRound(c.kind(), c.startedAt(), c.state() == SlaClock.State.MET, c.usedBeforeRun(), Objects.requireNonNull(c.stoppedAt()));
    }
}
