package io.memnun.examples.hotel;

import static io.memnun.examples.hotel.Layout.esc;

import io.memnun.FeedbackDesk;
import io.memnun.HistoryVerifier;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Command;
import io.memnun.feedback.DepartmentId;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackEvent;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Lifecycle;
import io.memnun.feedback.PhoneNumber;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.SlaCheckpoint;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.Status;
import io.memnun.routing.Catalog;
import io.memnun.routing.Department;
import io.memnun.spi.CatalogStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The staff desk: sign in by choosing a staff member (a host would use its own login), the department's queue in
 * the order its response-time targets fall due, and one feedback's page with its clocks, its history and the
 * actions (take, plan, redirect, resolve, cancel, note).
 */
final class StaffPages {
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** How a feedback stands against its running response-time clocks. */
    enum Sla {
        BREACHED("breach", "Breached"), WARNING("warn", "Warning"), ON_TRACK("ok", "On track"), NONE("", "");

        final String css;
        final String label;

        Sla(String css, String label) {
            this.css = css;
            this.label = label;
        }

        String badge() {
            return this == NONE ? "" : "<span class=\"badge " + css + "\">" + label + "</span>";
        }
    }

    private final FeedbackDesk desk;
    private final CatalogStore catalogs;
    private final HistoryVerifier histories;

    StaffPages(FeedbackDesk desk, CatalogStore catalogs, HistoryVerifier histories) {
        this.desk = desk;
        this.catalogs = catalogs;
        this.histories = histories;
    }

    void register(Web web) {
        web.get("/staff", this::signIn);
        web.post("/staff/sign-in", this::choose);
        web.get("/staff/queue", this::queue);
        web.get("/staff/feedback/([A-Za-z0-9-]+)", staffOnly(this::feedback));
        web.post("/staff/feedback/([A-Za-z0-9-]+)/(take|plan|redirect|resolve|cancel|note)", this::act);
    }

    static String nameOf(String staffId) {
        return member(staffId).map(HotelChain.Member::name).orElse(staffId);
    }

    static Optional<HotelChain.Member> member(String staffId) {
        return HotelChain.STAFF.stream().filter(m -> m.id().equals(staffId)).findFirst();
    }

    private Web.Response signIn(Web.Request r) {
        Catalog catalog = catalogs.catalog(HotelChain.TENANT);
        StringBuilder body = new StringBuilder("<h1>Who are you?</h1><p class=\"muted\">A host application signs its staff in its own way; "
                + "here you simply choose a person.</p><div class=\"card\"><form method=\"post\" action=\"/staff/sign-in\">")
                .append(Layout.csrf(r.session())).append("<table><tr><th>Department</th><th>Staff</th></tr>");
        for (Department d : catalog.departments()) {
            body.append("<tr><td>").append(esc(d.name().en())).append("</td><td>");
            for (HotelChain.Member m : HotelChain.STAFF) {
                if (m.department().equals(d.id())) {
                    body.append("<button type=\"submit\" name=\"staff\" value=\"").append(esc(m.id())).append("\" id=\"as-").append(esc(m.id()))
                            .append("\" class=\"").append(m.head() ? "" : "quiet").append("\">").append(esc(m.name()))
                            .append(m.head() ? " (head)" : "").append("</button> ");
                }
            }
            body.append("</td></tr>");
        }
        body.append("</table></form></div>");
        return Web.Response.html(Layout.page(r.session(), "Sign in", body.toString()));
    }

    private Web.Response choose(Web.Request r) {
        HotelChain.Member m = member(r.required("staff")).orElseThrow(() -> new ValidationException("staff", "is not a staff member"));
        r.session().staffId = m.id();
        return Web.Response.redirect("/staff/queue");
    }

    /**
     * {@code handler} for staff only: a visitor who has not signed in on the staff desk is sent there instead. The
     * management pages (reports, audit packs, corrective actions) show what guests wrote and who handled it.
     */
    static Web.Handler staffOnly(Web.Handler handler) {
        return r -> signedIn(r).isEmpty() ? Web.Response.redirect("/staff") : handler.handle(r);
    }

    private static Optional<HotelChain.Member> signedIn(Web.Request r) {
        return r.session().staffId == null ? Optional.empty() : member(r.session().staffId);
    }

