/**
 * Satisfaction surveys (anket), their answers, comments (yorum) and the department scores computed from them.
 * Pure domain: survey definitions with versioned questions, invitations identified by an unguessable token,
 * responses validated against the survey version they answer, and {@link io.memnun.survey.Scoring} for CSAT, NPS,
 * average ratings and response rates. Storage lives behind {@code io.memnun.spi.SurveyStore}; the facade is
 * {@code io.memnun.SurveyDesk}.
 */
@NullMarked
package io.memnun.survey;

import org.jspecify.annotations.NullMarked;
