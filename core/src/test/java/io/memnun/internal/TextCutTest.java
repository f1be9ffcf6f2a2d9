package io.memnun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCutTest {
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void aTextWithinTheLimitIsKeptAndALongerOneIsCutBetweenCharacters() {
        assertThat(TextCut.prefix("abc", 3)).isEqualTo("abc");
        assertThat(TextCut.prefix("abcd", 3)).isEqualTo("abc");
        assertThat(TextCut.prefix("ab" + EMOJI, 3)).isEqualTo("ab");
        assertThat(TextCut.prefix("a" + EMOJI + "b", 3)).isEqualTo("a" + EMOJI);
        assertThat(TextCut.prefix("abc", 0)).isEmpty();
        assertThat(TextCut.prefix("abc", -2)).isEmpty();
    }
}
