package io.memnun.examples.hotel;

import static io.memnun.examples.hotel.Layout.esc;

import io.memnun.CapaDesk;
import io.memnun.FeedbackDesk;
import io.memnun.capa.ActionItem;
import io.memnun.capa.CapaCommand;
import io.memnun.capa.CapaEvent;
import io.memnun.capa.CapaId;
import io.memnun.capa.CapaKind;
import io.memnun.capa.CorrectiveAction;
import io.memnun.capa.Origin;
import io.memnun.capa.RootCause;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.ReferenceNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Corrective and preventive actions (DÖF): open one from a feedback, record the root cause (five whys), add and
 * complete action items, record the guest's agreement and the verification of effectiveness, and close it. The
 * library refuses to close while an item is open or before an effective verification; the page shows why.
 */
final class CapaPages {
    private static final String[] DEPARTMENTS = {
            HotelChain.FRONT_OFFICE.value(), "Front Office", HotelChain.HOUSEKEEPING.value(), "Housekeeping",
            HotelChain.TECHNICAL.value(), "Technical Service", HotelChain.FOOD.value(), "Food and Beverage",
            HotelChain.GUEST_RELATIONS.value(), "Guest Relations"};

    private final CapaDesk capa;
    private final FeedbackDesk desk;

    CapaPages(CapaDesk capa, FeedbackDesk desk) {
        this.capa = capa;
        this.desk = desk;
    }

    void register(Web web) {
        web.get("/capa", StaffPages.staffOnly(this::list));
        web.get("/capa/new", StaffPages.staffOnly(this::newForm));
        web.post("/capa", StaffPages.staffOnly(this::open));
        web.get("/capa/([0-9a-f-]{36})", StaffPages.staffOnly(this::view));
        web.post("/capa/([0-9a-f-]{36})/(root-cause|item|complete|agreement|verify|close)", StaffPages.staffOnly(this::act));
    }

    private Web.Response list(Web.Request r) {
        StringBuilder body = new StringBuilder("<h1>Corrective and preventive actions (DÖF)</h1><p><a href=\"/capa/new\">Open a new action</a>"
                + " · or open one from a feedback's page</p><table id=\"capas\"><tr><th>Title</th><th>Kind</th><th>Department</th><th>Open items</th><th>Opened</th></tr>");
        for (CorrectiveAction a : capa.openActions(HotelChain.TENANT)) {
            body.append("<tr><td><a href=\"/capa/").append(a.id()).append("\">").append(esc(a.title())).append("</a></td><td>").append(a.kind())
                    .append("</td><td>").append(esc(a.department().value())).append("</td><td>").append(a.openItems().size())
                    .append("</td><td>").append(Layout.time(a.openedAt())).append("</td></tr>");
        }
        return Web.Response.html(Layout.page(r.session(), "DÖF", body.append("</table>").toString()));
    }

    private Web.Response newForm(Web.Request r) {
        Optional<Feedback> from = r.param("feedback").map(ref -> desk.get(HotelChain.TENANT, ReferenceNumber.parse(ref)));
        String body = "<h1>Open a corrective action</h1><div class=\"card\"><form method=\"post\" action=\"/capa\">" + Layout.csrf(r.session())
                + from.map(f -> "<p>From feedback <a class=\"reference\" href=\"/staff/feedback/" + f.reference() + "\">" + f.reference() + "</a>: "
                        + esc(f.description()) + "</p><input type=\"hidden\" name=\"feedback\" value=\"" + f.reference() + "\">").orElse("")
                + "<div class=\"row\"><div><label for=\"kind\">Kind</label>" + Layout.select("kind", "CORRECTIVE", "CORRECTIVE", "Corrective", "PREVENTIVE", "Preventive")
                + "</div><div><label for=\"department\">Owner department</label>"
                + Layout.select("department", from.flatMap(Feedback::department).map(DepartmentId::value).orElse(""), DEPARTMENTS) + "</div></div>"
                + "<label for=\"title\">Title</label><input type=\"text\" name=\"title\" id=\"title\" required>"
                + "<label for=\"problem\">Problem statement</label><textarea name=\"problem\" id=\"problem\" required></textarea>"
                + "<button type=\"submit\" id=\"open-capa\">Open</button></form></div>";
        return Web.Response.html(Layout.page(r.session(), "New DÖF", body));
    }

