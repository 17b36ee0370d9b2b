package io.warden.rules.route;

import io.warden.rules.config.ConfigFixtures;
import io.warden.rules.config.ConfigProblem;
import io.warden.rules.config.WardenConfig;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private static final RouteTable TABLE = RouteTable.compile(ConfigFixtures.with("routes", List.of(
            Map.of("name", "health", "path", "/api/health"),
            Map.of("name", "admin", "path", "/api/admin/**", "deny", true),
            Map.of("name", "login", "path", "/api/auth/login", "methods", List.of("POST"),
                    "rateLimit", Map.of("perMinute", 10)),
            Map.of("name", "items", "path", "/api/*/items"),
            Map.of("name", "docs", "path", "/**/docs"),
            Map.of("name", "api", "path", "/api/**"))));

    @Test
    void firstMatchWinsInOrder() {
        assertThat(find("GET", "/api/health")).isEqualTo("health");
        assertThat(find("GET", "/api/users/items")).isEqualTo("items");
        assertThat(find("GET", "/api/users/items/7")).as("* is one segment only").isEqualTo("api");
        assertThat(find("GET", "/api/v2/docs")).isEqualTo("docs");
        assertThat(find("GET", "/docs")).as("** may match no segment").isEqualTo("docs");
        assertThat(find("GET", "/elsewhere")).isEqualTo("default");
        assertThat(find("GET", "/")).isEqualTo("default");
    }

    @Test
    void methodsSelectTheRoute() {
        assertThat(find("POST", "/api/auth/login")).isEqualTo("login");
        assertThat(find("GET", "/api/auth/login")).isEqualTo("api");
        assertThat(TABLE.find("POST", "/api/auth/login").rateLimit().limit()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin/users", "/API/%61dmin/users", "/api/x/../admin/users", "/api//admin/users/",
            "/api;jsessionid=1/admin/users", "/api%2fadmin/users", "/api%252fadmin%252fusers", "\\api\\admin\\users",
            "/./api/./admin/users", "/api/ADMIN/users", "/api/admin", "/api/admin/"})
    void spellingsCannotDodgeADeniedRoute(String path) {
        assertThat(TABLE.find("GET", path).denied()).as(path + " is the denied /api/admin/**").isTrue();
    }

    @Test
    void aPathWithNoSafeReadingIsRefused() {
        assertThat(TABLE.find("GET", "/api/%00/health").denyStatus()).isEqualTo(400);
        assertThat(TABLE.find("GET", "/api/%c0%ae%c0%ae/x").denyStatus()).as("overlong UTF-8").isEqualTo(400);
    }

    @Test
    void everyProblemNamesItsKey() {
        WardenConfig bad = ConfigFixtures.with("routes", List.of(
                Map.of("path", "/api/x*"),
                Map.of("path", "/a", "body", Map.of("fields", Map.of("id", Map.of("pattern", "([a-z")))),
                Map.of("path", "/b", "rateLimit", Map.of("burst", 3)),
                Map.of("path", "/c", "auth", "required"),
                Map.of("path", "/d", "body", Map.of("fields", Map.of("n", Map.of("type", "float")))),
                Map.of("name", "no path")));
        assertThat(RouteTable.problems(bad)).extracting(ConfigProblem::key).containsExactly(
                "routes[0].path", "routes[1].body.fields.id.pattern", "routes[2].rateLimit.perMinute",
                "routes[3].auth", "routes[4].body.fields.n.type", "routes[5].path");
    }

    @Test
    void manyNonAsciiCharactersBeforeAnEscapeDecodeWithoutOverflow() {
        // found by lookupNeverThrows: multi-byte characters used up the room an escape had left
        assertThat(TABLE.find("GET", "/ééé%41").name()).isEqualTo("default");
        assertThat(TABLE.find("GET", "/api/" + "日本".repeat(40) + "/%2e%2e/admin/x").denied()).isTrue();
    }

    @Property(tries = 2000)
    void lookupNeverThrows(@ForAll String path) {
        assertThat(TABLE.find("GET", path)).isNotNull();
    }

    @Property(tries = 2000)
    void aPlainPathReadInPlaceMatchesAsItsNormalisedForm(
            @ForAll("pathsOfRouteCharacters") String path) {
        String normalized = PathNormalizer.normalize(path);
        assertThat(TABLE.find("GET", path).name())
                .as("%s is matched in place; its normalised form is %s", path, normalized)
                .isEqualTo(normalized == null ? "invalid-path" : TABLE.find("GET", normalized).name());
    }

    @Property(tries = 20)
    void lookupTimeGrowsLinearlyWithThePath(@ForAll("pathsOfRouteCharacters") String unit) {
        // several ** in one pattern is where a backtracking matcher goes exponential
        RouteTable globs = RouteTable.compile(ConfigFixtures.with("routes", List.of(
                Map.of("name", "nested", "path", "/**/a/**/a/**/a/**/c"),
                Map.of("name", "docs", "path", "/**/docs/**"))));
        String big = "/a".repeat(20_000) + (unit.isEmpty() ? "/b" : unit);
        long start = System.nanoTime();
        globs.find("GET", big);
        assertThat((System.nanoTime() - start) / 1_000_000).as("20,000 segments in well under a second")
                .isLessThan(500);
    }

    @Provide
    Arbitrary<String> pathsOfRouteCharacters() {
        return Arbitraries.of("/", "//", "api", "API", "Admin", "items", "x", ".", "..", "docs", ";v=1", "%2e", "%2F",
                "\\", "Ä", "auth", "login").list().ofMaxSize(8).map(parts -> String.join("", parts));
    }

    private static String find(String method, String path) {
        return TABLE.find(method, path).name();
    }
}
