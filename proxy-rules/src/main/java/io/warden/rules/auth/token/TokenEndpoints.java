package io.warden.rules.auth.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.LocalResponder;
import io.warden.rules.pipeline.LocalResponse;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The built-in token service's endpoints, answered by Warden itself: {@code POST /auth/token}
 * (username and password for an access and a refresh token), {@code POST /auth/refresh} (rotate)
 * and {@code POST /auth/logout} (revoke the family). Their answers block on bcrypt, so they run on
 * a worker; the password is cleared from memory once checked.
 */
public final class TokenEndpoints implements RequestCheck {

    public static final String TOKEN_PATH = "/auth/token";
    public static final String REFRESH_PATH = "/auth/refresh";
    public static final String LOGOUT_PATH = "/auth/logout";
    private static final long MAX_BODY = 8 * 1024;

    private final TokenService service;
    private final ObjectMapper json;
    private final EventFactory events;

    public TokenEndpoints(TokenService service, ObjectMapper json, EventFactory events) {
        this.service = service;
        this.json = json;
        this.events = events;
    }

    @Override
    public Decision check(RequestContext request) {
        String path = request.path();
        if (!path.equals(TOKEN_PATH) && !path.equals(REFRESH_PATH) && !path.equals(LOGOUT_PATH)) {
            return Decision.proceed();
        }
        if (!"POST".equals(request.method())) {
            return Decision.reject(405, "method not allowed", request.event(events, EventType.INPUT_VALIDATION_FAILURE,
                    ThreatLevel.LOW, Map.of("reason", "token endpoints take POST"))).withHeader("Allow", "POST");
        }
        return Decision.answer(new Responder(path));
    }

    private final class Responder implements LocalResponder {
        private final String path;

        Responder(String path) {
            this.path = path;
        }

        @Override
        public long maxBodyBytes() {
            return MAX_BODY;
        }

        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public LocalResponse respond(RequestContext request, RequestBody body) {
            Caller caller = new Caller(request.client().text(), request.requestId());
            JsonNode tree;
            try {
                tree = body == null ? null : json.readTree(body.bytes());
            } catch (IOException e) {
                tree = null;
            }
            if (tree == null || !tree.isObject()) {
                return LocalResponse.error(400, "malformed JSON body", request.requestId(), List.of(request.event(
                        events, EventType.INPUT_VALIDATION_FAILURE, ThreatLevel.LOW,
                        Map.of("reason", "token endpoint body is not a JSON object"))));
            }
            TokenOutcome outcome = switch (path) {
                case TOKEN_PATH -> login(tree, caller);
                case REFRESH_PATH -> service.refresh(new RefreshTokenRequest(text(tree, "refresh_token")), caller);
                default -> service.logout(new RefreshTokenRequest(text(tree, "refresh_token")), caller);
            };
            return answer(outcome, request.requestId());
        }

        private TokenOutcome login(JsonNode tree, Caller caller) {
            String password = text(tree, "password");
            char[] secret = password == null ? new char[0] : password.toCharArray();
            try {
                return service.issue(new LoginRequest(text(tree, "username"), secret), caller);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
    }

    private LocalResponse answer(TokenOutcome outcome, String requestId) {
        if (outcome instanceof TokenOutcome.Issued issued) {
            try {
                return new LocalResponse(200, Map.of("Cache-Control", "no-store", "Pragma", "no-cache"),
                        "application/json", json.writeValueAsBytes(issued.response()), issued.events());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a token response always serialises", e);
            }
        }
        if (outcome instanceof TokenOutcome.LoggedOut loggedOut) {
            return LocalResponse.empty(204, Map.of("Cache-Control", "no-store"), loggedOut.events());
        }
        TokenOutcome.Refused refused = (TokenOutcome.Refused) outcome;
        return LocalResponse.error(refused.status(), refused.reason(), requestId, refused.events());
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
