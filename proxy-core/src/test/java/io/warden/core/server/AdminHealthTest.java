package io.warden.core.server;

import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

import static org.assertj.core.api.Assertions.assertThat;

class AdminHealthTest {

    private static final String TOKEN = "test-admin-token-0123456789abcdefghij";

    @Test
    void healthSaysOnlyTheStatusWithoutAToken() throws Exception {
        try (TestUpstream upstream = new TestUpstream();
             WardenFixture warden = WardenFixture.start(upstream.url(), "admin.token=" + TOKEN)) {
            var anonymous = warden.client().send(HttpRequest.newBuilder(
                    warden.adminUri("/api/security/health")).build(), BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(200);
            assertThat(anonymous.body()).isEqualTo("{\"status\":\"ok\"}");

            var operator = warden.client().send(HttpRequest.newBuilder(warden.adminUri("/api/security/health"))
                    .header("Authorization", "Bearer " + TOKEN).build(), BodyHandlers.ofString());
            assertThat(operator.body()).contains("\"components\"").contains("\"dataPlane\"").contains("\"phase\":\"serving\"");

            var wrong = warden.client().send(HttpRequest.newBuilder(warden.adminUri("/api/security/health"))
                    .header("Authorization", "Bearer " + TOKEN + "x").build(), BodyHandlers.ofString());
            assertThat(wrong.body()).as("a wrong token gets no more than none").isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void unknownAdminPathsAre404InTheContractForm() throws Exception {
        try (TestUpstream upstream = new TestUpstream();
             WardenFixture warden = WardenFixture.start(upstream.url())) {
            var response = warden.client().send(HttpRequest.newBuilder(warden.adminUri("/nope")).build(),
                    BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("\"status\":404").contains("\"requestId\"");
        }
    }

    @Test
    void healthIs503WhileDraining() throws Exception {
        try (TestUpstream upstream = new TestUpstream()) {
            WardenFixture warden = WardenFixture.start(upstream.url());
            warden.warden().lifecycle().moveTo(Lifecycle.Phase.DRAINING);
            var response = warden.client().send(HttpRequest.newBuilder(
                    warden.adminUri("/api/security/health")).build(), BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("{\"status\":\"down\"}");
            warden.close();
        }
    }
}
