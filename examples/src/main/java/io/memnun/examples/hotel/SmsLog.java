package io.memnun.examples.hotel;

import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;
import io.memnun.spi.NotificationChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The app's SMS "gateway": it keeps every text it is given instead of sending it, so the messages page can show
 * them. A host puts {@code HttpSmsGateway.netgsm(...)} or {@code SmppSmsChannel} here; the desk does not notice.
 */
final class SmsLog implements NotificationChannel {
    record Sms(Instant at, String to, String recipient, String reference, String text) {}

    private final List<Sms> sent = new CopyOnWriteArrayList<>();
    private final Clock clock;

    SmsLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public SendResult send(Notification n) {
        sent.add(new Sms(clock.instant(), n.address(), n.recipientName() == null ? "" : n.recipientName(), n.owner().label(), n.text()));
        return SendResult.delivered("sms-log-" + sent.size());
    }

    List<Sms> sent() {
        return List.copyOf(sent);
    }
}
