/**
 * The feedback aggregate, its values and its lifecycle: {@link io.memnun.feedback.Feedback},
 * {@link io.memnun.feedback.Status}, the {@link io.memnun.feedback.Command commands} staff and customers
 * issue, the {@link io.memnun.feedback.FeedbackEvent events} that make up its history, and
 * {@link io.memnun.feedback.ReferenceNumber reference numbers}.
 */
@NullMarked
package io.memnun.feedback;

import org.jspecify.annotations.NullMarked;
