package io.memnun.survey;

import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.TenantId;
import io.memnun.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A comment (yorum) given with or without a survey: free text, optionally a 1–5 rating, optionally linked to the
 * feedback or the survey response it came with, placed at a location and a department so it is counted there.
 *
 * @param id its id
 * @param tenant the tenant
 * @param text what was said
 * @param rating 1 to 5, or {@code null}
 * @param feedback the feedback it refers to, or {@code null}
 * @param response the survey response it came with, or {@code null}
 * @param location where, or {@code null}
 * @param department which department it is about, or {@code null}
 * @param recordedBy who recorded it (the customer, or staff typing it in)
 * @param at when it was given
 */
public record Comment(
        CommentId id,
        TenantId tenant,
        String text,
        @Nullable Integer rating,
        @Nullable FeedbackId feedback,
        @Nullable ResponseId response,
        @Nullable LocationId location,
        @Nullable DepartmentId department,
        Actor recordedBy,
        Instant at) {

    public static final int MAX_TEXT = 4000;

    public Comment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        text = Checks.text(text, "text", MAX_TEXT);
        Checks.argument(rating == null || rating >= 1 && rating <= 5, "rating", "must be from 1 to 5, was " + rating);
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(at, "at");
    }

    public Optional<Integer> ratingValue() {
        return Optional.ofNullable(rating);
    }

    public Optional<DepartmentId> departmentId() {
        return Optional.ofNullable(department);
    }

    /** This comment with {@code newText} as its text (an anonymisation). */
    public Comment withText(String newText) {
        return new Comment(id, tenant, newText, rating, feedback, response, location, department, recordedBy, at);
    }
}
