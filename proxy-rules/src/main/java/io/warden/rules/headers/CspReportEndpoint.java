package io.warden.rules.headers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.config.CspConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.LocalResponder;
import io.warden.rules.pipeline.LocalResponse;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.GcraRule;
import io.warden.rules.ratelimit.RateLimitProbe;
import io.warden.rules.ratelimit.RateLimiter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Warden's own CSP report endpoint: browsers post violation reports to it, and each becomes a
 * {@link EventType#CSP_VIOLATION} event an operator can search before tightening or enforcing a
 * policy. It is answered locally, never forwarded, and it is an open door for anyone, so it is
 * narrow: POST only, the two report media types only, a small body, a rate per client address,
 * and a bounded number of reports per body.
 */
public final class CspReportEndpoint implements RequestCheck, LocalResponder {

    static final int MAX_REPORTS_PER_BODY = 20;
    private final String path;
    private final int maxBytes;
    private final GcraRule rule;
    private final RateLimiter limiter;
    private final ClientKeys keys;
    private final EventFactory events;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param limiter shared with nothing else: its keys are client addresses counted for reports only
     */
    public CspReportEndpoint(CspConfig config, RateLimiter limiter, ClientKeys keys, EventFactory events) {
        this.path = config.reportPath();
        this.maxBytes = config.maxReportBytes();
        this.rule = GcraRule.of(config.reportsPerMinute(), Duration.ofMinutes(1), config.reportsPerMinute());
        this.limiter = limiter;
        this.keys = keys;
        this.events = events;
    }

    @Override
    public Decision check(RequestContext request) {
        if (path == null || !path.equals(request.path())) {
            return Decision.proceed();
        }
        if (!"POST".equals(request.method())) {
            return Decision.reject(405, "method not allowed", event(request, EventType.INPUT_VALIDATION_FAILURE,
                    "csp report endpoint takes POST")).withHeader("Allow", "POST");
        }
        RateLimitProbe probe = limiter.tryAcquire(keys.addressKey(request.client()), rule);
        if (!probe.allowed()) {
            return Decision.reject(429, "too many reports", event(request, EventType.RATE_LIMIT_VIOLATION,
                    "csp reports over the per-address rate"))
                    .withHeader("Retry-After", Long.toString(probe.retryAfterSeconds()));
        }
        if (!isReportType(request.headers().get("Content-Type"))) {
            return Decision.reject(415, "unsupported report type", event(request, EventType.INPUT_VALIDATION_FAILURE,
                    "csp report with another media type"));
        }
        if (request.contentLength() > maxBytes) {
            return Decision.reject(413, "report too large", event(request, EventType.REQUEST_TOO_LARGE,
                    "csp report over the size limit")).closing();
        }
        return Decision.answer(this);
    }

    @Override
    public long maxBodyBytes() {
        return maxBytes;
    }

    @Override
    public LocalResponse respond(RequestContext request, RequestBody body) {
        List<CspViolation> reports;
        try {
            reports = body == null ? null : parse(json.readTree(body.bytes()));
        } catch (IOException e) {
            reports = null;
        }
        if (reports == null) {
            return LocalResponse.error(400, "invalid csp report", request.requestId(),
                    List.of(event(request, EventType.INPUT_VALIDATION_FAILURE, "csp report is not a report")));
        }
        List<SecurityEvent> raised = new ArrayList<>(reports.size());
        for (CspViolation report : reports) {
            raised.add(request.event(events, EventType.CSP_VIOLATION, ThreatLevel.LOW, report.details()));
        }
        return LocalResponse.empty(204, Map.of("Cache-Control", "no-store"), raised);
    }

    /** The reports in a body, or null when it is neither format. */
    static List<CspViolation> parse(JsonNode root) {
        List<CspViolation> out = new ArrayList<>();
        if (root == null) {
            return null;
        }
        if (root.isObject() && root.get("csp-report") != null && root.get("csp-report").isObject()) {
            out.add(CspViolation.fromLegacy(root.get("csp-report")));
            return out;
        }
        if (!root.isArray()) {
            return null;
        }
        for (JsonNode report : root) {
            if (out.size() == MAX_REPORTS_PER_BODY) {
                break;
            }
            JsonNode type = report.get("type");
            JsonNode body = report.get("body");
            if (type != null && "csp-violation".equals(type.asText()) && body != null && body.isObject()) {
                out.add(CspViolation.fromReportingApi(body));
            }
        }
        return out;
    }

    private static boolean isReportType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        // Older Firefox sends report-uri reports as application/json
        return type.equals("application/csp-report") || type.equals("application/reports+json")
                || type.equals("application/json");
    }

    private SecurityEvent event(RequestContext request, EventType type, String reason) {
        return request.event(events, type, ThreatLevel.LOW, Map.of("reason", reason));
    }
}
