package io.memnun.sla;

import io.memnun.feedback.SlaKind;
import static io.memnun.sla.Calendars.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.NotFoundException;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.Priority;
import io.memnun.feedback.SubjectId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaPolicyTest {
    private static final SlaPolicy DEFAULTS = SlaPolicy.defaults();
    private static final BusinessCalendar OFFICE = DEFAULTS.calendars().get(SlaPolicy.OFFICE);
    private static final CalendarRegistry CALENDARS = CalendarRegistry.of(Calendars.OFFICE, Calendars.ISTANBUL_24X7);
    private static final LocationId HOTEL = LocationId.of("hotel-antalya");

    private static SlaTarget ack(int hours) {
        return SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofHours(hours), "office");
    }

    @Test
    void default_acknowledgement_of_a_fax_is_six_office_hours() {
        ApplicableTarget target = DEFAULTS.targetFor(SlaKind.ACKNOWLEDGEMENT, Priority.NORMAL, FeedbackKind.COMPLAINT,
                Channel.FAX, null, null).orElseThrow();

        assertThat(target.target().workingTime()).isEqualTo(Duration.ofHours(6));
        assertThat(target.calendar().name()).isEqualTo(SlaPolicy.OFFICE);
        assertThat(target.dueAt(at(OFFICE, "2025-03-07T17:30"))).isEqualTo(at(OFFICE, "2025-03-10T14:30"));
        assertThat(DEFAULTS.targetFor(SlaKind.ACKNOWLEDGEMENT, Priority.LOW, FeedbackKind.REQUEST, Channel.FACE_TO_FACE, null, null))
                .map(t -> t.target().workingTime()).contains(Duration.ofHours(6));
    }

    @Test
    void default_acknowledgement_of_an_email_is_one_office_hour() {
        ApplicableTarget target = DEFAULTS.targetFor(SlaKind.ACKNOWLEDGEMENT, Priority.URGENT, FeedbackKind.COMPLAINT,
                Channel.EMAIL, null, null).orElseThrow();

        assertThat(target.target().workingTime()).isEqualTo(Duration.ofHours(1));
        assertThat(target.scope()).isEqualTo(SlaScope.of(Priority.URGENT).channel(Channel.EMAIL));
    }

    @Test
    void default_very_urgent_answer_within_24_hours_around_the_clock() {
        ApplicableTargets targets = DEFAULTS.targetsFor(Priority.VERY_URGENT, FeedbackKind.COMPLAINT, Channel.FAX, null, null);
        ApplicableTarget firstResponse = targets.get(SlaKind.FIRST_RESPONSE).orElseThrow();

        assertThat(targets.all()).extracting(ApplicableTarget::kind).containsExactly(SlaKind.ACKNOWLEDGEMENT, SlaKind.FIRST_RESPONSE, SlaKind.RESOLUTION);
        assertThat(firstResponse.calendar().name()).isEqualTo(SlaPolicy.AROUND_THE_CLOCK);
        assertThat(firstResponse.dueAt(at(OFFICE, "2025-03-07T17:30"))).isEqualTo(at(OFFICE, "2025-03-08T17:30"));
        assertThat(targets.get(SlaKind.ACKNOWLEDGEMENT).orElseThrow().target().workingTime()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void default_progress_information_within_one_working_day() {
        ApplicableTarget target = DEFAULTS.targetFor(SlaKind.FIRST_RESPONSE, Priority.NORMAL, FeedbackKind.COMPLAINT,
                Channel.WEB_FORM, null, null).orElseThrow();

        assertThat(target.dueAt(at(OFFICE, "2025-03-10T10:00"))).isEqualTo(at(OFFICE, "2025-03-11T10:00"));
        // received on the eve of Kurban Bayramı 2025 at 10:00: 3 h that day, 6 h on the Tuesday after the bayram
        assertThat(target.dueAt(at(OFFICE, "2025-06-05T10:00"))).isEqualTo(at(OFFICE, "2025-06-10T15:00"));
    }

    @Test
    void default_thresholds_and_escalation_ladder() {
        assertThat(DEFAULTS.warningThresholds()).containsExactly(75);
        assertThat(DEFAULTS.escalationLadder()).containsExactly(
                EscalationLevel.of(1, 75, Recipient.ASSIGNEE),
                EscalationLevel.of(2, 100, Recipient.DEPARTMENT_HEAD),
                EscalationLevel.of(3, 150, Recipient.role("quality-manager")));
    }

    @Test
    void a_share_of_the_target_for_warnings_and_escalations() {
        ApplicableTarget target = DEFAULTS.targetFor(SlaKind.ACKNOWLEDGEMENT, Priority.NORMAL, FeedbackKind.COMPLAINT,
                Channel.FAX, null, null).orElseThrow();
        Instant received = at(OFFICE, "2025-03-10T09:00");

        assertThat(target.at(received, 75)).isEqualTo(at(OFFICE, "2025-03-10T13:30"));
        // 9 h from the opening end exactly at the close, which is the answer rather than the next opening
        assertThat(target.at(received, 150)).isEqualTo(at(OFFICE, "2025-03-10T18:00"));
    }

    @Test
    void the_most_specific_scope_wins() {
        SlaPolicy policy = SlaPolicy.builder(CALENDARS)
                .target(Priority.NORMAL, ack(10))
                .target(SlaScope.of(Priority.NORMAL).channel(Channel.FAX), ack(6))
                .target(SlaScope.of(Priority.NORMAL).channel(Channel.FAX).location(HOTEL), ack(2))
                .build();

        assertThat(ackHours(policy, Channel.EMAIL, HOTEL)).isEqualTo(10);
        assertThat(ackHours(policy, Channel.FAX, null)).isEqualTo(6);
        assertThat(ackHours(policy, Channel.FAX, LocationId.of("head-office"))).isEqualTo(6);
        assertThat(ackHours(policy, Channel.FAX, HOTEL)).isEqualTo(2);
        assertThat(policy.targetsFor(Priority.LOW, FeedbackKind.COMPLAINT, Channel.FAX, null, HOTEL).all()).isEmpty();
    }

    @Test
    void narrowing_by_kind_and_subject() {
        SlaPolicy policy = SlaPolicy.builder(CALENDARS)
                .target(Priority.NORMAL, ack(10))
                .target(SlaScope.of(Priority.NORMAL).kind(FeedbackKind.SUGGESTION), ack(20))
                .target(SlaScope.of(Priority.NORMAL).kind(FeedbackKind.COMPLAINT).subject(SubjectId.of("food")), ack(3))
                .build();

        assertThat(policy.targetFor(SlaKind.ACKNOWLEDGEMENT, Priority.NORMAL, FeedbackKind.SUGGESTION, Channel.EMAIL, null, null))
                .map(t -> t.target().workingTime().toHours()).contains(20L);
        assertThat(policy.targetFor(SlaKind.ACKNOWLEDGEMENT, Priority.NORMAL, FeedbackKind.COMPLAINT, Channel.EMAIL, SubjectId.of("food"), null))
                .map(t -> t.target().workingTime().toHours()).contains(3L);
        assertThat(policy.targetFor(SlaKind.ACKNOWLEDGEMENT, Priority.NORMAL, FeedbackKind.COMPLAINT, Channel.EMAIL, null, null))
                .map(t -> t.target().workingTime().toHours()).contains(10L);
    }

    private static long ackHours(SlaPolicy policy, Channel channel, LocationId location) {
        return policy.targetFor(SlaKind.ACKNOWLEDGEMENT, Priority.NORMAL, FeedbackKind.COMPLAINT, channel, null, location)
                .orElseThrow().target().workingTime().toHours();
    }

    @Test
    void refuses_equally_specific_scopes_that_overlap() {
        SlaPolicy.Builder builder = SlaPolicy.builder(CALENDARS)
                .target(SlaScope.of(Priority.NORMAL).channel(Channel.FAX), ack(6))
                .target(SlaScope.of(Priority.NORMAL).location(HOTEL), ack(2));

        assertThatThrownBy(builder::build)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("equally specific")
                .hasMessageContaining("channel=fax location=hotel-antalya");
        // a target for the shared scope settles it
        builder.target(SlaScope.of(Priority.NORMAL).channel(Channel.FAX).location(HOTEL), ack(1));
        assertThat(ackHours(builder.build(), Channel.FAX, HOTEL)).isEqualTo(1);
    }

    @Test
    void equally_specific_scopes_of_different_kinds_or_priorities_do_not_clash() {
        SlaPolicy policy = SlaPolicy.builder(CALENDARS)
                .target(SlaScope.of(Priority.NORMAL).channel(Channel.FAX), ack(6))
                .target(SlaScope.of(Priority.NORMAL).location(HOTEL),
                        SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(20), "office"))
                .target(SlaScope.of(Priority.URGENT).location(HOTEL), ack(1))
                .build();

        assertThat(policy.targetsFor(Priority.NORMAL, FeedbackKind.COMPLAINT, Channel.FAX, null, HOTEL).all()).hasSize(2);
    }

    @Test
    void refuses_two_targets_of_one_kind_for_one_scope() {
        assertThatThrownBy(() -> SlaPolicy.builder(CALENDARS).target(Priority.NORMAL, ack(6)).target(Priority.NORMAL, ack(7)).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("same scope");
    }

    @Test
    void refuses_an_unknown_calendar() {
        assertThatThrownBy(() -> SlaPolicy.builder(CALENDARS)
                        .target(Priority.NORMAL, SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(9), "branch-izmir"))
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("unknown calendar 'branch-izmir'")
                .hasMessageContaining("[office, front-desk]")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("targets.RESOLUTION.calendar");
    }

    @Test
    void refuses_a_zero_or_negative_target() {
        assertThatThrownBy(() -> SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ZERO, "office"))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("target.ACKNOWLEDGEMENT.workingTime");
        assertThatThrownBy(() -> SlaTarget.of(SlaKind.RESOLUTION, Duration.ofHours(-2), "office"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must be positive");
    }

    @Test
    void refuses_a_target_whose_escalations_cannot_be_counted_on_a_calendar() {
        // a calendar counts at most 200 years of working time: 30 years escalated at 1000% would be 300, which used to pass
        // the build and then fail every receipt of a feedback the target applies to
        SlaTarget thirtyYears = SlaTarget.of(SlaKind.RESOLUTION, Duration.ofDays(30 * 366), "front-desk");
        assertThatThrownBy(() -> SlaPolicy.builder(CALENDARS).target(Priority.NORMAL, thirtyYears)
                        .escalation(EscalationLevel.of(1, 1000, Recipient.DEPARTMENT_HEAD)).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("1000%")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("targets.RESOLUTION.workingTime");
        // without escalations beyond the breach, the target itself is what is counted
        SlaTarget threeCenturies = SlaTarget.of(SlaKind.ACKNOWLEDGEMENT, Duration.ofDays(300 * 366), "office");
        assertThatThrownBy(() -> SlaPolicy.builder(CALENDARS).target(Priority.NORMAL, threeCenturies).build())
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("targets.ACKNOWLEDGEMENT.workingTime");

        // the longest accepted: every checkpoint of it can be counted
        SlaTarget twentyYears = SlaTarget.of(SlaKind.RESOLUTION, Duration.ofDays(20 * 366), "front-desk");
        SlaPolicy longest = SlaPolicy.builder(CALENDARS).target(Priority.NORMAL, twentyYears)
                .escalation(EscalationLevel.of(1, 1000, Recipient.DEPARTMENT_HEAD)).build();
        ApplicableTarget target = longest.targetFor(SlaKind.RESOLUTION, Priority.NORMAL, FeedbackKind.COMPLAINT, Channel.FAX, null, null)
                .orElseThrow();
        Instant start = at(Calendars.ISTANBUL_24X7, "2025-03-07T17:30");
        assertThat(target.at(start, 1000)).isEqualTo(start.plus(Duration.ofDays(200 * 366)));
    }

    @Test
    void refuses_thresholds_outside_1_to_100_percent() {
        for (int bad : new int[] {0, -5, 101}) {
            assertThatThrownBy(() -> SlaPolicy.builder(CALENDARS).target(Priority.NORMAL, ack(6)).warnAt(50, bad).build())
                    .as("threshold %d", bad)
                    .isInstanceOf(ValidationException.class)
                    .extracting(e -> ((ValidationException) e).field()).isEqualTo("warnAt");
        }
        assertThatThrownBy(() -> SlaPolicy.builder(CALENDARS).target(Priority.NORMAL, ack(6)).warnAt(75, 75).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("twice");
        assertThat(SlaPolicy.builder(CALENDARS).target(Priority.NORMAL, ack(6)).warnAt(100, 50).build().warningThresholds())
                .containsExactly(50, 100);
    }

    @Test
    void refuses_a_badly_ordered_escalation_ladder() {
        assertThatThrownBy(() -> SlaPolicy.builder(CALENDARS).target(Priority.NORMAL, ack(6))
                        .escalation(EscalationLevel.of(1, 75, Recipient.ASSIGNEE), EscalationLevel.of(3, 100, Recipient.DEPARTMENT_HEAD))
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("numbered 1, 2, 3");
        assertThatThrownBy(() -> SlaPolicy.builder(CALENDARS).target(Priority.NORMAL, ack(6))
                        .escalation(EscalationLevel.of(1, 100, Recipient.ASSIGNEE), EscalationLevel.of(2, 90, Recipient.DEPARTMENT_HEAD))
                        .build())
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("escalation[2].percentOfTarget");
        assertThatThrownBy(() -> EscalationLevel.of(1, 0, Recipient.ASSIGNEE)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> EscalationLevel.of(0, 50, Recipient.ASSIGNEE)).isInstanceOf(ValidationException.class);
    }

    @Test
    void recipients() {
        assertThat(Recipient.role("quality-manager").toString()).isEqualTo("ROLE(quality-manager)");
        assertThatThrownBy(() -> Recipient.role(" ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Recipient(Recipient.Type.ASSIGNEE, "boss")).isInstanceOf(ValidationException.class);
    }

    @Test
    void refuses_a_policy_without_targets() {
        assertThatThrownBy(() -> SlaPolicy.builder(CALENDARS).build())
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("targets");
    }

    @Test
    void calendar_registry() {
        assertThat(CALENDARS.names()).containsExactly("office", "front-desk");
        assertThat(CALENDARS.find("nowhere")).isEmpty();
        assertThatThrownBy(() -> CALENDARS.get("nowhere")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> CalendarRegistry.of(Calendars.OFFICE, Calendars.OFFICE))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'office'");
    }
}
