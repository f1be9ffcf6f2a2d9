package io.memnun.notify;

import io.memnun.feedback.EventType;
import io.memnun.feedback.Feedback;
import io.memnun.internal.Checks;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One rule: when {@code event} happens to a feedback (that {@code when} accepts), tell {@code to} through
 * {@code delivery} with {@code template}. Start with {@link #on(EventType, Party)} and refine with the
 * {@code with...} methods.
 *
 * @param event the lifecycle or SLA event
 * @param to who is told
 * @param delivery which channel
 * @param template the template's name in the {@link TemplateCatalog}, e.g. {@code customer/RECEIVED}
 * @param category transactional, survey or commercial: the last two need the customer's consent
 * @param urgent whether the message may be sent during quiet hours
 * @param when which feedback the rule applies to (all by default)
 */
public record NotificationRule(
        EventType event,
        Party to,
        Delivery delivery,
        String template,
        MessageCategory category,
        boolean urgent,
        Predicate<Feedback> when) {

    private static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}(/[A-Za-z0-9_.-]{1,64})?");
    private static final Predicate<Feedback> ALWAYS = f -> true;

    public NotificationRule {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(delivery, "delivery");
        Checks.argument(template != null && TEMPLATE_NAME.matcher(template).matches(), "template",
                "must be a name like customer/RECEIVED (letters, digits, '.', '_', '-'), was '" + template + "'");
        Objects.requireNonNull(category, "category");
        Checks.argument(!to.isStaff() || category == MessageCategory.TRANSACTIONAL, "category",
                "messages to staff are transactional, " + to + " was given " + category);
        Objects.requireNonNull(when, "when");
        Checks.argument(event != EventType.NOTIFICATION_SENT && event != EventType.NOTIFICATION_FAILED, "event",
                "a notification's own history events do not notify, or every delivery would send another");
    }

    /**
     * A transactional, non-urgent rule through the preferred channel with the default template:
     * {@code customer/<EVENT>} for the customer, {@code staff/<EVENT>} for staff.
     */
    public static NotificationRule on(EventType event, Party to) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        return new NotificationRule(event, to, Delivery.PREFERRED, defaultTemplate(event, to), MessageCategory.TRANSACTIONAL,
                false, ALWAYS);
    }

    /** {@code customer/<EVENT>} or {@code staff/<EVENT>}. */
    public static String defaultTemplate(EventType event, Party to) {
        return (to.isStaff() ? "staff/" : "customer/") + event.name();
    }

    public NotificationRule via(Delivery newDelivery) {
        return new NotificationRule(event, to, newDelivery, template, category, urgent, when);
    }

    public NotificationRule withTemplate(String newTemplate) {
        return new NotificationRule(event, to, delivery, newTemplate, category, urgent, when);
    }

    public NotificationRule withCategory(MessageCategory newCategory) {
        return new NotificationRule(event, to, delivery, template, newCategory, urgent, when);
    }

    /** An urgent message is sent also during quiet hours. */
    public NotificationRule urgent(boolean isUrgent) {
        return new NotificationRule(event, to, delivery, template, category, isUrgent, when);
    }

    /** Applies only to feedback {@code condition} accepts, e.g. {@code f -> f.priority() == Priority.URGENT}. */
    public NotificationRule when(Predicate<Feedback> condition) {
        return new NotificationRule(event, to, delivery, template, category, urgent, condition);
    }

    @Override
    public String toString() {
        return "on " + event + " tell " + to + " via " + delivery + " with " + template + (urgent ? " (urgent)" : "")
                + (category != MessageCategory.TRANSACTIONAL ? " (" + category + ")" : "");
    }
}
