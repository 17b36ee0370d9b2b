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
        WardenConfig d = WardenConfig.defaults();
        WardenConfig bad = new WardenConfig(Environment.PRODUCTION, d.dataDir(), new ListenConfig(null, null),
                d.upstream(), d.server(), java.util.List.of("300.1.1.1"), d.tls(), new LimitsConfig(0),
                d.rateLimit(), d.blocking(), new AuthConfig("too-short", 5, java.util.List.of("no-slash")),
                d.inspection(), d.websocket(), d.routes(), d.admin(), d.monitoring(), d.redis(), d.logging());
        assertThat(bad.validate()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "listen", "trustedProxies[0]", "limits.maxRequestBodyBytes", "auth.jwtSecret", "auth.loginPaths[0]",
                "admin.token");
        assertThat(bad.validate().toString()).as("a secret is never echoed").doesNotContain("too-short");
    }

    @Test
    void redactedCopyHidesSecrets() {
        WardenConfig d = WardenConfig.defaults();
        WardenConfig withSecrets = new WardenConfig(d.environment(), d.dataDir(), d.listen(), d.upstream(),
                d.server(), d.trustedProxies(), d.tls(), d.limits(), d.rateLimit(), d.blocking(),
                new AuthConfig("s".repeat(40), 5, d.auth().loginPaths()), d.inspection(), d.websocket(),
                d.routes(), new AdminConfig("127.0.0.1:9090", "a".repeat(40)), d.monitoring(),
                new RedisConfig("redis://user:hunter2@cache:6379", "hunter2"), d.logging());
        String printed = withSecrets.redacted().toString();
        assertThat(printed).doesNotContain("ssss").doesNotContain("aaaa").doesNotContain("hunter2")
                .contains("<set, 40 characters>");
    }
}
