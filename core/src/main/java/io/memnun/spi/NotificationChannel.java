package io.memnun.spi;

import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;

/**
 * Sends one rendered notification: SMTP in {@code memnun-channels-email}, HTTP SMS gateways and SMPP in
 * {@code memnun-channels-sms}, or the host's own. One method, so a host can wrap or fake a channel in a line.
 *
 * <p>A channel answers with a {@link SendResult}: delivered (with the provider's id), a retryable failure, a
 * permanent failure, or deferred (quiet hours). It may instead throw a
 * {@link io.memnun.error.ValidationException} for a message it refuses (too long, an address that is no address),
 * which the dispatcher treats as permanent, or a {@link io.memnun.error.NotificationException} saying whether a
 * retry may help. Where the provider supports it, the channel passes {@link Notification#idempotencyKey()} on, so
 * that a message sent again after a crash is not delivered twice.
 *
 * <p>Must be thread-safe if the host runs several dispatcher threads.
 */
@FunctionalInterface
public interface NotificationChannel {
    SendResult send(Notification notification);
}
