package io.memnun.examples.crm;

import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;
import io.memnun.spi.NotificationChannel;

/**
 * The CRM's own notification channel: instead of sending mail itself, memnun posts each message into the CRM's
 * activity feed for the account, where the CRM's own mailer (and its users) pick it up.
 */
final class ActivityFeedChannel implements NotificationChannel {
    private final CrmDatabase crm;

    ActivityFeedChannel(CrmDatabase crm) {
        this.crm = crm;
    }

    @Override
    public SendResult send(Notification n) {
        String body = (n.subject() == null ? "" : n.subject() + "\n") + n.text();
        crm.postActivity(n.address(), "memnun:" + n.channel() + ":" + n.template(), body, n.createdAt());
        return SendResult.delivered("crm-activity-" + n.idempotencyKey());
    }
}
