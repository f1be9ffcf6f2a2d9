package io.memnun.storage.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.memnun.error.StoreException;
import io.memnun.error.ValidationException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON text to and from plain values (maps, lists, strings, numbers, booleans) with Jackson's streaming API, for
 * the documents that are read whole and rarely (survey definitions and answers, corrective actions): the domain
 * types stay free of Jackson, and the mapping to them is spelled out in {@link SurveyJson} and {@link CapaJson}.
 * Map entries whose value is {@code null} are left out.
 */
final class JsonValues {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonValues() {}

    static String write(Object value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new StoreException("could not write JSON", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, @Nullable Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() != null) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue());
                }
            }
            g.writeEndObject();
        } else if (value instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else {
            g.writeString(value.toString());
        }
    }

    /** The value of {@code json}: a map, list, string, long, boolean or null. */
    static @Nullable Object parse(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            return read(p);
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /**
     * The refusal of a stored document that could not be read because of {@code e}: what is wrong ({@link #problem}),
     * with {@code e} as the cause unless it is the parser's, whose text quotes the token it could not read (part of a
     * customer's details, in that column), and a log prints causes: where it stopped, in the message, tells enough.
     */
    static StoreException unreadable(Exception e) {
        String message = "stored JSON is not what memnun wrote: " + problem(e);
        return e instanceof JsonProcessingException ? new StoreException(message) : new StoreException(message, e);
    }

    /**
     * What is wrong with a stored document, for a {@link StoreException}'s message, which ends up in logs: never the
     * value. A value the domain's checks refuse is named by its field, since a check may quote what it refused (an
     * identifier, a name); text that is not JSON by where the parser stopped, since Jackson quotes the token it could
     * not read, which in a column of customer details is part of one. The exception is the cause, but for the parser's
     * ({@link #unreadable}).
     */
    static String problem(Exception e) {
        if (e instanceof ValidationException v) {
            return v.field() + " holds a value this memnun refuses";
        }
        if (e instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            return "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        return String.valueOf(e.getMessage());
    }

    /** What {@code value} is, for a message that must not quote it. */
    private static String kind(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value instanceof Number ? "a number" : "an object";
    }

    private static @Nullable Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("unexpected end of JSON");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    Object v = read(p);
                    if (v != null) {
                        m.put(name, v);
                    }
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t);
        }
    }

    /** An object's members, for reading: typed getters that name the missing field. */
    record Obj(Map<String, Object> fields) {
        static Obj of(@Nullable Object value) {
            if (!(value instanceof Map<?, ?> m)) {
                throw new StoreException("stored JSON is not what memnun wrote: expected an object, found " + kind(value));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) m;
            return new Obj(fields);
        }

        @Nullable String optString(String name) {
            Object v = fields.get(name);
            return v == null ? null : v.toString();
        }

        String string(String name) {
            String v = optString(name);
            if (v == null) {
                throw new StoreException("stored JSON is not what memnun wrote: '" + name + "' is missing");
            }
            return v;
        }

        @Nullable Long optLong(String name) {
            Object v = fields.get(name);
            return v == null ? null : ((Number) v).longValue();
        }

        boolean bool(String name) {
            return Boolean.TRUE.equals(fields.get(name));
        }

        @Nullable Obj optObj(String name) {
            Object v = fields.get(name);
            return v == null ? null : of(v);
        }

        Obj obj(String name) {
            return of(fields.get(name));
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String name) {
            Object v = fields.get(name);
            return v == null ? List.of() : (List<Object>) v;
        }

        List<String> strings(String name) {
            return list(name).stream().map(String::valueOf).toList();
        }

        List<Obj> objs(String name) {
            return list(name).stream().map(Obj::of).toList();
        }
    }

    /** A map that keeps its insertion order, for writing. */
    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }
}
