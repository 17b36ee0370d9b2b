package io.warden.rules.config;

import java.time.Duration;
import java.util.List;

/**
 * @param certificate PEM certificate chain path; in development, with {@code listen.https} and no
 *                    certificate, Warden makes a self-signed pair under the data directory
 * @param privateKey PEM private key path (PKCS#8, or PKCS#1/SEC1)
 * @param requireHttps plain-HTTP requests are redirected (308) to HTTPS
 * @param provider auto (OpenSSL when it loads, else the JDK), openssl or jdk
 * @param reloadInterval how often the certificate and key files are checked for a renewal
 * @param redirectPort the HTTPS port redirects name; null means the port of {@code listen.https}
 *                     (set it when a load balancer maps 443 to Warden's port)
 * @param redirectExemptPaths paths answered over plain HTTP even with {@code requireHttps}, for
 *                            health probes that cannot follow redirects
 */
public record TlsConfig(String certificate, String privateKey, boolean requireHttps, TlsProvider provider,
                        Duration reloadInterval, Integer redirectPort, List<String> redirectExemptPaths) {

    public static TlsConfig defaults() {
        return new TlsConfig(null, null, false, TlsProvider.AUTO, Duration.ofSeconds(30), null,
                List.of("/health", "/api/health"));
    }

    void validate(Problems p) {
        if ((certificate == null) != (privateKey == null)) {
            p.add(certificate == null ? "tls.certificate" : "tls.privateKey",
                    "tls.certificate and tls.privateKey go together");
        }
        p.required("tls.provider", provider);
        p.positive("tls.reloadInterval", reloadInterval);
        if (redirectPort != null && (redirectPort < 1 || redirectPort > 65535)) {
            p.add("tls.redirectPort", "must be a port within 1..65535, got " + redirectPort);
        }
        p.each("tls.redirectExemptPaths", redirectExemptPaths, path -> {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("must start with '/', got '" + path + "'");
            }
        });
    }
}
