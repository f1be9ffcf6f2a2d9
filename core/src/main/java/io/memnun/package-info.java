/**
 * The entry point: {@link io.memnun.FeedbackDesk}, the facade a host calls to receive feedback and take it
 * through its lifecycle, and its {@link io.memnun.DeskConfig configuration}.
 */
@NullMarked
package io.memnun;

import org.jspecify.annotations.NullMarked;
