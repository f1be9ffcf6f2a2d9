package io.memnun.report;

import java.util.Objects;

/**
 * Something a management review proposes to act on.
 *
 * @param rule which rule raised it: {@code SUBJECT_GROWTH_WITHOUT_CAPA}, {@code RECURRING_WITHOUT_CAPA},
 *     {@code SLA_BELOW_FLOOR}, {@code SLA_NOT_COUNTED}, {@code ACCEPTANCE_DROP}, {@code OVERDUE_CAPA}
 * @param subject what it is about (a subject, a target, a location, an action id)
 * @param text the proposal in words
 */
public record Suggestion(String rule, String subject, String text) {
    public Suggestion {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }
}
