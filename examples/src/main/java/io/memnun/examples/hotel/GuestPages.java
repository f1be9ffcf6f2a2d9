package io.memnun.examples.hotel;

import static io.memnun.examples.hotel.Layout.esc;

import io.memnun.FeedbackDesk;
import io.memnun.feedback.Actor;
import io.memnun.feedback.Channel;
import io.memnun.feedback.Consent;
import io.memnun.feedback.ContactChannel;
import io.memnun.feedback.Customer;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.FeedbackKind;
import io.memnun.feedback.Intake;
import io.memnun.feedback.LocationId;
import io.memnun.feedback.SubjectId;
import io.memnun.routing.Catalog;
import io.memnun.routing.LocalizedText;
import io.memnun.routing.Subject;
import io.memnun.spi.CatalogStore;
import io.memnun.tracking.IssuedToken;
import java.util.UUID;
import java.util.stream.Stream;

/** The guest's feedback form (web form channel) in Turkish and English, and the page with the reference number. */
final class GuestPages {
    private final FeedbackDesk desk;
    private final CatalogStore catalogs;

    GuestPages(FeedbackDesk desk, CatalogStore catalogs) {
        this.desk = desk;
        this.catalogs = catalogs;
    }

    void register(Web web) {
        web.get("/", this::form);
        web.post("/feedback", this::submit);
        web.get("/thanks/([A-Za-z0-9-]+)", this::thanks);
    }

    static String t(String lang, String tr, String en) {
        return lang.equals("en") ? en : tr;
    }

    static String name(String lang, LocalizedText text) {
        return lang.equals("en") ? text.en() : text.tr();
    }

    private Web.Response form(Web.Request r) {
        String lang = r.lang();
        Catalog catalog = catalogs.catalog(HotelChain.TENANT);
        StringBuilder subjects = new StringBuilder("<select name=\"subject\" id=\"subject\">");
        for (Subject group : catalog.subjects()) {
            if (group.parent() == null) {
                subjects.append("<optgroup label=\"").append(esc(name(lang, group.name()))).append("\">");
                for (Subject s : catalog.children(group.id())) {
                    subjects.append("<option value=\"").append(esc(s.id().value())).append("\">").append(esc(name(lang, s.name()))).append("</option>");
                }
                subjects.append("</optgroup>");
            }
        }
        subjects.append("</select>");
        String body = "<h1>" + t(lang, "Görüşleriniz bizim için değerli", "We value your feedback") + "</h1>"
                + "<div class=\"card\"><form method=\"post\" action=\"/feedback\">" + Layout.csrf(r.session())
                + "<input type=\"hidden\" name=\"lang\" value=\"" + lang + "\">"
                + "<input type=\"hidden\" name=\"submission\" value=\"" + UUID.randomUUID() + "\">"
                + "<div class=\"row\"><div><label for=\"kind\">" + t(lang, "Başvuru türü", "Kind") + "</label>"
                + Layout.select("kind", "COMPLAINT", "COMPLAINT", t(lang, "Şikâyet", "Complaint"), "REQUEST", t(lang, "İstek", "Request"),
                        "SUGGESTION", t(lang, "Öneri", "Suggestion"), "COMPLIMENT", t(lang, "Teşekkür", "Compliment")) + "</div>"
                + "<div><label for=\"location\">" + t(lang, "Otel", "Hotel") + "</label>"
                + Layout.select("location", HotelChain.ISTANBUL.value(), Stream.of(HotelChain.ISTANBUL, HotelChain.ANTALYA, HotelChain.HEAD_OFFICE)
                        .flatMap(id -> Stream.of(id.value(), catalog.location(id).map(l -> name(lang, l.name())).orElse(id.value())))
                        .toArray(String[]::new)) + "</div>"
                + "<div><label for=\"subject\">" + t(lang, "Konu", "Subject") + "</label>" + subjects + "</div></div>"
                + "<label for=\"description\">" + t(lang, "Lütfen anlatın", "Please tell us what happened") + "</label>"
                + "<textarea name=\"description\" id=\"description\" required></textarea>"
                + "<div class=\"row\"><div><label for=\"room\">" + t(lang, "Oda numarası", "Room number") + "</label>"
                + "<input type=\"text\" name=\"room\" id=\"room\"></div>"
                + "<div><label for=\"name\">" + t(lang, "Adınız soyadınız", "Your name") + "</label><input type=\"text\" name=\"name\" id=\"name\" required></div></div>"
                + "<div class=\"row\"><div><label for=\"email\">" + t(lang, "E-posta", "E-mail") + "</label><input type=\"email\" name=\"email\" id=\"email\"></div>"
                + "<div><label for=\"phone\">" + t(lang, "Cep telefonu", "Mobile phone") + "</label><input type=\"tel\" name=\"phone\" id=\"phone\"></div>"
                + "<div><label for=\"contact\">" + t(lang, "Size nasıl ulaşalım?", "How should we reach you?") + "</label>"
                + Layout.select("contact", "EMAIL", "EMAIL", t(lang, "E-posta", "E-mail"), "SMS", "SMS") + "</div></div>"
                + "<label><input type=\"checkbox\" name=\"survey\" value=\"yes\" id=\"survey\" checked> "
                + t(lang, "Sonrasında kısa bir memnuniyet anketi almak istiyorum", "I would like a short satisfaction survey afterwards") + "</label>"
                + "<button type=\"submit\" id=\"send\">" + t(lang, "Gönder", "Send") + "</button></form></div>"
                + "<p class=\"muted\">" + t(lang, "Kişisel verileriniz yalnızca başvurunuzu ele almak için kullanılır.",
                        "Your personal data is used only to handle your feedback.") + "</p>";
        return Web.Response.html(Layout.guestPage(lang, t(lang, "Geri bildirim", "Feedback"), body, "/?lang=" + t(lang, "en", "tr")));
    }

