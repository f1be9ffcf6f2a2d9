package io.memnun.routing.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Channel;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackTypeId;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.routing.Catalog;
import io.memnun.routing.CatalogEntry;
import io.memnun.routing.CatalogRef;
import io.memnun.routing.CatalogValidationException;
import io.memnun.routing.ChannelEntry;
import io.memnun.routing.Department;
import io.memnun.routing.FeedbackType;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Location;
import io.memnun.routing.Staff;
import io.memnun.routing.Subject;
import io.memnun.routing.json.JsonTree.Obj;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A whole tenant catalogue as JSON, for import and export:
 *
 * <pre>{@code
 * {
 *   "format": "memnun-catalog/1",
 *   "types":       [{"id": "service-quality", "name": {"tr": "Hizmet kalitesi", "en": "Service quality"}}],
 *   "subjects":    [{"id": "housekeeping", "name": {...}},
 *                   {"id": "room-cleanliness", "parent": "housekeeping", "name": {...}, "active": false}],
 *   "locations":   [{"id": "besiktas", "parent": "bosphorus", "name": {...}, "calendar": "hotel-24-7"}],
 *   "departments": [{"id": "hk", "name": {...}, "head": "ayse"}],
 *   "staff":       [{"id": "ayse", "name": "Ayşe Yılmaz", "departments": ["hk"], "roles": ["supervisor"],
 *                    "calendar": "day-shift", "maxOpenLoad": 20}],
 *   "channels":    [{"code": "web-form", "name": {"tr": "Web formu", "en": "Web form"}}]
 * }
 * }</pre>
 *
 * <p>{@code active} defaults to {@code true}; names may carry further languages beside {@code tr} and {@code en}
 * ({@code "de": "..."}). Reading checks the whole document before anything is returned: any error is a
 * {@link ValidationException} whose {@link ValidationException#field() field} is the JSON path of the offending
 * value ({@code subjects[3].parent}), and a document with an error yields no catalogue at all. Unknown fields are
 * refused, so a misspelt setting is not silently dropped.
 */
public final class CatalogJson {
    /** The format marker written into every export. */
    public static final String FORMAT = "memnun-catalog/1";

    private static final Set<String> ROOT = Set.of("format", "types", "subjects", "locations", "departments", "staff", "channels");
    private static final Set<String> TYPE = Set.of("id", "name", "active");
    private static final Set<String> SUBJECT = Set.of("id", "parent", "name", "active");
    private static final Set<String> LOCATION = Set.of("id", "parent", "name", "calendar", "active");
    private static final Set<String> DEPARTMENT = Set.of("id", "name", "head", "active");
    private static final Set<String> STAFF = Set.of("id", "name", "departments", "roles", "active", "calendar", "maxOpenLoad");
    private static final Set<String> CHANNEL = Set.of("code", "name", "active");

    private CatalogJson() {}

    /** The catalogue as an indented JSON document. */
    public static String write(Catalog catalog) {
        return JsonTree.write(toTree(catalog));
    }

    /**
     * Reads a catalogue (at revision 0; the store assigns the next revision on import).
     *
     * @throws ValidationException naming the JSON path of the first error found; nothing is returned
     */
    public static Catalog read(String json) {
        return fromTree(JsonTree.parse(Objects.requireNonNull(json, "json")));
    }

    /** Like {@link #read(String)}, from a UTF-8 stream, which is not closed. */
    public static Catalog read(InputStream json) {
        return fromTree(JsonTree.parse(Objects.requireNonNull(json, "json")));
    }

    static ObjectNode toTree(Catalog catalog) {
        ObjectNode root = JsonTree.object();
        root.put("format", FORMAT);
        ArrayNode types = root.putArray("types");
        for (FeedbackType t : catalog.types()) {
            ObjectNode o = types.addObject().put("id", t.id().value());
            o.set("name", name(t.name()));
            o.put("active", t.active());
        }
        ArrayNode subjects = root.putArray("subjects");
        for (Subject s : catalog.subjects()) {
            ObjectNode o = subjects.addObject().put("id", s.id().value());
            if (s.parent() != null) {
                o.put("parent", s.parent().value());
            }
            o.set("name", name(s.name()));
            o.put("active", s.active());
        }
        ArrayNode locations = root.putArray("locations");
        for (Location l : catalog.locations()) {
            ObjectNode o = locations.addObject().put("id", l.id().value());
            if (l.parent() != null) {
                o.put("parent", l.parent().value());
            }
            o.set("name", name(l.name()));
            if (l.calendar() != null) {
                o.put("calendar", l.calendar());
            }
            o.put("active", l.active());
        }
        ArrayNode departments = root.putArray("departments");
        for (Department d : catalog.departments()) {
            ObjectNode o = departments.addObject().put("id", d.id().value());
            o.set("name", name(d.name()));
            if (d.head() != null) {
                o.put("head", d.head().value());
            }
            o.put("active", d.active());
        }
        ArrayNode staff = root.putArray("staff");
        for (Staff s : catalog.staff()) {
            ObjectNode o = staff.addObject().put("id", s.id().value()).put("name", s.name());
            Set<String> departmentIds = new TreeSet<>();
            s.departments().forEach(d -> departmentIds.add(d.value()));
            o.set("departments", JsonTree.strings(departmentIds));
            o.set("roles", JsonTree.strings(new TreeSet<>(s.roles())));
            o.put("active", s.active());
            if (s.calendar() != null) {
                o.put("calendar", s.calendar());
            }
            if (s.maxOpenLoad() != null) {
                o.put("maxOpenLoad", s.maxOpenLoad());
            }
        }
        ArrayNode channels = root.putArray("channels");
        for (ChannelEntry c : catalog.channels()) {
            ObjectNode o = channels.addObject().put("code", c.channel().code());
            o.set("name", name(c.name()));
            o.put("active", c.active());
        }
        return root;
    }

    static ObjectNode name(LocalizedText name) {
        ObjectNode o = JsonTree.object().put("tr", name.tr()).put("en", name.en());
        name.others().forEach(o::put);
        return o;
    }

    static LocalizedText name(Obj o) {
        String tr = o.text("tr");
        String en = o.text("en");
        Map<String, String> others = new LinkedHashMap<>();
        var names = o.node.fieldNames();
        while (names.hasNext()) {
            String tag = names.next();
            if (!tag.equals("tr") && !tag.equals("en")) {
                others.put(tag, o.text(tag));
            }
        }
        for (String tag : others.keySet()) {
            JsonTree.at(o.at(tag), () -> new LocalizedText("x", "x", Map.of(tag, others.get(tag))));
        }
        JsonTree.at(o.at("tr"), () -> LocalizedText.of(tr, "x"));
        JsonTree.at(o.at("en"), () -> LocalizedText.of("x", en));
        return new LocalizedText(tr, en, others);
    }

    static Catalog fromTree(JsonNode tree) {
        Obj root = new Obj(tree, "$").only(ROOT);
        String format = root.optText("format");
        if (format != null && !format.equals(FORMAT)) {
            throw new ValidationException("format", "is '" + format + "', this version reads '" + FORMAT + "'");
        }
        Catalog.Builder b = Catalog.builder();
        Map<CatalogRef, String> paths = new HashMap<>();
        for (Obj o : root.objects("types")) {
            o.only(TYPE);
            FeedbackTypeId id = JsonTree.at(o.at("id"), () -> FeedbackTypeId.of(o.text("id")));
            add(b, paths, o, new FeedbackType(id, name(o.obj("name")), o.bool("active", true)));
        }
        for (Obj o : root.objects("subjects")) {
            o.only(SUBJECT);
            SubjectId id = JsonTree.at(o.at("id"), () -> SubjectId.of(o.text("id")));
            String parent = o.optText("parent");
            SubjectId parentId = parent == null ? null : JsonTree.at(o.at("parent"), () -> SubjectId.of(parent));
            LocalizedText name = name(o.obj("name"));
            boolean active = o.bool("active", true);
            add(b, paths, o, JsonTree.at(o.at("parent"), () -> new Subject(id, parentId, name, active)));
        }
        for (Obj o : root.objects("locations")) {
            o.only(LOCATION);
            LocationId id = JsonTree.at(o.at("id"), () -> LocationId.of(o.text("id")));
            String parent = o.optText("parent");
            LocationId parentId = parent == null ? null : JsonTree.at(o.at("parent"), () -> LocationId.of(parent));
            LocalizedText name = name(o.obj("name"));
            String calendar = o.optText("calendar");
            boolean active = o.bool("active", true);
            JsonTree.at(o.at("calendar"), () -> new Location(id, null, name, calendar, true));
            add(b, paths, o, JsonTree.at(o.at("parent"), () -> new Location(id, parentId, name, calendar, active)));
        }
        for (Obj o : root.objects("departments")) {
            o.only(DEPARTMENT);
            DepartmentId id = JsonTree.at(o.at("id"), () -> DepartmentId.of(o.text("id")));
            String head = o.optText("head");
            StaffId headId = head == null ? null : JsonTree.at(o.at("head"), () -> StaffId.of(head));
            add(b, paths, o, new Department(id, name(o.obj("name")), headId, o.bool("active", true)));
        }
        for (Obj o : root.objects("staff")) {
            o.only(STAFF);
            StaffId id = JsonTree.at(o.at("id"), () -> StaffId.of(o.text("id")));
            String name = o.text("name");
            Staff.Builder s = Staff.builder(id, name).active(o.bool("active", true));
            List<String> departments = o.texts("departments");
            for (int i = 0; i < departments.size(); i++) {
                String d = departments.get(i);
                s.department(JsonTree.at(o.at("departments") + "[" + i + "]", () -> DepartmentId.of(d)));
            }
            o.texts("roles").forEach(s::role);
            s.calendar(o.optText("calendar")).maxOpenLoad(o.optInt("maxOpenLoad"));
            Staff staff;
            try {
                staff = s.build();
            } catch (ValidationException e) {
                throw JsonTree.relabel(o.at(e.field()), e);
            }
            add(b, paths, o, staff);
        }
        for (Obj o : root.objects("channels")) {
            o.only(CHANNEL);
            Channel code = JsonTree.at(o.at("code"), () -> Channel.of(o.text("code")));
            add(b, paths, o, new ChannelEntry(code, name(o.obj("name")), o.bool("active", true)));
        }
        try {
            return b.build();
        } catch (CatalogValidationException e) {
            String path = paths.getOrDefault(e.entry(), e.entry().toString());
            throw JsonTree.relabel(path + "." + e.property(), e);
        }
    }

    private static void add(Catalog.Builder b, Map<CatalogRef, String> paths, Obj o, CatalogEntry entry) {
        String earlier = paths.putIfAbsent(entry.ref(), o.path);
        if (earlier != null) {
            String idField = entry.kind() == CatalogEntry.Kind.CHANNEL ? "code" : "id";
            throw new ValidationException(o.at(idField), "'" + entry.key() + "' is already defined at " + earlier);
        }
        b.put(entry);
    }
}
