/**
 * Corrective and preventive actions (DÖF / CAPA): {@link io.memnun.capa.CorrectiveAction} with its problem
 * statement, {@link io.memnun.capa.RootCause root cause analysis}, {@link io.memnun.capa.ActionItem action items}, a
 * {@link io.memnun.capa.Verification verification of effectiveness} and a history of immutable
 * {@link io.memnun.capa.CapaEvent events}. {@link io.memnun.capa.CapaLifecycle} checks every command. Pure domain; the
 * facade is {@code io.memnun.CapaDesk}.
 */
@NullMarked
package io.memnun.capa;

import org.jspecify.annotations.NullMarked;
