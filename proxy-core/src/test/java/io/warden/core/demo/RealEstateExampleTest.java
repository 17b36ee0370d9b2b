package io.warden.core.demo;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * conf/examples/real-estate.yaml, deployed as it ships, in front of the sample backend that
 * imitates the real one: the flows our first user's clients go through.
 */
class RealEstateExampleTest {

    private static final String SECRET = "q7Vd2LxP9sK4mW1eZrT8yB3nH6cJ0fGuA5iO2wE7tYv9RbN4kM1xQ8pL3sD6hF0j";
    private static final String ADMIN_TOKEN = "Zx4Rk9Lm2Qw7Tn5Vb8Hc3Jd6Fg1Sa0Pe";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DemoBackend backend;
    private static WardenFixture warden;

    @BeforeAll
    static void start() throws Exception {
        backend = DemoBackend.start("127.0.0.1", 0, SECRET);
        warden = WardenFixture.start("http://127.0.0.1:" + backend.port(),
                List.of(Path.of("..", "conf", "examples", "real-estate.yaml")),
                Map.of("SECURITY_JWT_SECRET_KEY", SECRET, "WARDEN_ADMIN_TOKEN", ADMIN_TOKEN));
    }

    @AfterAll
    static void stop() {
        warden.close();
        backend.close();
    }

    @Test
    void loginThenAnAuthenticatedRequest() throws Exception {
        var wrong = post("/api/auth/login", "{\"username\":\"agent@example.com\",\"password\":\"nope\"}", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        String token = login();
        var me = get("/api/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("agent@example.com");
    }

    @Test
    void aRouteThatNeedsAUserRefusesWithoutOne() throws Exception {
        var anonymous = get("/api/me", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        var spoofed = warden.client().send(HttpRequest.newBuilder(warden.uri("/api/me"))
                .header("X-Warden-Subject", "admin@example.com").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(spoofed.statusCode()).as("a client cannot claim an identity by header").isEqualTo(401);
    }

    @Test
    void forgedAndExpiredTokensAreRefused() throws Exception {
        String expired = JWT.create().withSubject("agent@example.com").withExpiresAt(Instant.now().minusSeconds(600))
                .sign(Algorithm.HMAC256(SECRET));
        assertThat(get("/api/me", expired).statusCode()).isEqualTo(401);
        String wrongKey = JWT.create().withSubject("agent@example.com").withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256("another-secret-another-secret-another-secret"));
        assertThat(get("/api/me", wrongKey).statusCode()).isEqualTo(401);
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"sub\":\"admin@example.com\",\"exp\":"
                + (Instant.now().getEpochSecond() + 600) + "}") + ".";
        var unsigned = get("/api/me", none);
        assertThat(unsigned.statusCode()).as("alg none is never accepted").isEqualTo(401);
        assertThat(unsigned.headers().firstValue("www-authenticate").orElse("")).contains("invalid_token");
    }

    @Test
    void identityHeadersFromClientsNeverReachTheBackend() throws Exception {
        String token = login();
        var response = warden.client().send(HttpRequest.newBuilder(warden.uri("/api/headers"))
                .header("Authorization", "Bearer " + token)
                .header("X-User", "admin").header("Remote-User", "admin").header("X-Warden-Subject", "admin")
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode seen = JSON.readTree(response.body()).path("headers");
        assertThat(seen.has("x-user")).isFalse();
        assertThat(seen.has("remote-user")).isFalse();
        assertThat(seen.path("x-warden-subject").asText()).as("only Warden's verified subject")
                .isEqualTo("agent@example.com");
    }

    @Test
    void commissionNeedsAUserAndSaneNumbers() throws Exception {
        String body = "{\"sale_price\": 500000, \"commission_rate\": 0.03}";
        assertThat(post("/api/commission", body, null).statusCode()).isEqualTo(401);
        String token = login();
        var ok = post("/api/commission", body, token);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("15000");
        var greedy = post("/api/commission", "{\"sale_price\": 500000, \"commission_rate\": 0.3}", token);
        assertThat(greedy.statusCode()).isEqualTo(422);
        assertThat(greedy.body()).contains("commission_rate").doesNotContain("0.3");
        assertThat(post("/api/commission", "{\"sale_price\": -1, \"commission_rate\": 0.03}", token).statusCode())
                .isEqualTo(422);
    }

    @Test
    void theBackendsDocsAreNotPublic() throws Exception {
        for (String path : List.of("/docs", "/docs/oauth2-redirect", "/openapi.json", "/redoc", "/OPENAPI.json",
                "/api/../docs", "/internal/debug")) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void freeChatTextAndTheStreamPassThrough() throws Exception {
        var chat = post("/api/chat", "{\"message\": \"Can you select the best homes and drop the ones under $500k?\"}",
                null);
        assertThat(chat.statusCode()).isEqualTo(200);
        var stream = warden.client().send(HttpRequest.newBuilder(warden.uri("/api/chat/stream?n=2")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("data: {\"token\":\"Three\"}");
        }
    }

    @Test
    void webSocketChatWithATokenInTheSubprotocol() throws Exception {
        String token = login();
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = warden.client().newWebSocketBuilder()
                .subprotocols("bearer", token)
                .buildAsync(URI.create("ws://127.0.0.1:" + warden.port() + "/ws/chat"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        socket.sendText("{\"message\":\"hello\"}", true);
        assertThat(reply.get(5, TimeUnit.SECONDS)).contains("hello");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    private static String login() throws Exception {
        var response = post("/api/auth/login",
                "{\"username\":\"" + DemoApi.DEMO_USER + "\",\"password\":\"" + DemoApi.DEMO_PASSWORD + "\"}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(warden.uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return warden.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(warden.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return warden.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
