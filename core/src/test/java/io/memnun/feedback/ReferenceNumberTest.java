package io.memnun.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceNumberTest {

    /** Damm's quasigroup as published (Damm 2004; the table on Wikipedia), kept apart from the production copy. */
    private static final int[][] DAMM = {
        {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
        {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
        {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
        {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
        {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
        {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
        {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
        {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
        {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
        {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
    };

    private static int damm(String digits) {
        int interim = 0;
        for (char c : digits.toCharArray()) {
            interim = DAMM[interim][c - '0'];
        }
        return interim;
    }

    /** The check digit as documented: letters as A=10..Z=35, then the year, then the sequence (at least 6 digits). */
    private static int documentedCheckDigit(String prefix, int year, long sequence) {
        StringBuilder digits = new StringBuilder();
        for (char c : prefix.toCharArray()) {
            digits.append(c - 'A' + 10);
        }
        digits.append(year).append(String.format("%06d", sequence));
        return damm(digits.toString());
    }

    @Test
    void theReferenceDammImplementationMatchesThePublishedExample() {
        assertThat(damm("572")).isEqualTo(4);
        assertThat(damm("5724")).isZero();
    }

    @Test
    void printsPrefixYearSixDigitSequenceAndCheckDigit() {
        ReferenceNumber ref = ReferenceNumber.of("FB", 2026, 123);
        int check = documentedCheckDigit("FB", 2026, 123);
        assertThat(ref).hasToString("FB-2026-000123-" + check);
        assertThat(ref.checkDigit()).isEqualTo(check);
        assertThat(ReferenceNumber.of("Q", 1000, 1)).hasToString("Q-1000-000001-" + documentedCheckDigit("Q", 1000, 1));
        assertThat(ReferenceNumber.of("ABCDE", 9999, 1_234_567))
                .hasToString("ABCDE-9999-1234567-" + documentedCheckDigit("ABCDE", 9999, 1_234_567));
    }

    @Test
    void checkDigitsFollowTheDocumentedAlgorithm() {
        Random random = new Random(7);
        for (ReferenceNumber ref : references(random, 200)) {
            assertThat(ref.checkDigit()).as("%s", ref).isEqualTo(documentedCheckDigit(ref.prefix(), ref.year(), ref.sequence()));
        }
    }

    @Test
    void parseReadsBackWhatToStringPrints() {
        for (ReferenceNumber ref : references(new Random(11), 500)) {
            assertThat(ReferenceNumber.parse(ref.toString())).isEqualTo(ref);
            assertThat(ReferenceNumber.isValid(ref.toString())).isTrue();
        }
    }

    @Test
    void theLongestSequenceStillRoundTripsAndALongerOneIsRefused() {
        ReferenceNumber longest = ReferenceNumber.of("FB", 2026, 999_999_999_999_999_999L);
        assertThat(ReferenceNumber.parse(longest.toString())).isEqualTo(longest);
        assertThatThrownBy(() -> ReferenceNumber.of("FB", 2026, 1_000_000_000_000_000_000L))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("referenceNumber.sequence"));
        assertThatThrownBy(() -> ReferenceNumber.of("FB", 2026, Long.MAX_VALUE)).isInstanceOf(ValidationException.class);
    }

    @Test
    void parseIsLenientAboutCaseSpacesAndHyphens() {
        ReferenceNumber ref = ReferenceNumber.of("FB", 2026, 123);
        String c = Integer.toString(ref.checkDigit());
        for (String typed : List.of("fb-2026-000123-" + c, "Fb-2026-000123-" + c, "  FB-2026-000123-" + c + "\t",
                "FB 2026 000123 " + c, "FB - 2026 - 000123 - " + c, "FB2026000123" + c, "fb2026-000123" + c,
                "F B 2 0 2 6 0 0 0 1 2 3 " + c)) {
            assertThat(ReferenceNumber.parse(typed)).as(typed).isEqualTo(ref);
        }
    }

    @Test
    void parseSkipsTheNoBreakSpacesOfACopiedNumber() {
        // an HTML e-mail or a PDF often spaces the number it shows with no-break or narrow spaces
        ReferenceNumber ref = ReferenceNumber.of("FB", 2026, 123);
        String c = Integer.toString(ref.checkDigit());
        for (String typed : List.of("FB\u00a02026\u00a0000123\u00a0" + c, "\u00a0FB-2026-000123-" + c + "\u00a0",
                "FB\u202f2026\u202f000123\u202f" + c, "FB\u20072026-000123-" + c)) {
            assertThat(ReferenceNumber.parse(typed)).as(typed).isEqualTo(ref);
        }
    }

    @Test
    void parseTakesTurkishDottedAndDotlessIForI() {
        ReferenceNumber ref = ReferenceNumber.of("IST", 2026, 42);
        String rest = "-2026-000042-" + ref.checkDigit();
        for (String prefix : List.of("ıst", "İST", "ist", "IST", "İst", "ıST")) {
            assertThat(ReferenceNumber.parse(prefix + rest)).as(prefix).isEqualTo(ref);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "FB", "FB-2026", "FB-2026-000123", "2026-000123-4", "FB-26-000123-4", "FB-20261-000123-4",
        "FB-2026-12345-4", "FB-2026-000123-", "FB-2026-000123-45", "FB--2026-000123-4", "FB-2026--000123-4",
        "FBXYZQ-2026-000123-4", "F1-2026-000123-4", "FB-2026-00012A-4", "FB-2026-000123-X", "FB_2026_000123_4",
        "FB-2026-0000123-4", "FB-2026-0000000000000000123-4", "FB-2026-1234567890123456789-4", "ÇB-2026-000123-4",
        "FB-２０２６-000123-4", "FB-2026-000123-4\u0000", "FB-2026-000123-4-"
    })
    void malformedTextIsRefused(String text) {
        assertRefused(text);
    }

    @Test
    void aYearBefore1000OrASequenceOfZeroIsRefusedAsMalformed() {
        for (int c = 0; c <= 9; c++) {
            assertRefused("FB-0999-000123-" + c);
            assertRefused("FB-0000-000001-" + c);
            assertRefused("FB-2026-000000-" + c);
        }
    }

    @Test
    void aWrongCheckDigitIsRefused() {
        ReferenceNumber ref = ReferenceNumber.of("FB", 2026, 123);
        for (int c = 0; c <= 9; c++) {
            if (c != ref.checkDigit()) {
                assertRefused("FB-2026-000123-" + c);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ayse.yilmaz@example.com", "0532 123 45 67", "Ayşe Yılmaz, oda 412"})
    void theMessageSaysWhatIsWrongWithoutQuotingTheText(String text) {
        // a customer types into the tracking form whatever they have at hand; messages end up in logs
        assertThatThrownBy(() -> ReferenceNumber.parse(text))
                .isInstanceOfSatisfying(InvalidReferenceNumberException.class, e -> assertThat(e.field()).isEqualTo("referenceNumber"))
                .hasMessage("referenceNumber: is not of the form PREFIX-YYYY-NNNNNN-C");
        ReferenceNumber ref = ReferenceNumber.of("FB", 2026, 123);
        String mistyped = ref.toString().substring(0, ref.toString().length() - 1) + (ref.checkDigit() + 1) % 10;
        assertThatThrownBy(() -> ReferenceNumber.parse(mistyped)).hasMessageNotContaining(mistyped);
    }

    @Test
    void parseRefusesNull() {
        assertThatThrownBy(() -> ReferenceNumber.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theConstructorRefusesBadParts() {
        assertField(() -> ReferenceNumber.of("fb", 2026, 1), "referenceNumber.prefix");
        assertField(() -> ReferenceNumber.of("ABCDEF", 2026, 1), "referenceNumber.prefix");
        assertField(() -> ReferenceNumber.of("", 2026, 1), "referenceNumber.prefix");
        assertField(() -> ReferenceNumber.of("FB", 999, 1), "referenceNumber.year");
        assertField(() -> ReferenceNumber.of("FB", 10_000, 1), "referenceNumber.year");
        assertField(() -> ReferenceNumber.of("FB", 2026, 0), "referenceNumber.sequence");
        assertField(() -> ReferenceNumber.of("FB", 2026, -5), "referenceNumber.sequence");
    }

    /**
     * Every single-character mistype of many references, printed and compact: each digit replaced by every other
     * digit, each prefix letter by every other letter, and every swap of two adjacent different characters.
     *
     * <p>Damm guarantees detection of every single-digit substitution and every adjacent transposition of
     * digits; the check digit covers the prefix as two digits per letter. So: every mistype that touches a digit
     * or a hyphen is refused; a letter replaced by one whose two-digit value differs in one digit (A=10 by B=11
     * or by K=20) is refused; a letter replaced by one whose value differs in both digits, or two prefix letters
     * swapped, may go unnoticed, and then it reads as the same year and sequence under another prefix: never as
     * the typed-over reference itself.
     */
    @Test
    void everySingleMistypeIsRefusedOrOnlyChangesThePrefix() {
        Random random = new Random(20260314);
        int digitSubstitutions = 0;
        int letterSubstitutions = 0;
        int swaps = 0;
        List<String> unnoticed = new ArrayList<>();
        for (ReferenceNumber ref : references(random, 400)) {
            for (String text : List.of(ref.toString(), ref.toString().replace("-", ""))) {
                int prefixEnd = ref.prefix().length();
                for (int i = 0; i < text.length(); i++) {
                    char original = text.charAt(i);
                    if (Character.isDigit(original)) {
                        for (char d = '0'; d <= '9'; d++) {
                            if (d != original) {
                                digitSubstitutions++;
                                assertRefused(replace(text, i, d));
                            }
                        }
                    } else if (i < prefixEnd) {
                        for (char l = 'A'; l <= 'Z'; l++) {
                            if (l == original) {
                                continue;
                            }
                            letterSubstitutions++;
                            String mistyped = replace(text, i, l);
                            String prefix = replace(ref.prefix(), i, l);
                            if (sharesOneDigit(original, l)) {
                                assertRefused(mistyped);
                            } else if (ReferenceNumber.isValid(mistyped)) {
                                unnoticed.add(mistyped);
                                assertThat(ReferenceNumber.parse(mistyped))
                                        .isEqualTo(ReferenceNumber.of(prefix, ref.year(), ref.sequence()))
                                        .isNotEqualTo(ref);
                            }
                        }
                    }
                }
                for (int i = 0; i + 1 < text.length(); i++) {
                    char a = text.charAt(i);
                    char b = text.charAt(i + 1);
                    if (a == b) {
                        continue;
                    }
                    swaps++;
                    String mistyped = text.substring(0, i) + b + a + text.substring(i + 2);
                    if (i + 1 < prefixEnd) {
                        if (ReferenceNumber.isValid(mistyped)) {
                            unnoticed.add(mistyped);
                            String prefix = mistyped.substring(0, prefixEnd);
                            assertThat(ReferenceNumber.parse(mistyped))
                                    .isEqualTo(ReferenceNumber.of(prefix, ref.year(), ref.sequence()))
                                    .isNotEqualTo(ref);
                        }
                    } else {
                        assertRefused(mistyped);
                    }
                }
            }
        }
        assertThat(digitSubstitutions).isGreaterThan(100_000);
        assertThat(letterSubstitutions).isGreaterThan(10_000);
        assertThat(swaps).isGreaterThan(10_000);
        // Damm does not catch every double-digit change: some prefix mistypes do go unnoticed
        assertThat(unnoticed).isNotEmpty().hasSizeLessThan(letterSubstitutions / 5);
    }

    /** True when the two letters' two-digit values (A=10..Z=35) agree in their tens or in their units. */
    private static boolean sharesOneDigit(char a, char b) {
        int x = a - 'A' + 10;
        int y = b - 'A' + 10;
        return x / 10 == y / 10 || x % 10 == y % 10;
    }

    private static String replace(String s, int i, char c) {
        return s.substring(0, i) + c + s.substring(i + 1);
    }

    /** Prefixes of every length, years across the range, sequences from 1 to 18 digits. */
    private static List<ReferenceNumber> references(Random random, int count) {
        List<ReferenceNumber> refs = new ArrayList<>(List.of(
                ReferenceNumber.of("FB", 2026, 1),
                ReferenceNumber.of("A", 1000, 999_999),
                ReferenceNumber.of("Z", 9999, 1_000_000),
                ReferenceNumber.of("ZZZZZ", 2099, 999_999_999_999_999_999L),
                ReferenceNumber.of("IST", 2030, 4_711_0815)));
        while (refs.size() < count) {
            StringBuilder prefix = new StringBuilder();
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                prefix.append((char) ('A' + random.nextInt(26)));
            }
            int year = 1000 + random.nextInt(9000);
            long bound = (long) Math.pow(10, 1 + random.nextInt(18));
            long sequence = 1 + Math.floorMod(random.nextLong(), bound - 1);
            refs.add(ReferenceNumber.of(prefix.toString(), year, sequence));
        }
        return refs;
    }

    private static void assertRefused(String text) {
        assertThatThrownBy(() -> ReferenceNumber.parse(text))
                .as("parse(\"%s\")", text)
                .isInstanceOfSatisfying(InvalidReferenceNumberException.class,
                        e -> assertThat(e.field()).isEqualTo("referenceNumber"));
        assertThat(ReferenceNumber.isValid(text)).as("isValid(\"%s\")", text).isFalse();
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
