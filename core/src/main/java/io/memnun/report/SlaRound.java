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
 * clock), so stores record each round when it ends and keep it: {@link #completedIn} tells which rounds a change
 * ends.
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
     * The clock rounds of {@code after} that stopped met or missed with one of {@code events}: clocks stop at the
     * instant of the event that stops them, so a round stopped earlier (and recorded then) is not returned again.
     */
    public static List<SlaRound> completedIn(Feedback after, List<FeedbackEvent> events) {
        Set<Instant> times = new HashSet<>();
        for (FeedbackEvent e : events) {
            times.add(e.at());
        }
        List<SlaRound> rounds = new ArrayList<>();
        for (SlaClock c : after.slaClocks()) {
            boolean ended = c.state() == SlaClock.State.MET || c.state() == SlaClock.State.MISSED;
            if (ended && c.stoppedAt() != null && times.contains(c.stoppedAt())) {
                rounds.add(new SlaRound(c.kind(), c.startedAt(), c.state() == SlaClock.State.MET, c.usedBeforeRun(), c.stoppedAt()));
            }
        }
        return rounds;
    }
}
