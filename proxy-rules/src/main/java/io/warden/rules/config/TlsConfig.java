package io.warden.rules.config;

/**
 * @param certificate PEM certificate chain path
 * @param privateKey PEM private key path
 * @param requireHttps plain-HTTP requests are redirected to HTTPS
 */
public record TlsConfig(String certificate, String privateKey, boolean requireHttps) {

    public static TlsConfig defaults() {
        return new TlsConfig(null, null, false);
    }

    void validate(Problems p) {
        if ((certificate == null) != (privateKey == null)) {
            p.add(certificate == null ? "tls.certificate" : "tls.privateKey",
                    "tls.certificate and tls.privateKey go together");
        }
    }
}
