package io.warden.rules.route.body;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.BodyCheck;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestContext;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Enforces a route's body rules on its JSON body: 422 naming the field and the rule, never the
 * value. The parser refuses duplicate keys (two parsers reading different values from one body is
 * how a check gets bypassed), deep nesting and absurd numbers.
 */
public final class BodyRuleCheck implements BodyCheck {

    private final EventFactory events;
    private final ObjectMapper json;

    public BodyRuleCheck(EventFactory events) {
        this.events = events;
        JsonFactory factory = JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64).maxNumberLength(64).maxStringLength(1 << 20).build())
                .build();
        this.json = new ObjectMapper(factory);
    }

    @Override
    public boolean wants(RequestContext request) {
        return request.route().body() != null;
    }

    @Override
    public long maxBufferedBytes(RequestContext request) {
        return Math.min(DEFAULT_MAX_BUFFERED_BYTES, request.route().maxBodyBytes());
    }

    @Override
    public Decision check(RequestContext request, RequestBody body) {
        if (!isJson(body.contentType())) {
            return Decision.reject(415, "unsupported media type", request.event(events,
                    EventType.INPUT_VALIDATION_FAILURE, ThreatLevel.LOW,
                    Map.of("reason", "body rules need a JSON body")));
        }
        JsonNode tree;
        try (JsonParser parser = json.createParser(body.bytes())) {
            tree = json.readTree(parser);
            if (parser.nextToken() != null) {
                return malformed(request, "trailing content after the JSON value");
            }
        } catch (StreamConstraintsException e) {
            return malformed(request, "JSON nesting, number or string over the limits");
        } catch (IOException e) {
            return malformed(request, e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? "duplicate field" : "not valid JSON");
        }
        BodyViolation violation = request.route().body().check(tree);
        if (violation == null) {
            return Decision.proceed();
        }
        return Decision.reject(422, violation.reason(), request.event(events, EventType.INPUT_VALIDATION_FAILURE,
                ThreatLevel.MEDIUM, Map.of("field", violation.field(), "rule", violation.rule())));
    }

    private Decision malformed(RequestContext request, String why) {
        return Decision.reject(400, "malformed JSON body", request.event(events, EventType.INPUT_VALIDATION_FAILURE,
                ThreatLevel.LOW, Map.of("reason", why)));
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }
}
