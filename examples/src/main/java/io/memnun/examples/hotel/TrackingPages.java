package io.memnun.examples.hotel;

import static io.memnun.examples.hotel.GuestPages.t;
import static io.memnun.examples.hotel.Layout.esc;

import io.memnun.FeedbackDesk;
import io.memnun.error.NotFoundException;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.ReferenceNumber;
import io.memnun.feedback.SlaClock;
import io.memnun.feedback.SlaKind;
import io.memnun.feedback.Status;
import java.util.Optional;

/**
 * The guest follows their feedback without an account: reference number plus a secret ({@link GuestLookup}), then
 * the status in their language, the dates, the resolution, and the buttons to accept or reject it. Nothing
 * internal is shown: no staff names, no notes.
 */
final class TrackingPages {
    private final FeedbackDesk desk;
    private final GuestLookup lookup;

    TrackingPages(FeedbackDesk desk, GuestLookup lookup) {
        this.desk = desk;
        this.lookup = lookup;
    }

    void register(Web web) {
        web.get("/track", r -> form(r, "", null));
        web.get("/track/([A-Za-z0-9-]+)", this::view);
        web.post("/track", this::verify);
        web.post("/track/([A-Za-z0-9-]+)/accept", this::accept);
        web.post("/track/([A-Za-z0-9-]+)/reject", this::reject);
    }

    private Web.Response form(Web.Request r, String reference, String problem) {
        String lang = r.lang();
        String body = "<h1>" + t(lang, "Başvurunuzu izleyin", "Track your feedback") + "</h1>"
                + (problem == null ? "" : "<div class=\"card error\" id=\"problem\">" + esc(problem) + "</div>")
                + "<div class=\"card\"><form method=\"post\" action=\"/track\">" + Layout.csrf(r.session())
                + "<input type=\"hidden\" name=\"lang\" value=\"" + lang + "\">"
                + "<label for=\"reference\">" + t(lang, "Referans numarası", "Reference number") + "</label>"
                + "<input type=\"text\" name=\"reference\" id=\"reference\" value=\"" + esc(reference) + "\" placeholder=\"FB-2026-000123-7\">"
                + "<label for=\"secret\">" + t(lang, "Başvuruda verdiğiniz e-posta adresi ya da telefon", "The e-mail address or phone number you gave us")
                + "</label><input type=\"text\" name=\"secret\" id=\"secret\" autocomplete=\"off\">"
                + "<button type=\"submit\" id=\"show\">" + t(lang, "Göster", "Show") + "</button></form></div>";
        return Web.Response.html(Layout.guestPage(lang, t(lang, "Takip", "Tracking"), body, "/track?lang=" + t(lang, "en", "tr")));
    }

    private Web.Response verify(Web.Request r) {
        String lang = r.lang();
        String reference = r.param("reference").orElse("");
        Optional<Feedback> found = lookup.find(reference, r.param("secret").orElse(""));
        if (found.isEmpty()) {
            // one answer for a wrong reference and a wrong secret alike
            return form(r, reference, t(lang, "Bu bilgilerle bir başvuru bulamadık.", "We could not find feedback with these details."));
        }
        String canonical = found.get().reference().toString();
        r.session().tracked.add(canonical);
        return Web.Response.redirect("/track/" + canonical + "?lang=" + lang);
    }

    /** The feedback, if this visitor has shown its secret; otherwise empty (and the form is shown). */
    private Optional<Feedback> tracked(Web.Request r) {
        String reference = r.segment(1);
        return r.session().tracked.contains(reference) ? desk.find(HotelChain.TENANT, ReferenceNumber.parse(reference)) : Optional.empty();
    }