    private Web.Response queue(Web.Request r) {
        Optional<HotelChain.Member> me = signedIn(r);
        if (me.isEmpty()) {
            return Web.Response.redirect("/staff");
        }
        Catalog catalog = catalogs.catalog(HotelChain.TENANT);
        DepartmentId department = r.param("department").map(DepartmentId::of).orElse(me.get().department());
        Instant now = desk.clock().instant();
        List<Feedback> open = desk.query(FeedbackQuery.builder(HotelChain.TENANT).open().department(department).limit(FeedbackQuery.MAX_LIMIT).build())
                .items().stream()
                .sorted(Comparator.comparing((Feedback f) -> nextDue(f).orElse(Instant.MAX)).thenComparing(Feedback::receivedAt))
                .toList();
        StringBuilder body = new StringBuilder("<h1>Queue: ").append(esc(departmentName(catalog, department))).append("</h1>")
                .append("<form method=\"get\" action=\"/staff/queue\" class=\"row\"><div>")
                .append(Layout.select("department", department.value(), catalog.departments().stream()
                        .flatMap(d -> java.util.stream.Stream.of(d.id().value(), d.name().en())).toArray(String[]::new)))
                .append("</div><div><button type=\"submit\" class=\"quiet\">Show</button></div></form>")
                .append("<p class=\"muted\">").append(open.size()).append(" open, the most pressing response-time target first.</p>")
                .append("<table id=\"queue\"><tr><th>SLA</th><th>Due</th><th>Reference</th><th>Status</th><th>Priority</th><th>Subject</th>")
                .append("<th>Hotel</th><th>Assignee</th><th>Received</th></tr>");
        for (Feedback f : open) {
            Sla sla = sla(f, now);
            body.append("<tr class=\"sla-").append(sla.name().toLowerCase()).append("\"><td>").append(sla.badge()).append("</td><td>").append(nextDue(f).map(Layout::time).orElse(""))
                    .append("</td><td><a class=\"reference\" href=\"/staff/feedback/").append(f.reference()).append("\">").append(f.reference())
                    .append("</a></td><td>").append(f.status()).append("</td><td>").append(f.priority())
                    .append("</td><td>").append(esc(f.subject().flatMap(catalog::subject).map(s -> s.name().en()).orElse("")))
                    .append("</td><td>").append(esc(f.location().flatMap(catalog::location).map(l -> l.name().en()).orElse("")))
                    .append("</td><td>").append(esc(f.assignee().map(a -> nameOf(a.value())).orElse("")))
                    .append("</td><td>").append(Layout.time(f.receivedAt())).append("</td></tr>");
        }
        body.append("</table>");
        return Web.Response.html(Layout.page(r.session(), "Queue", body.toString()));
    }

    /** The earliest due time among the running clocks. */
    static Optional<Instant> nextDue(Feedback f) {
        return f.slaClocks().stream().filter(SlaClock::isRunning).map(SlaClock::dueAt).min(Comparator.naturalOrder());
    }

    /** Breached once a running clock is past due; a warning once a running clock passed its warning checkpoint. */
    static Sla sla(Feedback f, Instant now) {
        List<SlaClock> running = f.slaClocks().stream().filter(SlaClock::isRunning).toList();
        if (running.isEmpty()) {
            return Sla.NONE;
        }
        if (running.stream().anyMatch(c -> !now.isBefore(c.dueAt()))) {
            return Sla.BREACHED;
        }
        boolean warned = running.stream().flatMap(c -> c.checkpoints().stream())
                .anyMatch(p -> p.type() == SlaCheckpoint.Type.WARNING && !now.isBefore(p.at()));
        return warned ? Sla.WARNING : Sla.ON_TRACK;
    }

    private static String departmentName(Catalog catalog, DepartmentId id) {
        return catalog.department(id).map(d -> d.name().en()).orElse(id.value());
    }

