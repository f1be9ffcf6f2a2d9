package io.memnun.sla;

import io.memnun.feedback.SlaKind;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Priority;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Builds {@link SlaPolicy#defaults()}; the table and its reasons are documented there. */
final class DefaultSlaPolicy {
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    /** Channels the seeds acknowledge at once, through the same channel. */
    private static final List<Channel> IMMEDIATE_CHANNELS =
            List.of(Channel.EMAIL, Channel.WEB_FORM, Channel.PHONE, Channel.SMS, Channel.SOCIAL_MEDIA);

    private DefaultSlaPolicy() {}

    static SlaPolicy create() {
        BusinessCalendar office = BusinessCalendar.builder(SlaPolicy.OFFICE, ISTANBUL)
                .weekdays("09:00-18:00")
                .holidays(TurkishHolidays.provider())
                .build();
        BusinessCalendar aroundTheClock = BusinessCalendar.alwaysOpen(SlaPolicy.AROUND_THE_CLOCK, ISTANBUL);
        SlaPolicy.Builder builder = SlaPolicy.builder(CalendarRegistry.of(office, aroundTheClock));

        builder.target(Priority.VERY_URGENT, around(SlaKind.ACKNOWLEDGEMENT, 1))
                .target(Priority.VERY_URGENT, around(SlaKind.FIRST_RESPONSE, 24))
                .target(Priority.VERY_URGENT, around(SlaKind.RESOLUTION, 72));

        for (Priority priority : List.of(Priority.URGENT, Priority.NORMAL, Priority.LOW)) {
            builder.target(priority, office(SlaKind.ACKNOWLEDGEMENT, 6));
            for (Channel channel : IMMEDIATE_CHANNELS) {
                builder.target(SlaScope.of(priority).channel(channel), office(SlaKind.ACKNOWLEDGEMENT, 1));
            }
        }
        builder.target(Priority.URGENT, office(SlaKind.FIRST_RESPONSE, 4))
                .target(Priority.URGENT, office(SlaKind.RESOLUTION, 3 * 9))
                .target(Priority.NORMAL, office(SlaKind.FIRST_RESPONSE, 9))
                .target(Priority.NORMAL, office(SlaKind.RESOLUTION, 10 * 9))
                .target(Priority.LOW, office(SlaKind.FIRST_RESPONSE, 2 * 9))
                .target(Priority.LOW, office(SlaKind.RESOLUTION, 20 * 9));

        return builder.warnAt(75)
                .escalation(
                        EscalationLevel.of(1, 75, Recipient.ASSIGNEE),
                        EscalationLevel.of(2, 100, Recipient.DEPARTMENT_HEAD),
                        EscalationLevel.of(3, 150, Recipient.role("quality-manager")))
                .build();
    }

    private static SlaTarget office(SlaKind kind, int hours) {
        return SlaTarget.of(kind, Duration.ofHours(hours), SlaPolicy.OFFICE);
    }

    private static SlaTarget around(SlaKind kind, int hours) {
        return SlaTarget.of(kind, Duration.ofHours(hours), SlaPolicy.AROUND_THE_CLOCK);
    }
}
