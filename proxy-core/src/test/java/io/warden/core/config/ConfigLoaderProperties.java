package io.warden.core.config;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever an operator writes, the loader answers with a configuration or a {@link ConfigException}
 * naming the key: never another exception, never a half-read configuration.
 */
class ConfigLoaderProperties {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Provide
    Arbitrary<List<ConfigLoader.Override>> overrides() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("environment", "dataDir", "listen.http",
                "listen.https", "upstream.url", "upstream.pool.maxConnections", "upstream.responseTimeout",
                "server.ioThreads", "server.headerTimeout", "server.maxConnections", "server.maxConnectionsPerAddress",
                "trustedProxies", "limits.maxRequestBodyBytes", "rateLimit.anonymousPerMinute", "rateLimit.allowList",
                "blocking.blockMinutes", "auth.jwtSecret", "auth.loginPaths", "inspection.mode", "inspection.paranoia",
                "websocket.maxConnectionsPerIp", "routes", "admin.token", "monitoring.retentionDays", "redis.url",
                "headers.csp", "logging.format", "tls.certificate", "nosuch.key", "server", "routes.0.path"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of("0", "-1", "1", "99999999999999999999", "1.5",
                        "true", "null", "~", "[]", "{}", "[", "{a:", "'", "\"", "10s", "-3m", "1y", "production",
                        "nonsense", "127.0.0.1:0", "http://", "ftp://x", "0.0.0.0/0", "[10.0.0.0/8, bad]",
                        "[{path: /a, auth: required}]", "[{path: '['}]", "[{}]", "!!java.lang.Runtime {}",
                        "&a [*a]", "{listen: {http: x}}", "\u0000", "a: b: c"),
                Arbitraries.strings().ofMaxLength(30));
        return Combinators.combine(keys, values, Arbitraries.of(true, false)).as(ConfigLoader.Override::new)
                .list().ofMaxSize(4);
    }

    @Property(tries = 1000)
    void anyOverrideGivesAConfigOrANamedProblem(@ForAll("overrides") List<ConfigLoader.Override> overrides) {
        try {
            assertThat(loader.load(List.of(), overrides)).isNotNull();
        } catch (ConfigException problem) {
            assertThat(problem.getMessage()).isNotBlank();
        }
    }
}