    private Web.Response feedback(Web.Request r) {
        Catalog catalog = catalogs.catalog(HotelChain.TENANT);
        Feedback f = desk.get(HotelChain.TENANT, ReferenceNumber.parse(r.segment(1)));
        Sla sla = sla(f, desk.clock().instant());
        StringBuilder body = new StringBuilder("<h1><span class=\"reference\">").append(f.reference()).append("</span> <span class=\"badge status\" id=\"status\">")
                .append(f.status()).append("</span> ").append(sla.badge()).append("</h1>")
                .append("<div class=\"card\"><div class=\"row\"><div><table>")
                .append(row("Kind", f.kind() + " · " + f.priority() + " · " + f.channel().code()))
                .append(row("Subject", f.subject().flatMap(catalog::subject).map(s -> s.name().en()).orElse("")))
                .append(row("Hotel", f.location().flatMap(catalog::location).map(l -> l.name().en()).orElse("")))
                .append(row("Department", f.department().map(d -> departmentName(catalog, d)).orElse("")))
                .append(row("Assignee", f.assignee().map(a -> nameOf(a.value())).orElse("nobody yet")))
                .append("</table></div><div><table>")
                .append(row("Guest", f.customer().name()))
                .append(row("Contact", f.customer().emailAddress().map(Object::toString).orElse("") + " "
                        + f.customer().phoneNumber().map(PhoneNumber::e164).orElse("")))
                .append(row("Room", f.context().getOrDefault("room", "")))
                .append(row("Received", Layout.time(f.receivedAt())))
                .append("</table></div></div><h2>What the guest said</h2><p id=\"description\">").append(esc(f.description())).append("</p>")
                .append(f.resolution().map(res -> "<h2>Resolution</h2><p id=\"resolution\">" + esc(res) + "</p>").orElse(""))
                .append("</div>");
        if (f.isOpen()) {
            body.append("<h2>Actions</h2>").append(actions(r, f, catalog));
        }
        body.append("<p><a href=\"/capa/new?feedback=").append(f.reference()).append("\">Open a corrective action (DÖF) from this feedback</a> · ")
                .append("<a id=\"audit-pack\" href=\"/reports/audit/").append(f.reference()).append("\">ISO 10002 audit pack</a></p>");
        body.append("<h2>Response times</h2><table id=\"clocks\"><tr><th>Target</th><th>Calendar</th><th>State</th><th>Due</th><th>Stopped</th></tr>");
        for (SlaClock c : f.slaClocks()) {
            body.append("<tr><td>").append(c.kind()).append("</td><td>").append(esc(c.calendar())).append("</td><td>").append(c.state())
                    .append("</td><td>").append(Layout.time(c.dueAt())).append("</td><td>").append(Layout.time(c.stoppedAt())).append("</td></tr>");
        }
        body.append("</table><h2>History</h2><table id=\"history\"><tr><th>#</th><th>When</th><th>Event</th><th>By</th><th>Status</th><th>Note</th></tr>");
        for (FeedbackEvent e : desk.history(HotelChain.TENANT, f.reference())) {
            body.append("<tr><td>").append(e.version()).append("</td><td>").append(Layout.time(e.at())).append("</td><td>").append(e.type())
                    .append("</td><td>").append(esc(e.actor().kind() == Actor.Kind.STAFF ? nameOf(e.actor().id()) : e.actor().id()))
                    .append("</td><td>").append(e.from() == null || e.from() == e.to() ? e.to() : e.from() + " → " + e.to())
                    .append("</td><td>").append(esc(e.noteText().orElse(""))).append("</td></tr>");
        }
        body.append("</table>").append(chain(f));
        return Web.Response.html(Layout.page(r.session(), f.reference().toString(), body.toString()));
    }

    /** Whether the history's hash chain still verifies, and its head: what an auditor compares with a copy kept elsewhere. */
    private String chain(Feedback f) {
        HistoryVerifier.Result result = histories.verify(HotelChain.TENANT, f.id());
        String state = result.intact() ? "<span class=\"badge ok\" id=\"chain-status\">Intact</span>"
                : "<span class=\"badge breach\" id=\"chain-status\">Broken</span> at event " + result.broken().version() + ": "
                        + esc(result.broken().reason());
        return "<p class=\"muted\" id=\"chain\">History chain: " + state + " · " + result.events() + " events · head <code id=\"chain-head\">"
                + esc(result.head()) + "</code></p>";
    }

