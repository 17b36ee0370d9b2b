package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One entry of {@code routes:}. Routes are tried in order against the request's method and its
 * normalised path; the first match wins, and a request no route matches gets the global settings.
 * Every key but {@code path} is optional and falls back to the global setting.
 *
 * @param name shown in events and logs; default the path pattern
 * @param path the pattern: exact ({@code /api/health}), {@code *} for one segment, {@code **} for any
 * @param methods the methods this route matches; empty or absent means any
 * @param deny refuse every request to this route with 403 (e.g. {@code /docs} in production)
 * @param allowedMethods requests with another method get 405; absent means any
 * @param contentTypes request bodies must have one of these media types, else 415
 * @param maxBodyBytes the largest body accepted here
 * @param auth none, optional or required
 * @param requiredClaims claims a verified token must carry: claim name to accepted values (any of)
 * @param rateLimit this route's own request-rate limit
 * @param body business rules on the JSON body
 * @param headers response-header settings of this route, laid over {@code headers:}
 * @param websocket how messages on WebSocket connections opened here are checked
 * @param inspection this route's injection inspection: mode, paranoia, body limit, exclusions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteConfig(String name, String path, List<String> methods, Boolean deny, List<String> allowedMethods,
                          List<String> contentTypes, Long maxBodyBytes, AuthMode auth,
                          Map<String, List<String>> requiredClaims, RouteRateLimitConfig rateLimit,
                          BodyRulesConfig body, HeaderOverrides headers, RouteWebSocketConfig websocket,
                          RouteInspectionConfig inspection) {

    /** The name events and logs show. */
    public String displayName() {
        return name != null ? name : path;
    }
}
