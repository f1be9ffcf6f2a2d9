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

    @Test
    void wordsAndFoldAgreeOnEveryLatinCharacter() {
        for (char c = 0; c < 0x0250; c++) {
            String word = "a" + c + "b";
            for (boolean strip : new boolean[] {false, true}) {
                String[] words = TextFold.words(word, strip);
                String folded = TextFold.fold(word, strip);
                if (Character.isLetterOrDigit(c)) {
                    assertThat(words).as("U+%04X", (int) c).containsExactly(folded);
                } else {
                    assertThat(words).as("U+%04X", (int) c).containsExactly("a", "b");
                }
            }
        }
    }

    @Test
    void marksWithoutAComposedFormStayInTheWordOrGo() {
        assertThat(TextFold.words("x\u0301y z", false)).containsExactly("x\u0301y", "z");
        assertThat(TextFold.words("x\u0301y z", true)).containsExactly("xy", "z");
        assertThat(TextFold.words("I\u0307STANBUL'da", false)).containsExactly("istanbul", "da");
    }
}
