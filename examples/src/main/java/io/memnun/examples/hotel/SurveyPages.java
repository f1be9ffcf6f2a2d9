package io.memnun.examples.hotel;

import static io.memnun.examples.hotel.GuestPages.t;
import static io.memnun.examples.hotel.Layout.esc;

import io.memnun.FeedbackDesk;
import io.memnun.SurveyDesk;
import io.memnun.feedback.Feedback;
import io.memnun.feedback.LocationId;
import io.memnun.survey.Answer;
import io.memnun.survey.Choice;
import io.memnun.survey.Invitation;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.Survey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The satisfaction survey a guest is invited to after their feedback closes: the e-mail carries a personal link,
 * the page shows the questions of the survey version the invitation names, in the guest's language, and the
 * link answers once.
 */
final class SurveyPages {
    private final SurveyDesk surveys;
    private final FeedbackDesk desk;

    SurveyPages(SurveyDesk surveys, FeedbackDesk desk) {
        this.surveys = surveys;
        this.desk = desk;
    }

    void register(Web web) {
        web.get("/survey/([A-Za-z0-9_-]+)", this::form);
        web.post("/survey/([A-Za-z0-9_-]+)", this::answer);
    }

    private Web.Response form(Web.Request r) {
        String token = r.segment(1);
        Optional<Invitation> invitation = surveys.invitation(HotelChain.TENANT, token);
        String lang = r.param("lang").isPresent() ? r.lang() : invitation.flatMap(this::feedbackOf).map(f -> f.customer().language().getLanguage())
                .filter("en"::equals).orElse("tr");
        if (invitation.isEmpty() || invitation.get().isAnswered() || invitation.get().isExpiredAt(desk.clock().instant())) {
            String message = invitation.isPresent() && invitation.get().isAnswered()
                    ? t(lang, "Bu anket zaten yanıtlandı. Teşekkür ederiz!", "This survey has already been answered. Thank you!")
                    : t(lang, "Bu anket bağlantısı geçerli değil ya da süresi doldu.", "This survey link is not valid or has expired.");
            return Web.Response.html(Layout.guestPage(lang, "Survey", "<div class=\"card notice\" id=\"message\">" + esc(message) + "</div>", "/"));
        }
        Survey survey = surveys.store().findSurvey(HotelChain.TENANT, invitation.get().survey(), invitation.get().surveyVersion()).orElseThrow();
        StringBuilder body = new StringBuilder("<h1>").append(esc(GuestPages.name(lang, survey.title()))).append("</h1><div class=\"card\">")
                .append("<form method=\"post\" action=\"/survey/").append(esc(token)).append("\">").append(Layout.csrf(r.session()))
                .append("<input type=\"hidden\" name=\"lang\" value=\"").append(lang).append("\">");
        for (Question q : survey.questions()) {
            body.append("<fieldset style=\"border:0;padding:0;margin:0 0 1rem\"><label>").append(esc(GuestPages.name(lang, q.text()))).append("</label>")
                    .append(input(lang, q)).append("</fieldset>");
        }
        body.append("<button type=\"submit\" id=\"submit-survey\">").append(t(lang, "Gönder", "Send")).append("</button></form></div>");
        return Web.Response.html(Layout.guestPage(lang, GuestPages.name(lang, survey.title()), body.toString(),
                "/survey/" + token + "?lang=" + t(lang, "en", "tr")));
    }

    private static String input(String lang, Question q) {
        String name = "q-" + q.id();
        return switch (q.type()) {
            case RATING_1_5 -> scale(name, 1, 5);
            case NPS_0_10 -> scale(name, 0, 10);
            case YES_NO -> radio(name, "yes", t(lang, "Evet", "Yes")) + radio(name, "no", t(lang, "Hayır", "No"));
            case FREE_TEXT -> "<textarea name=\"" + name + "\" id=\"" + name + "\"></textarea>";
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                StringBuilder html = new StringBuilder();
                for (Choice c : q.choices()) {
                    String type = q.type() == QuestionType.SINGLE_CHOICE ? "radio" : "checkbox";
                    html.append("<label style=\"font-weight:400\"><input type=\"").append(type).append("\" name=\"").append(name).append('-')
                            .append(esc(c.id())).append("\" value=\"yes\"> ").append(esc(GuestPages.name(lang, c.label()))).append("</label>");
                }
                yield html.toString();
            }
        };
    }

    private static String scale(String name, int from, int to) {
        StringBuilder html = new StringBuilder();
        for (int i = from; i <= to; i++) {
            html.append(radio(name, String.valueOf(i), String.valueOf(i)));
        }
        return html.toString();
    }

    private static String radio(String name, String value, String label) {
        return "<label style=\"display:inline-block;font-weight:400;margin-right:.8rem\"><input type=\"radio\" name=\"" + name + "\" id=\"" + name + "-"
                + value + "\" value=\"" + value + "\"> " + esc(label) + "</label>";
    }

    private Web.Response answer(Web.Request r) {
        String token = r.segment(1);
        String lang = r.lang();
        Invitation invitation = surveys.invitation(HotelChain.TENANT, token)
                .orElseThrow(() -> new io.memnun.error.NotFoundException("survey link"));
        Survey survey = surveys.store().findSurvey(HotelChain.TENANT, invitation.survey(), invitation.surveyVersion()).orElseThrow();
        List<Answer> answers = new ArrayList<>();
        for (Question q : survey.questions()) {
            String name = "q-" + q.id();
            switch (q.type()) {
                case RATING_1_5, NPS_0_10 -> r.param(name).ifPresent(v -> answers.add(Answer.score(q.id(), score(name, v))));
                case YES_NO -> r.param(name).ifPresent(v -> answers.add(Answer.yesNo(q.id(), v.equals("yes"))));
                case FREE_TEXT -> r.param(name).ifPresent(v -> answers.add(Answer.text(q.id(), v)));
                case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                    String[] chosen = q.choices().stream().map(Choice::id).filter(c -> r.param(name + "-" + c).isPresent()).toArray(String[]::new);
                    if (chosen.length > 0) {
                        answers.add(Answer.choices(q.id(), chosen));
                    }
                }
            }
        }
        LocationId location = feedbackOf(invitation).flatMap(Feedback::location).orElse(null);
        surveys.respond(HotelChain.TENANT, token, answers, location); // a missing required answer is refused, naming it
        String body = "<h1>" + t(lang, "Teşekkür ederiz", "Thank you") + "</h1><div class=\"card notice\" id=\"message\">"
                + t(lang, "Yanıtlarınız kaydedildi. Bizi seçtiğiniz için teşekkürler.", "Your answers have been recorded. Thank you for staying with us.")
                + "</div>";
        return Web.Response.html(Layout.guestPage(lang, "Survey", body, "/"));
    }

    private static int score(String field, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new io.memnun.error.ValidationException(field, "must be a number");
        }
    }

    private Optional<Feedback> feedbackOf(Invitation invitation) {
        return invitation.feedbackId().flatMap(id -> desk.find(HotelChain.TENANT, id));
    }
}
