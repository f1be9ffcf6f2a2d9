package io.memnun.report;

import io.memnun.feedback.ClosureReason;
import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One feedback's ISO 10002 tracking record (receipt, acknowledgement, assessment, investigation, response,
 * decision, closing, each with its time and actor) and the gaps an auditor should see.
 *
 * @param reference the reference number
 * @param kind the kind
 * @param status the status at the audit
 * @param receivedAt when it was received
 * @param department the responsible department, if any
 * @param steps the tracking record in time order
 * @param gaps what is missing or late
 */
public record AuditRecord(String reference, FeedbackKind kind, Status status, Instant receivedAt, Optional<String> department,
        List<AuditStep> steps, List<AuditGap> gaps) {

    public AuditRecord {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(department, "department");
        steps = List.copyOf(steps);
        gaps = List.copyOf(gaps);
    }

    /** The record of {@code f} from its {@code history}, with gaps judged at {@code asOf}. */
    public static AuditRecord of(Feedback f, List<FeedbackEvent> history, Instant asOf) {
        List<AuditStep> steps = new ArrayList<>();
        for (FeedbackEvent e : history) {
            AuditStage.of(e.type()).ifPresent(stage -> steps.add(
                    new AuditStep(stage, e.type(), e.at(), e.actor().kind() + ":" + e.actor().id(), e.note())));
        }
        return new AuditRecord(f.reference().toString(), f.kind(), f.status(), f.receivedAt(), f.department().map(d -> d.value()), steps,
                gaps(f, history, asOf));
    }

    private static boolean has(List<FeedbackEvent> history, EventType... types) {
        return history.stream().anyMatch(e -> List.of(types).contains(e.type()));
    }

    private static List<AuditGap> gaps(Feedback f, List<FeedbackEvent> history, Instant asOf) {
        List<AuditGap> gaps = new ArrayList<>();
        Optional<SlaClock> ack = f.slaClock(SlaKind.ACKNOWLEDGEMENT);
        boolean acknowledged = has(history, EventType.ACKNOWLEDGED, EventType.TAKEN, EventType.PLANNED, EventType.REDIRECTED,
                EventType.AWAITING_CUSTOMER, EventType.RESOLVED);
        if (!acknowledged && (!f.isOpen() || ack.map(c -> c.isBreached(asOf)).orElse(false))) {
            gaps.add(new AuditGap(AuditGap.Type.NOT_ACKNOWLEDGED, ack.map(c -> "acknowledgement was due " + c.dueAt()).orElse("no acknowledgement recorded")));
        }
        ack.filter(c -> c.state() == SlaClock.State.MISSED).ifPresent(c -> gaps.add(new AuditGap(AuditGap.Type.ACKNOWLEDGED_LATE,
                "due " + c.dueAt() + ", acknowledged " + c.stoppedAt())));
        // every resolution round, including those a rejection or appeal replaced, left its outcome in the history
        for (FeedbackEvent e : history) {
            String outcome = e.details().get("sla." + SlaKind.RESOLUTION);
            if (outcome != null && outcome.startsWith("missed")) {
                gaps.add(new AuditGap(AuditGap.Type.RESOLVED_LATE, "decision of " + e.at() + ": " + outcome));
            }
        }
        if (f.resolvedAt().isPresent() && f.assessment().isEmpty() && !has(history, EventType.ASSESSED)) {
            gaps.add(new AuditGap(AuditGap.Type.NOT_ASSESSED, "decided " + f.resolvedAt().get() + " without a recorded assessment"));
        }
        if (f.status() == Status.CLOSED && f.closureReason().orElse(null) != ClosureReason.DUPLICATE
                && !has(history, EventType.ACCEPTED, EventType.REJECTED)) {
            gaps.add(new AuditGap(AuditGap.Type.CLOSED_WITHOUT_CUSTOMER_ANSWER,
                    "closed " + f.closedAt().map(Instant::toString).orElse("") + " as " + f.closureReason().map(Enum::name).orElse("?")));
        }
        for (FeedbackEvent e : history) {
            if (e.type() == EventType.REJECTED && "0".equals(e.details().getOrDefault("alternatives", "0"))) {
                gaps.add(new AuditGap(AuditGap.Type.REJECTED_WITHOUT_ALTERNATIVES, "rejected " + e.at() + " with no alternative recorded"));
            }
        }
        f.slaClock(SlaKind.RESOLUTION).filter(c -> f.isOpen() && c.isRunning() && c.isBreached(asOf))
                .ifPresent(c -> gaps.add(new AuditGap(AuditGap.Type.OVERDUE, "resolution was due " + c.dueAt())));
        return gaps;
    }

    /** Every gap type found, for summaries. */
    public static Map<AuditGap.Type, Long> countGaps(List<AuditRecord> records) {
        Map<AuditGap.Type, Long> counts = new java.util.EnumMap<>(AuditGap.Type.class);
        records.forEach(r -> r.gaps().forEach(g -> counts.merge(g.type(), 1L, Long::sum)));
        return counts;
    }
}
