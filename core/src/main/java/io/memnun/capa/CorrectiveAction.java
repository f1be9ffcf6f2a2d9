package io.memnun.capa;

import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A corrective or preventive action (DÖF). Immutable: {@link CapaLifecycle} derives each new version, and a store
 * refuses a write based on a stale {@link #version()}.
 *
 * @param id its id
 * @param number the number people know it by, unique per tenant; {@code null} only for an action stored before numbers
 *     were issued (schema 10 of {@code memnun-storage-jdbc})
 * @param tenant the tenant
 * @param version 1 when opened, one more with each event
 * @param kind corrective or preventive
 * @param title a short name
 * @param problem the problem statement
 * @param origin what it was opened from
 * @param department the department responsible for it
 * @param status open, closed or cancelled
 * @param rootCause the root cause analysis, once recorded
 * @param items the action items, numbered from 1
 * @param verification the latest verification of effectiveness, once recorded
 * @param customerAgreement how the action was agreed with the customer (for one opened from feedback), once recorded
 * @param openedAt when it was opened
 * @param updatedAt when it last changed
 */
public record CorrectiveAction(
        CapaId id,
        @Nullable CapaNumber number,
        TenantId tenant,
        long version,
        CapaKind kind,
        String title,
        String problem,
        Origin origin,
        DepartmentId department,
        CapaStatus status,
        @Nullable RootCause rootCause,
        List<ActionItem> items,
        @Nullable Verification verification,
        @Nullable String customerAgreement,
        Instant openedAt,
        Instant updatedAt) {

    public CorrectiveAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Checks.argument(version >= 1, "version", "must be positive, was " + version);
        Objects.requireNonNull(kind, "kind");
        title = Checks.code(title, "title", 200);
        problem = Checks.text(problem, "problem", 4000);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(items);
        for (int i = 0; i < items.size(); i++) {
            Checks.argument(items.get(i).number() == i + 1, "items", "are numbered 1, 2, ... in order");
        }
        customerAgreement = Checks.optionalText(customerAgreement, "customerAgreement", 4000);
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean isOpen() {
        return status == CapaStatus.OPEN;
    }

    public Optional<ActionItem> item(int number) {
        return number >= 1 && number <= items.size() ? Optional.of(items.get(number - 1)) : Optional.empty();
    }

    public List<ActionItem> openItems() {
        return items.stream().filter(ActionItem::isOpen).toList();
    }

    /**
     * The earliest {@link ActionItem#nextCheckpoint() checkpoint} (a reminder, or the due instant of an item not yet
     * escalated) of its open items, while the action is open: when the monitor must look at it next. Stores index it.
     */
    public Optional<Instant> nextEscalationAt() {
        if (!isOpen()) {
            return Optional.empty();
        }
        return items.stream().map(ActionItem::nextCheckpoint).flatMap(Optional::stream).min(Instant::compareTo);
    }

    CorrectiveAction with(long newVersion, Instant at, CapaStatus newStatus, @Nullable RootCause cause, List<ActionItem> newItems,
            @Nullable Verification newVerification, @Nullable String agreement) {
        return new CorrectiveAction(id, number, tenant, newVersion, kind, title, problem, origin, department, newStatus, cause, newItems,
                newVerification, agreement, openedAt, at);
    }
}
