package io.warden.rules.auth;

import io.warden.rules.auth.jwt.LogSafe;
import io.warden.rules.auth.jwt.TokenVerifier;
import io.warden.rules.auth.jwt.VerificationResult;
import io.warden.rules.auth.jwt.VerifiedToken;
import io.warden.rules.config.AuthMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.Identity;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Authenticates a request by its bearer token, per the route's {@link AuthPolicy}:
 * <ul>
 *   <li>{@code none}: nothing is checked;</li>
 *   <li>{@code optional}: no token means anonymous; a token that is sent must be valid;</li>
 *   <li>{@code required}: no valid token, no entry.</li>
 * </ul>
 * A missing or invalid token gets 401 with an RFC 6750 {@code WWW-Authenticate: Bearer} challenge,
 * a valid token lacking a required claim 403. The client learns only that; the event says exactly
 * why. On success the request gets its {@link Identity} (which selects the authenticated rate-limit
 * tier), {@code X-Warden-Subject} and the configured claim headers for the upstream, and a token
 * taken from a WebSocket subprotocol or query is removed from the forwarded request.
 */
public final class AuthCheck implements RequestCheck {

    public static final String SUBJECT_HEADER = "X-Warden-Subject";
    public static final String CHALLENGE_HEADER = "WWW-Authenticate";
    static final String PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

    private final Function<RequestContext, AuthPolicy> policies;
    private final TokenVerifier verifier;
    private final ClaimHeaders claimHeaders;
    private final EventFactory events;
    private final String challenge;
    private final String invalidTokenChallenge;
    private final String insufficientScopeChallenge;

    /**
     * @param policies the policy of a request's route (core wires it to the route table)
     * @param realm {@code auth.realm}, already validated to need no escaping
     */
    public AuthCheck(Function<RequestContext, AuthPolicy> policies, TokenVerifier verifier, ClaimHeaders claimHeaders,
                     String realm, EventFactory events) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.claimHeaders = Objects.requireNonNull(claimHeaders, "claimHeaders");
        this.events = Objects.requireNonNull(events, "events");
        this.challenge = "Bearer realm=\"" + realm + "\"";
        this.invalidTokenChallenge = challenge + ", error=\"invalid_token\"";
        this.insufficientScopeChallenge = challenge + ", error=\"insufficient_scope\"";
    }

    @Override
    public Decision check(RequestContext request) {
        AuthPolicy policy = policies.apply(request);
        if (policy.mode() == AuthMode.NONE) {
            return Decision.proceed();
        }
        Extraction extraction = TokenExtractor.extract(request, policy.sources());
        if (extraction instanceof Extraction.Missing) {
            if (policy.mode() == AuthMode.OPTIONAL) {
                return Decision.proceed();
            }
            return reject(request, 401, "authentication required", challenge, EventType.AUTHENTICATION_FAILURE,
                    ThreatLevel.LOW, details("missing_token", "no token in any accepted source"));
        }
        if (extraction instanceof Extraction.Ambiguous ambiguous) {
            return reject(request, 401, "invalid token", invalidTokenChallenge, EventType.AUTHENTICATION_FAILURE,
                    ThreatLevel.MEDIUM, details("ambiguous_token", ambiguous.problem()));
        }
        Extraction.Found found = (Extraction.Found) extraction;
        VerificationResult result = verifier.verify(found.token(), policy.jwt());
        if (result instanceof VerificationResult.Invalid invalid) {
            Map<String, Object> details = details(invalid.failure().code(), invalid.detail());
            details.put("source", found.source().wireName());
            details.put("token", LogSafe.fingerprint(found.token()));
            if (invalid.keyRefreshRequested()) {
                details.put("keyRefreshRequested", true);
            }
            return reject(request, 401, "invalid token", invalidTokenChallenge, EventType.AUTHENTICATION_FAILURE,
                    invalid.failure().level(), details);
        }
        VerifiedToken token = ((VerificationResult.Valid) result).token();
        for (ClaimRequirement requirement : policy.requiredClaims()) {
            if (!requirement.satisfiedBy(token)) {
                Map<String, Object> details = details("missing_claim", "requires " + requirement.describe());
                details.put("subject", token.subject());
                if (token.jti() != null) {
                    details.put("jti", LogSafe.text(token.jti(), 64));
                }
                return reject(request, 403, "insufficient permissions", insufficientScopeChallenge,
                        EventType.AUTHORIZATION_FAILURE, ThreatLevel.MEDIUM, details);
            }
        }
        accept(request, token, found, policy.sources());
        return Decision.proceed();
    }

    private void accept(RequestContext request, VerifiedToken token, Extraction.Found found, TokenSources sources) {
        request.identity(new Identity(token.subject(), token.claims()));
        request.addUpstreamHeader(SUBJECT_HEADER, token.subject());
        claimHeaders.apply(token, request);
        if (!sources.stripWebSocket()) {
            return;
        }
        if (found.source() == TokenSource.QUERY) {
            String rest = QueryParameters.without(request.query(), TokenSources.QUERY_PARAMETER);
            request.rewriteUpstreamTarget(rest.isEmpty() ? request.path() : request.path() + "?" + rest);
        } else if (found.source() == TokenSource.WEBSOCKET_PROTOCOL) {
            request.removeUpstreamHeader(PROTOCOL_HEADER);
            var others = TokenExtractor.SubprotocolToken.find(request.headers()).others();
            if (!others.isEmpty()) {
                request.addUpstreamHeader(PROTOCOL_HEADER, String.join(", ", others));
            }
        }
    }

    private Decision reject(RequestContext request, int status, String reason, String challengeValue, EventType type,
                            ThreatLevel level, Map<String, Object> details) {
        return Decision.reject(status, reason, request.event(events, type, level, details))
                .withHeader(CHALLENGE_HEADER, challengeValue);
    }

    private static Map<String, Object> details(String reason, String detail) {
        Map<String, Object> details = new LinkedHashMap<>(8);
        details.put("reason", reason);
        details.put("detail", detail);
        return details;
    }
}
