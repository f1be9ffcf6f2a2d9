package io.memnun.examples.hotel;

import static io.memnun.examples.hotel.GuestPages.t;
import static io.memnun.examples.hotel.Layout.esc;

import io.memnun.CustomerTracking;
import io.memnun.feedback.Status;
import io.memnun.tracking.RateLimitedException;
import io.memnun.tracking.TrackingDeniedException;
import io.memnun.tracking.TrackingView;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The guest follows their feedback without an account, through the library's {@link CustomerTracking}: the link in
 * the acknowledgement ({@code /track/{reference}?code={token}}) opens the page at once; a guest who has only the
 * reference number and the access code types them into the form. The page shows the {@link TrackingView}: the
 * status, dates, estimated resolution, the resolution, the customer-facing steps, and the buttons to accept or
 * reject when the guest may. Nothing internal: no staff, no notes, no departments.
 *
 * <p>Every lookup is keyed by the client's address for the rate limiter. A wrong reference, a wrong code, an expired
 * code all show the same message; a refused lookup shows one that tells nothing more, only to try later.
 */
final class TrackingPages {
    private final CustomerTracking tracking;

    TrackingPages(CustomerTracking tracking) {
        this.tracking = tracking;
    }

    void register(Web web) {
        web.get("/track", r -> form(r, "", null, 200));
        web.post("/track", this::open);
        web.get("/track/([^/]+)", this::view);
        web.post("/track/([^/]+)/accept", this::accept);
        web.post("/track/([^/]+)/reject", this::reject);
    }

    private Web.Response form(Web.Request r, String reference, String problem, int status) {
        String lang = r.lang();
        String body = "<h1>" + t(lang, "Başvurunuzu izleyin", "Track your feedback") + "</h1>"
                + (problem == null ? "" : "<div class=\"card error\" id=\"problem\">" + esc(problem) + "</div>")
                + "<div class=\"card\"><form method=\"post\" action=\"/track\">" + Layout.csrf(r.session())
                + hiddenLang(lang)
                + "<label for=\"reference\">" + t(lang, "Referans numarası", "Reference number") + "</label>"
                + "<input type=\"text\" name=\"reference\" id=\"reference\" value=\"" + esc(reference) + "\" placeholder=\"FB-2026-000123-7\">"
                + "<label for=\"code\">" + t(lang, "Onay mesajındaki erişim kodu", "The access code from our acknowledgement")
                + "</label><input type=\"text\" name=\"code\" id=\"code\" autocomplete=\"off\">"
                + "<button type=\"submit\" id=\"show\">" + t(lang, "Göster", "Show") + "</button></form></div>";
        return Web.Response.html(status,
                Layout.guestPage(lang, t(lang, "Takip", "Tracking"), body, "/track?lang=" + t(lang, "en", "tr")));
    }

    /** The typed reference and code lead to the same page as the link in the mail. */
    private Web.Response open(Web.Request r) {
        return Web.Response.redirect(address(r.param("reference").orElse(""), r.param("code").orElse(""), r.lang()));
    }

    private Web.Response view(Web.Request r) {
        String reference = r.segment(1);
        if (r.param("code").isEmpty()) {
            // later messages link here without a code (the desk does not keep it): ask for it
            return form(r, reference, null, 200);
        }
        try {
            return page(tracking.view(HotelChain.TENANT, r.client(), reference, r.required("code")), r);
        } catch (TrackingDeniedException | RateLimitedException e) {
            return refused(r, reference, e);
        }
    }

    private Web.Response accept(Web.Request r) {
        String reference = r.segment(1);
        try {
            tracking.accept(HotelChain.TENANT, r.client(), reference, r.param("code").orElse(""), null);
        } catch (TrackingDeniedException | RateLimitedException e) {
            return refused(r, reference, e);
        }
        return Web.Response.redirect(address(reference, r.param("code").orElse(""), null));
    }

    private Web.Response reject(Web.Request r) {
        String reference = r.segment(1);
        try {
            tracking.reject(HotelChain.TENANT, r.client(), reference, r.param("code").orElse(""), r.required("reason"));
        } catch (TrackingDeniedException | RateLimitedException e) {
            return refused(r, reference, e);
        }
        return Web.Response.redirect(address(reference, r.param("code").orElse(""), null));
    }

