package io.warden.rules.monitor;

/** The metrics in a scrape format (Prometheus text) for {@code GET /metrics}. */
public interface MetricsExposition {

    String contentType();

    byte[] scrape();
}
