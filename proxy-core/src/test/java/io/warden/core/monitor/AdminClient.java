package io.warden.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.core.testing.WardenFixture;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** Calls a test Warden's admin API with its token. */
final class AdminClient {

    static final String TOKEN = "test-admin-token-0123456789abcdefghij";

    private final WardenFixture warden;
    private final ObjectMapper json = new ObjectMapper();

    AdminClient(WardenFixture warden) {
        this.warden = warden;
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return warden.client().send(HttpRequest.newBuilder(warden.adminUri(pathAndQuery))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return warden.client().send(HttpRequest.newBuilder(warden.adminUri(path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode postJson(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, body);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** Searches until the answer satisfies {@code done}: events reach the log a few milliseconds later. */
    JsonNode searchUntil(String query, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode last;
        do {
            last = getJson("/api/security/events/search?" + query);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("search '" + query + "' never matched; last answer: " + last);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    ObjectMapper json() {
        return json;
    }
}
