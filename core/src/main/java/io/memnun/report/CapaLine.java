package io.memnun.report;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An open corrective or preventive action as a management review lists it.
 *
 * @param id the action's id
 * @param title its title
 * @param department the department responsible
 * @param subject the subject it was opened for, if any
 * @param openedAt when it was opened
 * @param openItems action items not finished
 * @param overdueItems open items past their due date at the review
 * @param earliestDue the earliest due date among the open items, if any
 */
public record CapaLine(String id, String title, String department, @Nullable String subject, Instant openedAt, int openItems,
        int overdueItems, @Nullable Instant earliestDue) {
    public CapaLine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(openedAt, "openedAt");
    }

    public boolean isOverdue() {
        return overdueItems > 0;
    }
}
