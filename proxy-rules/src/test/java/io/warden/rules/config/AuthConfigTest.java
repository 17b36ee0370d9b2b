package io.warden.rules.config;

import io.warden.rules.auth.AuthPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuthConfigTest {

    private static final String STRONG = "kR7u2-Xq9vLw4Zp0Tn8Ye3Bc6Hd1Jf5Gm_Qs2Vx7Ua";
    private static final String STRONG_64 = STRONG + "Lp4Wq8Zr1Tn6Yb3Vc9Xm2Kd";

    /** A copy of a record with some components replaced by name. */
    @SuppressWarnings("unchecked")
    static <R extends Record> R with(R base, Map<String, Object> changes) {
        try {
            RecordComponent[] components = base.getClass().getRecordComponents();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                String name = components[i].getName();
                values[i] = changes.containsKey(name) ? changes.get(name) : components[i].getAccessor().invoke(base);
            }
            Constructor<?> canonical = base.getClass().getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return (R) canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static AuthConfig auth(Map<String, Object> changes) {
        return with(AuthConfig.defaults(), changes);
    }

    private static List<ConfigProblem> problems(AuthConfig auth) {
        Problems p = new Problems();
        auth.validate(p);
        return p.list();
    }

    @Test
    void defaultsAreValidAndWithoutKeysRoutesDoNotCheckTokens() {
        assertThat(WardenConfig.defaults().validate()).isEmpty();
        assertThat(AuthPolicy.from(AuthConfig.defaults()).mode())
                .as("with no key, refusing every token would only break the backend").isEqualTo(AuthMode.NONE);
        assertThat(AuthConfig.defaults().warnings(Environment.DEVELOPMENT))
                .singleElement().asString().contains("no key is configured");
    }

    @Test
    void weakSecretsAreRefusedNamingTheKeyNeverTheSecret() {
        for (String weak : List.of("short-secret", "changemechangemechangemechangeme",
                "your-256-bit-secretyour-256-bit-secret")) {
            List<ConfigProblem> found = problems(auth(Map.of("jwtSecret", weak)));
            assertThat(found).as("secret %s", weak).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("auth.jwtSecret");
                assertThat(problem.toString()).as("a config message must never echo the secret").doesNotContain(weak);
            });
        }
        assertThat(problems(auth(Map.of("jwtSecret", STRONG)))).isEmpty();
    }

    @Test
    void productionWarnsBelow64CharactersWithoutEchoingTheSecret() {
        AuthConfig auth = auth(Map.of("jwtSecret", STRONG));
        assertThat(auth.warnings(Environment.PRODUCTION)).singleElement().asString()
                .contains("auth.jwtSecret", "64").doesNotContain(STRONG);
        assertThat(auth.warnings(Environment.STAGING)).isEmpty();
        assertThat(auth(Map.of("jwtSecret", STRONG_64)).warnings(Environment.PRODUCTION)).isEmpty();
    }

    @Test
    void algorithmNoneCannotBeConfigured() {
        assertThat(problems(auth(Map.of("jwtSecret", STRONG, "algorithms", List.of("HS256", "none")))))
                .singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("auth.algorithms[1]");
                    assertThat(p.message()).contains("never accepted");
                });
    }

    @Test
    void keysMustCoverTheAllowedAlgorithms() {
        assertThat(problems(auth(Map.of("jwtSecret", STRONG, "algorithms", List.of("HS256", "RS256")))))
                .extracting(ConfigProblem::message).containsExactly("RS256 needs auth.publicKeys or auth.jwks");
        assertThat(problems(auth(Map.of("publicKeys", List.of("/etc/warden/backend.pem")))))
                .extracting(ConfigProblem::message).containsExactly("HS256 needs auth.jwtSecret",
                        "auth.publicKeys or auth.jwks is set, but no RS or ES algorithm is allowed");
        assertThat(problems(auth(Map.of("publicKeys", List.of("/etc/warden/backend.pem"),
                "algorithms", List.of("RS256", "ES256"))))).isEmpty();
        assertThat(problems(auth(Map.of("mode", AuthMode.REQUIRED)))).extracting(ConfigProblem::key)
                .containsExactly("auth.mode");
    }

    @Test
    void jwksSourceIsOneOfFileOrHttpsUrl() {
        AuthConfig.JwksConfig both = new AuthConfig.JwksConfig("/etc/jwks.json", "https://id.example/jwks",
                Duration.ofMinutes(10), Duration.ofSeconds(30));
        AuthConfig.JwksConfig http = new AuthConfig.JwksConfig(null, "http://id.example/jwks",
                Duration.ofMinutes(10), Duration.ofSeconds(30));
        AuthConfig.JwksConfig local = new AuthConfig.JwksConfig(null, "http://127.0.0.1:8000/.well-known/jwks.json",
                Duration.ofMinutes(10), Duration.ofSeconds(30));
        List<String> rs = List.of("RS256");

        assertThat(problems(auth(Map.of("jwks", both, "algorithms", rs)))).extracting(ConfigProblem::key)
                .containsExactly("auth.jwks.url");
        assertThat(problems(auth(Map.of("jwks", http, "algorithms", rs)))).extracting(ConfigProblem::message)
                .as("keys fetched over plain http could be swapped in transit")
                .singleElement().asString().contains("https://");
        assertThat(problems(auth(Map.of("jwks", local, "algorithms", rs)))).isEmpty();
    }

    @Test
    void claimHeadersMustBeWardenHeadersSoClientCopiesAreStripped() {
        assertThat(problems(auth(Map.of("claimHeaders", Map.of("email", "X-User-Email")))))
                .singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("auth.claimHeaders.email"));
        assertThat(problems(auth(Map.of("claimHeaders", Map.of("email", "X-Warden-Email"))))).isEmpty();
    }

    @Test
    void otherKeysAreValidatedByName() {
        assertThat(problems(auth(Map.of("clockSkew", Duration.ofHours(1), "tokenHeader", "Bad Header",
                "realm", "say \"hi\"", "identityHeaders", List.of("X-User", "*"), "subjectClaim", " "))))
                .extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("auth.clockSkew", "auth.tokenHeader", "auth.realm",
                        "auth.identityHeaders[1]", "auth.subjectClaim");
    }

    @Test
    void tokenServiceNeedsAUsersFileAndTheSecret() {
        AuthConfig.TokenServiceConfig on = with(AuthConfig.TokenServiceConfig.defaults(), Map.of("enabled", true));
        assertThat(problems(auth(Map.of("tokenService", on)))).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("auth.tokenService.usersFile", "auth.tokenService.enabled");

        AuthConfig.TokenServiceConfig ready = with(on, Map.of("usersFile", "/etc/warden/users"));
        AuthConfig auth = auth(Map.of("jwtSecret", STRONG, "tokenService", ready));
        assertThat(problems(auth)).isEmpty();
        assertThat(ready.effectiveAccessTokenTtl(Environment.DEVELOPMENT)).isEqualTo(Duration.ofMinutes(30));
        assertThat(ready.effectiveAccessTokenTtl(Environment.PRODUCTION)).isEqualTo(Duration.ofMinutes(15));
        assertThat(ready.effectiveIssuer(auth)).isEqualTo("warden");

        AuthConfig.TokenServiceConfig mismatched = with(ready, Map.of("issuer", "warden"));
        assertThat(problems(auth(Map.of("jwtSecret", STRONG, "issuer", "https://backend.example",
                "tokenService", mismatched)))).extracting(ConfigProblem::key)
                .containsExactly("auth.tokenService.issuer");
    }

    @Test
    void roundTripsThroughJacksonAsTheLoaderBindsIt() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new ConfigModule());
        AuthConfig auth = auth(Map.of("jwtSecret", STRONG, "mode", AuthMode.REQUIRED,
                "claimHeaders", Map.of("email", "X-Warden-Email")));

        JsonNode tree = mapper.valueToTree(auth);
        assertThat(tree.get("mode").asText()).isEqualTo("required");
        assertThat(tree.get("clockSkew").asText()).isEqualTo("30s");
        assertThat(tree.path("tokenService").get("refreshTokenTtl").asText()).isEqualTo("7d");
        assertThat(mapper.treeToValue(tree, AuthConfig.class)).isEqualTo(auth);
    }

    @Test
    void redactedCopyHidesTheSecret() {
        AuthConfig redacted = auth(Map.of("jwtSecret", STRONG)).redacted();
        assertThat(redacted.toString()).doesNotContain(STRONG).contains("<set, " + STRONG.length() + " characters>");
    }
}
