package io.warden.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import io.warden.rules.auth.password.BcryptPasswordHasher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Warden's own token service for backends without auth: issue, use, rotate, detect reuse, log out. */
class TokenServiceEndpointsTest {

    private static final String SECRET = "Vw8nQ2kT5xR9mL3pZ7cB1dF4hJ6sG0aY2eU8iO5tN3qW7rK9vM1xC4bL6zP8jD2s";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestUpstream upstream;
    private WardenFixture warden;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        Path users = Files.createTempFile("users", ".txt");
        String hash = new BcryptPasswordHasher(12, new SecureRandom()).hash("correct horse battery".toCharArray());
        Files.writeString(users, "# warden hash-password writes these lines\nalice:" + hash + "\n");
        Path config = Files.createTempFile("tokens", ".yaml");
        Files.writeString(config, """
                auth:
                  tokenService:
                    enabled: true
                    usersFile: %s
                routes:
                  - path: /api/me
                    auth: required
                """.formatted(users));
        warden = WardenFixture.start(upstream.url(), List.of(config), Map.of("SECURITY_JWT_SECRET_KEY", SECRET),
                "rateLimit.allowList=[]");
    }

    @AfterEach
    void stop() {
        warden.close();
        upstream.close();
    }

    @Test
    void issueUseRotateDetectReuseAndLogOut() throws Exception {
        var issued = post("/auth/token", "{\"username\":\"alice\",\"password\":\"correct horse battery\"}");
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("cache-control")).hasValue("no-store");
        JsonNode tokens = JSON.readTree(issued.body());
        String access = tokens.path("access_token").asText();
        String refresh = tokens.path("refresh_token").asText();

        assertThat(get("/api/me", access).statusCode()).as("the access token opens a required route").isEqualTo(200);
        assertThat(upstream.last().header("X-Warden-Subject")).isEqualTo("alice");

        var rotated = post("/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newRefresh = JSON.readTree(rotated.body()).path("refresh_token").asText();
        String newAccess = JSON.readTree(rotated.body()).path("access_token").asText();
        assertThat(newRefresh).isNotEqualTo(refresh);

        var reused = post("/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}");
        assertThat(reused.statusCode()).as("a dead refresh token is refused").isEqualTo(401);
        assertThat(post("/auth/refresh", "{\"refresh_token\":\"" + newRefresh + "\"}").statusCode())
                .as("its reuse revoked the whole family (token theft)").isEqualTo(401);
        assertThat(get("/api/me", newAccess).statusCode()).as("the family's access tokens die too").isEqualTo(401);

        var again = JSON.readTree(post("/auth/token",
                "{\"username\":\"alice\",\"password\":\"correct horse battery\"}").body());
        var logout = post("/auth/logout", "{\"refresh_token\":\"" + again.path("refresh_token").asText() + "\"}");
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(get("/api/me", again.path("access_token").asText()).statusCode()).isEqualTo(401);
        assertThat(upstream.received()).as("the token endpoints never reach the backend")
                .noneMatch(r -> r.uri().startsWith("/auth/"));
    }

    @Test
    void wrongPasswordsAndUnknownUsersLookTheSameAndFeedTheLockout() throws Exception {
        var wrong = post("/auth/token", "{\"username\":\"alice\",\"password\":\"nope\"}");
        var unknown = post("/auth/token", "{\"username\":\"mallory\",\"password\":\"nope\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body().replaceAll("\"requestId\":\"[^\"]+\"", ""))
                .as("the answer does not say whether the user exists")
                .isEqualTo(unknown.body().replaceAll("\"requestId\":\"[^\"]+\"", ""));
        for (int i = 0; i < 3; i++) {
            post("/auth/token", "{\"username\":\"alice\",\"password\":\"nope\"}");
        }
        assertThat(post("/auth/token", "{\"username\":\"alice\",\"password\":\"correct horse battery\"}")
                .statusCode()).as("five failed logins lock the address out").isEqualTo(403);
        assertThat(post("/auth/token", "not json").statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return warden.client().send(HttpRequest.newBuilder(warden.uri(path)).header("Content-Type", "application/json")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0").header("Accept", "*/*")
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return warden.client().send(HttpRequest.newBuilder(warden.uri(path)).header("Authorization", "Bearer " + token)
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0").header("Accept", "*/*")
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
    }
}
