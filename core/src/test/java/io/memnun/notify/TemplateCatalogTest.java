package io.memnun.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import io.memnun.feedback.EventType;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateCatalogTest {
    private static final Locale TR = Locale.forLanguageTag("tr");

    private static Map<String, Object> model() {
        Map<String, Object> m = new HashMap<>();
        TemplateModel.allNames().forEach(n -> m.put(n, ""));
        m.put("reference", "FB-2026-000001-6");
        m.put("organisation", "Boğaziçi Otel");
        m.put("customerName", "Şükrü <b>Öztürk</b> & \"Ortakları\"");
        m.put("receivedAt", "14 Mart 2026 12:26");
        m.put("resolution", "Ücret iadesi\nyapıldı");
        return m;
    }

    @Test
    void theShippedTemplatesBuildInTurkishAndEnglish() {
        TemplateCatalog catalog = TemplateCatalog.defaults();
        assertThat(catalog.languages()).containsExactly("en", "tr");
        for (String name : catalog.names()) {
            for (TemplatePart part : EnumSet.of(TemplatePart.SUBJECT, TemplatePart.TEXT, TemplatePart.SMS)) {
                assertThat(catalog.has(name, TR, part)).as("%s %s in Turkish", name, part).isTrue();
                assertThat(catalog.has(name, Locale.ENGLISH, part)).as("%s %s in English", name, part).isTrue();
            }
        }
        // every default rule's template serves its event
        NotificationRules.defaults().all().forEach(r -> catalog.checkFor(r.template(), r.event(), EnumSet.allOf(TemplatePart.class)));
    }

    @Test
    void theAcknowledgementStatesTheReferenceAndTheTrackingLinkOnlyWhenConfigured() {
        TemplateCatalog catalog = TemplateCatalog.defaults();
        Map<String, Object> m = model();
        String sms = catalog.render("customer/RECEIVED", TR, TemplatePart.SMS, m);
        assertThat(sms).isEqualTo("Boğaziçi Otel: Geri bildiriminiz alındı. Başvuru no: FB-2026-000001-6");

        m.put("trackingUrl", "https://otel.example/takip/FB-2026-000001-6");
        assertThat(catalog.render("customer/RECEIVED", TR, TemplatePart.SMS, m))
                .endsWith("Başvuru no: FB-2026-000001-6 Takip: https://otel.example/takip/FB-2026-000001-6");
        assertThat(catalog.render("customer/RECEIVED", Locale.ENGLISH, TemplatePart.TEXT, m))
                .contains("Your reference number is FB-2026-000001-6")
                .contains("You can follow its progress here: https://otel.example/takip/FB-2026-000001-6");
    }

    @Test
    void valuesAreEscapedForHtmlButNotForText() {
        TemplateCatalog catalog = TemplateCatalog.defaults();
        String html = catalog.render("customer/RECEIVED", TR, TemplatePart.HTML, model());
        String text = catalog.render("customer/RECEIVED", TR, TemplatePart.TEXT, model());
        assertThat(html).contains("Sayın Şükrü &lt;b&gt;Öztürk&lt;/b&gt; &amp; &quot;Ortakları&quot;,").doesNotContain("<b>");
        assertThat(text).startsWith("Sayın Şükrü <b>Öztürk</b> & \"Ortakları\",");
    }

    @Test
    void lineBreaksInValuesDoNotReachSubjectsOrSms() {
        TemplateCatalog catalog = TemplateCatalog.builder()
                .template("customer/RESOLVED", TR, TemplatePart.SUBJECT, "Karar: {{resolution}}")
                .template("customer/RESOLVED", TR, TemplatePart.SMS, "Karar: {{resolution}}")
                .template("customer/RESOLVED", TR, TemplatePart.TEXT, "Karar:\n{{resolution}}")
                .build();
        Map<String, Object> m = model();
        m.put("resolution", "İade\r\nBcc: someone@evil.example");
        assertThat(catalog.render("customer/RESOLVED", TR, TemplatePart.SUBJECT, m)).isEqualTo("Karar: İade Bcc: someone@evil.example");
        assertThat(catalog.render("customer/RESOLVED", TR, TemplatePart.SMS, m)).doesNotContain("\n");
        assertThat(catalog.render("customer/RESOLVED", TR, TemplatePart.TEXT, m)).contains("İade\nBcc");

        // Unicode's line breaks too: a line separator (as phones paste it), a paragraph separator, NEL; and C1 controls
        // (CSI, an OSC's ST) go from every part
        m.put("resolution", "İade\u2028yapıldı\u2029ve\u0085onaylandı\u009b31m\u009c");
        assertThat(catalog.render("customer/RESOLVED", TR, TemplatePart.SUBJECT, m)).isEqualTo("Karar: İade yapıldı ve onaylandı31m");
        assertThat(catalog.render("customer/RESOLVED", TR, TemplatePart.SMS, m)).isEqualTo("Karar: İade yapıldı ve onaylandı31m");
        assertThat(catalog.render("customer/RESOLVED", TR, TemplatePart.TEXT, m)).isEqualTo("Karar:\nİade\u2028yapıldı\u2029ve\nonaylandı31m");
    }

    @Test
    void aSubjectThatPrintsALongValueIsCutToFitTheHeader() {
        TemplateCatalog catalog = TemplateCatalog.builder().defaults()
                .template("staff/RECEIVED", TR, TemplatePart.SUBJECT, "Yeni şikâyet {{reference}}: {{description}}")
                .build();
        Map<String, Object> m = model();
        m.put("description", "Klima çalışmıyor, oda çok sıcak. ".repeat(100));

        String subject = catalog.render("staff/RECEIVED", TR, TemplatePart.SUBJECT, m);

        assertThat(subject).startsWith("Yeni şikâyet FB-2026-000001-6: Klima çalışmıyor").endsWith("…")
                .hasSize(Notification.MAX_SUBJECT);
        assertThat(catalog.render("staff/RECEIVED", TR, TemplatePart.TEXT, m)).contains(m.get("description").toString().strip());
    }

    @Test
    void aMissingHtmlPartIsTheEscapedText() {
        TemplateCatalog catalog = TemplateCatalog.defaults();
        Map<String, Object> m = model();
        m.put("note", "Oda <412> için\nbilgi");
        String html = catalog.render("customer/AWAITING_CUSTOMER", TR, TemplatePart.HTML, m);
        assertThat(catalog.has("customer/AWAITING_CUSTOMER", TR, TemplatePart.HTML)).isFalse();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<p>Oda &lt;412&gt; için<br>\nbilgi</p>");
    }

    @Test
    void anUnknownVariableFailsWhenTheCatalogueIsBuilt() {
        TemplateCatalog.Builder b = TemplateCatalog.builder().defaults()
                .template("customer/RECEIVED", TR, TemplatePart.SMS, "Başvuru no: {{referans}}");
        assertThatThrownBy(b::build)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("templates.tr.customer/RECEIVED.sms"))
                .hasMessageContaining("{{referans}} is not a documented variable");
    }

    @Test
    void anUnknownSectionFailsToo() {
        assertThatThrownBy(() -> TemplateCatalog.builder()
                .template("customer/RECEIVED", TR, TemplatePart.TEXT, "{{#vip}}Sayın VIP{{/vip}} {{reference}}").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("{{vip}}");
    }

    @Test
    void aVariableOfAnotherEventFailsWhenARuleUsesTheTemplate() {
        TemplateCatalog catalog = TemplateCatalog.builder()
                .template("customer/RECEIVED", Locale.ENGLISH, TemplatePart.SMS, "{{reference}} resolved: {{resolution}}")
                .build();
        assertThatThrownBy(() -> catalog.checkFor("customer/RECEIVED", EventType.RECEIVED, EnumSet.of(TemplatePart.SMS)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("{{resolution}} is not available for RECEIVED events");
        catalog.checkFor("customer/RECEIVED", EventType.RESOLVED, EnumSet.of(TemplatePart.SMS));
    }

    @Test
    void unsafeOrUnsupportedConstructsAreRefused() {
        assertThatThrownBy(() -> TemplateCatalog.builder().template("x/Y", TR, TemplatePart.HTML, "<p>{{{note}}}</p>").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("must not use {{{ }}}");
        assertThatThrownBy(() -> TemplateCatalog.builder().template("x/Y", TR, TemplatePart.HTML, "<p>{{& note}}</p>").build())
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> TemplateCatalog.builder().template("x/Y", TR, TemplatePart.TEXT, "{{> footer}}").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("partials");
        assertThatThrownBy(() -> TemplateCatalog.builder().template("x/Y", TR, TemplatePart.SUBJECT, "a\nb").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("one line");
        assertThatThrownBy(() -> TemplateCatalog.builder().template("x/Y", TR, TemplatePart.TEXT, "{{#note}}open").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("does not parse");
        assertThatThrownBy(() -> TemplateCatalog.builder().template("no spaces allowed", TR, TemplatePart.TEXT, "x"))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aHostAddsALanguageAndOverridesATemplate() {
        String german = """
                # Deutsch
                @@ customer/RECEIVED subject
                Ihre Rückmeldung ist eingegangen: {{reference}}
                @@ customer/RECEIVED sms
                {{organisation}}: Eingegangen, Nummer {{reference}}
                """;
        TemplateCatalog catalog = TemplateCatalog.builder().defaults()
                .load(Locale.GERMAN, german)
                .template("customer/RECEIVED", TR, TemplatePart.SMS, "{{organisation}} – başvurunuz {{reference}} alındı")
                .build();
        Map<String, Object> m = model();
        assertThat(catalog.render("customer/RECEIVED", Locale.GERMAN, TemplatePart.SMS, m))
                .isEqualTo("Boğaziçi Otel: Eingegangen, Nummer FB-2026-000001-6");
        // the German text part is missing: the fallback language (English) fills in
        assertThat(catalog.render("customer/RECEIVED", Locale.GERMAN, TemplatePart.TEXT, m)).startsWith("Dear Şükrü");
        assertThat(catalog.render("customer/RECEIVED", Locale.forLanguageTag("tr-TR"), TemplatePart.SMS, m))
                .isEqualTo("Boğaziçi Otel – başvurunuz FB-2026-000001-6 alındı");
        assertThat(catalog.render("customer/RECEIVED", Locale.JAPANESE, TemplatePart.SUBJECT, m))
                .isEqualTo("We have received your feedback: FB-2026-000001-6");
    }

    @Test
    void aMalformedTemplateFileIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> TemplateCatalog.builder().load(TR, "@@ customer/RECEIVED\nx"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("templates.tr line 1"));
        assertThatThrownBy(() -> TemplateCatalog.builder().load(TR, "stray\n@@ customer/RECEIVED sms\nx"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("before the first");
        assertThatThrownBy(() -> TemplateCatalog.builder().load(TR, "@@ customer/RECEIVED body\nx"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'body' is not a part");
    }

    @Test
    void theHtmlPartOfALanguageWithOnlyATextPartIsThatTextNotTheFallbacksHtml() {
        TemplateCatalog templates = TemplateCatalog.builder().defaults()
                .template("customer/RECEIVED", java.util.Locale.GERMAN, TemplatePart.SUBJECT, "Ihre Rückmeldung ist eingegangen: {{reference}}")
                .template("customer/RECEIVED", java.util.Locale.GERMAN, TemplatePart.TEXT, "Guten Tag, Ihre Nummer ist {{reference}}.")
                .template("customer/RECEIVED", java.util.Locale.GERMAN, TemplatePart.SMS, "Eingegangen: {{reference}}")
                .build();
        java.util.Map<String, Object> model = new java.util.HashMap<>();
        for (String name : TemplateModel.allNames()) {
            model.put(name, "");
        }
        model.put("reference", "FB-2026-000001-6");

        String html = templates.render("customer/RECEIVED", java.util.Locale.GERMAN, TemplatePart.HTML, model);

        assertThat(html).contains("Guten Tag, Ihre Nummer ist FB-2026-000001-6.").doesNotContain("<html lang=\"en\"");
        assertThat(templates.render("customer/RECEIVED", java.util.Locale.ENGLISH, TemplatePart.HTML, model)).contains("<html lang=\"en\"");
    }
}
