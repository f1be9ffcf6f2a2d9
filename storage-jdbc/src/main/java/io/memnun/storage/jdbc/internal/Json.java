package io.memnun.storage.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memnun.error.StoreException;
import io.memnun.feedback.Assessment;
import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.Consent;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.PhoneNumber;
import io.memnun.feedback.Recourse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON text of nested values. Written by hand from the domain's accessors rather than by annotating domain
 * types, which stay free of Jackson; field names are part of the stored format, so renaming one needs a migration.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

    private Json() {}

    /** The customer's details other than those stored in columns of their own (id, name, e-mail, phone). */
    static String customer(Customer c) {
        ObjectNode n = MAPPER.createObjectNode();
        if (c.address() != null) {
            n.put("address", c.address());
        }
        n.put("language", c.language().toLanguageTag());
        n.put("preferredChannel", c.preferredChannel().name());
        ObjectNode consent = n.putObject("consent");
        consent.put("surveys", c.consent().surveys());
        consent.put("commercial", c.consent().commercial());
        consent.put("shareWithThirdParties", c.consent().shareWithThirdParties());
        if (!c.attributes().isEmpty()) {
            ObjectNode attributes = n.putObject("attributes");
            c.attributes().forEach(attributes::put);
        }
        return write(n);
    }

    static Customer customer(String json, @Nullable String externalId, @Nullable String name, @Nullable String email,
            @Nullable String phone) {
        JsonNode n = read(json);
        JsonNode consent = n.path("consent");
        Map<String, String> attributes = new LinkedHashMap<>();
        n.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return new Customer(externalId, name, email == null ? null : new EmailAddress(email),
                phone == null ? null : new PhoneNumber(phone), text(n, "address"),
                Locale.forLanguageTag(n.path("language").asText("tr")),
                ContactChannel.valueOf(n.path("preferredChannel").asText(ContactChannel.NONE.name())),
                new Consent(consent.path("surveys").asBoolean(), consent.path("commercial").asBoolean(),
                        consent.path("shareWithThirdParties").asBoolean()),
                attributes);
    }

    static @Nullable String assessment(@Nullable Assessment a) {
        if (a == null) {
            return null;
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("severity", a.severity().name());
        if (a.impact() != null) {
            n.put("impact", a.impact());
        }
        n.put("immediateActionNeeded", a.immediateActionNeeded());
        return write(n);
    }

    static @Nullable Assessment assessment(@Nullable String json) {
        if (json == null) {
            return null;
        }
        JsonNode n = read(json);
        return new Assessment(Assessment.Severity.valueOf(n.path("severity").asText()), text(n, "impact"),
                n.path("immediateActionNeeded").asBoolean());
    }

    static @Nullable String attachments(List<AttachmentRef> attachments) {
        if (attachments.isEmpty()) {
            return null;
        }
        ArrayNode a = MAPPER.createArrayNode();
        for (AttachmentRef r : attachments) {
            a.addObject().put("id", r.id()).put("fileName", r.fileName()).put("mediaType", r.mediaType())
                    .put("sizeBytes", r.sizeBytes());
        }
        return write(a);
    }

    static List<AttachmentRef> attachments(@Nullable String json) {
        if (json == null) {
            return List.of();
        }
        List<AttachmentRef> list = new ArrayList<>();
        for (JsonNode n : read(json)) {
            list.add(new AttachmentRef(n.path("id").asText(), n.path("fileName").asText(), n.path("mediaType").asText(),
                    n.path("sizeBytes").asLong()));
        }
        return list;
    }

    static @Nullable String recourse(List<Recourse> recourse) {
        if (recourse.isEmpty()) {
            return null;
        }
        ArrayNode a = MAPPER.createArrayNode();
        for (Recourse r : recourse) {
            a.addObject().put("kind", r.kind().name()).put("description", r.description());
        }
        return write(a);
    }

    static List<Recourse> recourse(@Nullable String json) {
        if (json == null) {
            return List.of();
        }
        List<Recourse> list = new ArrayList<>();
        for (JsonNode n : read(json)) {
            list.add(new Recourse(Recourse.Kind.valueOf(n.path("kind").asText()), n.path("description").asText()));
        }
        return list;
    }

    /** A string map, or {@code null} for an empty one so that most rows store nothing. */
    static @Nullable String map(Map<String, String> map) {
        if (map.isEmpty()) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new StoreException("could not write JSON", e);
        }
    }

    static Map<String, String> map(@Nullable String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON is not a map of strings: " + e.getOriginalMessage(), e);
        }
    }

    private static @Nullable String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new StoreException("could not write JSON", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON is malformed: " + e.getOriginalMessage(), e);
        }
    }
}
