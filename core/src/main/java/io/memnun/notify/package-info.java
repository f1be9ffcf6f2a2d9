/**
 * Notifications: which lifecycle events tell whom through which channel ({@link io.memnun.notify.NotificationRules}),
 * the message templates in Turkish and English ({@link io.memnun.notify.TemplateCatalog}), the rendered
 * {@link io.memnun.notify.Notification} that the transactional outbox holds, and what a channel answers when it
 * sends one ({@link io.memnun.notify.SendResult}).
 *
 * <p>The desk plans notifications for each event when it is configured with {@code Notifications}; they are
 * written to the outbox in the same store transaction as the event, and {@code NotificationDispatcher} sends
 * them through the {@code NotificationChannel}s the host wires in.
 */
@NullMarked
package io.memnun.notify;

import org.jspecify.annotations.NullMarked;
