package io.memnun.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SmsTextTest {
    @Test
    void plainTextIsGsm7With160And153Septets() {
        assertThat(SmsText.of("a".repeat(160))).satisfies(t -> {
            assertThat(t.encoding()).isEqualTo(SmsEncoding.GSM7);
            assertThat(t.segments()).isEqualTo(1);
        });
        SmsText two = SmsText.of("a".repeat(161));
        assertThat(two.segments()).isEqualTo(2);
        assertThat(two.parts()).extracting(String::length).containsExactly(153, 8);
        assertThat(SmsText.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsText.of("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersCostTwoSeptetsAndAreNeverSplit() {
        SmsText euro = SmsText.of("€".repeat(80));
        assertThat(euro.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(euro.units()).isEqualTo(160);
        assertThat(euro.segments()).isEqualTo(1);
        SmsText split = SmsText.of("a" + "€".repeat(80));
        assertThat(split.units()).isEqualTo(161);
        // 153 septets: "a" and 76 euros; the 77th euro would need septets 153 and 154
        assertThat(split.parts()).extracting(String::length).containsExactly(77, 4);
        assertThat(split.payload("€")).containsExactly(0x1B, 0x65);
    }

    @Test
    void turkishLettersUseTheSingleShiftTableInsteadOfUcs2() {
        String text = "Şikayetiniz alındı. İlgili birim sizi arayacak; çağrı no: ğüşıöç ĞÜŞİÖÇ";
        SmsText t = SmsText.of(text);
        assertThat(t.encoding()).isEqualTo(SmsEncoding.GSM7_TURKISH_SHIFT);
        // Ş İ ç ğ ş ı Ğ Ş İ and three more ı/ç/ş letters take two septets; ü ö Ü Ö Ç are in the default alphabet
        long shifted = text.chars().filter(c -> "ŞİçğşıĞ".indexOf(c) >= 0).count();
        assertThat(t.units()).isEqualTo(text.length() + (int) shifted);
        assertThat(t.segments()).isEqualTo(1);
        assertThat(t.payload("ş")).containsExactly(0x1B, 0x73);
        assertThat(t.payload("İı")).containsExactly(0x1B, 0x49, 0x1B, 0x69);
        assertThat(t.payload("Ç")).containsExactly(0x09);
        assertThat(SmsText.of(text, false).encoding()).as("without the shift table").isEqualTo(SmsEncoding.UCS2);
    }

    @Test
    void turkishShiftCapacityIs155And149() {
        assertThat(SmsText.of("ş" + "a".repeat(153)).segments()).isEqualTo(1); // 155 septets
        SmsText two = SmsText.of("ş" + "a".repeat(154)); // 156 septets
        assertThat(two.segments()).isEqualTo(2);
        assertThat(two.parts().get(0)).hasSize(148); // ş (2) + 147 a = 149 septets
    }

    @Test
    void anythingElseIsUcs2With70And67UnitsAndPairsStayTogether() {
        assertThat(SmsText.of("Şâir " + "a".repeat(65))).satisfies(t -> {
            assertThat(t.encoding()).isEqualTo(SmsEncoding.UCS2);
            assertThat(t.segments()).isEqualTo(1);
        });
        SmsText emoji = SmsText.of("a".repeat(66) + "😞😞");
        assertThat(emoji.units()).isEqualTo(70);
        assertThat(emoji.segments()).isEqualTo(1);
        SmsText split = SmsText.of("a".repeat(66) + "😞😞x");
        assertThat(split.parts().get(0)).isEqualTo("a".repeat(66)); // the pair at 67-68 would not fit 67
        assertThat(split.payload("😞")).hasSize(4);
    }

    @Test
    void aTurkishTextTooLongForTheShiftTableIsStillCheaperThanUcs2() {
        String text = "ş".repeat(100);
        SmsText t = SmsText.of(text);
        assertThat(t.encoding()).isEqualTo(SmsEncoding.GSM7_TURKISH_SHIFT); // 200 septets: 2 parts; UCS-2 would be 2 too
        assertThat(t.segments()).isEqualTo(2);
    }

    @Test
    void randomTextsSplitIntoPartsThatFitAndJoinBackWhole() {
        Random random = new Random(20261124);
        String[] alphabets = {"abc XYZ 0123.,", "abcçğışöüÇĞİŞÖÜ ", "{}[]~€|^\\ab", "abcâîû", "ab😞ç"};
        for (int round = 0; round < 2000; round++) {
            String alphabet = alphabets[random.nextInt(alphabets.length)];
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(700);
            for (int i = 0; i < length; i++) {
                int at = random.nextInt(alphabet.length());
                char c = alphabet.charAt(at);
                if (Character.isHighSurrogate(c)) {
                    sb.append(c).append(alphabet.charAt(at + 1));
                } else if (!Character.isLowSurrogate(c)) {
                    sb.append(c);
                }
            }
            String text = sb.toString();
            SmsText t = SmsText.of(text);
            assertThat(String.join("", t.parts())).isEqualTo(text);
            int capacity = t.segments() == 1 ? t.encoding().singleCapacity() : t.encoding().partCapacity();
            for (String part : t.parts()) {
                int units = t.encoding() == SmsEncoding.UCS2 ? part.length() : t.payload(part).length;
                assertThat(units).as("a part of %s", t.encoding()).isLessThanOrEqualTo(capacity);
                assertThat(part.isEmpty()).isEqualTo(text.isEmpty());
                if (part.isEmpty()) {
                    continue;
                }
                assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
            }
            if (t.encoding() == SmsEncoding.UCS2 && text.chars().allMatch(c -> "abcçğışöüÇĞİŞÖÜ ".indexOf(c) >= 0)) {
                throw new AssertionError("a Turkish text became UCS-2: " + text);
            }
        }
    }

    @Test
    void aTextOverTheLimitIsCutWithAnEllipsisKeepingItsTrailingLink() {
        String link = "https://otel.example/t/FB-2026-000001-6";
        String text = "Otel: our decision: " + "word ".repeat(200) + "end " + link;
        SmsText cut = SmsText.fitted(text, 2, true);
        assertThat(cut.segments()).isEqualTo(2);
        assertThat(cut.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(cut.text()).startsWith("Otel: our decision: word word").endsWith("word... " + link);
        assertThat(cut.units()).as("close to the 306 septets of two parts").isGreaterThan(306 - 6);
        assertThat(SmsText.fitted("short " + link, 1, true).text()).as("what fits is left alone").isEqualTo("short " + link);
        assertThat(SmsText.fitted("x".repeat(400), 1, true).text()).isEqualTo("x".repeat(157) + "...");
    }

    @Test
    void aUcs2TextIsCutWithAnEllipsisCharacterAndNeverInsideASurrogatePair() {
        String text = "😞".repeat(100); // 200 UTF-16 units: three UCS-2 parts
        SmsText cut = SmsText.fitted(text, 1, true);
        assertThat(cut.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(cut.text()).isEqualTo("😞".repeat(34) + "\u2026");
        assertThat(cut.units()).isEqualTo(69);
    }

    @Test
    void aLinkThatCannotFitIsDroppedAndTheCutStillFits() {
        String text = "a".repeat(300) + " https://otel.example/" + "p".repeat(200);
        SmsText cut = SmsText.fitted(text, 1, true);
        assertThat(cut.segments()).isEqualTo(1);
        assertThat(cut.text()).isEqualTo("a".repeat(157) + "...");
    }

    @Test
    void cutTextsAlwaysFitTheirLimit() {
        String[] alphabet = {"a", "ş", "€", "😞", " ", "İ", "{", "https://x.example/t/1 "};
        for (int seed = 0; seed < 300; seed++) {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder();
            int length = r.nextInt(1500);
            while (sb.length() < length) {
                sb.append(alphabet[r.nextInt(alphabet.length)]);
            }
            int limit = 1 + r.nextInt(6);
            SmsText cut = SmsText.fitted(sb.toString(), limit, r.nextBoolean());
            assertThat(cut.segments()).as("seed %d", seed).isLessThanOrEqualTo(limit);
            String t = cut.text();
            for (int i = 0; i < t.length(); i++) {
                if (Character.isHighSurrogate(t.charAt(i))) {
                    assertThat(i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))).as("seed %d: pair at %d", seed, i).isTrue();
                }
            }
        }
    }
}
