package io.memnun.routing.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memnun.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reading and writing JSON trees with every error a {@link ValidationException} whose field is the JSON path of
 * the offending value, e.g. {@code subjects[3].parent}. The codecs map the tree to domain types by hand, so the
 * domain types carry no Jackson annotations.
 */
final class JsonTree {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The longest document read: a catalogue of tens of thousands of entries fits with room to spare. */
    static final int MAX_CHARS = 64 * 1024 * 1024;

    private JsonTree() {}

    static JsonNode parse(String json) {
        if (json.length() > MAX_CHARS) {
            throw new ValidationException("$", "the document is " + json.length() + " characters long, the limit is " + MAX_CHARS);
        }
        try {
            return checkRoot(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw syntax(e);
        }
    }

    static JsonNode parse(InputStream in) {
        try {
            return checkRoot(MAPPER.readTree(in));
        } catch (JsonProcessingException e) {
            throw syntax(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static JsonNode checkRoot(@Nullable JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new ValidationException("$", "the document is empty");
        }
        if (!root.isObject()) {
            throw new ValidationException("$", "must be a JSON object, was " + kind(root));
        }
        return root;
    }

    private static ValidationException syntax(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return new ValidationException("$", "not valid JSON: " + where + e.getOriginalMessage());
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    /** An object in the tree together with its path, so that every error names where it is. */
    static final class Obj {
        final ObjectNode node;
        final String path;

        Obj(JsonNode node, String path) {
            if (!node.isObject()) {
                throw new ValidationException(path, "must be an object, was " + kind(node));
            }
            this.node = (ObjectNode) node;
            this.path = path;
        }

        String at(String field) {
            return path.equals("$") ? field : path + "." + field;
        }

        /** Refuses fields other than {@code known}: a typo must not silently drop a setting. */
        Obj only(Set<String> known) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw new ValidationException(at(name), "unknown field; expected one of " + new java.util.TreeSet<>(known));
                }
            }
            return this;
        }

        @Nullable String optText(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new ValidationException(at(field), "must be a string, was " + kind(v));
            }
            return v.textValue();
        }

        String text(String field) {
            String v = optText(field);
            if (v == null) {
                throw new ValidationException(at(field), "is required");
            }
            return v;
        }

        boolean bool(String field, boolean otherwise) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return otherwise;
            }
            if (!v.isBoolean()) {
                throw new ValidationException(at(field), "must be true or false, was " + kind(v));
            }
            return v.booleanValue();
        }

        @Nullable Integer optInt(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new ValidationException(at(field), "must be a whole number, was " + (v.isNumber() ? v.asText() : kind(v)));
            }
            return v.intValue();
        }

        @Nullable Long optLong(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new ValidationException(at(field), "must be a whole number, was " + (v.isNumber() ? v.asText() : kind(v)));
            }
            return v.longValue();
        }

        @Nullable Obj optObj(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : new Obj(v, at(field));
        }

        Obj obj(String field) {
            Obj o = optObj(field);
            if (o == null) {
                throw new ValidationException(at(field), "is required");
            }
            return o;
        }

        /** The elements of an array field, each an object with its indexed path; empty when absent. */
        List<Obj> objects(String field) {
            List<Obj> out = new ArrayList<>();
            JsonNode v = array(field);
            for (int i = 0; i < v.size(); i++) {
                out.add(new Obj(v.get(i), at(field) + "[" + i + "]"));
            }
            return out;
        }

        /** The elements of an array of strings; empty when absent. */
        List<String> texts(String field) {
            List<String> out = new ArrayList<>();
            JsonNode v = array(field);
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                if (!e.isTextual()) {
                    throw new ValidationException(at(field) + "[" + i + "]", "must be a string, was " + kind(e));
                }
                out.add(e.textValue());
            }
            return out;
        }

        private JsonNode array(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return MAPPER.createArrayNode();
            }
            if (!v.isArray()) {
                throw new ValidationException(at(field), "must be an array, was " + kind(v));
            }
            return v;
        }
    }

    /**
     * Runs a domain constructor or factory and re-labels its {@link ValidationException} with {@code path}: the
     * domain names its own field ({@code subjectId}), the reader needs the place in the document.
     */
    static <T> T at(String path, Supplier<T> make) {
        try {
            return make.get();
        } catch (ValidationException e) {
            throw relabel(path, e);
        }
    }

    static ValidationException relabel(String path, ValidationException e) {
        String prefix = e.field() + ": ";
        String message = e.getMessage() == null ? "" : e.getMessage();
        String problem = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return new ValidationException(path, problem);
    }

    static ArrayNode strings(Iterable<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }
}
