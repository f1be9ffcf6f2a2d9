package io.memnun.storage.jdbc.internal;

import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CapaNumber;
import io.memnun.capa.CapaStatus;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.capa.RootCause;
import io.memnun.capa.Verification;
import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.StaffId;
import io.memnun.feedback.SubjectId;
import io.memnun.feedback.TenantId;
import io.memnun.storage.jdbc.internal.JsonValues.Obj;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of a corrective action's body: everything but its keys, version, status and department, which are
 * columns. Instants are ISO-8601 text with all their digits, so an action reads back equal to the one written.
 */
final class CapaJson {
    private CapaJson() {}

    static String action(CorrectiveAction a) {
        Map<String, Object> m = JsonValues.object();
        m.put("kind", a.kind().name());
        m.put("title", a.title());
        m.put("problem", a.problem());
        Map<String, Object> origin = JsonValues.object();
        origin.put("type", a.origin().type().name());
        origin.put("feedback", a.origin().feedback().stream().map(f -> f.value().toString()).toList());
        origin.put("subject", a.origin().subject() == null ? null : a.origin().subject().value());
        m.put("origin", origin);
        RootCause rc = a.rootCause();
        if (rc != null) {
            Map<String, Object> r = JsonValues.object();
            r.put("method", rc.method().name());
            r.put("whys", rc.whys());
            Map<String, Object> causes = JsonValues.object();
            // in category order; a TreeMap because EnumMap's copy constructor refuses an empty map (five whys have no causes)
            new TreeMap<>(rc.causes()).forEach((k, v) -> causes.put(k.name(), v));
            r.put("causes", causes);
            r.put("findings", rc.findings());
            m.put("rootCause", r);
        }
        List<Object> items = new ArrayList<>();
        for (ActionItem i : a.items()) {
            Map<String, Object> im = JsonValues.object();
            im.put("number", i.number());
            im.put("kind", i.kind().name());
            im.put("description", i.description());
            im.put("owner", i.owner().value());
            im.put("person", i.person() == null ? null : i.person().value());
            im.put("due", i.due().toString());
            im.put("state", i.state().name());
            im.put("doneAt", i.doneAt());
            im.put("outcome", i.outcome());
            im.put("escalatedAt", i.escalatedAt());
            im.put("remindAt", i.remindAt());
            im.put("remindedAt", i.remindedAt());
            items.add(im);
        }
        m.put("items", items);
        Verification v = a.verification();
        if (v != null) {
            Map<String, Object> vm = JsonValues.object();
            vm.put("verifierKind", v.verifier().kind().name());
            vm.put("verifier", v.verifier().id());
            vm.put("at", v.at().toString());
            vm.put("effective", v.effective());
            vm.put("result", v.result());
            vm.put("before", v.before());
            vm.put("after", v.after());
            m.put("verification", vm);
        }
        m.put("customerAgreement", a.customerAgreement());
        m.put("openedAt", a.openedAt().toString());
        m.put("updatedAt", a.updatedAt().toString());
        return JsonValues.write(m);
    }

    /** The action in {@code json}; {@code number} is a column of its own (null for an action stored before schema 10). */
    static CorrectiveAction action(String json, TenantId tenant, CapaId id, @Nullable CapaNumber number, long version, CapaStatus status,
            DepartmentId department) {
        Obj o = Obj.of(JsonValues.parse(json));
        Obj or = o.obj("origin");
        String subject = or.optString("subject");
        Origin origin = new Origin(Origin.Type.valueOf(or.string("type")),
                or.strings("feedback").stream().map(f -> FeedbackId.of(UUID.fromString(f))).toList(),
                subject == null ? null : SubjectId.of(subject));
        RootCause rootCause = null;
        Obj r = o.optObj("rootCause");
        if (r != null) {
            Map<RootCause.FishboneCategory, List<String>> causes = new EnumMap<>(RootCause.FishboneCategory.class);
            Obj c = r.obj("causes");
            for (String k : c.fields().keySet()) {
                causes.put(RootCause.FishboneCategory.valueOf(k), c.strings(k));
            }
            rootCause = new RootCause(RootCause.Method.valueOf(r.string("method")), r.strings("whys"), causes, r.string("findings"));
        }
        List<ActionItem> items = new ArrayList<>();
        for (Obj i : o.objs("items")) {
            String person = i.optString("person");
            items.add(new ActionItem(Math.toIntExact(i.optLong("number")), ActionItem.Kind.valueOf(i.string("kind")), i.string("description"),
                    DepartmentId.of(i.string("owner")), person == null ? null : StaffId.of(person), Instant.parse(i.string("due")),
                    ActionItem.State.valueOf(i.string("state")), instant(i.optString("doneAt")), i.optString("outcome"),
                    instant(i.optString("escalatedAt")), instant(i.optString("remindAt")), instant(i.optString("remindedAt"))));
        }
        Verification verification = null;
        Obj v = o.optObj("verification");
        if (v != null) {
            verification = new Verification(new Actor(Actor.Kind.valueOf(v.string("verifierKind")), v.string("verifier")),
                    Instant.parse(v.string("at")), v.bool("effective"), v.string("result"), integer(v.optLong("before")),
                    integer(v.optLong("after")));
        }
        return new CorrectiveAction(id, number, tenant, version, CapaKind.valueOf(o.string("kind")), o.string("title"), o.string("problem"), origin,
                department, status, rootCause, items, verification, o.optString("customerAgreement"), Instant.parse(o.string("openedAt")),
                Instant.parse(o.string("updatedAt")));
    }

    private static @Nullable Instant instant(@Nullable String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static @Nullable Integer integer(@Nullable Long value) {
        return value == null ? null : Math.toIntExact(value);
    }
}
