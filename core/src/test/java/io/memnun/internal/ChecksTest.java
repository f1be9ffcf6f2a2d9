package io.memnun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memnun.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

    @Test
    void textAcceptsLineBreaksTabsAndPairedSurrogates() {
        String text = "Satır 1\r\nSatır 2\tsekme 😞 𝄞";
        assertThat(Checks.text(text, "f", 100)).isEqualTo(text);
    }

    @Test
    void textRefusesNullAndBlank() {
        assertProblem(() -> Checks.text(null, "f", 10), "f", "must not be blank");
        assertProblem(() -> Checks.text("", "f", 10), "f", "must not be blank");
        assertProblem(() -> Checks.text(" \n\t ", "f", 10), "f", "must not be blank");
    }

    @Test
    void textEnforcesTheLengthLimitExactly() {
        assertThat(Checks.text("a".repeat(10), "f", 10)).hasSize(10);
        assertProblem(() -> Checks.text("a".repeat(11), "f", 10), "f", "11 characters long, the limit is 10");
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009b'})
    void textRefusesControlCharactersOtherThanLineBreaksAndTab(char control) {
        assertProblem(() -> Checks.text("ab" + control + "c", "f", 10), "f",
                String.format("control character U+%04X at 2", (int) control));
    }

    @Test
    void textRefusesUnpairedSurrogates() {
        String emoji = "😞";
        char high = emoji.charAt(0);
        char low = emoji.charAt(1);
        assertProblem(() -> Checks.text("a" + high, "f", 10), "f", "unpaired surrogate at 1");
        assertProblem(() -> Checks.text("a" + high + "b", "f", 10), "f", "unpaired surrogate at 1");
        assertProblem(() -> Checks.text("a" + low + "b", "f", 10), "f", "unpaired surrogate at 1");
        assertProblem(() -> Checks.text("" + low + high, "f", 10), "f", "unpaired surrogate at 0");
        assertProblem(() -> Checks.text(emoji + high + high, "f", 10), "f", "unpaired surrogate at 2");
    }

    @Test
    void optionalTextTurnsNullAndBlankIntoNullAndChecksTheRest() {
        assertThat(Checks.optionalText(null, "f", 10)).isNull();
        assertThat(Checks.optionalText("  \n", "f", 10)).isNull();
        assertThat(Checks.optionalText(" x ", "f", 10)).isEqualTo(" x ");
        assertProblem(() -> Checks.optionalText("x\u0000", "f", 10), "f", "control character");
        assertProblem(() -> Checks.optionalText("x".repeat(11), "f", 10), "f", "limit is 10");
    }

    @Test
    void codeIsOneLineWithoutSurroundingWhiteSpace() {
        assertThat(Checks.code("ayşe yılmaz", "id", 64)).isEqualTo("ayşe yılmaz");
        assertProblem(() -> Checks.code(" x", "id", 64), "id", "white space");
        assertProblem(() -> Checks.code("x ", "id", 64), "id", "white space");
        assertProblem(() -> Checks.code("a\nb", "id", 64), "id", "single line");
        assertProblem(() -> Checks.code("a\rb", "id", 64), "id", "single line");
        assertProblem(() -> Checks.code("a\tb", "id", 64), "id", "single line");
        assertProblem(() -> Checks.code("a\u0000b", "id", 64), "id", "control character");
        assertProblem(() -> Checks.code(null, "id", 64), "id", "must not be blank");
        assertProblem(() -> Checks.code("x".repeat(65), "id", 64), "id", "limit is 64");
    }

    @Test
    void notNullAndArgumentNameTheField() {
        assertThat(Checks.notNull("x", "f")).isEqualTo("x");
        assertProblem(() -> Checks.notNull(null, "until"), "until", "is required");
        Checks.argument(true, "f", "never");
        assertProblem(() -> Checks.argument(false, "reason", "must be X"), "reason", "must be X");
    }

    private static void assertProblem(Runnable r, String field, String problem) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ")
                .hasMessageContaining(problem);
    }
}
