package io.memnun.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ali@example.com                 | ali@example.com",
        "ali.veli+etiket@example.com.tr  | ali.veli+etiket@example.com.tr",
        "o'brien@example.ie              | o'brien@example.ie",
        "a@b.co                          | a@b.co",
        "şükrü@örnek.com.tr              | şükrü@örnek.com.tr",
        "ÇAĞLA@ÖRNEK.COM.TR              | ÇAĞLA@örnek.com.tr",
        "Ali@Example.COM                 | Ali@example.com",
        "user@İstanbul.com.tr            | user@istanbul.com.tr",
        "ılık@IĞDIR.bel.tr               | ılık@iğdir.bel.tr",
        "用户@例子.广告                   | 用户@例子.广告",
        "x-1@sub-domain.example-1.com    | x-1@sub-domain.example-1.com",
        "ali@otel.xn--p1ai               | ali@otel.xn--p1ai",
        "ali@OTEL.XN--FIQS8S             | ali@otel.xn--fiqs8s",
        "ali@örnek.xn--p1ai              | ali@örnek.xn--p1ai",
    })
    void acceptsAddressesAndLowerCasesOnlyTheDomain(String typed, String stored) {
        EmailAddress email = EmailAddress.of(typed);
        assertThat(email.value()).isEqualTo(stored);
        assertThat(email).hasToString(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ali@example.com", "ÇAĞLA@ÖRNEK.COM.TR", "user@İstanbul.com.tr", "İ@İİ.İİ"})
    void theStoredValueIsItselfAValidAddress(String typed) {
        EmailAddress email = EmailAddress.of(typed);
        assertThat(new EmailAddress(email.value())).isEqualTo(email);
    }

    @Test
    void ofStripsSurroundingWhiteSpaceButTheConstructorDoesNot() {
        for (String typed : new String[] {"  ali@example.com\t", "ali@example.com\r\n", "\u2028ali@example.com"}) {
            assertThat(EmailAddress.of(typed)).isEqualTo(new EmailAddress("ali@example.com"));
            assertThatThrownBy(() -> new EmailAddress(typed)).isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void domainsDifferingOnlyInCaseAreEqual() {
        assertThat(EmailAddress.of("ali@EXAMPLE.com")).isEqualTo(EmailAddress.of("ali@example.COM"));
        assertThat(EmailAddress.of("ali@example.com")).isNotEqualTo(EmailAddress.of("ALI@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "ali", "@example.com", "ali@", "ali@@example.com", "ali@veli@example.com", "ali@example",
        "ali@.example.com", "ali@example..com", "ali@-example.com", "ali@example-.com", ".ali@example.com",
        "ali.@example.com", "al..i@example.com", "ali veli@example.com", "ali@exam ple.com", "ali@example.c",
        "ali@example.123", "ali@example.com.", "ali(yorum)@example.com", "<ali@example.com>", "ali@[127.0.0.1]",
        "ali@example.com\r\nBcc: kurban@example.com", "ali\r\n@example.com", "ali@example.com\nX", "ali\u0000@example.com",
        "ali@exa\u0007mple.com", "ali@example.com\u2028x", "ali@example\u00a0.com", "ali@example.xn--", "ali@example.xn-p1ai", "ali@example.x--p1ai", "ali@example.xn--p1ai-"
    })
    void refusesMalformedAddresses(String text) {
        assertRefused(text);
    }

    @Test
    void refusesOverLongPartsAndAcceptsTheLongestAllowed() {
        String local64 = "a".repeat(64);
        String label63 = "b".repeat(63);
        assertThat(EmailAddress.of(local64 + "@example.com").value()).startsWith(local64);
        assertThat(EmailAddress.of("ali@" + label63 + ".com").value()).contains(label63);
        assertRefused("a".repeat(65) + "@example.com");
        assertRefused("ali@" + "b".repeat(64) + ".com");
        String domain253 = ("c".repeat(62) + ".").repeat(4) + "dd";
        assertThat(domain253).hasSize(254);
        // a 253-character domain is a valid domain, but with any local part the address is over 254 characters
        assertRefused("a@" + domain253.substring(1));
        assertRefused("ali@" + domain253);
    }

    @Test
    void theMessageQuotesNothingOfTheTextSoItCannotInjectIntoLogsOrHeaders() {
        assertThatThrownBy(() -> EmailAddress.of("ali@example.com\r\nBcc: kurban@example.com"))
                .hasMessageNotContainingAny("\r", "\n", "ali", "kurban", "example");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ayse.yilmaz.example.com   | is not an e-mail address",
        "ayse..yilmaz@example.com  | has an invalid local part",
        "ayse.yilmaz@example       | has an invalid domain",
    })
    void theMessageNamesTheFieldAndTheRuleNotTheAddress(String text, String rule) {
        // messages end up in logs: an address is a person's, and the host that passed it has it in hand
        assertThatThrownBy(() -> EmailAddress.of(text))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("email"))
                .hasMessage("email: " + rule)
                .hasMessageNotContaining("yilmaz");
    }

    @Test
    void refusesAnAddressLongerThanSmtpAllows() {
        String local = "a".repeat(64);
        String domain = ("b".repeat(60) + ".").repeat(3) + "com"; // 186 characters, every label valid
        assertThat(EmailAddress.of(local + "@" + domain).value()).hasSize(251);
        assertRefused(local + "@" + "cde." + domain);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> EmailAddress.of(null)).isInstanceOf(NullPointerException.class);
    }

    private static void assertRefused(String text) {
        assertThatThrownBy(() -> EmailAddress.of(text))
                .as("'%s'", text)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("email"));
    }
    /** The hand check for ASCII parts says what the patterns say, on parts made mostly of what addresses contain. */
    @Test
    void theAsciiChecksAgreeWithThePatterns() {
        java.util.regex.Pattern local = java.util.regex.Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}");
        java.util.regex.Pattern domain =
                java.util.regex.Pattern.compile("(?=.{4,253}$)([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63}");
        String common = "abcxyzABZ0189.-";
        String rare = "!#$%&'*+/=?^_`{|}~@ \t\n\r\u0000\u007f\"(),:;<>[\\]";
        java.util.Random random = new java.util.Random(42);
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            int length = random.nextInt(8) == 0 ? random.nextInt(300) : random.nextInt(12);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                String from = random.nextInt(12) == 0 ? rare : common;
                sb.append(from.charAt(random.nextInt(from.length())));
            }
            String text = sb.toString();
            assertThat(EmailAddress.localShape(text)).as("local part '%s'", text).isEqualTo(local.matcher(text).matches());
            assertThat(EmailAddress.domainShape(text)).as("domain '%s'", text).isEqualTo(domain.matcher(text).matches());
            accepted += EmailAddress.domainShape(text) ? 1 : 0;
        }
        // labels at their limits, which random text seldom reaches
        for (String d : java.util.List.of("a".repeat(63) + ".com", "a".repeat(64) + ".com", "a." + "b".repeat(63), "a." + "b".repeat(64),
                ("a".repeat(61) + ".").repeat(4) + "co", ("a".repeat(62) + ".").repeat(4) + "co", "a-b.c-d.ef", "-ab.cd", "ab-.cd", "ab.c1",
                "ab.cd.", ".ab.cd", "ab..cd", "a.bc")) {
            assertThat(EmailAddress.domainShape(d)).as("domain '%s'", d).isEqualTo(domain.matcher(d).matches());
        }
        assertThat(accepted).as("the random domains include valid ones").isGreaterThan(100);
    }
}
