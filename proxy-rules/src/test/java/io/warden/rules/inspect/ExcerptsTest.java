package io.warden.rules.inspect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExcerptsTest {

    @Test
    void excerptsAreShortAndEscaped() {
        String value = "x".repeat(500) + "' or 1=1\n--\u0000\u2028" + "y".repeat(500);
        String excerpt = Excerpts.around(value, 500);
        assertThat(excerpt.length()).as("events never carry more than a short cut-out").isLessThanOrEqualTo(Excerpts.MAX_LENGTH);
        assertThat(excerpt).as("control characters cannot forge log lines").doesNotContain("\n", "\u0000", "\u2028")
                .contains("\\n", "' or 1=1");
    }

    @Test
    void namesAreCut() {
        assertThat(Excerpts.name("a".repeat(100), 10)).hasSize(11).endsWith("…");
        assertThat(Excerpts.name("User-Agent", 48)).isEqualTo("User-Agent");
    }
}
