package io.memnun;

import io.memnun.notify.MessageOwner;
import io.memnun.notify.Notification;
import java.util.Optional;

/**
 * Records what became of an outbox message with the message's {@link MessageOwner owner}: a feedback's history, a
 * campaign invitation, a corrective action's history. The {@link NotificationDispatcher} calls the recorder of each
 * message's owner kind after every attempt; the outbox keeps the message's own state either way.
 *
 * <p>Register one per kind with {@link NotificationDispatcher.Builder#recorder(String, DeliveryRecorder)}; the feedback
 * desk's own is registered for {@value MessageOwner#FEEDBACK}, {@link SurveyDesk#deliveries()} and
 * {@link CapaDesk#deliveries()} serve campaign invitations and corrective actions.
 */
public interface DeliveryRecorder {

    /**
     * The provider id of {@code n}'s delivery if the owner already records it: the dispatcher then only marks a message
     * claimed again after a crash as sent, instead of sending it twice.
     */
    Optional<String> recordedDelivery(Notification n);

    /** Records one attempt's outcome. An owner that no longer exists is logged, not an error. */
    void record(Notification n, DeliveryOutcome outcome);
}
