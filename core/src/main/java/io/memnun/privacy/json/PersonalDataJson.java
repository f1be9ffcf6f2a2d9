package io.memnun.privacy.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.Recourse;
import io.memnun.privacy.ConsentRecord;
import io.memnun.privacy.LegalHold;
import io.memnun.privacy.PersonalData;
import io.memnun.survey.Answer;
import io.memnun.survey.Comment;
import io.memnun.survey.Response;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link PersonalData} export (an access request's answer) as one JSON document a person can read: their
 * feedback with every field, its history with notes, the survey answers and comments about it, legal holds, and
 * their consent records. Instants are ISO-8601 in UTC. The shape is documented in {@code docs/privacy-and-tracking.md}.
 */
public final class PersonalDataJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private PersonalDataJson() {}

    public static String write(PersonalData data) {
        Objects.requireNonNull(data, "data");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("person", data.person().toString());
        root.put("exportedAt", data.exportedAt().toString());
        ArrayNode feedback = root.putArray("feedback");
        for (PersonalData.Item item : data.feedback()) {
            feedback.add(item(item));
        }
        ArrayNode consents = root.putArray("consents");
        for (ConsentRecord c : data.consents()) {
            ObjectNode n = consents.addObject();
            n.put("id", c.id().toString());
            n.put("purpose", c.purpose());
            n.put("givenAt", c.givenAt().toString());
            n.put("channel", c.channel());
            put(n, "evidence", c.evidence());
            put(n, "withdrawnAt", c.withdrawnAt() == null ? null : c.withdrawnAt().toString());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    private static ObjectNode item(PersonalData.Item item) {
        Feedback f = item.feedback();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("reference", f.reference().toString());
        n.put("id", f.id().toString());
        n.put("kind", f.kind().name());
        put(n, "type", f.type().map(t -> t.value()).orElse(null));
        n.put("channel", f.channel().code());
        put(n, "location", f.location().map(l -> l.value()).orElse(null));
        put(n, "subject", f.subject().map(s -> s.value()).orElse(null));
        put(n, "department", f.department().map(d -> d.value()).orElse(null));
        n.put("status", f.status().name());
        n.put("receivedAt", f.receivedAt().toString());
        put(n, "closedAt", f.closedAt().map(Object::toString).orElse(null));
        n.set("customer", customer(f.customer()));
        n.put("description", f.description());
        put(n, "desiredRemedy", f.desiredRemedy().orElse(null));
        put(n, "immediateAction", f.immediateAction().orElse(null));
        put(n, "resolution", f.resolution().orElse(null));
        put(n, "cancellationReason", f.cancellationReason().orElse(null));
        ArrayNode recourse = n.putArray("recourseOffered");
        for (Recourse r : f.recourseOffered()) {
            recourse.addObject().put("kind", r.kind().name()).put("description", r.description());
        }
        ObjectNode context = n.putObject("context");
        f.context().forEach(context::put);
        ArrayNode files = n.putArray("attachments");
        for (AttachmentRef a : f.attachments()) {
            files.addObject().put("id", a.id()).put("fileName", a.fileName()).put("mediaType", a.mediaType()).put("sizeBytes", a.sizeBytes());
        }
        ArrayNode history = n.putArray("history");
        for (FeedbackEvent e : item.history()) {
            ObjectNode h = history.addObject();
            h.put("version", e.version());
            h.put("type", e.type().name());
            h.put("actor", e.actor().toString());
            h.put("at", e.at().toString());
            put(h, "note", e.note());
            put(h, "from", e.from() == null ? null : e.from().name());
            h.put("to", e.to().name());
            ObjectNode details = h.putObject("details");
            e.details().forEach(details::put);
        }
        ArrayNode responses = n.putArray("surveyResponses");
        for (Response r : item.responses()) {
            ObjectNode rn = responses.addObject();
            rn.put("survey", r.survey().value());
            rn.put("submittedAt", r.submittedAt().toString());
            ObjectNode answers = rn.putObject("answers");
            for (Answer a : r.answers()) {
                if (a instanceof Answer.Score s) {
                    answers.put(a.questionId(), s.value());
                } else if (a instanceof Answer.Choices c) {
                    answers.put(a.questionId(), String.join(",", c.choiceIds()));
                } else if (a instanceof Answer.Text t) {
                    answers.put(a.questionId(), t.text());
                } else if (a instanceof Answer.YesNo y) {
                    answers.put(a.questionId(), y.yes());
                }
            }
        }
        ArrayNode comments = n.putArray("comments");
        for (Comment c : item.comments()) {
            ObjectNode cn = comments.addObject();
            cn.put("text", c.text());
            if (c.rating() != null) {
                cn.put("rating", c.rating());
            }
            cn.put("at", c.at().toString());
        }
        ArrayNode holds = n.putArray("legalHolds");
        for (LegalHold h : item.holds()) {
            ObjectNode hn = holds.addObject().put("name", h.name()).put("reason", h.reason()).put("placedAt", h.placedAt().toString());
            if (h.releasedAt() != null) {
                hn.put("releasedAt", h.releasedAt().toString());
            }
        }
        return n;
    }

    private static ObjectNode customer(Customer c) {
        ObjectNode n = MAPPER.createObjectNode();
        put(n, "externalId", c.externalId());
        put(n, "name", c.name());
        put(n, "email", c.email() == null ? null : c.email().value());
        put(n, "phone", c.phone() == null ? null : c.phone().e164());
        put(n, "address", c.address());
        n.put("language", c.language().toLanguageTag());
        n.put("preferredChannel", c.preferredChannel().name());
        ObjectNode consent = n.putObject("consent");
        consent.put("surveys", c.consent().surveys());
        consent.put("commercial", c.consent().commercial());
        consent.put("shareWithThirdParties", c.consent().shareWithThirdParties());
        ObjectNode attributes = n.putObject("attributes");
        for (Map.Entry<String, String> e : c.attributes().entrySet()) {
            attributes.put(e.getKey(), e.getValue());
        }
        return n;
    }

    private static void put(ObjectNode n, String field, @Nullable String value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }
}
