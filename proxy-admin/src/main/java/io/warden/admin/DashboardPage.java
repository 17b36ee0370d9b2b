package io.warden.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * {@code GET /}: the operator's dashboard, one self-contained page (no CDN: it works offline).
 * The page is public, its data is not: it asks for the admin token, keeps it in memory only,
 * and sends it as a bearer header, never in a URL. Its inline script and style run under a
 * strict CSP with a fresh nonce per response; it builds the page with text nodes only, so
 * attacker-chosen event fields cannot inject markup.
 */
final class DashboardPage implements AdminEndpoint {

    private static final String RESOURCE = "dashboard.html";
    private static final String NONCE = "{{nonce}}";

    private final String template;
    private final SecureRandom random = new SecureRandom();

    DashboardPage() {
        try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page is missing from the jar: " + RESOURCE);
            }
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        String csp = "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "'; "
                + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'none'";
        byte[] body = template.replace(NONCE, nonce).getBytes(StandardCharsets.UTF_8);
        return new AdminResponse(200, "text/html; charset=utf-8", body, Map.of("Content-Security-Policy", csp));
    }
}