    private String actions(Web.Request r, Feedback f, Catalog catalog) {
        String base = "/staff/feedback/" + f.reference() + "/";
        String csrf = Layout.csrf(r.session());
        StringBuilder html = new StringBuilder("<div class=\"actions\">");
        if (f.status() == Status.NEW || f.status() == Status.PLANNED) {
            html.append(form(base + "take", csrf, "Take it on", "take", ""));
        }
        if (f.status() == Status.IN_PROGRESS || f.status() == Status.PLANNED) {
            String tomorrow = LOCAL_INPUT.format(desk.clock().instant().plus(Duration.ofDays(1)).atZone(HotelChain.ZONE));
            html.append(form(base + "plan", csrf, "Plan", "plan", "<label for=\"until\">Done by</label><input type=\"datetime-local\" name=\"until\" id=\"until\" value=\""
                    + tomorrow + "\"><label for=\"plan-note\">What will be done</label><input type=\"text\" name=\"note\" id=\"plan-note\">"));
            html.append(form(base + "resolve", csrf, "Resolve", "resolve",
                    "<label for=\"resolution-text\">Resolution (the guest sees it)</label><textarea name=\"resolution\" id=\"resolution-text\" required></textarea>"));
        }
        if (f.status() == Status.NEW || f.status() == Status.IN_PROGRESS || f.status() == Status.PLANNED) {
            html.append(form(base + "redirect", csrf, "Redirect", "redirect", "<label for=\"to\">To department</label>"
                    + Layout.select("to", "", catalog.departments().stream()
                            // the library refuses a redirect to a department the catalogue has deactivated
                            .filter(d -> d.active() && !f.department().map(d.id()::equals).orElse(false))
                            .flatMap(d -> java.util.stream.Stream.of(d.id().value(), d.name().en())).toArray(String[]::new))
                    + "<label for=\"redirect-reason\">Why</label><input type=\"text\" name=\"reason\" id=\"redirect-reason\" required>"));
        }
        // cancelling is refused once a decision is under review or told to the guest: the library's rule decides
        if (Lifecycle.allowedFrom(Command.Cancel.class).contains(f.status())) {
            html.append(form(base + "cancel", csrf, "Cancel", "cancel",
                    "<label for=\"cancel-reason\">Why (the guest is told)</label><input type=\"text\" name=\"reason\" id=\"cancel-reason\" required>"));
        }
        html.append(form(base + "note", csrf, "Add note", "note",
                "<label for=\"note-text\">Internal note</label><input type=\"text\" name=\"note\" id=\"note-text\" required>"));
        return html.append("</div>").toString();
    }

    private static String form(String action, String csrf, String button, String id, String fields) {
        return "<form method=\"post\" action=\"" + action + "\">" + csrf + fields + "<button type=\"submit\" id=\"" + id + "\""
                + (id.equals("cancel") ? " class=\"danger\"" : "") + ">" + button + "</button></form>";
    }

    private Web.Response act(Web.Request r) {
        HotelChain.Member me = signedIn(r).orElseThrow(() -> new ValidationException("staff", "sign in first"));
        ReferenceNumber reference = ReferenceNumber.parse(r.segment(1));
        Actor actor = Actor.staff(me.id());
        switch (r.segment(2)) {
            case "take" -> desk.take(HotelChain.TENANT, reference, actor);
            case "plan" -> desk.plan(HotelChain.TENANT, reference, actor, until(r.required("until")), r.param("note").orElse(null));
            case "redirect" -> desk.redirect(HotelChain.TENANT, reference, actor, DepartmentId.of(r.required("to")), null, r.required("reason"));
            case "resolve" -> desk.resolve(HotelChain.TENANT, reference, actor, r.required("resolution"));
            case "cancel" -> desk.cancel(HotelChain.TENANT, reference, actor, r.required("reason"));
            case "note" -> desk.addNote(HotelChain.TENANT, reference, actor, r.required("note"));
            default -> throw new ValidationException("action", "unknown");
        }
        return Web.Response.redirect("/staff/feedback/" + reference);
    }

    private static Instant until(String local) {
        try {
            return LocalDateTime.parse(local, LOCAL_INPUT).atZone(HotelChain.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("until", "must be a date and time like 2026-07-15T14:00");
        }
    }

    private static String row(String label, Object value) {
        return "<tr><th>" + esc(label) + "</th><td>" + esc(value) + "</td></tr>";
    }
}
