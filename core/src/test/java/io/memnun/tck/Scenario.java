package io.memnun.tck;

import io.memnun.feedback.Command;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Lifecycle;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.Triage;
import io.memnun.spi.FeedbackChange;
import io.memnun.spi.FeedbackStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Takes one feedback through the real {@link Lifecycle} and writes every step to a store, remembering the
 * expected state and history: the way store tests get {@link Feedback} instances in any state.
 */
public final class Scenario {
    private static final Duration STEP = Fixtures.step(7);

    private final FeedbackStore store;
    private final Lifecycle lifecycle;
    private final List<FeedbackEvent> history = new ArrayList<>();
    private Feedback current;
    private Instant now;

    private Scenario(FeedbackStore store, Lifecycle lifecycle, Feedback created, FeedbackEvent received, Instant now) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.current = created;
        this.now = now;
        history.add(received);
    }

    /** Receives {@code intake} as {@code reference} with a fresh random id and stores it. */
    public static Scenario receive(FeedbackStore store, Intake intake, ReferenceNumber reference, Instant receivedAt) {
        return receive(store, new Lifecycle(Lifecycle.Rules.defaults()), Fixtures.randomId(), intake, reference, receivedAt);
    }

    public static Scenario receive(FeedbackStore store, Lifecycle lifecycle, FeedbackId id, Intake intake,
            ReferenceNumber reference, Instant receivedAt) {
        Instant recordedAt = receivedAt.plus(STEP);
        // as the desk receives: the event also says which response-time targets could not be counted
        Lifecycle.Received receipt = lifecycle.receipt(id, reference, intake, receivedAt, recordedAt, Triage.NONE);
        store.save(FeedbackChange.create(receipt.feedback(), receipt.event()));
        return new Scenario(store, lifecycle, receipt.feedback(), receipt.event(), recordedAt);
    }

    /** Applies {@code command} a step of time later and stores the change. */
    public Scenario then(Command command) {
        return then(at -> command);
    }

    /** Applies the command made for the instant it is issued at (for commands that carry a time, like a plan). */
    public Scenario then(Function<Instant, Command> command) {
        Instant at = now.plus(STEP);
        Lifecycle.Transition t = lifecycle.apply(current, command.apply(at), at);
        store.save(FeedbackChange.update(t.after(), current.version(), t.event()));
        now = at;
        current = t.after();
        history.add(t.event());
        return this;
    }

    /** Applies {@code command} at {@code at}, not before the last step, and stores the change: a step at a chosen time. */
    public Scenario thenAt(Instant at, Command command) {
        if (at.isBefore(now)) {
            throw new IllegalArgumentException("a step at " + at + " would come before the last one, at " + now);
        }
        return later(Duration.between(now, at).minus(STEP)).then(command);
    }

    /** Moves the scenario's time on without a command. */
    public Scenario later(Duration duration) {
        now = now.plus(duration);
        return this;
    }

    /** Adds a note; a cheap way to create a new version. */
    public Scenario note(String text) {
        return then(new Command.AddNote(Fixtures.AYSE, text));
    }

    /** The expected current state. */
    public Feedback feedback() {
        return current;
    }

    /** The expected history, oldest first. */
    public List<FeedbackEvent> history() {
        return List.copyOf(history);
    }

    /** The time of the last step. */
    public Instant now() {
        return now;
    }
}
