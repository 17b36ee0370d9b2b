package io.warden.rules.websocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OriginsTest {

    @Test
    void originsCompareInOneSpelling() {
        assertThat(Origins.normalize("HTTPS://App.Example.com:443")).isEqualTo("https://app.example.com");
        assertThat(Origins.normalize("http://localhost:3000")).isEqualTo("http://localhost:3000");
        assertThat(Origins.canonicalOrNull("http://[::1]:8080")).isEqualTo("http://[::1]:8080");
        assertThat(Origins.canonicalOrNull("null")).as("sandboxed frames and file pages send 'null'").isNull();
        assertThat(Origins.canonicalOrNull("https://evil.example/path")).isNull();
        assertThat(Origins.canonicalOrNull("https://user@app.example.com")).isNull();
        assertThat(Origins.canonicalOrNull("chrome-extension://abc")).isNull();
    }

    @Test
    void aConfiguredOriginMustBeJustSchemeHostAndPort() {
        assertThatThrownBy(() -> Origins.normalize("app.example.com")).hasMessageContaining("'app.example.com'");
        assertThatThrownBy(() -> Origins.normalize("https://app.example.com/")).hasMessageContaining("no path");
        assertThatThrownBy(() -> Origins.normalize("https://app.example.com:99999")).isInstanceOf(
                IllegalArgumentException.class);
    }
}
