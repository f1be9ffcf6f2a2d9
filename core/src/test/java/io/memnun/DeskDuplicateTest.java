package io.memnun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.Command;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.IllegalTransitionException;
import io.memnun.feedback.Intake;
import io.memnun.feedback.Lifecycle;
import io.memnun.feedback.Status;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.store.memory.InMemoryFeedbackStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeskDuplicateTest {
    static final TenantId TENANT = TenantId.of("bosphorus");
    static final SubjectId LINEN = SubjectId.of("linen");
    static final SubjectId FOOD = SubjectId.of("food");
    static final Actor STAFF = Actor.staff("ayse");

    final MutableClock clock = new MutableClock(Instant.parse("2026-07-14T10:00:00Z"));
    FeedbackDesk desk;

    @BeforeEach
    void setUp() {
        desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).duplicateWindow(Duration.ofHours(24)).build();
    }

    static Intake from(Customer customer, SubjectId subject) {
        return Intake.builder(TENANT, FeedbackKind.COMPLAINT, Channel.WEB_FORM, "Havlular kirli").customer(customer).subject(subject).build();
    }

    static Customer email(String email) {
        return Customer.builder().email(email).build();
    }

    @Test
    void aRepeatBySameEmailAndSubjectWithinTheWindowIsLinked() {
        Feedback first = desk.receive(from(email("mehmet@example.com"), LINEN));
        clock.advance(Duration.ofHours(3));
        Feedback again = desk.receive(from(email("mehmet@example.com"), LINEN));
        assertThat(first.possibleDuplicateOf()).isEmpty();
        assertThat(again.possibleDuplicateOf()).contains(first.id());
        FeedbackEvent received = desk.history(TENANT, again.id()).get(0);
        assertThat(received.details()).containsEntry("possibleDuplicateOf", first.id().toString());
    }

    @Test
    void aRepeatByTheSameEmailWrittenInAnotherCaseIsLinked() {
        Feedback first = desk.receive(from(email("Mehmet@Example.com"), LINEN));
        clock.advance(Duration.ofHours(3));
        Feedback again = desk.receive(from(email("mehmet@example.com"), LINEN));
        assertThat(again.possibleDuplicateOf()).contains(first.id());
        assertThat(again.customer().email().value()).isEqualTo("mehmet@example.com");
    }

    @Test
    void aRepeatBySamePhoneIsLinkedToo() {
        Feedback first = desk.receive(from(Customer.builder().phone("0532 123 45 67").build(), LINEN));
        Feedback again = desk.receive(from(Customer.builder().phone("+90 532 123 4567").email("x@example.com").build(), LINEN));
        assertThat(again.possibleDuplicateOf()).contains(first.id());
    }

    @Test
    void otherSubjectsOtherCustomersAndOldFeedbackAreNotLinked() {
        desk.receive(from(email("mehmet@example.com"), LINEN));
        assertThat(desk.receive(from(email("mehmet@example.com"), FOOD)).possibleDuplicateOf()).isEmpty();
        assertThat(desk.receive(from(email("ayse@example.com"), LINEN)).possibleDuplicateOf()).isEmpty();
        assertThat(desk.receive(from(Customer.ANONYMOUS, LINEN)).possibleDuplicateOf()).isEmpty();
        clock.advance(Duration.ofHours(25));
        assertThat(desk.receive(from(email("mehmet@example.com"), FOOD)).possibleDuplicateOf()).isEmpty();
        // the LINEN one from 25 hours ago is outside the window
        assertThat(desk.receive(from(email("mehmet@example.com"), LINEN)).possibleDuplicateOf()).isEmpty();
    }

    @Test
    void repeatsPointAtTheFirstOfAChain() {
        Feedback first = desk.receive(from(email("mehmet@example.com"), LINEN));
        clock.advance(Duration.ofMinutes(5));
        desk.receive(from(email("mehmet@example.com"), LINEN));
        clock.advance(Duration.ofMinutes(5));
        assertThat(desk.receive(from(email("mehmet@example.com"), LINEN)).possibleDuplicateOf()).contains(first.id());
    }

    @Test
    void detectionIsOffByDefault() {
        FeedbackDesk plain = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).build();
        plain.receive(from(email("mehmet@example.com"), LINEN));
        assertThat(plain.receive(from(email("mehmet@example.com"), LINEN)).possibleDuplicateOf()).isEmpty();
        assertThatThrownBy(() -> FeedbackDesk.builder().duplicateWindow(Duration.ofHours(-1)))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("duplicateWindow");
    }

    @Test
    void mergingClosesTheDuplicateAsDuplicateWithAReferenceToTheOriginal() {
        Feedback original = desk.receive(from(email("mehmet@example.com"), LINEN));
        Feedback repeat = desk.receive(from(email("mehmet@example.com"), LINEN));
        desk.take(TENANT, repeat.id(), STAFF);
        Feedback merged = desk.merge(TENANT, repeat.reference(), STAFF, original.reference(), "same towels");
        assertThat(merged.status()).isEqualTo(Status.CLOSED);
        assertThat(merged.closureReason()).contains(ClosureReason.DUPLICATE);
        assertThat(merged.mergedInto()).contains(original.id());
        assertThat(merged.closedAt()).contains(clock.instant());
        FeedbackEvent event = desk.history(TENANT, merged.id()).get(2);
        assertThat(event.type()).isEqualTo(EventType.MERGED);
        assertThat(event.note()).isEqualTo("same towels");
        assertThat(event.details()).containsEntry("original", original.id().toString()).containsEntry("closureReason", "DUPLICATE");
        // the original is untouched and still open
        assertThat(desk.get(TENANT, original.id()).status()).isEqualTo(Status.NEW);
        // an appeal reopens it and drops the merge
        Feedback appealed = desk.appeal(TENANT, merged.id(), Actor.customer(), "this was a different room");
        assertThat(appealed.mergedInto()).isEmpty();
        assertThat(appealed.isOpen()).isTrue();
    }

    @Test
    void aMergedDuplicateStopsItsResponseTimeClocks() {
        FeedbackDesk sla = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock)
                .sla(io.memnun.sla.SlaPolicy.defaults()).duplicateWindow(Duration.ofHours(24)).build();
        Feedback original = sla.receive(from(email("mehmet@example.com"), LINEN));
        Feedback repeat = sla.receive(from(email("mehmet@example.com"), LINEN));
        assertThat(repeat.slaClocks()).isNotEmpty().anySatisfy(c -> assertThat(c.isRunning()).isTrue());
        Feedback merged = sla.merge(TENANT, repeat.id(), STAFF, original.id(), null);
        assertThat(merged.slaClocks()).allSatisfy(c -> assertThat(c.isRunning()).isFalse());
        assertThat(merged.nextSlaCheckAt()).isEmpty();
    }

    @Test
    void mergeIsRefusedWhenItMakesNoSense() {
        Feedback a = desk.receive(from(email("mehmet@example.com"), LINEN));
        Feedback b = desk.receive(from(email("mehmet@example.com"), LINEN));
        Feedback c = desk.receive(from(email("mehmet@example.com"), FOOD));
        assertThatThrownBy(() -> desk.merge(TENANT, a.id(), STAFF, a.id(), null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("into itself");
        assertThatThrownBy(() -> desk.merge(TENANT, a.id(), STAFF, new FeedbackId(UUID.randomUUID()), null))
                .isInstanceOf(NotFoundException.class);
        desk.merge(TENANT, b.id(), STAFF, a.id(), null);
        assertThatThrownBy(() -> desk.merge(TENANT, c.id(), STAFF, b.id(), null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("was itself merged into " + a.id());
        assertThatThrownBy(() -> desk.merge(TENANT, b.id(), STAFF, c.id(), null))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(desk.get(TENANT, c.id()).isOpen()).isTrue();
    }

    @Test
    void aMergeIssuedAsACommandIsCheckedLikeMergeItself() {
        Feedback a = desk.receive(from(email("mehmet@example.com"), LINEN));
        Feedback b = desk.receive(from(email("mehmet@example.com"), LINEN));
        Feedback c = desk.receive(from(email("mehmet@example.com"), FOOD));
        Feedback elsewhere = desk.receive(Intake.builder(TenantId.of("another-hotel"), FeedbackKind.COMPLAINT, Channel.WEB_FORM,
                "Havlular kirli").build());
        assertThatThrownBy(() -> desk.execute(TENANT, a.id(), new Command.Merge(STAFF, new FeedbackId(UUID.randomUUID()), null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> desk.execute(TENANT, a.id(), new Command.Merge(STAFF, elsewhere.id(), null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> desk.execute(TENANT, a.id(), a.version(), new Command.Merge(STAFF, elsewhere.id(), null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> desk.executeAll(TENANT, a.id(), java.util.List.of(
                new Command.AddNote(STAFF, "a repeat"), new Command.Merge(STAFF, elsewhere.id(), null))))
                .isInstanceOf(NotFoundException.class);
        desk.execute(TENANT, b.id(), new Command.Merge(STAFF, a.id(), null));
        assertThatThrownBy(() -> desk.execute(TENANT, c.id(), new Command.Merge(STAFF, b.id(), null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("was itself merged into " + a.id());
        assertThat(desk.get(TENANT, a.id()).version()).isEqualTo(a.version());
        assertThat(desk.get(TENANT, c.id()).version()).isEqualTo(c.version());
    }

    @Test
    void aMergeAmongSeveralCommandsIsNotWrittenOverAnOriginalMergedMeanwhile() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        FeedbackDesk plain = FeedbackDesk.builder().store(store).clock(clock).build();
        Feedback original = plain.receive(from(email("mehmet@example.com"), LINEN));
        Feedback other = plain.receive(from(email("mehmet@example.com"), LINEN));
        Feedback duplicate = plain.receive(from(email("mehmet@example.com"), LINEN));
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        // the original is merged into another feedback after every check was made, as the merge is being written
        FeedbackDesk racing = FeedbackDesk.builder().store(new io.memnun.testing.ForwardingFeedbackStore(store) {
            @Override
            public void save(io.memnun.spi.FeedbackChange change) {
                if (change.feedback().id().equals(duplicate.id()) && raced.compareAndSet(false, true)) {
                    plain.merge(TENANT, original.id(), STAFF, other.id(), null);
                }
                super.save(change);
            }
        }).referenceSequence(store).clock(clock).build();

        assertThatThrownBy(() -> racing.executeAll(TENANT, duplicate.id(), java.util.List.of(
                new Command.AddNote(STAFF, "the same towels"), new Command.Merge(STAFF, original.id(), null))))
                .isInstanceOf(io.memnun.error.VersionConflictException.class);

        assertThat(plain.get(TENANT, original.id()).mergedInto()).contains(other.id());
        assertThat(plain.get(TENANT, duplicate.id())).satisfies(d -> {
            assertThat(d.mergedInto()).isEmpty();
            assertThat(d.version()).isEqualTo(duplicate.version());
        });
    }

    @Test
    void unlinkClearsTheFlag() {
        Feedback first = desk.receive(from(email("mehmet@example.com"), LINEN));
        Feedback again = desk.receive(from(email("mehmet@example.com"), LINEN));
        Feedback unlinked = desk.unlink(TENANT, again.id(), STAFF, "a second stay, another room");
        assertThat(unlinked.possibleDuplicateOf()).isEmpty();
        assertThat(unlinked.status()).isEqualTo(Status.NEW);
        FeedbackEvent event = desk.history(TENANT, again.id()).get(1);
        assertThat(event.type()).isEqualTo(EventType.UNLINKED);
        assertThat(event.details()).containsEntry("unlinkedFrom", first.id().toString());
        assertThatThrownBy(() -> desk.unlink(TENANT, again.id(), STAFF, null))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("possibleDuplicateOf");
    }

    @Test
    void mergeAndUnlinkAreAllowedInOpenStatesOnly() {
        EnumSet<Status> open = EnumSet.noneOf(Status.class);
        for (Status s : Status.values()) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        assertThat(Lifecycle.allowedFrom(Command.Merge.class)).isEqualTo(open);
        assertThat(Lifecycle.allowedFrom(Command.Unlink.class)).isEqualTo(open);
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
