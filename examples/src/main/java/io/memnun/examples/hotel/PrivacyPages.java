package io.memnun.examples.hotel;

import static io.memnun.examples.hotel.Layout.esc;

import io.memnun.FeedbackDesk;
import io.memnun.PrivacyDesk;
import io.memnun.error.ValidationException;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Anonymisation;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackId;
import io.memnun.feedback.FeedbackQuery;
import io.memnun.feedback.Page;
import io.memnun.feedback.PhoneNumber;
import io.memnun.privacy.AccessLogEntry;
import io.memnun.privacy.ErasureReport;
import io.memnun.privacy.PersonKey;
import io.memnun.privacy.PersonalData;
import io.memnun.privacy.json.PersonalDataJson;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The front office's privacy page for a guest's KVKK / GDPR request, on the library's {@link PrivacyDesk}: find the
 * guest by e-mail address or phone number and show what is held (an export, recorded in the access log with the
 * signed-in staff member and the request's reference), download it as JSON, erase the guest after a confirmation,
 * and read the access log for a guest or a period (the auditor's view).
 *
 * <p>A guest's e-mail address or phone number travels in a POST's body, never in an address: addresses end up in
 * server and proxy logs and in the browser's history. So the pages that take one answer the POST themselves instead
 * of redirecting to a GET, and nothing here logs what was asked.
 */
final class PrivacyPages {
    /** Turkish national numbers typed without a country code, as the guest form reads them. */
    private static final String COUNTRY_CODE = "90";
    /** How long a period the auditor's view lists at once. */
    private static final int MAX_PERIOD_DAYS = 366;
    private static final Pattern KEY_FIELD = Pattern.compile("key\\d{1,2}");

    /** What a staff member may do here. */
    enum Right {
        /** Answer an access request: find a guest, see and download what is held, and that guest's access log. */
        ANSWER,
        /** Erase a guest. */
        ERASE,
        /** Read the access log of any guest or period without exporting anything: the auditor's view. */
        AUDIT
    }

    private final PrivacyDesk privacy;
    private final FeedbackDesk desk;
    private final Clock clock;

    PrivacyPages(PrivacyDesk privacy, FeedbackDesk desk, Clock clock) {
        this.privacy = privacy;
        this.desk = desk;
        this.clock = clock;
    }

    /**
     * The rights of a staff member. The front office takes guests' requests at the desk, its head may also erase; the
     * quality manager is the chain's data protection contact and audits the log. A host takes this from its own roles.
     */
    static Set<Right> rights(HotelChain.Member m) {
        boolean frontOffice = m.department().equals(HotelChain.FRONT_OFFICE);
        boolean dataProtection = m.role().equals("quality-manager");
        EnumSet<Right> rights = EnumSet.noneOf(Right.class);
        if (frontOffice || dataProtection) {
            rights.add(Right.ANSWER);
        }
        if (frontOffice && m.head() || dataProtection) {
            rights.add(Right.ERASE);
        }
        if (dataProtection) {
            rights.add(Right.AUDIT);
        }
        return rights;
    }

    /** The rights of whoever signed in on this session; none for a visitor. */
    static Set<Right> rights(Web.Session session) {
        return session.staffId == null ? Set.of() : StaffPages.member(session.staffId).map(PrivacyPages::rights).orElse(Set.of());
    }

    void register(Web web) {
        web.get("/privacy", allowedAny(this::index));
        web.post("/privacy/guest", allowed(Right.ANSWER, this::guest));
        web.post("/privacy/guest\\.json", allowed(Right.ANSWER, this::download));
        web.post("/privacy/erase", allowed(Right.ERASE, this::confirmErasure));
        web.post("/privacy/erase/confirmed", allowed(Right.ERASE, this::erase));
        web.get("/privacy/log", allowed(Right.AUDIT, this::period));
        web.post("/privacy/log", allowed(Right.AUDIT, this::guestLog));
    }

    private static Web.Handler allowed(Right right, Web.Handler handler) {
        return StaffPages.staffOnly(r -> rights(r.session()).contains(right) ? handler.handle(r) : refused(r));
    }

    private static Web.Handler allowedAny(Web.Handler handler) {
        return StaffPages.staffOnly(r -> rights(r.session()).isEmpty() ? refused(r) : handler.handle(r));
    }

    private static Web.Response refused(Web.Request r) {
        return Web.Response.html(403, Layout.error(r.session(), "Not allowed",
                "Guests' privacy requests are handled by the front office and the data protection contact."));
    }

    private Web.Response index(Web.Request r) {
        Set<Right> rights = rights(r.session());
        StringBuilder body = new StringBuilder("<h1>Privacy requests (KVKK / GDPR)</h1>");
        if (rights.contains(Right.ANSWER)) {
            body.append("<div class=\"card\"><h2>A guest's request</h2><form method=\"post\" action=\"/privacy/guest\">")
                    .append(Layout.csrf(r.session()))
                    .append("<div class=\"row\"><div><label for=\"guest\">E-mail address or phone number</label>")
                    .append("<input type=\"text\" name=\"guest\" id=\"guest\" required autocomplete=\"off\"></div>")
                    .append(whyField(""))
                    .append("</div><button type=\"submit\" id=\"find-guest\">Show what is held</button></form>")
                    .append("<p class=\"muted\">Looking a guest up is an export of their data: it is recorded in the access log with your name, ")
                    .append("the time and the request's reference.</p></div>");
        }
        if (rights.contains(Right.AUDIT)) {
            LocalDate today = LocalDate.now(clock.withZone(HotelChain.ZONE));
            body.append("<div class=\"card\"><h2>Access log</h2><p class=\"muted\">Every export, anonymisation and erasure: who, when, why ")
                    .append("and which feedback. Reading it records nothing and shows no guest's data.</p>")
                    .append("<form method=\"get\" action=\"/privacy/log\" class=\"filters\">")
                    .append("<div><label for=\"from\">From</label><input type=\"date\" name=\"from\" id=\"from\" value=\"").append(today.minusDays(30)).append("\"></div>")
                    .append("<div><label for=\"to\">To (inclusive)</label><input type=\"date\" name=\"to\" id=\"to\" value=\"").append(today).append("\"></div>")
                    .append("<div><button type=\"submit\" id=\"show-period\">Show the period</button></div></form>")
                    .append("<form method=\"post\" action=\"/privacy/log\" class=\"filters\">").append(Layout.csrf(r.session()))
                    .append("<div><label for=\"log-guest\">A guest's e-mail address or phone number</label>")
                    .append("<input type=\"text\" name=\"guest\" id=\"log-guest\" required autocomplete=\"off\"></div>")
                    .append("<div><button type=\"submit\" id=\"show-guest-log\">Show the guest's entries</button></div></form></div>");
        }
        return Web.Response.html(Layout.page(r.session(), "Privacy", body.toString()));
    }

    private static String whyField(String value) {
        return "<div><label for=\"why\">Request reference (e.g. KVKK-2026-0042; never the guest's name or contacts)</label>"
                + "<input type=\"text\" name=\"why\" id=\"why\" required maxlength=\"" + AccessLogEntry.MAX_WHY + "\" value=\"" + esc(value) + "\"></div>";
    }

    /** What is held on the guest: the export's counts and feedback, the download, the erasure form and their log. */
    private Web.Response guest(Web.Request r) {
        PersonKey key = personKey("guest", r.required("guest"));
        String why = r.required("why");
        PersonalData data = privacy.export(HotelChain.TENANT, key, actor(r), why);
        StringBuilder body = new StringBuilder("<h1>What we hold on this guest</h1><p class=\"muted\">")
                .append(esc(label(key))).append(" · request ").append(esc(why)).append(" · exported ").append(Layout.time(data.exportedAt()))
                .append(" by ").append(esc(StaffPages.nameOf(r.session().staffId))).append(", recorded in the access log</p>");
        body.append("<div class=\"card\"><table id=\"held\" style=\"width:auto;min-width:20rem\">")
                .append(count("Feedback", data.feedback().size()))
                .append(count("History events", data.feedback().stream().mapToInt(i -> i.history().size()).sum()))
                .append(count("Survey responses", data.feedback().stream().mapToInt(i -> i.responses().size()).sum()))
                .append(count("Survey comments", data.feedback().stream().mapToInt(i -> i.comments().size()).sum()))
                .append(count("Legal holds", data.feedback().stream().mapToInt(i -> i.holds().size()).sum()))
                .append(count("Consent records", data.consents().size()))
                .append("</table>")
                .append("<form method=\"post\" action=\"/privacy/guest.json\">").append(Layout.csrf(r.session())).append(hidden("guest", key.value()))
                .append(hidden("why", why)).append("<button type=\"submit\" id=\"download\">Download as JSON</button> ")
                .append("<span class=\"muted\">for the guest; each download is an export of its own and is recorded again</span></form></div>");
        body.append("<h2>Feedback</h2><table id=\"feedback\"><tr><th>Reference</th><th>Kind</th><th>Status</th><th>Received</th><th>Personal data</th></tr>");
        for (PersonalData.Item item : data.feedback()) {
            Feedback f = item.feedback();
            body.append("<tr><td><a class=\"reference\" href=\"/staff/feedback/").append(f.reference()).append("\">").append(f.reference())
                    .append("</a></td><td>").append(f.kind()).append("</td><td>").append(f.status()).append("</td><td>")
                    .append(Layout.time(f.receivedAt())).append("</td><td>")
                    .append(Anonymisation.isAnonymised(f) ? "<span class=\"badge\">anonymised</span>" : "held").append("</td></tr>");
        }
        body.append("</table>");
        if (rights(r.session()).contains(Right.ERASE)) {
            body.append(erasureForm(r, key, data, why));
        }
        body.append(logTable("What was done with this guest's data", privacy.accessLog(HotelChain.TENANT, key)));
        return Web.Response.html(Layout.page(r.session(), "Guest's data", body.toString()));
    }

    /**
     * The keys to erase by: the one asked for, ticked, and those on the guest's feedback, to tick when the request
     * names them too (feedback under a key not given is not found, and a phone number may be shared).
     */
    private static String erasureForm(Web.Request r, PersonKey asked, PersonalData data, String why) {
        Set<PersonKey> keys = new LinkedHashSet<>();
        keys.add(asked);
        data.feedback().forEach(i -> keys.addAll(keysOf(i.feedback().customer())));
        StringBuilder html = new StringBuilder("<h2>Erase this guest</h2><div class=\"card\"><form method=\"post\" action=\"/privacy/erase\">")
                .append(Layout.csrf(r.session())).append("<p>Erase by:</p>");
        int n = 0;
        for (PersonKey k : keys) {
            html.append("<label><input type=\"checkbox\" name=\"key").append(n).append("\" id=\"key").append(n).append("\" value=\"").append(esc(k.toString()))
                    .append('"').append(k.equals(asked) ? " checked" : "").append("> ").append(esc(label(k))).append("</label>");
            n++;
        }
        return html.append("<p class=\"muted\">Tick every key the guest's request names: feedback under a key not ticked is not erased.</p>")
                .append(whyField(why)).append("<button type=\"submit\" id=\"erase\" class=\"danger\">Erase…</button></form></div>").toString();
    }

    private Web.Response download(Web.Request r) {
        String why = r.required("why");
        PersonalData data = privacy.export(HotelChain.TENANT, personKey("guest", r.required("guest")), actor(r), why);
        return ReportPages.download("application/json", "personal-data-" + fileSafe(why) + ".json", PersonalDataJson.write(data));
    }

    /** The confirmation step: what the erasure will anonymise; nothing is changed yet. */
    private Web.Response confirmErasure(Web.Request r) {
        List<PersonKey> keys = keys(r);
        String why = r.required("why");
        List<Feedback> found = feedbackOf(keys);
        StringBuilder body = new StringBuilder("<h1>Erase this guest?</h1><div class=\"card error\"><p>By ")
                .append(keys.stream().map(k -> esc(label(k))).collect(Collectors.joining(", "))).append(", for request ").append(esc(why))
                .append(".</p><p id=\"to-erase\">").append(found.isEmpty() ? "No feedback is held under these keys."
                        : found.size() + " feedback will be anonymised: " + found.stream().map(f -> f.reference().toString()).collect(Collectors.joining(", ")) + ".")
                .append(" The guest's name, contacts and what they wrote are removed from each, its history and attachments, and so are ")
                .append("the guest's consent records and survey invitations under these keys; counts, dates and the ISO 10002 steps stay. ")
                .append("This cannot be undone.</p><form method=\"post\" action=\"/privacy/erase/confirmed\">").append(Layout.csrf(r.session()));
        for (int i = 0; i < keys.size(); i++) {
            body.append(hidden("key" + i, keys.get(i).toString()));
        }
        String confirmation = Web.randomToken();
        r.session().erasureConfirmations.add(confirmation);
        body.append(hidden("why", why)).append(hidden("confirmation", confirmation)).append("<button type=\"submit\" id=\"erase-confirmed\" class=\"danger\">Erase now</button> ")
                .append("<a href=\"/privacy\">Cancel</a></form></div>");
        return Web.Response.html(Layout.page(r.session(), "Erase this guest?", body.toString()));
    }

    private Web.Response erase(Web.Request r) {
        List<PersonKey> keys = keys(r);
        String why = r.required("why");
        if (!r.session().erasureConfirmations.remove(r.required("confirmation"))) {
            return Web.Response.html(409, Layout.error(r.session(), "Already sent",
                    "This erasure was sent already. Find the guest again to see what is held now."));
        }
        ErasureReport report = privacy.erase(HotelChain.TENANT, keys, actor(r), why);
        StringBuilder body = new StringBuilder("<h1>Guest erased</h1><div class=\"card notice\"><table id=\"erasure\">")
                .append(row("Erased by", report.persons().stream().map(PrivacyPages::label).collect(Collectors.joining(", "))))
                .append("<tr><th>Feedback anonymised</th><td id=\"anonymised\">")
                .append(report.anonymised().isEmpty() ? "none" : report.anonymised().stream()
                        .map(ref -> "<a class=\"reference\" href=\"/staff/feedback/" + esc(ref) + "\">" + esc(ref) + "</a>").collect(Collectors.joining(", ")))
                .append("</td></tr>")
                .append(row("Consent records deleted", report.consentsDeleted()))
                .append(row("Survey invitations forgotten", report.campaignInvitations()))
                .append("</table></div>");
        // the log names the guest by keyed digests, so it still finds their entries by the keys just erased
        body.append(logTable("What was done with this guest's data", privacy.accessLog(HotelChain.TENANT, report.person())));
        return Web.Response.html(Layout.page(r.session(), "Guest erased", body.toString()));
    }

    /** The auditor's view of a period: {@code from} and {@code to} are days in the chain's time zone, both included. */
    private Web.Response period(Web.Request r) {
        LocalDate today = LocalDate.now(clock.withZone(HotelChain.ZONE));
        LocalDate from = day(r, "from", today.minusDays(30));
        LocalDate to = day(r, "to", today);
        if (to.isBefore(from)) {
            throw new ValidationException("to", "must not be before from");
        }
        if (to.isAfter(from.plusDays(MAX_PERIOD_DAYS - 1))) {
            throw new ValidationException("to", "must be at most " + MAX_PERIOD_DAYS + " days after from");
        }
        Instant start = from.atStartOfDay(HotelChain.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(HotelChain.ZONE).toInstant();
        String body = "<h1>Access log</h1><p class=\"muted\">" + from + " to " + to + " (" + HotelChain.ZONE + ") · <a href=\"/privacy\">another period</a></p>"
                + logTable("Entries", privacy.accessLog(HotelChain.TENANT, start, end));
        return Web.Response.html(Layout.page(r.session(), "Access log", body));
    }

    private Web.Response guestLog(Web.Request r) {
        PersonKey key = personKey("guest", r.required("guest"));
        String body = "<h1>Access log</h1><p class=\"muted\">" + esc(label(key)) + " · <a href=\"/privacy\">another guest</a></p>"
                + logTable("Entries", privacy.accessLog(HotelChain.TENANT, key));
        return Web.Response.html(Layout.page(r.session(), "Access log", body));
    }

    private static LocalDate day(Web.Request r, String name, LocalDate fallback) {
        LocalDate day;
        try {
            day = r.param(name).map(LocalDate::parse).orElse(fallback);
        } catch (DateTimeParseException e) {
            throw new ValidationException(name, "must be a day like 2026-07-01");
        }
        // LocalDate parses years up to nine digits with a sign, whose start of day or next day does not exist
        if (day.getYear() < 1 || day.getYear() > 9999) {
            throw new ValidationException(name, "must be a day like 2026-07-01");
        }
        return day;
    }

    /** The log's entries: what, who, why, which feedback and how much; never the data, and the guest only as digests. */
    private static String logTable(String title, List<AccessLogEntry> entries) {
        StringBuilder html = new StringBuilder("<h2>").append(esc(title)).append("</h2><table id=\"access-log\"><tr><th>When</th><th>Action</th>")
                .append("<th>By</th><th>Why</th><th>Feedback</th><th>Counts</th><th>Named by</th></tr>");
        if (entries.isEmpty()) {
            html.append("<tr><td colspan=\"7\" class=\"muted\">No entries.</td></tr>");
        }
        for (AccessLogEntry e : entries) {
            html.append("<tr><td>").append(Layout.time(e.at())).append("</td><td>").append(e.action()).append("</td><td>")
                    .append(esc(e.actor().isStaff() ? StaffPages.nameOf(e.actor().id()) : e.actor().toString())).append("</td><td>")
                    .append(esc(e.why())).append("</td><td>").append(e.references().stream().map(ref -> "<span class=\"reference\">" + esc(ref) + "</span>")
                            .collect(Collectors.joining(", ")))
                    .append("</td><td>").append(e.counts().entrySet().stream().filter(c -> c.getValue() > 0)
                            .map(c -> esc(c.getKey()) + " " + c.getValue()).collect(Collectors.joining(" · ")))
                    .append("</td><td>").append(e.subjects().stream().map(s -> s.kind().name().toLowerCase(Locale.ROOT)).distinct()
                            .collect(Collectors.joining(", "))).append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    /** An e-mail address, else a phone number as the guest form reads it ({@code 0532 123 45 67} is Turkish). */
    static PersonKey personKey(String field, String typed) {
        try {
            return typed.contains("@") ? PersonKey.email(typed) : PersonKey.phone(PhoneNumber.parse(typed, COUNTRY_CODE).e164());
        } catch (ValidationException e) {
            // the rule, not the value: it is the guest's
            throw new ValidationException(field, "is neither an e-mail address nor a phone number");
        }
    }

    /** The ticked keys of an erasure form ({@code key0}, {@code key1}, ...), each as {@link PersonKey#toString()} wrote it. */
    private static List<PersonKey> keys(Web.Request r) {
        List<PersonKey> keys = new ArrayList<>();
        for (Map.Entry<String, String> field : r.form().entrySet()) {
            if (KEY_FIELD.matcher(field.getKey()).matches() && !field.getValue().isBlank()) {
                keys.add(parseKey(field.getValue()));
            }
        }
        if (keys.isEmpty()) {
            throw new ValidationException("key", "tick at least one key to erase the guest by");
        }
        return keys;
    }

    private static PersonKey parseKey(String written) {
        int colon = written.indexOf(':');
        String value = colon < 0 ? "" : written.substring(colon + 1);
        try {
            return switch (colon < 0 ? "" : written.substring(0, colon)) {
                case "email" -> PersonKey.email(value);
                case "phone" -> PersonKey.phone(value);
                default -> throw new ValidationException("key", "is neither an e-mail address nor a phone number");
            };
        } catch (ValidationException e) {
            throw new ValidationException("key", "is neither an e-mail address nor a phone number");
        }
    }

    /** The guest's feedback under any of {@code keys}, each once, for the confirmation: a read, not an export. */
    private List<Feedback> feedbackOf(List<PersonKey> keys) {
        Map<FeedbackId, Feedback> all = new LinkedHashMap<>();
        for (PersonKey key : keys) {
            FeedbackQuery q = key.query(HotelChain.TENANT).limit(FeedbackQuery.MAX_LIMIT).build();
            while (true) {
                Page<Feedback> page = desk.query(q);
                page.items().forEach(f -> all.putIfAbsent(f.id(), f));
                if (page.next().isEmpty()) {
                    break;
                }
                q = q.after(page.next().get());
            }
        }
        return List.copyOf(all.values());
    }

    private static List<PersonKey> keysOf(Customer c) {
        List<PersonKey> keys = new ArrayList<>();
        c.emailAddress().ifPresent(e -> keys.add(PersonKey.email(e.value())));
        c.phoneNumber().ifPresent(p -> keys.add(PersonKey.phone(p.e164())));
        return keys;
    }

    private static Actor actor(Web.Request r) {
        return Actor.staff(r.session().staffId);
    }

    private static String label(PersonKey key) {
        return (key.kind() == PersonKey.Kind.EMAIL ? "e-mail " : key.kind() == PersonKey.Kind.PHONE ? "phone " : "customer id ") + key.value();
    }

    /** The request's reference as part of a file name: letters, digits, dots, dashes and underscores only. */
    private static String fileSafe(String why) {
        String safe = why.replaceAll("[^A-Za-z0-9._-]+", "-");
        return safe.length() > 60 ? safe.substring(0, 60) : safe;
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
    }

    private static String count(String label, int n) {
        return "<tr><th>" + esc(label) + "</th><td>" + n + "</td></tr>";
    }

    private static String row(String label, Object value) {
        return "<tr><th>" + esc(label) + "</th><td>" + esc(value) + "</td></tr>";
    }
}
