package io.memnun.feedback;

import static io.memnun.feedback.Status.AWAITING_CUSTOMER;
import static io.memnun.feedback.Status.CANCELLED;
import static io.memnun.feedback.Status.CLOSED;
import static io.memnun.feedback.Status.IN_PROGRESS;
import static io.memnun.feedback.Status.NEW;
import static io.memnun.feedback.Status.PLANNED;
import static io.memnun.feedback.Status.RESOLVED;
import static io.memnun.feedback.Status.UNDER_REVIEW;
import static io.memnun.tck.FeedbackAssert.assertSameState;
import static io.memnun.tck.Fixtures.AYSE;
import static io.memnun.tck.Fixtures.FRONT_OFFICE;
import static io.memnun.tck.Fixtures.HOUSEKEEPING;
import static io.memnun.tck.Fixtures.KITCHEN;
import static io.memnun.tck.Fixtures.MEHMET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.DeskConfig;
import io.memnun.FeedbackDesk;
import io.memnun.error.ValidationException;
import io.memnun.store.memory.InMemoryFeedbackStore;
import io.memnun.tck.Fixtures;
import io.memnun.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleTest {
    private static final Duration CLOSING_PERIOD = Duration.ofDays(365);
    private static final SubjectId AIR_CONDITIONING = SubjectId.of("air-conditioning");
    private static final Actor SYSTEM = Actor.system("closing-period");

    /**
     * The lifecycle as documented (DESIGN.md, Lifecycle's diagram and each Command's description), written out
     * independently of the code. One row per command, one column per state: the state the command leads to,
     * {@code =} for "allowed, state unchanged", {@code -} for "refused". {@code RS/UR} is RESOLVED without review,
     * UNDER_REVIEW where review is required. AWAITING_CUSTOMER is reached from IN_PROGRESS here, so the customer's
     * answer leads back to IN_PROGRESS. Feedback in IN_PROGRESS, PLANNED, AWAITING_CUSTOMER and NEW has been
     * rejected once and the closing period has passed, so close(UNRESOLVED) is possible where the state allows it.
     */
    private static final String TABLE = """
            command            NEW  IN_PROGRESS PLANNED  AWAITING_CUSTOMER UNDER_REVIEW RESOLVED CLOSED CANCELLED
            acknowledge        =    =           =        =                 =            =        -      -
            take               IP   -           IP       -                 -            -        -      -
            plan               -    PL          PL       -                 -            -        -      -
            redirect           N    N           N        -                 -            -        -      -
            assign             =    =           =        =                 =            =        -      -
            awaitCustomer      -    AC          AC       -                 -            -        -      -
            customerResponded  -    -           -        IP                -            -        -      -
            cancel             CA   CA          CA       CA                -            -        -      -
            resolve            -    RS/UR       RS/UR    -                 -            -        -      -
            approve            -    -           -        -                 RS           -        -      -
            sendBack           -    -           -        -                 IP           -        -      -
            accept             -    -           -        -                 -            CL       -      -
            reject             -    -           -        -                 -            IP       -      -
            close              -    CL          CL       CL                -            CL       -      -
            appeal             -    -           -        -                 -            -        IP     IP
            changePriority     =    =           =        =                 =            =        -      -
            assess             =    =           =        =                 =            =        -      -
            addNote            =    =           =        =                 =            =        =      =
            addCustomerMessage =    =           =        =                 =            =        =      =
            merge              CL   CL          CL       CL                CL           CL       -      -
            unlink             =    =           =        =                 =            =        -      -
            """;

    enum Policy {
        NO_REVIEW,
        REVIEW
    }

    /** The command types, in the table's order, with the names the lifecycle must report. */
    enum Kind {
        ACKNOWLEDGE(Command.Acknowledge.class, "acknowledge"),
        TAKE(Command.Take.class, "take"),
        PLAN(Command.Plan.class, "plan"),
        REDIRECT(Command.Redirect.class, "redirect"),
        ASSIGN(Command.Assign.class, "assign"),
        AWAIT_CUSTOMER(Command.AwaitCustomer.class, "awaitCustomer"),
        CUSTOMER_RESPONDED(Command.CustomerResponded.class, "customerResponded"),
        CANCEL(Command.Cancel.class, "cancel"),
        RESOLVE(Command.Resolve.class, "resolve"),
        APPROVE(Command.Approve.class, "approve"),
        SEND_BACK(Command.SendBack.class, "sendBack"),
        ACCEPT(Command.Accept.class, "accept"),
        REJECT(Command.Reject.class, "reject"),
        CLOSE(Command.Close.class, "close"),
        APPEAL(Command.Appeal.class, "appeal"),
        CHANGE_PRIORITY(Command.ChangePriority.class, "changePriority"),
        ASSESS(Command.Assess.class, "assess"),
        ADD_NOTE(Command.AddNote.class, "addNote"),
        ADD_CUSTOMER_MESSAGE(Command.AddCustomerMessage.class, "addCustomerMessage"),
        MERGE(Command.Merge.class, "merge"),
        UNLINK(Command.Unlink.class, "unlink");

        final Class<? extends Command> type;
        final String commandName;

        Kind(Class<? extends Command> type, String commandName) {
            this.type = type;
            this.commandName = commandName;
        }
    }

    private static final Map<Kind, Map<Status, String>> EXPECTED = parse(TABLE);

    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final TenantId tenant = TenantId.of("otel");

    // ---------------------------------------------------------------- the full matrix

    @Test
    void theMatrixCoversEveryCommandTypeAndEveryState() {
        Set<Class<?>> covered = Arrays.stream(Kind.values()).map(k -> k.type).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
        assertThat(EXPECTED).hasSize(Kind.values().length);
        assertThat(EXPECTED.values()).allSatisfy(row -> assertThat(row.keySet()).containsExactlyInAnyOrder(Status.values()));
    }

    static Stream<Arguments> everyStateAndCommand() {
        return Stream.of(Policy.values()).flatMap(policy -> Stream.of(Status.values())
                .filter(state -> policy == Policy.REVIEW || state != UNDER_REVIEW)
                .flatMap(state -> Stream.of(Kind.values()).map(kind -> Arguments.of(policy, state, kind))));
    }

    @ParameterizedTest(name = "{0}: {2} in {1}")
    @MethodSource("everyStateAndCommand")
    void everyCommandInEveryStateFollowsTheTable(Policy policy, Status state, Kind kind) {
        FeedbackDesk desk = desk(policy == Policy.REVIEW);
        Feedback before = inState(desk, state, policy == Policy.REVIEW);
        assertThat(before.status()).isEqualTo(state);
        List<FeedbackEvent> historyBefore = desk.history(tenant, before.id());
        clock.advance(CLOSING_PERIOD.plusDays(1));
        Instant now = clock.instant();
        Command command = command(kind, before, now);
        assertThat(command.name()).isEqualTo(kind.commandName);

        String outcome = EXPECTED.get(kind).get(state);
        if (outcome.equals("-")) {
            assertThatThrownBy(() -> desk.execute(tenant, before.id(), command))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.status()).isEqualTo(state);
                        assertThat(e.command()).isEqualTo(kind.commandName);
                        assertThat(e).hasMessageContaining(state.name()).hasMessageContaining(kind.commandName)
                                .hasMessageContaining(before.reference().toString());
                    });
            Feedback stored = desk.get(tenant, before.id());
            assertThat(stored.version()).isEqualTo(before.version());
            assertSameState(stored, before);
            assertThat(desk.history(tenant, before.id())).isEqualTo(historyBefore);
            return;
        }

        Status expectedStatus = target(outcome, state, policy);
        Feedback after = desk.execute(tenant, before.id(), command);

        assertThat(after.status()).isEqualTo(expectedStatus);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.updatedAt()).isEqualTo(now);
        assertSameState(desk.get(tenant, before.id()), after);
        List<FeedbackEvent> history = desk.history(tenant, before.id());
        assertThat(history).hasSize(historyBefore.size() + 1).startsWith(historyBefore.toArray(FeedbackEvent[]::new));

        FeedbackEvent event = history.get(history.size() - 1);
        assertThat(event.feedbackId()).isEqualTo(before.id());
        assertThat(event.version()).isEqualTo(after.version());
        assertThat(event.type()).isEqualTo(eventType(kind, policy));
        assertThat(event.actor()).isEqualTo(command.actor());
        assertThat(event.at()).isEqualTo(now);
        assertThat(event.note()).isEqualTo(note(command));
        assertThat(event.from()).isEqualTo(state);
        assertThat(event.to()).isEqualTo(expectedStatus);
        assertThat(event.details()).containsExactlyInAnyOrderEntriesOf(details(command, before));
        assertThat(event.isTransition()).isEqualTo(state != expectedStatus);
    }

    private static Status target(String outcome, Status from, Policy policy) {
        switch (outcome) {
            case "=":
                return from;
            case "RS/UR":
                return policy == Policy.REVIEW ? UNDER_REVIEW : RESOLVED;
            default:
                return Map.of("N", NEW, "IP", IN_PROGRESS, "PL", PLANNED, "AC", AWAITING_CUSTOMER, "RS", RESOLVED,
                        "CL", CLOSED, "CA", CANCELLED).get(outcome);
        }
    }

    private static EventType eventType(Kind kind, Policy policy) {
        switch (kind) {
            case ACKNOWLEDGE: return EventType.ACKNOWLEDGED;
            case TAKE: return EventType.TAKEN;
            case PLAN: return EventType.PLANNED;
            case REDIRECT: return EventType.REDIRECTED;
            case ASSIGN: return EventType.ASSIGNED;
            case AWAIT_CUSTOMER: return EventType.AWAITING_CUSTOMER;
            case CUSTOMER_RESPONDED: return EventType.CUSTOMER_RESPONDED;
            case CANCEL: return EventType.CANCELLED;
            case RESOLVE: return policy == Policy.REVIEW ? EventType.RESOLUTION_PROPOSED : EventType.RESOLVED;
            case APPROVE: return EventType.RESOLUTION_APPROVED;
            case SEND_BACK: return EventType.RESOLUTION_SENT_BACK;
            case ACCEPT: return EventType.ACCEPTED;
            case REJECT: return EventType.REJECTED;
            case CLOSE: return EventType.CLOSED;
            case APPEAL: return EventType.APPEALED;
            case CHANGE_PRIORITY: return EventType.PRIORITY_CHANGED;
            case ASSESS: return EventType.ASSESSED;
            case ADD_NOTE: return EventType.NOTE_ADDED;
            case ADD_CUSTOMER_MESSAGE: return EventType.CUSTOMER_MESSAGE;
            case MERGE: return EventType.MERGED;
            case UNLINK: return EventType.UNLINKED;
            default: throw new AssertionError(kind);
        }
    }

    /** A valid command of the kind for {@code f} (another department, another assignee, another priority). */
    private static Command command(Kind kind, Feedback f, Instant now) {
        switch (kind) {
            case ACKNOWLEDGE: return new Command.Acknowledge(AYSE, "Misafire telefonla bilgi verildi");
            case TAKE: return new Command.Take(MEHMET, "İşleme aldım");
            case PLAN: return new Command.Plan(AYSE, now.plus(Duration.ofDays(3)), "Üç gün içinde");
            case REDIRECT: return new Command.Redirect(AYSE, KITCHEN, StaffId.of("şef"), "Mutfağın konusu");
            case ASSIGN: return new Command.Assign(AYSE, StaffId.of("yeni.görevli"), "Vardiya değişti");
            case AWAIT_CUSTOMER: return new Command.AwaitCustomer(AYSE, "Oda numaranız nedir?");
            case CUSTOMER_RESPONDED: return new Command.CustomerResponded(Actor.customer(), "412");
            case CANCEL: return new Command.Cancel(AYSE, "Mükerrer kayıt");
            case RESOLVE: return new Command.Resolve(AYSE, "Klima onarıldı");
            case APPROVE: return new Command.Approve(MEHMET, "Uygun");
            case SEND_BACK: return new Command.SendBack(MEHMET, "Telafi eksik");
            case ACCEPT: return new Command.Accept(Actor.customer(), "Teşekkürler");
            case REJECT: return new Command.Reject(Actor.customer(), "Yetersiz",
                    List.of(Recourse.internal("Genel müdüre başvuru"), Recourse.external("Tüketici hakem heyeti")));
            case CLOSE: return new Command.Close(SYSTEM,
                    f.status() == RESOLVED ? ClosureReason.NO_RESPONSE : ClosureReason.UNRESOLVED, "Süre doldu");
            case APPEAL: return new Command.Appeal(Actor.customer(), "İtiraz ediyorum");
            case CHANGE_PRIORITY: return new Command.ChangePriority(AYSE,
                    f.priority() == Priority.VERY_URGENT ? Priority.LOW : Priority.VERY_URGENT, "Misafir VIP");
            case ASSESS: return new Command.Assess(AYSE, Assessment.of(Assessment.Severity.CRITICAL, "Sağlık riski", true));
            case ADD_NOTE: return new Command.AddNote(MEHMET, "Misafir arandı");
            case ADD_CUSTOMER_MESSAGE: return new Command.AddCustomerMessage(Actor.customer(), "Teşekkürler", Map.of("messageId", "<m1@x>"));
            case MERGE: return new Command.Merge(AYSE, f.possibleDuplicateOf().orElseThrow(), "Aynı şikâyet");
            case UNLINK: return new Command.Unlink(AYSE, "Başka bir oda");
            default: throw new AssertionError(kind);
        }
    }

    /** The note the event must carry: the note, reason, question, resolution or impact of the command. */
    private static String note(Command c) {
        if (c instanceof Command.Acknowledge x) return x.note();
        if (c instanceof Command.Take x) return x.note();
        if (c instanceof Command.Plan x) return x.note();
        if (c instanceof Command.Redirect x) return x.reason();
        if (c instanceof Command.Assign x) return x.note();
        if (c instanceof Command.AwaitCustomer x) return x.question();
        if (c instanceof Command.CustomerResponded x) return x.note();
        if (c instanceof Command.Cancel x) return x.reason();
        if (c instanceof Command.Resolve x) return x.resolution();
        if (c instanceof Command.Approve x) return x.note();
        if (c instanceof Command.SendBack x) return x.reason();
        if (c instanceof Command.Accept x) return x.note();
        if (c instanceof Command.Reject x) return x.reason();
        if (c instanceof Command.Close x) return x.note();
        if (c instanceof Command.Appeal x) return x.reason();
        if (c instanceof Command.ChangePriority x) return x.reason();
        if (c instanceof Command.Assess x) return x.assessment().impact();
        if (c instanceof Command.AddNote x) return x.note();
        if (c instanceof Command.AddCustomerMessage x) return x.message();
        if (c instanceof Command.Merge x) return x.note();
        if (c instanceof Command.Unlink x) return x.note();
        throw new AssertionError(c);
    }

    /** The structured facts the event must record for {@code c} applied to {@code before}. */
    private static Map<String, String> details(Command c, Feedback before) {
        Map<String, String> d = new LinkedHashMap<>();
        if (c instanceof Command.AddCustomerMessage x) {
            d.putAll(x.details());
        }
        if (c instanceof Command.Take x) {
            if (before.assignee().isEmpty()) {
                d.put("assignee", x.actor().id());
            }
        } else if (c instanceof Command.Plan x) {
            d.put("plannedUntil", x.until().toString());
        } else if (c instanceof Command.Redirect x) {
            before.department().ifPresent(dep -> d.put("fromDepartment", dep.value()));
            d.put("toDepartment", x.department().value());
            d.put("assignee", x.assignee().value());
        } else if (c instanceof Command.Assign x) {
            before.assignee().ifPresent(a -> d.put("fromAssignee", a.value()));
            d.put("assignee", x.assignee().value());
        } else if (c instanceof Command.Reject x) {
            d.put("alternatives", "2");
            d.put("alternative.1", "INTERNAL: Genel müdüre başvuru");
            d.put("alternative.2", "EXTERNAL: Tüketici hakem heyeti");
        } else if (c instanceof Command.Close x) {
            d.put("closureReason", x.reason().name());
        } else if (c instanceof Command.Appeal) {
            d.put("previousOutcome", before.status() == CANCELLED ? "CANCELLED" : before.closureReason().orElseThrow().name());
        } else if (c instanceof Command.ChangePriority x) {
            d.put("fromPriority", before.priority().name());
            d.put("toPriority", x.priority().name());
        } else if (c instanceof Command.Assess x) {
            d.put("severity", x.assessment().severity().name());
            d.put("immediateActionNeeded", Boolean.toString(x.assessment().immediateActionNeeded()));
        } else if (c instanceof Command.Merge x) {
            d.put("original", x.original().toString());
            d.put("closureReason", ClosureReason.DUPLICATE.name());
        } else if (c instanceof Command.Unlink) {
            d.put("unlinkedFrom", before.possibleDuplicateOf().orElseThrow().toString());
        }
        return d;
    }

    // ---------------------------------------------------------------- review policies

    @Test
    void withoutReviewAResolutionIsToldToTheCustomerAtOnce() {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        clock.advance(Duration.ofHours(2));
        Feedback resolved = desk.resolve(tenant, f.id(), AYSE, "Klima onarıldı");
        assertThat(resolved.status()).isEqualTo(RESOLVED);
        assertThat(resolved.resolution()).contains("Klima onarıldı");
        assertThat(resolved.resolvedAt()).contains(clock.instant());
        assertThat(lastEvent(desk, f).type()).isEqualTo(EventType.RESOLVED);
    }

    @Test
    void withReviewAResolutionIsProposedThenApprovedOrSentBack() {
        FeedbackDesk desk = desk(true);
        Feedback f = taken(desk);
        clock.advance(Duration.ofHours(2));
        Feedback proposed = desk.resolve(tenant, f.id(), AYSE, "Oda değişikliği");
        assertThat(proposed.status()).isEqualTo(UNDER_REVIEW);
        assertThat(proposed.resolution()).contains("Oda değişikliği");
        assertThat(proposed.resolvedAt()).isEmpty();
        assertThat(lastEvent(desk, f).type()).isEqualTo(EventType.RESOLUTION_PROPOSED);

        Feedback sentBack = desk.sendBack(tenant, f.id(), MEHMET, "Telafi eksik");
        assertThat(sentBack.status()).isEqualTo(IN_PROGRESS);
        assertThat(sentBack.resolvedAt()).isEmpty();

        desk.resolve(tenant, f.id(), AYSE, "Oda değişikliği ve ücretsiz kahvaltı");
        clock.advance(Duration.ofHours(1));
        Feedback approved = desk.approve(tenant, f.id(), MEHMET);
        assertThat(approved.status()).isEqualTo(RESOLVED);
        assertThat(approved.resolution()).contains("Oda değişikliği ve ücretsiz kahvaltı");
        assertThat(approved.resolvedAt()).contains(clock.instant());
        assertThat(lastEvent(desk, f).type()).isEqualTo(EventType.RESOLUTION_APPROVED);
    }

    @Test
    void theReviewPolicyIsDecidedPerFeedback() {
        FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock)
                .reviewBeforeResolution(f -> f.kind() == FeedbackKind.COMPLAINT).build();
        Feedback complaint = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "şikâyet").build());
        Feedback request = desk.receive(Intake.builder(tenant, FeedbackKind.REQUEST, Channel.EMAIL, "talep").build());
        for (Feedback f : List.of(complaint, request)) {
            desk.take(tenant, f.id(), AYSE);
            desk.resolve(tenant, f.id(), AYSE, "tamam");
        }
        assertThat(desk.get(tenant, complaint.id()).status()).isEqualTo(UNDER_REVIEW);
        assertThat(desk.get(tenant, request.id()).status()).isEqualTo(RESOLVED);
    }

    // ---------------------------------------------------------------- closing period

    @Test
    void noResponseClosingIsRefusedBeforeTheClosingPeriodAndAllowedFromItsEnd() {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        clock.advance(Duration.ofDays(3));
        Instant resolvedAt = desk.resolve(tenant, f.id(), AYSE, "Çözüldü").resolvedAt().orElseThrow();

        clock.set(resolvedAt.plus(CLOSING_PERIOD).minusNanos(1_000));
        assertRefused(desk, f, new Command.Close(SYSTEM, ClosureReason.NO_RESPONSE, null), RESOLVED, "closing period");

        clock.set(resolvedAt.plus(CLOSING_PERIOD));
        Feedback closed = desk.close(tenant, f.id(), SYSTEM, ClosureReason.NO_RESPONSE, null);
        assertThat(closed.status()).isEqualTo(CLOSED);
        assertThat(closed.closureReason()).contains(ClosureReason.NO_RESPONSE);
        assertThat(closed.closedAt()).contains(clock.instant());
    }

    @Test
    void withReviewTheNoResponsePeriodStartsAtApprovalNotAtTheProposal() {
        FeedbackDesk desk = desk(true);
        Feedback f = taken(desk);
        desk.resolve(tenant, f.id(), AYSE, "Öneri");
        clock.advance(Duration.ofDays(10));
        Instant approvedAt = desk.approve(tenant, f.id(), MEHMET).resolvedAt().orElseThrow();

        clock.set(approvedAt.plus(CLOSING_PERIOD).minusSeconds(1));
        assertRefused(desk, f, new Command.Close(SYSTEM, ClosureReason.NO_RESPONSE, null), RESOLVED, "closing period");
        clock.advance(Duration.ofSeconds(1));
        assertThat(desk.close(tenant, f.id(), SYSTEM, ClosureReason.NO_RESPONSE, null).status()).isEqualTo(CLOSED);
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"IN_PROGRESS", "PLANNED", "AWAITING_CUSTOMER"})
    void unresolvedClosingCountsTheClosingPeriodFromTheLastRejection(Status state) {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        desk.resolve(tenant, f.id(), AYSE, "İlk çözüm");
        clock.advance(Duration.ofDays(2));
        Instant rejectedAt = desk.reject(tenant, f.id(), "Olmadı").lastRejectedAt().orElseThrow();
        if (state == PLANNED) {
            desk.plan(tenant, f.id(), AYSE, clock.instant().plus(Duration.ofDays(1)), null);
        } else if (state == AWAITING_CUSTOMER) {
            desk.awaitCustomer(tenant, f.id(), AYSE, "Ne önerirsiniz?");
        }

        clock.set(rejectedAt.plus(CLOSING_PERIOD).minusNanos(1_000));
        assertRefused(desk, f, new Command.Close(SYSTEM, ClosureReason.UNRESOLVED, null), state, "closing period");

        clock.set(rejectedAt.plus(CLOSING_PERIOD));
        Feedback closed = desk.close(tenant, f.id(), SYSTEM, ClosureReason.UNRESOLVED, "Çözümsüz");
        assertThat(closed.status()).isEqualTo(CLOSED);
        assertThat(closed.closureReason()).contains(ClosureReason.UNRESOLVED);
        assertThat(closed.pausedFrom()).isEmpty();
    }

    @Test
    void aSecondRejectionRestartsTheClosingPeriod() {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        desk.resolve(tenant, f.id(), AYSE, "bir");
        desk.reject(tenant, f.id(), "hayır");
        clock.advance(Duration.ofDays(200));
        desk.resolve(tenant, f.id(), AYSE, "iki");
        Instant second = desk.reject(tenant, f.id(), "yine hayır").lastRejectedAt().orElseThrow();

        clock.set(second.plus(CLOSING_PERIOD).minusSeconds(1));
        assertRefused(desk, f, new Command.Close(SYSTEM, ClosureReason.UNRESOLVED, null), IN_PROGRESS, "closing period");
        clock.advance(Duration.ofSeconds(1));
        assertThat(desk.close(tenant, f.id(), SYSTEM, ClosureReason.UNRESOLVED, null).status()).isEqualTo(CLOSED);
    }

    @Test
    void eachClosingReasonAppliesOnlyToItsCase() {
        FeedbackDesk desk = desk(false);
        Feedback neverRejected = taken(desk);
        clock.advance(CLOSING_PERIOD.plusDays(10));
        assertRefused(desk, neverRejected, new Command.Close(SYSTEM, ClosureReason.UNRESOLVED, null), IN_PROGRESS, "rejected");
        assertRefused(desk, neverRejected, new Command.Close(SYSTEM, ClosureReason.NO_RESPONSE, null), IN_PROGRESS, "RESOLVED");

        desk.resolve(tenant, neverRejected.id(), AYSE, "çözüm");
        clock.advance(CLOSING_PERIOD.plusDays(10));
        assertRefused(desk, neverRejected, new Command.Close(SYSTEM, ClosureReason.UNRESOLVED, null), RESOLVED, "UNRESOLVED");
    }

    @Test
    void onlyNoResponseAndUnresolvedAreClosingReasonsOfTheCloseCommand() {
        for (ClosureReason reason : List.of(ClosureReason.ACCEPTED, ClosureReason.DUPLICATE)) {
            assertThatThrownBy(() -> new Command.Close(SYSTEM, reason, null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        }
    }

    @Test
    void theConfiguredClosingPeriodApplies() {
        FeedbackDesk desk = FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock)
                .config(DeskConfig.builder().closingPeriod(Duration.ofDays(30)).build()).build();
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "x").build());
        desk.take(tenant, f.id(), AYSE);
        desk.resolve(tenant, f.id(), AYSE, "çözüm");
        clock.advance(Duration.ofDays(29));
        assertRefused(desk, f, new Command.Close(SYSTEM, ClosureReason.NO_RESPONSE, null), RESOLVED, "closing period");
        clock.advance(Duration.ofDays(1));
        assertThat(desk.close(tenant, f.id(), SYSTEM, ClosureReason.NO_RESPONSE, null).status()).isEqualTo(CLOSED);
    }

    // ---------------------------------------------------------------- awaiting the customer

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"IN_PROGRESS", "PLANNED"})
    void theCustomersAnswerReturnsToTheStateThatWasPaused(Status paused) {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        Instant until = clock.instant().plus(Duration.ofDays(2));
        if (paused == PLANNED) {
            desk.plan(tenant, f.id(), AYSE, until, null);
        }
        Feedback waiting = desk.awaitCustomer(tenant, f.id(), AYSE, "Hangi gün?");
        assertThat(waiting.status()).isEqualTo(AWAITING_CUSTOMER);
        assertThat(waiting.pausedFrom()).contains(paused);

        Feedback back = desk.customerResponded(tenant, f.id(), "Salı");
        assertThat(back.status()).isEqualTo(paused);
        assertThat(back.pausedFrom()).isEmpty();
        assertThat(back.plannedUntil()).isEqualTo(paused == PLANNED ? java.util.Optional.of(until) : java.util.Optional.empty());
        FeedbackEvent answered = lastEvent(desk, f);
        assertThat(answered.actor()).isEqualTo(Actor.customer());
        assertThat(answered.from()).isEqualTo(AWAITING_CUSTOMER);
        assertThat(answered.to()).isEqualTo(paused);
    }

    @Test
    void cancellingOrClosingWhileWaitingForgetsThePausedState() {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        desk.awaitCustomer(tenant, f.id(), AYSE, "?");
        Feedback cancelled = desk.cancel(tenant, f.id(), AYSE, "Müşteri vazgeçti");
        assertThat(cancelled.pausedFrom()).isEmpty();
        assertThat(cancelled.cancellationReason()).contains("Müşteri vazgeçti");
        assertThat(cancelled.closedAt()).contains(clock.instant());
    }

    // ---------------------------------------------------------------- rejection and appeal

    @Test
    void aRejectionKeepsTheFeedbackOpenAndRecordsTheAlternativesOffered() {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        desk.resolve(tenant, f.id(), AYSE, "Özür dileriz");
        clock.advance(Duration.ofDays(1));
        Feedback once = desk.reject(tenant, f.id(), "Yetmez", Recourse.internal("Genel müdür"));
        assertThat(once.status()).isEqualTo(IN_PROGRESS);
        assertThat(once.isOpen()).isTrue();
        assertThat(once.rejectionCount()).isEqualTo(1);
        assertThat(once.lastRejectedAt()).contains(clock.instant());
        assertThat(once.recourseOffered()).containsExactly(Recourse.internal("Genel müdür"));

        desk.resolve(tenant, f.id(), AYSE, "İndirim");
        clock.advance(Duration.ofDays(1));
        Feedback twice = desk.reject(tenant, f.id(), "Yine yetmez", Recourse.external("Tüketici hakem heyeti"),
                Recourse.external("Tüketici mahkemesi"));
        assertThat(twice.rejectionCount()).isEqualTo(2);
        assertThat(twice.lastRejectedAt()).contains(clock.instant());
        assertThat(twice.recourseOffered()).containsExactly(Recourse.internal("Genel müdür"),
                Recourse.external("Tüketici hakem heyeti"), Recourse.external("Tüketici mahkemesi"));
        assertThat(lastEvent(desk, f).details()).containsExactlyInAnyOrderEntriesOf(Map.of("alternatives", "2",
                "alternative.1", "EXTERNAL: Tüketici hakem heyeti", "alternative.2", "EXTERNAL: Tüketici mahkemesi"));
    }

    @Test
    void anAppealReopensAClosedFeedback() {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        desk.resolve(tenant, f.id(), AYSE, "Çözüm");
        desk.accept(tenant, f.id(), "Tamam");
        Feedback appealed = desk.appeal(tenant, f.id(), Actor.customer(), "Sorun devam ediyor");
        assertThat(appealed.status()).isEqualTo(IN_PROGRESS);
        assertThat(appealed.appealCount()).isEqualTo(1);
        assertThat(appealed.closureReason()).isEmpty();
        assertThat(appealed.closedAt()).isEmpty();
        assertThat(lastEvent(desk, f).details()).containsExactly(Map.entry("previousOutcome", "ACCEPTED"));

        desk.resolve(tenant, f.id(), AYSE, "Yeni çözüm");
        desk.accept(tenant, f.id(), null);
        assertThat(desk.appeal(tenant, f.id(), Actor.customer(), "Yine").appealCount()).isEqualTo(2);
    }

    @Test
    void anAppealReopensACancelledFeedback() {
        FeedbackDesk desk = desk(false);
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "x").build());
        desk.cancel(tenant, f.id(), AYSE, "Kapsam dışı");
        Feedback appealed = desk.appeal(tenant, f.id(), Actor.customer(), "Kapsamda");
        assertThat(appealed.status()).isEqualTo(IN_PROGRESS);
        assertThat(appealed.cancellationReason()).isEmpty();
        assertThat(appealed.closedAt()).isEmpty();
        assertThat(appealed.appealCount()).isEqualTo(1);
        assertThat(lastEvent(desk, f).details()).containsExactly(Map.entry("previousOutcome", "CANCELLED"));
    }

    @Test
    void anAppealedFeedbackIsNotClosableAsUnresolvedBecauseOfARejectionBeforeTheAppeal() {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        desk.resolve(tenant, f.id(), AYSE, "bir");
        desk.reject(tenant, f.id(), "hayır");
        clock.advance(CLOSING_PERIOD);
        desk.close(tenant, f.id(), SYSTEM, ClosureReason.UNRESOLVED, null);
        clock.advance(Duration.ofDays(30));

        Feedback appealed = desk.appeal(tenant, f.id(), Actor.customer(), "Yeniden bakın");
        assertThat(appealed.rejectionCount()).isEqualTo(1);
        assertRefused(desk, f, new Command.Close(SYSTEM, ClosureReason.UNRESOLVED, null), IN_PROGRESS, "UNRESOLVED");
        assertThat(desk.closeExpired(tenant)).isZero();
        assertThat(desk.get(tenant, f.id()).status()).isEqualTo(IN_PROGRESS);

        desk.resolve(tenant, f.id(), AYSE, "iki");
        Instant rejectedAgain = desk.reject(tenant, f.id(), "yine hayır").lastRejectedAt().orElseThrow();
        clock.set(rejectedAgain.plus(CLOSING_PERIOD));
        assertThat(desk.close(tenant, f.id(), SYSTEM, ClosureReason.UNRESOLVED, null).status()).isEqualTo(CLOSED);
    }

    // ---------------------------------------------------------------- values that do not fit

    @Test
    void aPlanMustEndInTheFuture() {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        Feedback before = desk.get(tenant, f.id());
        for (Instant until : List.of(clock.instant().minusSeconds(1), clock.instant())) {
            assertThatThrownBy(() -> desk.plan(tenant, f.id(), AYSE, until, null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("until"));
        }
        assertSameState(desk.get(tenant, f.id()), before);
        assertThat(desk.history(tenant, f.id())).hasSize((int) before.version());
        Instant until = clock.instant().plusNanos(1_000);
        assertThat(desk.plan(tenant, f.id(), AYSE, until, null).plannedUntil()).contains(until);
    }

    @Test
    void commandsThatWouldChangeNothingAreRefusedNamingTheField() {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        Feedback before = desk.get(tenant, f.id());
        assertField(() -> desk.redirect(tenant, f.id(), AYSE, HOUSEKEEPING, null, "aynı"), "department");
        assertField(() -> desk.assign(tenant, f.id(), MEHMET, StaffId.of(AYSE.id())), "assignee");
        assertField(() -> desk.changePriority(tenant, f.id(), AYSE, before.priority(), "aynı"), "priority");
        assertSameState(desk.get(tenant, f.id()), before);
    }

    @Test
    void theStateIsCheckedBeforeTheCommandsValues() {
        FeedbackDesk desk = desk(false);
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "x").build());
        assertRefused(desk, f, new Command.Plan(AYSE, clock.instant().minusSeconds(5), null), NEW, "plan");
    }

    @Test
    void takingAssignsAStaffActorOnlyWhenNobodyIsAssigned() {
        FeedbackDesk desk = desk(false);
        Feedback unassigned = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "a").build());
        assertThat(desk.take(tenant, unassigned.id(), AYSE).assignee()).contains(StaffId.of(AYSE.id()));

        Feedback bySystem = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "b").build());
        assertThat(desk.take(tenant, bySystem.id(), Actor.system("router")).assignee()).isEmpty();
        assertThat(lastEvent(desk, bySystem).details()).isEmpty();

        Feedback assigned = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "c")
                .assignee(StaffId.of(MEHMET.id())).build());
        assertThat(desk.take(tenant, assigned.id(), AYSE).assignee()).contains(StaffId.of(MEHMET.id()));
    }

    @Test
    void aRedirectMakesTheFeedbackNewAgainForTheOtherDepartment() {
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        desk.plan(tenant, f.id(), AYSE, clock.instant().plus(Duration.ofDays(1)), null);
        Feedback redirected = desk.redirect(tenant, f.id(), AYSE, FRONT_OFFICE, null, "Ön büronun işi");
        assertThat(redirected.status()).isEqualTo(NEW);
        assertThat(redirected.department()).contains(FRONT_OFFICE);
        assertThat(redirected.assignee()).isEmpty();
        assertThat(redirected.plannedUntil()).isEmpty();
    }

    @Test
    void aRejectionOrAnAppealEndsThePlanOfTheRoundBefore() {
        // the planned completion time was for the resolution the customer has now answered: a later round has none
        // until it is planned again (the SLA engine cancels its planned-completion clock there too)
        FeedbackDesk desk = desk(false);
        Feedback f = taken(desk);
        desk.plan(tenant, f.id(), AYSE, clock.instant().plus(Duration.ofDays(1)), null);
        desk.resolve(tenant, f.id(), AYSE, "Klima onarıldı");
        Feedback rejected = desk.reject(tenant, f.id(), "Hâlâ soğuk");
        assertThat(rejected.status()).isEqualTo(IN_PROGRESS);
        assertThat(rejected.plannedUntil()).isEmpty();

        Instant second = clock.instant().plus(Duration.ofDays(2));
        assertThat(desk.plan(tenant, f.id(), AYSE, second, null).plannedUntil()).contains(second);
        desk.resolve(tenant, f.id(), AYSE, "Klima değiştirildi");
        desk.accept(tenant, f.id(), null);
        Feedback appealed = desk.appeal(tenant, f.id(), Actor.customer(), "Yine bozuldu");
        assertThat(appealed.plannedUntil()).isEmpty();
    }

    // ---------------------------------------------------------------- receipt

    @Test
    void receiveTakesEveryFieldFromTheIntake() {
        Intake intake = Fixtures.richIntake(tenant).build();
        FeedbackId id = Fixtures.randomId();
        ReferenceNumber ref = ReferenceNumber.of("FB", 2026, 7);
        Instant recordedAt = Fixtures.T0.plusSeconds(5);
        Feedback f = new Lifecycle(Lifecycle.Rules.defaults()).receive(id, ref, intake, intake.receivedAt(), recordedAt);

        assertThat(f.id()).isEqualTo(id);
        assertThat(f.reference()).isEqualTo(ref);
        assertThat(f.tenant()).isEqualTo(tenant);
        assertThat(f.version()).isEqualTo(1);
        assertThat(f.status()).isEqualTo(NEW);
        assertThat(f.kind()).isEqualTo(intake.kind());
        assertThat(f.channel()).isEqualTo(intake.channel());
        assertThat(f.type()).contains(intake.type());
        assertThat(f.priority()).isEqualTo(intake.priority());
        assertThat(f.location()).contains(intake.location());
        assertThat(f.subject()).contains(intake.subject());
        assertThat(f.department()).contains(intake.department());
        assertThat(f.assignee()).contains(intake.assignee());
        assertThat(f.customer()).isEqualTo(intake.customer());
        assertThat(f.description()).isEqualTo(intake.description());
        assertThat(f.desiredRemedy()).contains(intake.desiredRemedy());
        assertThat(f.immediateAction()).contains(intake.immediateAction());
        assertThat(f.assessment()).contains(intake.assessment());
        assertThat(f.attachments()).isEqualTo(intake.attachments());
        assertThat(f.context()).isEqualTo(intake.context());
        assertThat(f.intakeKey()).contains(intake.intakeKey());
        assertThat(f.receivedAt()).isEqualTo(intake.receivedAt());
        assertThat(f.updatedAt()).isEqualTo(recordedAt);
        assertThat(f.rejectionCount()).isZero();
        assertThat(f.appealCount()).isZero();
        assertThat(f.recourseOffered()).isEmpty();
    }

    @Test
    void theReceiptEventRecordsWhoWhenAndTheRoutingFacts() {
        Intake intake = Fixtures.richIntake(tenant).build();
        Feedback f = new Lifecycle(Lifecycle.Rules.defaults())
                .receive(Fixtures.randomId(), ReferenceNumber.of("FB", 2026, 7), intake, intake.receivedAt(), Fixtures.T0);
        FeedbackEvent e = Lifecycle.receivedEvent(f, MEHMET, Fixtures.T0);
        assertThat(e.feedbackId()).isEqualTo(f.id());
        assertThat(e.version()).isEqualTo(1);
        assertThat(e.type()).isEqualTo(EventType.RECEIVED);
        assertThat(e.actor()).isEqualTo(MEHMET);
        assertThat(e.at()).isEqualTo(Fixtures.T0);
        assertThat(e.note()).isNull();
        assertThat(e.from()).isNull();
        assertThat(e.to()).isEqualTo(NEW);
        assertThat(e.details()).containsExactlyInAnyOrderEntriesOf(Map.of("kind", "COMPLAINT", "channel", "email",
                "priority", "URGENT", "department", "kat-hizmetleri", "subject", "oda-konforu", "location", "istanbul-şişli",
                "assignee", "ayşe.yılmaz", "intakeKey", "<CAF3+x=ğ@mail.örnek.com.tr>"));

        Feedback minimal = new Lifecycle(Lifecycle.Rules.defaults()).receive(Fixtures.randomId(), ReferenceNumber.of("FB", 2026, 8),
                Fixtures.minimalIntake(tenant, "soru").build(), Fixtures.T0, Fixtures.T0);
        assertThat(Lifecycle.receivedEvent(minimal, Actor.SYSTEM, Fixtures.T0).details())
                .containsExactlyInAnyOrderEntriesOf(Map.of("kind", "QUESTION", "channel", "kiosk", "priority", "NORMAL"));
    }

    @Test
    void allowedFromRefusesAnUnknownCommandType() {
        assertThatThrownBy(() -> Lifecycle.allowedFrom(Command.class)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- helpers

    private FeedbackDesk desk(boolean review) {
        return FeedbackDesk.builder().store(new InMemoryFeedbackStore()).clock(clock).reviewBeforeResolution(review)
                .duplicateWindow(Duration.ofDays(2)).build();
    }

    /** A complaint for housekeeping, taken by Ayşe. */
    private Feedback taken(FeedbackDesk desk) {
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima çalışmıyor")
                .department(HOUSEKEEPING).build());
        clock.advance(Duration.ofMinutes(5));
        return desk.take(tenant, f.id(), AYSE);
    }

    private void resolveFully(FeedbackDesk desk, Feedback f, boolean review) {
        desk.resolve(tenant, f.id(), AYSE, "Çözüm");
        if (review) {
            desk.approve(tenant, f.id(), MEHMET);
        }
    }

    /**
     * A feedback in {@code state}, reached through real commands. Open states after IN_PROGRESS come after one
     * rejected resolution, so that close(UNRESOLVED) is refused only where the state forbids it.
     */
    private Feedback inState(FeedbackDesk desk, Status state, boolean review) {
        // an earlier complaint on the same subject, so that this one is a possible duplicate to merge or unlink
        desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.PHONE, "Klima yine çalışmıyor")
                .department(HOUSEKEEPING).subject(AIR_CONDITIONING).customer(Fixtures.richCustomer()).build());
        Feedback f = desk.receive(Intake.builder(tenant, FeedbackKind.COMPLAINT, Channel.EMAIL, "Klima çalışmıyor")
                .department(HOUSEKEEPING).subject(AIR_CONDITIONING).customer(Fixtures.richCustomer()).build());
        clock.advance(Duration.ofMinutes(5));
        if (state == CANCELLED) {
            desk.cancel(tenant, f.id(), AYSE, "Mükerrer");
            return desk.get(tenant, f.id());
        }
        desk.take(tenant, f.id(), AYSE);
        resolveFully(desk, f, review);
        if (state == CLOSED) {
            desk.accept(tenant, f.id(), null);
            return desk.get(tenant, f.id());
        }
        clock.advance(Duration.ofDays(1));
        desk.reject(tenant, f.id(), "Olmadı", Recourse.internal("Müdüre başvuru"));
        switch (state) {
            case NEW -> desk.redirect(tenant, f.id(), AYSE, FRONT_OFFICE, null, "Ön büro bakmalı");
            case IN_PROGRESS -> { }
            case PLANNED -> desk.plan(tenant, f.id(), AYSE, clock.instant().plus(Duration.ofDays(1)), null);
            case AWAITING_CUSTOMER -> desk.awaitCustomer(tenant, f.id(), AYSE, "Ne zaman uygunsunuz?");
            case UNDER_REVIEW -> desk.resolve(tenant, f.id(), AYSE, "İkinci öneri");
            case RESOLVED -> resolveFully(desk, f, review);
            default -> throw new AssertionError(state);
        }
        return desk.get(tenant, f.id());
    }

    private void assertRefused(FeedbackDesk desk, Feedback f, Command command, Status state, String why) {
        Feedback before = desk.get(tenant, f.id());
        int historySize = desk.history(tenant, f.id()).size();
        assertThatThrownBy(() -> desk.execute(tenant, f.id(), command))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.status()).isEqualTo(state);
                    assertThat(e.command()).isEqualTo(command.name());
                })
                .hasMessageContaining(why);
        assertSameState(desk.get(tenant, f.id()), before);
        assertThat(desk.history(tenant, f.id())).hasSize(historySize);
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private FeedbackEvent lastEvent(FeedbackDesk desk, Feedback f) {
        List<FeedbackEvent> h = desk.history(tenant, f.id());
        return h.get(h.size() - 1);
    }

    private static Map<Kind, Map<Status, String>> parse(String table) {
        List<String> lines = table.lines().filter(l -> !l.isBlank()).toList();
        String[] header = lines.get(0).trim().split("\\s+");
        Map<Kind, Map<Status, String>> result = new EnumMap<>(Kind.class);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            Kind kind = Arrays.stream(Kind.values()).filter(k -> k.commandName.equals(cells[0])).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no command " + cells[0]));
            Map<Status, String> row = new EnumMap<>(Status.class);
            for (int i = 1; i < header.length; i++) {
                row.put(Status.valueOf(header[i]), cells[i]);
            }
            result.put(kind, row);
        }
        return result;
    }
}
