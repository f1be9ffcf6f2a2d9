package io.memnun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextFoldTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ŞİKAYET, şikayet",
        "şikayet, şikayet",
        "KIRIK, kirik",
        "kırık, kirik",
        "INTERNET, internet",
        "İstanbul, istanbul",
        "ISTANBUL, istanbul",
        "ıspanak, ispanak",
        "ÇAĞRI, çağri",
        "Müşteri, müşteri",
        "i̇stanbul, istanbul",
    })
    void foldsCaseTurkishAware(String text, String folded) {
        assertThat(TextFold.fold(text, false)).isEqualTo(folded);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ŞİKAYET, sikayet",
        "şikâyet, sikayet",
        "Müşteri Görüşü, musteri gorusu",
        "ÇAĞRI, cagri",
        "Crème brûlée, creme brulee",
        "ıı İİ, ii ii",
    })
    void foldsDiacriticsWhenAsked(String text, String folded) {
        assertThat(TextFold.fold(text, true)).isEqualTo(folded);
    }

    @Test
    void decomposedTextMatchesComposedText() {
        String decomposed = "s\u0327ikayet"; // s + combining cedilla
        assertThat(TextFold.fold(decomposed, false)).isEqualTo("şikayet");
        assertThat(TextFold.fold(decomposed, true)).isEqualTo("sikayet");
        assertThat(TextFold.fold("I\u0307STANBUL", false)).isEqualTo("istanbul");
    }

    @Test
    void wordsAreRunsOfLettersAndDigits() {
        assertThat(TextFold.words("Oda 412'de KLİMA çalışmıyor!! (acil)", false))
                .containsExactly("oda", "412", "de", "klima", "çalişmiyor", "acil");
        assertThat(TextFold.words("  ", false)).isEmpty();
        assertThat(TextFold.words("Çok-acil", true)).containsExactly("cok", "acil");
    }

    @Test
    void unchangedTextIsReturnedAsIs() {
        String s = "already folded 123";
        assertThat(TextFold.fold(s, true)).isSameAs(s);
    }
}
