package io.warden.rules.inspect;

import io.warden.rules.config.InspectionMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.BodyCheck;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Injection detection in the pipeline: the head check reads path, query, user-data headers and
 * cookies; the body check reads JSON, form, multipart and text bodies. In {@code block} mode a
 * request whose score reaches the route's threshold gets 403, in {@code detect} mode it passes
 * and only the event is raised; a JSON body that does not parse gets 400 (in detect mode, an
 * event). Settings come per request from the route, through the function given.
 */
public final class InspectionCheck implements RequestCheck, BodyCheck {

    /** The reason a blocked client gets; it never echoes what was found. */
    public static final String BLOCK_REASON = "request blocked by inspection";

    private static final int MAX_EVENT_FINDINGS = 5;

    private final InspectionEngine engine;
    private final Function<RequestContext, InspectionSettings> settings;
    private final EventFactory events;

    public InspectionCheck(InspectionEngine engine, Function<RequestContext, InspectionSettings> settings,
                           EventFactory events) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Decision check(RequestContext request) {
        InspectionSettings s = settings.apply(request);
        if (s.mode() == InspectionMode.OFF) {
            return Decision.proceed();
        }
        return decide(request, s, engine.inspectHead(request, s));
    }

    @Override
    public boolean wants(RequestContext request) {
        return request.hasBody() && settings.apply(request).mode() != InspectionMode.OFF
                && InspectionEngine.inspectsBody(request.headers().get("Content-Type"));
    }

    @Override
    public Decision check(RequestContext request, RequestBody body) {
        InspectionSettings s = settings.apply(request);
        if (s.mode() == InspectionMode.OFF) {
            return Decision.proceed();
        }
        return decide(request, s, engine.inspectBody(request, body, s));
    }

    /** How much of this request's body the data plane buffers for {@link #check(RequestContext, RequestBody)}. */
    @Override
    public long maxBufferedBytes(RequestContext request) {
        return settings.apply(request).maxBodyBytes();
    }

    private Decision decide(RequestContext request, InspectionSettings s, InspectionVerdict verdict) {
        boolean block = s.mode() == InspectionMode.BLOCK;
        if (verdict.bodyProblem() != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", verdict.bodyProblem().reason());
            details.put("action", block ? "blocked" : "detected");
            SecurityEvent event = request.event(events, EventType.INPUT_VALIDATION_FAILURE, ThreatLevel.LOW, details);
            return block ? Decision.reject(400, verdict.bodyProblem().reason(), event)
                    : Decision.proceed(List.of(event));
        }
        if (!verdict.reaches(s.threshold())) {
            return Decision.proceed();
        }
        ThreatLevel level = verdict.score() >= s.criticalScore() ? ThreatLevel.CRITICAL
                : block ? ThreatLevel.HIGH : ThreatLevel.MEDIUM;
        SecurityEvent event = request.event(events, EventType.INJECTION_ATTEMPT, level,
                details(verdict, s, block));
        return block ? Decision.reject(403, BLOCK_REASON, event) : Decision.proceed(List.of(event));
    }

    private static Map<String, Object> details(InspectionVerdict verdict, InspectionSettings s, boolean block) {
        LinkedHashSet<String> rules = new LinkedHashSet<>();
        LinkedHashSet<String> classes = new LinkedHashSet<>();
        LinkedHashSet<String> locations = new LinkedHashSet<>();
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : verdict.findings()) {
            rules.add(f.ruleId());
            classes.add(f.attackClass().id());
            locations.add(f.location());
            if (findings.size() < MAX_EVENT_FINDINGS) {
                findings.add(Map.of("rule", f.ruleId(), "location", f.location(), "score", f.score(),
                        "excerpt", f.excerpt()));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", block ? "blocked" : "detected");
        details.put("score", verdict.score());
        details.put("threshold", s.threshold());
        details.put("paranoia", s.paranoia());
        details.put("rules", List.copyOf(rules));
        details.put("classes", List.copyOf(classes));
        details.put("locations", List.copyOf(locations));
        details.put("excerpt", verdict.findings().isEmpty() ? "" : verdict.findings().get(0).excerpt());
        details.put("findings", List.copyOf(findings));
        return details;
    }
}
