package io.memnun.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {
    @Test
    void dropsMarkupScriptsAndCommentsAndKeepsTheLines() {
        String html = "<!DOCTYPE html><html><head><title>t</title><style>.x{color:red}</style></head><body>"
                + "<!-- <p>hidden</p> --><div>Merhaba,<br>oda&nbsp;412 &lt;sıcak&gt; &#351;&#x131;</div>"
                + "<script type=\"text/javascript\">var a = '</div>';</script>"
                + "<ul><li>bir</li><li>iki</li></ul><a href=\"x\" title='a>b'>bağlantı</a></body></html>";

        assertThat(HtmlText.toText(html)).isEqualTo("Merhaba,\noda 412 <sıcak> şı\n- bir\n- iki\nbağlantı");
    }

    @Test
    void textAfterAStyleBlockSurvivesDottedCapitalIsBeforeIt() {
        // "İ" lower-cases to two characters, so a search in a lower-cased copy finds the closing tag at the wrong place
        String html = "<p>İstanbul, İzmir, İnegöl: İİİİİİİİİİİİ</p><style>p { color: red }</style><p>Klima çalışmıyor, oda 412.</p>";

        assertThat(HtmlText.toText(html)).isEqualTo("İstanbul, İzmir, İnegöl: İİİİİİİİİİİİ\n\nKlima çalışmıyor, oda 412.");
        assertThat(HtmlText.toText("<P>İİİİİİİİ</P><SCRIPT>x()</Script><p>Merhaba</p>")).isEqualTo("İİİİİİİİ\n\nMerhaba");
    }

    @Test
    void unknownEntitiesAndBrokenTagsStayHarmlessText() {
        assertThat(HtmlText.toText("a &bogus; b &#0; c <unclosed")).isEqualTo("a &bogus; b c");
        assertThat(HtmlText.toText("<p>Ön   büro\n\n\nçok</p><p></p><p>iyi</p>")).isEqualTo("Ön büro çok\n\niyi");
    }
}
