package io.warden.rules.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigValuesTest {

    @Test
    void durationsReadAndWriteTheOperatorsSpelling() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThatThrownBy(() -> Durations.parse("5 parsecs")).hasMessageContaining("'5 parsecs'");
    }

    @Test
    void hostPortsIncludingIpv6() {
        assertThat(HostPort.parse("0.0.0.0:8080")).isEqualTo(new HostPort("0.0.0.0", 8080));
        assertThat(HostPort.parse("[::1]:9090")).isEqualTo(new HostPort("::1", 9090));
        assertThat(HostPort.parse(":8080").host()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> HostPort.parse("::1:9090")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> HostPort.parse("host:99999")).hasMessageContaining("port");
    }

    @Test
    void validationNamesEveryBadKeyAtOnce() {
        WardenConfig bad = ConfigFixtures.with(
                "environment", "production",
                "listen.http", null,
                "trustedProxies", java.util.List.of("300.1.1.1"),
                "limits.maxRequestBodyBytes", 0,
                "auth.jwtSecret", "too-short",
                "auth.loginPaths", java.util.List.of("no-slash"));
        assertThat(bad.validate()).extracting(ConfigProblem::key).contains(
                "listen", "trustedProxies[0]", "limits.maxRequestBodyBytes", "auth.jwtSecret", "auth.loginPaths[0]",
                "admin.token");
        assertThat(bad.validate().toString()).as("a secret is never echoed").doesNotContain("too-short");
    }

    @Test
    void redactedCopyHidesSecrets() {
        WardenConfig withSecrets = ConfigFixtures.with(
                "auth.jwtSecret", "s".repeat(40),
                "admin.token", "a".repeat(40),
                "redis.url", "redis://user:hunter2@cache:6379",
                "redis.password", "hunter2");
        String printed = withSecrets.redacted().toString();
        assertThat(printed).doesNotContain("ssss").doesNotContain("aaaa").doesNotContain("hunter2")
                .contains("<set, 40 characters>");
    }
}