    private Web.Response submit(Web.Request r) {
        String lang = r.lang();
        Customer customer = Customer.builder()
                .name(r.required("name"))
                .email(r.param("email").orElse(null))
                .phone(r.param("phone").orElse(null))
                .language(lang)
                .preferredChannel(r.param("contact").filter("SMS"::equals).map(sms -> ContactChannel.SMS).orElse(ContactChannel.EMAIL))
                .consent(new Consent(r.param("survey").isPresent(), false, false))
                .build();
        Intake.Builder intake = Intake.builder(HotelChain.TENANT, FeedbackKind.valueOf(kind(r.param("kind").orElse("COMPLAINT"))),
                        Channel.WEB_FORM, r.required("description"))
                .customer(customer)
                .location(LocationId.of(r.required("location")))
                .subject(SubjectId.of(r.required("subject")))
                .intakeKey("web-" + r.required("submission")) // the same form sent twice is one feedback
                .recordedBy(Actor.customer());
        r.param("room").ifPresent(room -> intake.context("room", room));
        FeedbackDesk.Receipt receipt = desk.receiveTracked(intake.build());
        Feedback f = receipt.feedback();
        // the clear token exists only now (and in the acknowledgement): keep the link for this visitor's thanks page
        receipt.token().flatMap(IssuedToken::trackingLink).ifPresent(link -> r.session().trackingLinks.put(f.reference().toString(), link));
        return Web.Response.redirect("/thanks/" + f.reference() + "?lang=" + lang);
    }

    private static String kind(String value) {
        return switch (value) {
            case "REQUEST", "SUGGESTION", "COMPLIMENT" -> value;
            default -> "COMPLAINT";
        };
    }

    private Web.Response thanks(Web.Request r) {
        String lang = r.lang();
        String reference = r.segment(1);
        String link = r.session().trackingLinks.get(reference);
        String body = "<h1>" + t(lang, "Teşekkür ederiz", "Thank you") + "</h1><div class=\"card notice\"><p>"
                + t(lang, "Başvurunuz alındı. Referans numaranız:", "We have received your feedback. Your reference number:") + "</p>"
                + "<p class=\"big reference\" id=\"reference\">" + esc(reference) + "</p><p>"
                + t(lang, "Bir onay mesajı gönderdik. Başvurunuzu içindeki bağlantıyla ya da bu numara ve mesajdaki erişim koduyla izleyebilirsiniz.",
                        "We have sent you an acknowledgement. You can follow your feedback through its link, or with this number and the access code in it.")
                + "</p><p>" + (link == null
                        ? "<a href=\"/track?lang=" + lang + "\">" + t(lang, "Başvurumu izle", "Track my feedback") + "</a>"
                        : "<a id=\"tracking-link\" href=\"" + esc(link) + "\">" + t(lang, "Başvurumu izle", "Track my feedback") + "</a>")
                + "</p></div>";
        return Web.Response.html(Layout.guestPage(lang, t(lang, "Teşekkürler", "Thank you"), body, "/thanks/" + reference + "?lang=" + t(lang, "en", "tr")));
    }
}