    private Web.Response open(Web.Request r) {
        Origin origin = r.param("feedback").map(ref -> Origin.feedback(desk.get(HotelChain.TENANT, ReferenceNumber.parse(ref)).id()))
                .orElse(Origin.standalone());
        CorrectiveAction a = capa.open(HotelChain.TENANT, CapaKind.valueOf(r.param("kind").filter("PREVENTIVE"::equals).orElse("CORRECTIVE")),
                r.required("title"), r.required("problem"), origin, DepartmentId.of(r.required("department")), actor(r));
        return Web.Response.redirect("/capa/" + a.id());
    }

    private Web.Response view(Web.Request r) {
        CorrectiveAction a = capa.get(HotelChain.TENANT, id(r));
        String base = "/capa/" + a.id() + "/";
        String csrf = Layout.csrf(r.session());
        StringBuilder body = new StringBuilder("<h1>").append(esc(a.title())).append(" <span class=\"badge status\" id=\"capa-status\">").append(a.status())
                .append("</span></h1><div class=\"card\"><p>").append(esc(a.problem())).append("</p><p class=\"muted\">").append(a.kind()).append(" · ")
                .append(esc(a.department().value())).append(" · opened ").append(Layout.time(a.openedAt())).append("</p>");
        for (var f : a.origin().feedback()) {
            desk.find(HotelChain.TENANT, f).ifPresent(fb -> body.append("<p>From feedback <a class=\"reference\" href=\"/staff/feedback/")
                    .append(fb.reference()).append("\">").append(fb.reference()).append("</a></p>"));
        }
        if (a.rootCause() != null) {
            body.append("<h2>Root cause (").append(a.rootCause().method()).append(")</h2><ol>");
            a.rootCause().whys().forEach(w -> body.append("<li>").append(esc(w)).append("</li>"));
            body.append("</ol><p><strong>Findings:</strong> ").append(esc(a.rootCause().findings())).append("</p>");
        }
        if (a.customerAgreement() != null) {
            body.append("<p><strong>Guest's agreement:</strong> ").append(esc(a.customerAgreement())).append("</p>");
        }
        if (a.verification() != null) {
            body.append("<p><strong>Verification:</strong> ").append(a.verification().effective() ? "effective" : "not effective").append(" — ")
                    .append(esc(a.verification().result())).append("</p>");
        }
        body.append("</div><h2>Action items</h2><table id=\"items\"><tr><th>#</th><th>Kind</th><th>What</th><th>Owner</th><th>Due</th><th>State</th><th>Outcome</th></tr>");
        for (ActionItem i : a.items()) {
            body.append("<tr><td>").append(i.number()).append("</td><td>").append(i.kind()).append("</td><td>").append(esc(i.description()))
                    .append("</td><td>").append(esc(i.owner().value())).append("</td><td>").append(Layout.time(i.due())).append("</td><td>").append(i.state())
                    .append("</td><td>").append(esc(i.outcome())).append("</td></tr>");
        }
        body.append("</table>");
        if (a.isOpen()) {
            body.append("<h2>Actions</h2><div class=\"actions\">")
                    .append(form(base + "root-cause", csrf, "Record root cause", "record-root-cause", "<label for=\"whys\">Five whys (one a line)</label><textarea name=\"whys\" id=\"whys\" required>"
                            + "</textarea><label for=\"findings\">Findings</label><input type=\"text\" name=\"findings\" id=\"findings\" required>"))
                    .append(form(base + "item", csrf, "Add item", "add-item", "<label for=\"item-kind\">Kind</label>"
                            + Layout.select("item-kind", "TRAINING", Arrays.stream(ActionItem.Kind.values()).flatMap(k -> java.util.stream.Stream.of(k.name(), k.name()))
                                    .toArray(String[]::new))
                            + "<label for=\"item-text\">What</label><input type=\"text\" name=\"description\" id=\"item-text\" required>"
                            + "<label for=\"owner\">Owner</label>" + Layout.select("owner", a.department().value(), DEPARTMENTS)
                            + "<label for=\"due\">Due</label><input type=\"date\" name=\"due\" id=\"due\" required>"))
                    .append(form(base + "complete", csrf, "Complete item", "complete-item", "<label for=\"number\">Item #</label><input type=\"text\" name=\"number\" id=\"number\" required>"
                            + "<label for=\"outcome\">Outcome</label><input type=\"text\" name=\"outcome\" id=\"outcome\" required>"))
                    .append(form(base + "agreement", csrf, "Record guest's agreement", "record-agreement",
                            "<label for=\"agreement\">What the guest agreed to</label><input type=\"text\" name=\"agreement\" id=\"agreement\" required>"))
                    .append(verifyForm(a, base, csrf))
                    .append(form(base + "close", csrf, "Close", "close-capa", ""))
                    .append("</div>");
        }
        body.append("<h2>History</h2><table id=\"capa-history\"><tr><th>#</th><th>When</th><th>Event</th><th>By</th><th>Note</th></tr>");
        for (CapaEvent e : capa.history(HotelChain.TENANT, a.id())) {
            body.append("<tr><td>").append(e.version()).append("</td><td>").append(Layout.time(e.at())).append("</td><td>").append(e.type())
                    .append("</td><td>").append(esc(StaffPages.nameOf(e.actor().id()))).append("</td><td>").append(esc(e.note())).append("</td></tr>");
        }
        return Web.Response.html(Layout.page(r.session(), a.title(), body.append("</table>").toString()));
    }

