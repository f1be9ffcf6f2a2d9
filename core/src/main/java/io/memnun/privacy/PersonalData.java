package io.memnun.privacy;

import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.survey.Comment;
import io.memnun.survey.Response;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything held on one person, for an access request: each of their feedback with its full history, the survey
 * responses and comments that follow those feedback, their consent records, and the legal holds on their feedback.
 * {@code io.memnun.privacy.json.PersonalDataJson} writes it as JSON.
 *
 * @param person whom it is about
 * @param exportedAt when it was put together
 * @param feedback the person's feedback, oldest first
 * @param consents the person's consent records
 */
public record PersonalData(PersonKey person, Instant exportedAt, List<Item> feedback, List<ConsentRecord> consents) {
    public PersonalData {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(exportedAt, "exportedAt");
        feedback = List.copyOf(feedback);
        consents = List.copyOf(consents);
    }

    /** One feedback with its history, the survey answers about it, and its legal holds, released ones too, oldest placed first. */
    public record Item(Feedback feedback, List<FeedbackEvent> history, List<Response> responses, List<Comment> comments,
            List<LegalHold> holds) {
        public Item {
            Objects.requireNonNull(feedback, "feedback");
            history = List.copyOf(history);
            responses = List.copyOf(responses);
            comments = List.copyOf(comments);
            holds = List.copyOf(holds);
        }
    }
}
