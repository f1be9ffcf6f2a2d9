package io.memnun.feedback;

/**
 * How a command or a query names one feedback: by its internal {@link FeedbackId} or by the
 * {@link ReferenceNumber} the customer was given.
 */
public sealed interface FeedbackKey permits FeedbackId, ReferenceNumber {}