    /** A verification judges finished work: the library refuses one while an item is open, so it is offered only after. */
    private static String verifyForm(CorrectiveAction a, String base, String csrf) {
        if (!a.openItems().isEmpty()) {
            return "<p class=\"muted\" id=\"verify-later\">Record the verification once the open items are finished.</p>";
        }
        return form(base + "verify", csrf, "Record verification", "verify", "<label for=\"effective\">Effective?</label>"
                + Layout.select("effective", "yes", "yes", "Yes", "no", "No")
                + "<label for=\"result\">Result</label><input type=\"text\" name=\"result\" id=\"result\" required>"
                + "<div class=\"row\"><div><label for=\"before\">Complaints before</label><input type=\"text\" name=\"before\" id=\"before\"></div>"
                + "<div><label for=\"after\">after</label><input type=\"text\" name=\"after\" id=\"after\"></div></div>");
    }

    private static String form(String action, String csrf, String button, String id, String fields) {
        return "<form method=\"post\" action=\"" + action + "\">" + csrf + fields + "<button type=\"submit\" id=\"" + id + "\">" + button + "</button></form>";
    }

    private Web.Response act(Web.Request r) {
        CapaId id = id(r);
        Actor actor = actor(r);
        CapaCommand command = switch (r.segment(2)) {
            case "root-cause" -> new CapaCommand.RecordRootCause(actor, RootCause.fiveWhys(
                    r.required("whys").lines().map(String::strip).filter(l -> !l.isEmpty()).toList(), r.required("findings")));
            case "item" -> new CapaCommand.AddItem(actor, ActionItem.Kind.valueOf(r.required("item-kind")), r.required("description"),
                    DepartmentId.of(r.required("owner")), null, due(r.required("due")));
            case "complete" -> new CapaCommand.CompleteItem(actor, number("number", r.required("number")), r.required("outcome"));
            case "agreement" -> new CapaCommand.RecordCustomerAgreement(actor, r.required("agreement"));
            case "verify" -> new CapaCommand.Verify(actor, r.required("effective").equals("yes"), r.required("result"),
                    r.param("before").map(v -> number("before", v)).orElse(null), r.param("after").map(v -> number("after", v)).orElse(null));
            case "close" -> new CapaCommand.Close(actor, null);
            default -> throw new ValidationException("action", "unknown");
        };
        capa.execute(HotelChain.TENANT, id, command);
        return Web.Response.redirect("/capa/" + id);
    }

    private static CapaId id(Web.Request r) {
        return CapaId.of(UUID.fromString(r.segment(1)));
    }

    private static Actor actor(Web.Request r) {
        if (r.session().staffId == null) {
            throw new ValidationException("staff", "sign in on the staff desk first");
        }
        return Actor.staff(r.session().staffId);
    }

    /** An item is due at the end of the office day in Istanbul. */
    private static Instant due(String date) {
        try {
            return LocalDate.parse(date).atTime(LocalTime.of(18, 0)).atZone(HotelChain.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("due", "must be a date like 2026-08-01");
        }
    }

    private static int number(String field, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(field, "must be a whole number");
        }
    }
}