    /** One message for every miss, whichever part was wrong; a refused lookup only adds "try later". */
    private Web.Response refused(Web.Request r, String reference, RuntimeException why) {
        String lang = r.lang();
        if (why instanceof RateLimitedException) {
            return form(r, reference, t(lang, "Çok fazla deneme yapıldı. Lütfen biraz sonra tekrar deneyin.",
                    "Too many attempts. Please try again later."), 429);
        }
        return form(r, reference, t(lang, "Bu referans numarası ve erişim koduyla bir başvuru bulamadık.",
                "We could not find feedback with this reference number and access code."), 404);
    }

    /** The view speaks the guest's own language (the one they wrote in), whatever page they came from. */
    private Web.Response page(TrackingView v, Web.Request r) {
        String lang = v.language().getLanguage().equals("tr") ? "tr" : "en";
        String code = r.param("code").orElse("");
        StringBuilder body = new StringBuilder("<h1>" + t(lang, "Başvurunuz", "Your feedback") + " <span class=\"reference\" id=\"tracked\">"
                + esc(v.reference()) + "</span></h1><div class=\"card\"><p>" + t(lang, "Durum", "Status") + ": <span class=\"badge status\" id=\"status\">"
                + esc(v.statusText()) + "</span></p><table id=\"dates\">"
                + row(t(lang, "Alındı", "Received"), v.receivedAt())
                + row(t(lang, "Alındığı bildirildi", "Acknowledged"), v.acknowledgedAt())
                + row(t(lang, "Tahmini çözüm", "Expected by"), v.estimatedResolutionAt())
                + row(t(lang, "Çözüm tarihi", "Resolved"), v.resolvedAt())
                + row(t(lang, "Kapanış", "Closed"), v.closedAt())
                + "</table>"
                + (v.resolution() == null ? "" : "<h2>" + t(lang, "Çözümümüz", "Our resolution") + "</h2><p id=\"resolution\">" + esc(v.resolution()) + "</p>")
                + "<h2>" + t(lang, "Adımlar", "Steps") + "</h2><table id=\"timeline\">");
        for (TrackingView.Step step : v.timeline()) {
            body.append("<tr><td>").append(esc(Layout.time(step.at()))).append("</td><td>").append(esc(step.text())).append("</td></tr>");
        }
        body.append("</table></div>");
        String action = "/track/" + encode(v.reference());
        if (v.canAccept() || v.canReject()) {
            body.append("<div class=\"actions\">");
            if (v.canAccept()) {
                body.append("<form method=\"post\" action=\"").append(action).append("/accept\">").append(hidden(r, code, lang))
                        .append("<p>").append(t(lang, "Çözüm sizin için uygun mu?", "Does this resolve your feedback?")).append("</p>")
                        .append("<button type=\"submit\" id=\"accept\">").append(t(lang, "Kabul ediyorum", "I accept")).append("</button></form>");
            }
            if (v.canReject()) {
                body.append("<form method=\"post\" action=\"").append(action).append("/reject\">").append(hidden(r, code, lang))
                        .append("<label for=\"reason\">").append(t(lang, "Neden kabul etmiyorsunuz?", "Why do you not accept it?")).append("</label>")
                        .append("<textarea name=\"reason\" id=\"reason\" required></textarea>")
                        .append("<button type=\"submit\" class=\"danger\" id=\"reject\">").append(t(lang, "Kabul etmiyorum", "I do not accept"))
                        .append("</button></form>");
            }
            body.append("</div>");
        } else if (v.status() == Status.CLOSED) {
            body.append("<div class=\"card notice\" id=\"closed-notice\">").append(t(lang, "Teşekkür ederiz. İstediyseniz kısa bir anket e-postayla yolda.",
                    "Thank you. If you asked for it, a short survey is on its way to you.")).append("</div>");
        }
        return Web.Response.html(Layout.guestPage(lang, t(lang, "Takip", "Tracking"), body.toString(), null));
    }

    /** The page of a reference and code: the same address as the link in the acknowledgement. */
    private static String address(String reference, String code, String lang) {
        return "/track/" + encode(reference) + "?code=" + encode(code) + (lang == null ? "" : "&lang=" + lang);
    }

    private static String hidden(Web.Request r, String code, String lang) {
        return Layout.csrf(r.session()) + hiddenLang(lang) + "<input type=\"hidden\" name=\"code\" value=\"" + esc(code) + "\">";
    }

    private static String row(String label, Instant at) {
        return at == null ? "" : "<tr><th>" + esc(label) + "</th><td>" + esc(Layout.time(at)) + "</td></tr>";
    }

    private static String hiddenLang(String lang) {
        return "<input type=\"hidden\" name=\"lang\" value=\"" + lang + "\">";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
