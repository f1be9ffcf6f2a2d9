package io.memnun.storage.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.memnun.error.StoreException;
import io.memnun.feedback.Assessment;
import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.Consent;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.EmailAddress;
import io.memnun.feedback.PhoneNumber;
import io.memnun.feedback.Recourse;
import io.memnun.feedback.SlaCheckpoint;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import java.time.Duration;
import java.time.Instant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON text of nested values, written and read with Jackson's streaming API from the domain's accessors: the
 * domain types stay free of Jackson, and a feedback row is read on every command, so no tree or reflection is
 * built on the way. The two written on every step (the SLA clocks, flat string maps such as an event's details) are
 * written by hand into the same text, their strings quoted by Jackson's encoder. Field names are part of the stored
 * format: renaming one needs a migration. Unknown fields are skipped, so a newer memnun may add fields that an older
 * one ignores.
 */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonParser p) throws IOException;
    }

    private static String write(Writer w) {
        Text out = new Text();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new StoreException("could not write JSON", e);
        }
        return out.toString();
    }

    /**
     * The generator's output as a string. The generator buffers what it writes and hands it over when full or closed,
     * for these small values once, at the end: kept as that one piece, it is copied once, where a
     * {@link java.io.StringWriter} copied it twice under a lock. Values are written on every step of a feedback.
     */
    private static final class Text extends java.io.Writer {
        private String text = "";
        private @Nullable StringBuilder pieces;

        @Override
        public void write(char[] chars, int offset, int length) {
            if (pieces != null) {
                pieces.append(chars, offset, length);
            } else if (text.isEmpty()) {
                text = new String(chars, offset, length);
            } else {
                pieces = new StringBuilder(text.length() + length).append(text).append(chars, offset, length);
            }
        }

        @Override
        public void write(String s, int offset, int length) {
            write(s.substring(offset, offset + length).toCharArray(), 0, length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return pieces != null ? pieces.toString() : text;
        }
    }

    private static <T> T read(String json, Reader<T> r) {
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            return r.read(p);
        } catch (IOException | RuntimeException e) {
            throw JsonValues.unreadable(e);
        }
    }

    /** Calls {@code field} for every field of the object at the parser, which ends on the object's end. */
    private static void fields(JsonParser p, FieldReader field) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected an object, found " + p.currentToken());
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!field.read(name, p)) {
                p.skipChildren();
            }
        }
    }

    @FunctionalInterface
    private interface FieldReader {
        /** Reads the value of {@code name} at the parser; false to skip it. */
        boolean read(String name, JsonParser p) throws IOException;
    }

    /** The customer's details other than those stored in columns of their own (id, name, e-mail, phone). */
    static String customer(Customer c) {
        return write(g -> {
            g.writeStartObject();
            if (c.address() != null) {
                g.writeStringField("address", c.address());
            }
            g.writeStringField("language", c.language().toLanguageTag());
            g.writeStringField("preferredChannel", c.preferredChannel().name());
            g.writeObjectFieldStart("consent");
            g.writeBooleanField("surveys", c.consent().surveys());
            g.writeBooleanField("commercial", c.consent().commercial());
            g.writeBooleanField("shareWithThirdParties", c.consent().shareWithThirdParties());
            g.writeEndObject();
            if (!c.attributes().isEmpty()) {
                g.writeFieldName("attributes");
                writeMap(g, c.attributes());
            }
            g.writeEndObject();
        });
    }

    static Customer customer(String json, @Nullable String externalId, @Nullable String name, @Nullable String email,
            @Nullable String phone) {
        return read(json, p -> {
            String[] address = {null};
            String[] language = {"tr"};
            ContactChannel[] channel = {ContactChannel.NONE};
            boolean[] consent = new boolean[3];
            Map<String, String> attributes = new LinkedHashMap<>();
            fields(p, (field, v) -> {
                switch (field) {
                    case "address" -> address[0] = v.getValueAsString();
                    case "language" -> language[0] = v.getValueAsString();
                    case "preferredChannel" -> channel[0] = ContactChannel.valueOf(v.getValueAsString());
                    case "consent" -> fields(v, (k, b) -> {
                        switch (k) {
                            case "surveys" -> consent[0] = b.getBooleanValue();
                            case "commercial" -> consent[1] = b.getBooleanValue();
                            case "shareWithThirdParties" -> consent[2] = b.getBooleanValue();
                            default -> {
                                return false;
                            }
                        }
                        return true;
                    });
                    case "attributes" -> attributes.putAll(readMap(v));
                    default -> {
                        return false;
                    }
                }
                return true;
            });
            return new Customer(externalId, name, email == null ? null : new EmailAddress(email),
                    phone == null ? null : new PhoneNumber(phone), address[0], Locale.forLanguageTag(language[0]), channel[0],
                    consent[0] || consent[1] || consent[2] ? new Consent(consent[0], consent[1], consent[2]) : Consent.NONE,
                    attributes);
        });
    }

    static @Nullable String assessment(@Nullable Assessment a) {
        if (a == null) {
            return null;
        }
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("severity", a.severity().name());
            if (a.impact() != null) {
                g.writeStringField("impact", a.impact());
            }
            g.writeBooleanField("immediateActionNeeded", a.immediateActionNeeded());
            g.writeEndObject();
        });
    }

    static @Nullable Assessment assessment(@Nullable String json) {
        if (json == null) {
            return null;
        }
        return read(json, p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            fields(p, (k, v) -> {
                m.put(k, v.currentToken().isBoolean() ? v.getBooleanValue() : v.getValueAsString());
                return true;
            });
            return new Assessment(Assessment.Severity.valueOf((String) m.get("severity")), (String) m.get("impact"),
                    Boolean.TRUE.equals(m.get("immediateActionNeeded")));
        });
    }

    static @Nullable String attachments(List<AttachmentRef> attachments) {
        if (attachments.isEmpty()) {
            return null;
        }
        return write(g -> {
            g.writeStartArray();
            for (AttachmentRef r : attachments) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("fileName", r.fileName());
                g.writeStringField("mediaType", r.mediaType());
                g.writeNumberField("sizeBytes", r.sizeBytes());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    static List<AttachmentRef> attachments(@Nullable String json) {
        if (json == null) {
            return List.of();
        }
        return read(json, p -> {
            List<AttachmentRef> list = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> m = new LinkedHashMap<>();
                fields(p, (k, v) -> {
                    m.put(k, v.getValueAsString());
                    return true;
                });
                list.add(new AttachmentRef(m.get("id"), m.get("fileName"), m.get("mediaType"), Long.parseLong(m.get("sizeBytes"))));
            }
            return list;
        });
    }

    static @Nullable String recourse(List<Recourse> recourse) {
        if (recourse.isEmpty()) {
            return null;
        }
        return write(g -> {
            g.writeStartArray();
            for (Recourse r : recourse) {
                g.writeStartObject();
                g.writeStringField("kind", r.kind().name());
                g.writeStringField("description", r.description());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    static List<Recourse> recourse(@Nullable String json) {
        if (json == null) {
            return List.of();
        }
        return read(json, p -> {
            List<Recourse> list = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, String> m = new LinkedHashMap<>();
                fields(p, (k, v) -> {
                    m.put(k, v.getValueAsString());
                    return true;
                });
                list.add(new Recourse(Recourse.Kind.valueOf(m.get("kind")), m.get("description")));
            }
            return list;
        });
    }

    /**
     * Response-time clocks, written positionally and compactly: {@code [4, kinds, clock, clock, ...]}, where 4 marks
     * this form, {@code kinds} lists each distinct kind of checkpoint once as {@code [type, level, percent,
     * recipient]} (every clock of a feedback has the same ladder), a clock is {@code [kind, calendar, target,
     * startSecond, startNano, nano, dueAt, usedBeforeRun, runningSince, state, stoppedAt, checkpoints]} and a
     * checkpoint {@code [kind index, at, fired 0/1]}. The clock's start is two numbers (epoch second, nanosecond);
     * {@code nano} is the nanosecond of its due instant, which its checkpoints mostly share (they come from the same
     * calendar arithmetic), written once; every other instant is {@code null} when absent, one number (seconds from
     * the start's second) when it falls on {@code nano}, else {@code [seconds, nanosecond]}. A duration is its
     * nanoseconds: nothing is cut to microseconds. The clocks are rewritten on every step of a feedback (on
     * PostgreSQL a whole new row version each time) and read before a command when the state is not known, so they
     * are kept small and cheap to write; the earlier compact form (3: every instant two numbers), the positional
     * form (checkpoints spelled out, instants absolute) and the object form are still read.
     */
    static @Nullable String slaClocks(List<SlaClock> clocks) {
        if (clocks.isEmpty()) {
            return null;
        }
        // one checkpoint standing for each distinct kind, in the order of first appearance
        List<SlaCheckpoint> kinds = new ArrayList<>(8);
        for (SlaClock c : clocks) {
            for (SlaCheckpoint k : c.checkpoints()) {
                if (kindIndex(kinds, k) < 0) {
                    kinds.add(k);
                }
            }
        }
        // by hand: the only text that may need escaping is a calendar or recipient name, quoted as Jackson quotes it;
        // a generator's checks per token were the larger part of writing the clocks, which happens on every step
        StringBuilder out = text();
        out.append(kindsText(kinds));
        for (SlaClock c : clocks) {
            long base = c.startedAt().getEpochSecond();
            int nano = c.dueAt().getNano();
            out.append(",[\"").append(c.kind().name()).append("\",");
            quoted(out, c.calendar()).append(',').append(c.target().toNanos()).append(',')
                    .append(base).append(',').append(c.startedAt().getNano()).append(',').append(nano).append(',');
            instant(out, base, nano, c.dueAt()).append(',').append(c.usedBeforeRun().toNanos()).append(',');
            instant(out, base, nano, c.runningSince()).append(",\"").append(c.state().name()).append("\",");
            instant(out, base, nano, c.stoppedAt()).append(",[");
            List<SlaCheckpoint> checkpoints = c.checkpoints();
            for (int i = 0; i < checkpoints.size(); i++) {
                SlaCheckpoint k = checkpoints.get(i);
                out.append(i == 0 ? "[" : ",[").append(kindIndex(kinds, k, i)).append(',');
                instant(out, base, nano, k.at()).append(',').append(k.fired() ? 1 : 0).append(']');
            }
            out.append("]]");
        }
        return out.append(']').toString();
    }

    /** The clocks text up to its first clock: the form's mark and {@code kinds}. */
    private static String kindsText(List<SlaCheckpoint> kinds) {
        KindsText last = lastKinds;
        if (last != null && last.kinds().size() == kinds.size()) {
            int i = 0;
            while (i < kinds.size() && sameKind(last.kinds().get(i), kinds.get(i))) {
                i++;
            }
            if (i == kinds.size()) {
                return last.text();
            }
        }
        StringBuilder out = new StringBuilder(256).append('[').append(COMPACT_CLOCKS).append(",[");
        for (int i = 0; i < kinds.size(); i++) {
            SlaCheckpoint k = kinds.get(i);
            out.append(i == 0 ? "[\"" : ",[\"").append(k.type().name()).append("\",").append(k.level()).append(',').append(k.percent()).append(',');
            quoted(out, k.recipient()).append(']');
        }
        String text = out.append(']').toString();
        lastKinds = new KindsText(List.copyOf(kinds), text);
        return text;
    }

    /** Kinds of checkpoints and their text. */
    private record KindsText(List<SlaCheckpoint> kinds, String text) {}

    /**
     * The kinds last written: a host's feedback mostly share one ladder of checkpoints, so its text is mostly the
     * same. A race only writes it again.
     */
    private static volatile @Nullable KindsText lastKinds;

    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    /**
     * This thread's builder for a text written by hand, emptied: the clocks, details and digests are written on every
     * step, and a new builder each time, grown on the way, showed in profiles. Not for a text written while another
     * is (none of these nests); one grown beyond 64 KiB (a long detail) is not kept.
     */
    static StringBuilder text() {
        StringBuilder b = TEXT.get();
        if (b.capacity() > 1 << 16) {
            b = new StringBuilder(2048);
            TEXT.set(b);
        }
        b.setLength(0);
        return b;
    }

    private static final ThreadLocal<StringBuilder> TEXT = ThreadLocal.withInitial(() -> new StringBuilder(2048));

    /** {@code text} as a JSON string, or {@code null}. */
    private static StringBuilder quoted(StringBuilder out, @Nullable String text) {
        if (text == null) {
            return out.append("null");
        }
        return escaped(out.append('"'), text).append('"');
    }

    /**
     * {@code text} escaped as Jackson's encoder escapes it (control characters, quote, backslash): copied whole when
     * nothing needs escaping, as with digests, codes and instants, which the encoder would append one by one.
     */
    private static StringBuilder escaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                QUOTE.quoteAsString(text, out);
                return out;
            }
        }
        return out.append(text);
    }

    /**
     * An instant as its second counted from {@code baseSecond}, alone when its nanosecond is {@code nano}, else with
     * its nanosecond in an array; {@code null} when absent.
     */
    private static StringBuilder instant(StringBuilder out, long baseSecond, int nano, @Nullable Instant at) {
        if (at == null) {
            return out.append("null");
        }
        if (at.getNano() == nano) {
            return out.append(at.getEpochSecond() - baseSecond);
        }
        return out.append('[').append(at.getEpochSecond() - baseSecond).append(',').append(at.getNano()).append(']');
    }

    /** The mark of the compact form {@link #slaClocks(List)} writes. */
    private static final int COMPACT_CLOCKS = 4;
    /** The mark of the compact form written before, in which every instant but the start was two numbers. */
    private static final int COMPACT_CLOCKS_PAIRS = 3;

    /** What a checkpoint is, apart from when it falls due and whether it fired. */
    private record CheckpointKind(SlaCheckpoint.Type type, int level, int percent, @Nullable String recipient) {}

    /**
     * The index in {@code kinds} of the checkpoint of {@code k}'s kind, or -1. Compared field by field rather than
     * through a {@link CheckpointKind} per checkpoint: this runs for every checkpoint of every clock on every write.
     */
    private static int kindIndex(List<SlaCheckpoint> kinds, SlaCheckpoint k) {
        for (int i = 0; i < kinds.size(); i++) {
            if (sameKind(kinds.get(i), k)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@link #kindIndex(List, SlaCheckpoint)} of the {@code position}-th checkpoint of a clock, looking at that
     * position first: a feedback's clocks mostly share one ladder, in the order the kinds were collected.
     */
    private static int kindIndex(List<SlaCheckpoint> kinds, SlaCheckpoint k, int position) {
        return position < kinds.size() && sameKind(kinds.get(position), k) ? position : kindIndex(kinds, k);
    }

    private static boolean sameKind(SlaCheckpoint o, SlaCheckpoint k) {
        return o.type() == k.type() && o.level() == k.level() && o.percent() == k.percent() && Objects.equals(o.recipient(), k.recipient());
    }

    /** The clocks {@link #slaClocks(List)} wrote (in any of its forms), as an unmodifiable list a store may share. */
    static List<SlaClock> slaClocks(@Nullable String json) {
        if (json == null) {
            return List.of();
        }
        return read(json, p -> {
            List<SlaClock> clocks = new ArrayList<>();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NUMBER_INT) {
                int form = p.getIntValue();
                if (form != COMPACT_CLOCKS && form != COMPACT_CLOCKS_PAIRS) {
                    throw new IOException("unknown form of SLA clocks: " + form);
                }
                List<CheckpointKind> kinds = new ArrayList<>(8);
                p.nextToken(); // the kinds' array
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    SlaCheckpoint.Type type = SlaCheckpoint.Type.valueOf(nextText(p));
                    int level = (int) nextLong(p);
                    int percent = (int) nextLong(p);
                    kinds.add(new CheckpointKind(type, level, percent, nextText(p)));
                    p.nextToken(); // the kind's end
                }
                for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    clocks.add(form == COMPACT_CLOCKS ? compactClock(p, kinds) : pairsClock(p, kinds));
                }
                return List.copyOf(clocks);
            }
            for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
                clocks.add(t == JsonToken.START_ARRAY ? positionalClock(p) : objectClock(p));
            }
            return List.copyOf(clocks);
        });
    }

    private static SlaClock compactClock(JsonParser p, List<CheckpointKind> kinds) throws IOException {
        SlaKind kind = SlaKind.valueOf(nextText(p));
        String calendar = nextText(p);
        Duration target = Duration.ofNanos(nextLong(p));
        long base = nextLong(p);
        Instant startedAt = Instant.ofEpochSecond(base, nextLong(p));
        int nano = (int) nextLong(p);
        return compactClockRest(p, kinds, kind, calendar, target, startedAt, q -> nextInstant(q, base, nano));
    }

    /** An instant {@link #instant(StringBuilder, long, int, Instant)} wrote. */
    private static @Nullable Instant nextInstant(JsonParser p, long baseSecond, int nano) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            return Instant.ofEpochSecond(baseSecond + p.getLongValue(), nano);
        }
        long second = baseSecond + nextLong(p);
        Instant at = Instant.ofEpochSecond(second, nextLong(p));
        p.nextToken(); // the array's end
        return at;
    }

    /** A clock in the compact form written before, every instant but the start two numbers. */
    private static SlaClock pairsClock(JsonParser p, List<CheckpointKind> kinds) throws IOException {
        SlaKind kind = SlaKind.valueOf(nextText(p));
        String calendar = nextText(p);
        Duration target = Duration.ofNanos(nextLong(p));
        Instant startedAt = Objects.requireNonNull(nextInstant(p), "startedAt");
        long base = startedAt.getEpochSecond();
        return compactClockRest(p, kinds, kind, calendar, target, startedAt, q -> nextInstant(q, base));
    }

    /** How one compact form writes an instant after the clock's start. */
    private interface InstantReader {
        @Nullable Instant next(JsonParser p) throws IOException;
    }

    /** The rest of a compact clock after its start, the same in both compact forms but for how instants are written. */
    private static SlaClock compactClockRest(JsonParser p, List<CheckpointKind> kinds, SlaKind kind, String calendar, Duration target,
            Instant startedAt, InstantReader instants) throws IOException {
        Instant dueAt = instants.next(p);
        Duration used = Duration.ofNanos(nextLong(p));
        Instant runningSince = instants.next(p);
        SlaClock.State state = SlaClock.State.valueOf(nextText(p));
        Instant stoppedAt = instants.next(p);
        List<SlaCheckpoint> checkpoints = new ArrayList<>();
        p.nextToken(); // the checkpoints' array
        while (p.nextToken() == JsonToken.START_ARRAY) {
            CheckpointKind k = kinds.get((int) nextLong(p));
            Instant at = instants.next(p);
            boolean fired = nextLong(p) != 0;
            p.nextToken(); // the checkpoint's end
            checkpoints.add(new SlaCheckpoint(k.type(), k.level(), k.percent(), Objects.requireNonNull(at, "checkpoint at"), k.recipient(), fired));
        }
        p.nextToken(); // the clock's end
        return new SlaClock(kind, calendar, target, startedAt, Objects.requireNonNull(dueAt, "dueAt"), used, runningSince, state, stoppedAt,
                checkpoints);
    }

    /** An instant of the earlier compact form: its second counted from {@code baseSecond} and its nanosecond. */
    private static @Nullable Instant nextInstant(JsonParser p, long baseSecond) throws IOException {
        if (p.nextToken() == JsonToken.VALUE_NULL) {
            p.nextToken();
            return null;
        }
        long second = baseSecond + p.getLongValue();
        p.nextToken();
        return Instant.ofEpochSecond(second, p.getIntValue());
    }

    /** A clock in the positional form schema 8 wrote at first, checkpoints spelled out and instants absolute. */
    private static SlaClock positionalClock(JsonParser p) throws IOException {
        SlaKind kind = SlaKind.valueOf(nextText(p));
        String calendar = nextText(p);
        Duration target = Duration.ofNanos(nextLong(p));
        Instant startedAt = nextInstant(p);
        Instant dueAt = nextInstant(p);
        Duration used = Duration.ofNanos(nextLong(p));
        Instant runningSince = nextInstant(p);
        SlaClock.State state = SlaClock.State.valueOf(nextText(p));
        Instant stoppedAt = nextInstant(p);
        List<SlaCheckpoint> checkpoints = new ArrayList<>();
        p.nextToken(); // the checkpoints' array
        while (p.nextToken() == JsonToken.START_ARRAY) {
            SlaCheckpoint.Type type = SlaCheckpoint.Type.valueOf(nextText(p));
            int level = (int) nextLong(p);
            int percent = (int) nextLong(p);
            Instant at = nextInstant(p);
            String recipient = nextText(p);
            p.nextToken();
            boolean fired = p.getBooleanValue();
            p.nextToken(); // the checkpoint's end
            checkpoints.add(new SlaCheckpoint(type, level, percent, Objects.requireNonNull(at, "checkpoint at"), recipient, fired));
        }
        p.nextToken(); // the clock's end
        return new SlaClock(kind, calendar, target, Objects.requireNonNull(startedAt, "startedAt"), Objects.requireNonNull(dueAt, "dueAt"),
                used, runningSince, state, stoppedAt, checkpoints);
    }

    private static @Nullable String nextText(JsonParser p) throws IOException {
        return p.nextToken() == JsonToken.VALUE_NULL ? null : p.getText();
    }

    private static long nextLong(JsonParser p) throws IOException {
        p.nextToken();
        return p.getLongValue();
    }

    private static @Nullable Instant nextInstant(JsonParser p) throws IOException {
        if (p.nextToken() == JsonToken.VALUE_NULL) {
            p.nextToken();
            return null;
        }
        long second = p.getLongValue();
        p.nextToken();
        return Instant.ofEpochSecond(second, p.getIntValue());
    }

    /** A clock in the object form written before schema 8's positional one. */
    private static SlaClock objectClock(JsonParser p) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        List<SlaCheckpoint> checkpoints = new ArrayList<>();
        fields(p, (k, v) -> {
            if (k.equals("checkpoints")) {
                while (v.nextToken() == JsonToken.START_OBJECT) {
                    Map<String, String> c = new LinkedHashMap<>();
                    fields(v, (ck, cv) -> {
                        c.put(ck, cv.getValueAsString());
                        return true;
                    });
                    checkpoints.add(new SlaCheckpoint(SlaCheckpoint.Type.valueOf(c.get("type")), Integer.parseInt(c.get("level")),
                            Integer.parseInt(c.get("percent")), Instant.parse(c.get("at")), c.get("recipient"),
                            Boolean.parseBoolean(c.get("fired"))));
                }
                return true;
            }
            m.put(k, v.getValueAsString());
            return true;
        });
        return new SlaClock(SlaKind.valueOf(m.get("kind")), m.get("calendar"), Duration.parse(m.get("target")),
                Instant.parse(m.get("startedAt")), Instant.parse(m.get("dueAt")), Duration.parse(m.get("usedBeforeRun")),
                instant(m.get("runningSince")), SlaClock.State.valueOf(m.get("state")), instant(m.get("stoppedAt")),
                checkpoints);
    }

    private static @Nullable Instant instant(@Nullable String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** Staff ids as a sorted array, or {@code null} for none. */
    static @Nullable String staff(java.util.Set<io.memnun.feedback.StaffId> staff) {
        if (staff.isEmpty()) {
            return null;
        }
        return write(g -> {
            g.writeStartArray();
            for (String s : staff.stream().map(io.memnun.feedback.StaffId::value).sorted().toList()) {
                g.writeString(s);
            }
            g.writeEndArray();
        });
    }

    static java.util.Set<io.memnun.feedback.StaffId> staff(@Nullable String json) {
        if (json == null) {
            return java.util.Set.of();
        }
        return read(json, p -> {
            java.util.Set<io.memnun.feedback.StaffId> staff = new java.util.LinkedHashSet<>();
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                staff.add(io.memnun.feedback.StaffId.of(p.getText()));
            }
            return staff;
        });
    }

    /** A string map, or {@code null} for an empty one so that most rows store nothing. */
    static @Nullable String map(Map<String, String> map) {
        if (map.isEmpty()) {
            return null;
        }
        // by hand, as the generator writes it: every history event's details are such a map
        StringBuilder out = text();
        char separator = '{';
        for (Map.Entry<String, String> e : map.entrySet()) {
            field(out.append(separator), "", Objects.requireNonNull(e.getKey(), "key"), e.getValue());
            separator = ',';
        }
        return out.append('}').toString();
    }

    /** A string field of an object, its name {@code prefix} and {@code name}, as the generator writes it. */
    static StringBuilder field(StringBuilder out, String prefix, String name, @Nullable String value) {
        return quoted(escaped(out.append('"').append(prefix), name).append("\":"), value);
    }

    static Map<String, String> map(@Nullable String json) {
        if (json == null) {
            return Map.of();
        }
        return read(json, Json::readMap);
    }

    private static void writeMap(JsonGenerator g, Map<String, String> map) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, String> e : map.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static Map<String, String> readMap(JsonParser p) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        fields(p, (k, v) -> {
            m.put(k, v.getValueAsString());
            return true;
        });
        return m;
    }
}