    private Web.Response view(Web.Request r) {
        Optional<Feedback> tracked = tracked(r);
        if (tracked.isEmpty()) {
            return form(r, r.segment(1), null);
        }
        Feedback f = tracked.get();
        String lang = r.lang();
        StringBuilder body = new StringBuilder("<h1>" + t(lang, "Başvurunuz", "Your feedback") + " <span class=\"reference\">"
                + esc(f.reference()) + "</span></h1><div class=\"card\"><p>" + t(lang, "Durum", "Status") + ": <span class=\"badge status\" id=\"status\">"
                + esc(GuestPages.status(lang, f.status())) + "</span></p><table>"
                + row(t(lang, "Alındı", "Received"), Layout.time(f.receivedAt()))
                + f.plannedUntil().map(p -> row(t(lang, "Tahmini çözüm", "Expected by"), Layout.time(p))).orElse("")
                + f.slaClock(SlaKind.RESOLUTION).filter(SlaClock::isRunning)
                        .map(c -> row(t(lang, "Hedef çözüm zamanı", "Target resolution time"), Layout.time(c.dueAt()))).orElse("")
                + f.resolvedAt().map(p -> row(t(lang, "Çözüm tarihi", "Resolved"), Layout.time(p))).orElse("")
                + f.closedAt().map(p -> row(t(lang, "Kapanış", "Closed"), Layout.time(p))).orElse("")
                + "</table><h2>" + t(lang, "Başvurunuz", "What you told us") + "</h2><p>" + esc(f.description()) + "</p>"
                + f.resolution().map(res -> "<h2>" + t(lang, "Çözümümüz", "Our resolution") + "</h2><p id=\"resolution\">" + esc(res) + "</p>").orElse("")
                + "</div>");
        if (f.status() == Status.RESOLVED) {
            String action = "/track/" + f.reference();
            body.append("<div class=\"actions\"><form method=\"post\" action=\"").append(action).append("/accept\">").append(Layout.csrf(r.session()))
                    .append(hiddenLang(lang)).append("<p>").append(t(lang, "Çözüm sizin için uygun mu?", "Does this resolve your feedback?")).append("</p>")
                    .append("<button type=\"submit\" id=\"accept\">").append(t(lang, "Kabul ediyorum", "I accept")).append("</button></form>")
                    .append("<form method=\"post\" action=\"").append(action).append("/reject\">").append(Layout.csrf(r.session())).append(hiddenLang(lang))
                    .append("<label for=\"reason\">").append(t(lang, "Neden kabul etmiyorsunuz?", "Why do you not accept it?")).append("</label>")
                    .append("<textarea name=\"reason\" id=\"reason\" required></textarea>")
                    .append("<button type=\"submit\" class=\"danger\" id=\"reject\">").append(t(lang, "Kabul etmiyorum", "I do not accept")).append("</button></form></div>");
        } else if (f.status() == Status.CLOSED) {
            body.append("<div class=\"card notice\">").append(t(lang, "Teşekkür ederiz. Anket bağlantısı e-posta ile gönderildi.",
                    "Thank you. If you asked for it, a short survey is on its way to you.")).append("</div>");
        }
        return Web.Response.html(Layout.guestPage(lang, t(lang, "Takip", "Tracking"), body.toString(),
                "/track/" + f.reference() + "?lang=" + t(lang, "en", "tr")));
    }

    private Web.Response accept(Web.Request r) {
        Feedback f = tracked(r).orElseThrow(() -> new NotFoundException("no such feedback"));
        desk.accept(HotelChain.TENANT, f.reference(), null);
        return Web.Response.redirect("/track/" + f.reference() + "?lang=" + r.lang());
    }

    private Web.Response reject(Web.Request r) {
        Feedback f = tracked(r).orElseThrow(() -> new NotFoundException("no such feedback"));
        desk.reject(HotelChain.TENANT, f.reference(), r.required("reason"));
        return Web.Response.redirect("/track/" + f.reference() + "?lang=" + r.lang());
    }

    private static String row(String label, String value) {
        return "<tr><th>" + esc(label) + "</th><td>" + esc(value) + "</td></tr>";
    }

    private static String hiddenLang(String lang) {
        return "<input type=\"hidden\" name=\"lang\" value=\"" + lang + "\">";
    }
}
