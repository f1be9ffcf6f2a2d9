package io.memnun;

import io.memnun.notify.Notification;
import io.memnun.notify.SendResult;
import io.memnun.spi.NotificationChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** A channel that answers from a script (then "delivered") and remembers every message it was given. */
final class ScriptedChannel implements NotificationChannel {
    private final Deque<Supplier<SendResult>> script = new ArrayDeque<>();
    final List<Notification> sent = Collections.synchronizedList(new ArrayList<>());

    ScriptedChannel then(SendResult result) {
        script.add(() -> result);
        return this;
    }

    ScriptedChannel thenThrow(RuntimeException e) {
        script.add(() -> {
            throw e;
        });
        return this;
    }

    @Override
    public synchronized SendResult send(Notification n) {
        sent.add(n);
        Supplier<SendResult> next = script.poll();
        return next != null ? next.get() : SendResult.delivered("provider-" + sent.size());
    }
}
