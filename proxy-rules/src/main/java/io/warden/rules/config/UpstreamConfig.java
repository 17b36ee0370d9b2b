package io.warden.rules.config;

import java.net.URI;
import java.time.Duration;

/**
 * @param url the backend, {@code http://} or {@code https://}
 * @param connectTimeout opening a connection to the upstream; past it the client gets 502
 * @param responseTimeout from the request sent to the response head received; past it, 504
 * @param streamIdleTimeout a started response that sends nothing for this long is cut
 * @param preserveHost forward the client's {@code Host} (true) or the upstream's own authority
 */
public record UpstreamConfig(String url, Duration connectTimeout, Duration responseTimeout,
                             Duration streamIdleTimeout, boolean preserveHost, UpstreamPoolConfig pool) {

    public static UpstreamConfig defaults() {
        return new UpstreamConfig("http://127.0.0.1:8000", Duration.ofSeconds(5), Duration.ofSeconds(60),
                Duration.ofMinutes(5), true, UpstreamPoolConfig.defaults());
    }

    /** The parsed URL; call only on a validated config. */
    public URI uri() {
        return URI.create(url);
    }

    public boolean tls() {
        return "https".equalsIgnoreCase(uri().getScheme());
    }

    public String host() {
        return uri().getHost();
    }

    public int port() {
        URI u = uri();
        return u.getPort() > 0 ? u.getPort() : tls() ? 443 : 80;
    }

    void validate(Problems p) {
        p.required("upstream.url", url);
        if (url != null) {
            p.check("upstream.url", () -> {
                URI u;
                try {
                    u = URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + url + "' is not a URL");
                }
                String scheme = u.getScheme();
                if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                    throw new IllegalArgumentException("must be an http:// or https:// URL, got '" + url + "'");
                }
                if (u.getHost() == null) {
                    throw new IllegalArgumentException("has no host: '" + url + "'");
                }
                if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !"/".equals(u.getRawPath())
                        || u.getRawQuery() != null) {
                    throw new IllegalArgumentException("must be scheme://host[:port] without a path, got '" + url + "'");
                }
            });
        }
        p.positive("upstream.connectTimeout", connectTimeout);
        p.positive("upstream.responseTimeout", responseTimeout);
        p.positive("upstream.streamIdleTimeout", streamIdleTimeout);
        p.required("upstream.pool", pool);
        if (pool != null) {
            pool.validate(p);
        }
    }
}
