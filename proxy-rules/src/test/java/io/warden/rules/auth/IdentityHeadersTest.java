package io.warden.rules.auth;

import io.warden.rules.config.AuthConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityHeadersTest {

    private final IdentityHeaders defaults = IdentityHeaders.of(AuthConfig.DEFAULT_IDENTITY_HEADERS);

    @Test
    void defaultListStripsWhatBackendsAndAuthProxiesTrust() {
        for (String spoofed : List.of("Remote-User", "x-remote-user", "X-User", "X-User-Id", "X-Forwarded-User",
                "X-Auth-Request-User", "X-Auth-Request-Email", "X-Authenticated-User", "X-Roles", "X-User-Groups",
                "X-Warden-Subject", "x-warden-roles", "X-Remote-Extra-Scopes", "X-Ms-Client-Principal-Name",
                "X-Amzn-Oidc-Identity", "X-Goog-Authenticated-User-Email")) {
            assertThat(defaults.matches(spoofed)).as("%s lets a client claim an identity", spoofed).isTrue();
        }
        for (String ordinary : List.of("Authorization", "Cookie", "User-Agent", "X-Request-ID", "X-Forwarded-For",
                "Content-Type")) {
            assertThat(defaults.matches(ordinary)).as("%s is not an identity header", ordinary).isFalse();
        }
    }

    @Test
    void wardenHeadersAreStrippedEvenFromACustomList() {
        IdentityHeaders custom = IdentityHeaders.of(List.of("X-Tenant-User"));
        assertThat(custom.matches("X-Warden-Subject")).as("only Warden may set X-Warden-*").isTrue();
        assertThat(custom.matches("X-Tenant-User")).isTrue();
        assertThat(custom.matches("X-User")).isFalse();
    }

    @Test
    void listsTheHeadersOfARequestToRemove() {
        var request = Fixtures.get("/api", "X-User", "admin", "Accept", "*/*", "X-Warden-Subject", "admin",
                "x-user", "root");
        assertThat(defaults.present(request.headers())).containsExactly("X-User", "X-Warden-Subject", "x-user");
    }
}
